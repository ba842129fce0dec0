"""Read a feed the way a person's calendar would: import it into khal and list what it shows."""

import os
import shutil
import subprocess

import pytest

KHAL_CONFIG = """\
[calendars]
[[agenda]]
path = {calendar}
type = calendar
[sqlite]
path = {database}
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = {zone}
local_timezone = {zone}
[default]
default_calendar = agenda
"""

needs_khal = pytest.mark.skipif(shutil.which("khal") is None, reason="the khal calendar client is not installed")


def khal_listing(feed, folder, zone, first_day, span):
    """Import `feed` (bytes) into a fresh khal calendar in `folder` and return `khal list` from `first_day` for `span`."""
    path = folder / "feed.ics"
    path.write_bytes(feed)
    (folder / "calendar").mkdir()
    config = folder / "khal.conf"
    config.write_text(KHAL_CONFIG.format(calendar=folder / "calendar", database=folder / "khal.db", zone=zone))
    environment = {**os.environ, "TZ": zone, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder)}

    def khal(*arguments):
        return subprocess.run(
            ["khal", "-c", str(config), *arguments], env=environment, capture_output=True, text=True, check=True
        ).stdout

    khal("import", "--batch", "-a", "agenda", str(path))
    return khal("list", "--format", "{start} {end} {title}", first_day, span)

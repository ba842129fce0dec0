"""Parse every iCal feed of the crawl with four parsers; any complaint, or a floating time, is a problem."""

import json
import subprocess
from pathlib import Path

import icalendar
import vobject

from validate.markup import write_pages
from validate.problems import Problem

HERE = Path(__file__).resolve().parent
NODE_CHECK = HERE / "feeds.mjs"
TIMED_PROPERTIES = ("DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED")
# The onsets of a VTIMEZONE's rules are local times by definition (RFC 5545, 3.6.5).
ZONE_RULES = ("STANDARD", "DAYLIGHT")


def check_with_icalendar(page):
    problems = []
    calendar = icalendar.Calendar.from_ical(page.body)
    for component in calendar.walk():
        problems.extend(f"{component.name}: {name}: {error}" for name, error in component.errors)
        for name in () if component.name in ZONE_RULES else TIMED_PROPERTIES:
            value = component.get(name)
            moment = getattr(value, "dt", None)
            if moment is not None and hasattr(moment, "hour") and moment.tzinfo is None:
                problems.append(f"{component.name} {component.get('UID')}: {name} is a floating time")
    missing = calendar.get_missing_tzids()
    if missing:
        problems.append(f"no VTIMEZONE for {', '.join(sorted(missing))}")
    return [Problem(page.where, "icalendar", message) for message in problems]


def check_with_vobject(page):
    try:
        vobject.readOne(page.body.decode("utf-8"), validate=True)
    except Exception as error:  # noqa: BLE001 - any complaint of the parser is what we report
        return [Problem(page.where, "vobject", f"{type(error).__name__}: {error}")]
    return []


def check_with_node_parsers(pages, folder):
    """Return what ical.js (Thunderbird's parser) and node-ical say of each feed."""
    files = write_pages(pages, folder, suffix=".ics")
    run = subprocess.run(["node", str(NODE_CHECK), *files], capture_output=True, text=True, timeout=300, check=False)
    if run.returncode not in (0, 1):
        return [Problem("feeds", "ical.js/node-ical", run.stderr.strip()[-2000:])]
    return [
        Problem(files[finding["file"]].where, finding["parser"], finding["message"])
        for finding in json.loads(run.stdout)
    ]


def check_feeds(pages, folder):
    feeds = [page for page in pages if page.content_type == "text/calendar" and page.status == 200]
    problems = []
    for page in feeds:
        problems += check_with_icalendar(page) + check_with_vobject(page)
    return problems + check_with_node_parsers(feeds, folder)

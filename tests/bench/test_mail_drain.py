"""The mail drain bench, with twenty messages and a one-second outage, on both queue storages."""

import re

from tests.bench.running import run_bench


def test_the_mail_drain_delivers_every_message_once_on_both_storages():
    printed = run_bench("mail_drain.py", "--messages", "20", "--outage", "1")
    # Each row: its label, then a column per storage (sqlite, redis) and the target, apart by two spaces or more.
    cells = {row[0]: row[1:] for row in (re.split(r"\s{2,}", line.strip()) for line in printed.splitlines())}

    assert cells["messages queued (send_mail, one commit)"] == ["20", "20"]
    assert cells["delivered (distinct Message-IDs)"] == ["20", "20"]
    assert cells["duplicates"] == ["0", "0", "0"]
    assert cells["lost"] == ["0", "0", "0"]

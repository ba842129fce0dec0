"""Serve Workshop as one web host of a multi-host site, in a process of its own, unable to build an export.

    python tests/exports/web_host_that_cannot_build.py PORT      (settings from the WORKSHOP_* environment)

Every builder of the agenda's feed, JSON and PDF raises here, so that whatever this host sends of them
was built elsewhere (by a queue worker) and read from the volume the hosts share.
"""

import sys
from pathlib import Path

from werkzeug.serving import run_simple

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from workshop.exports import api, ical, pdf  # noqa: E402


def refuse_to_build(*arguments, **keywords):
    raise RuntimeError("a web host built an export itself")


ical.calendar_bytes = api.agenda_json = pdf.agenda_pdf = refuse_to_build

from wsgi import app  # noqa: E402

if __name__ == "__main__":
    run_simple("127.0.0.1", int(sys.argv[1]), app, threaded=True)

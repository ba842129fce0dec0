"""Build a forum's consolidated outcome (PDF and DOCX) on the queue, and tell the secretariat how far it has got.

Compiling 400 approved reports and laying them out takes far longer than a web request may, so a
web worker only ever sends what a build stored. The outcome page asks for the build of what the
reports hold now (their fingerprint, `reports.outcome.outcome_fingerprint`) and shows its progress;
a build claimed for a fingerprint is queued once, across hosts, like the agenda's exports. When
a report is approved or reopened the fingerprint changes: the next request queues a new build,
an older build still waiting finds its fingerprint stale and does nothing, and storing the new
files removes the old ones.
"""

import logging
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from workshop.core.filecache import cached_bytes, stored_bytes
from workshop.core.queue import enqueue_now, job, shared_storage
from workshop.exports.builds import take_claim
from workshop.extensions import db
from workshop.forums.logos import forum_face
from workshop.forums.models import Forum
from workshop.reports.outcome import consolidated_outcome, outcome_fingerprint

log = logging.getLogger(__name__)
# Reports compiled between two progress updates: a write to the queue's storage is cheap, not free.
PROGRESS_EVERY = 10
RETRY_AFTER_SECONDS = 15


@dataclass(frozen=True)
class OutcomeFile:
    """One file of the outcome: its extension, its type and its name on the page."""

    extension: str
    mimetype: str
    name: str


PDF = OutcomeFile("pdf", "application/pdf", _l("PDF"))
DOCX = OutcomeFile("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _l("Word (DOCX)"))
OUTCOME_FILES = (PDF, DOCX)


@dataclass(frozen=True)
class OutcomeProgress:
    """Where the build of the current outcome stands: `state` is ready, preparing or failed; `done` of `total` reports."""

    state: str
    done: int = 0
    total: int = 0
    stage: str = ""


def _folder(forum_id):
    return f"outcome-{forum_id}"


def _file_name(fingerprint, language, outcome_file):
    return f"outcome-{fingerprint}-{language}.{outcome_file.extension}"


def claim_key(forum_id, fingerprint, language):
    return f"outcome-build|{forum_id}|{fingerprint}|{language}"


def progress_key(forum_id, fingerprint, language):
    return f"outcome-progress|{forum_id}|{fingerprint}|{language}"


def stored_outcome(forum, language, outcome_file, fingerprint=None):
    """Return the bytes of the outcome as the reports stand now, in `language`, or None if not built yet."""
    name = _file_name(fingerprint or outcome_fingerprint(forum), language, outcome_file)
    return stored_bytes(current_app.config["EXPORT_DIR"], _folder(forum.id), name)


def request_outcome_build(forum, language):
    """Queue the build of the outcome as the reports stand now, unless it is queued, running or done; return its progress."""
    fingerprint = outcome_fingerprint(forum)
    if _all_stored(forum, language, fingerprint):
        return OutcomeProgress("ready")
    if take_claim(claim_key(forum.id, fingerprint, language)):
        enqueue_now(build_outcome_files, forum.id, fingerprint, language)
    return outcome_progress(forum, language, fingerprint)


def _all_stored(forum, language, fingerprint):
    return all(stored_outcome(forum, language, file, fingerprint) is not None for file in OUTCOME_FILES)


def outcome_progress(forum, language, fingerprint):
    """Return where the build of the outcome with this fingerprint stands."""
    if _all_stored(forum, language, fingerprint):
        return OutcomeProgress("ready")
    reported = shared_storage().get(progress_key(forum.id, fingerprint, language), peek=True)
    return OutcomeProgress("preparing", **(reported or {}))


@job(timeout=1800, preload=("workshop.exports.report_pdf", "workshop.exports.outcome_docx"))
def build_outcome_files(forum_id, fingerprint, language):
    """Build the forum's outcome on a queue worker."""
    return build_outcome(forum_id, fingerprint, language)


def build_outcome(forum_id, fingerprint, language):
    """Compile the forum's outcome and store it as PDF and DOCX, unless the reports changed since it was asked for."""
    forum = db.session.get(Forum, forum_id)
    if forum is None or outcome_fingerprint(forum) != fingerprint:
        return "superseded"
    storage = shared_storage()
    report = _progress_reporter(storage, progress_key(forum_id, fingerprint, language))
    try:
        with current_app.test_request_context("/", base_url=current_app.config["SITE_URL"]), force_locale(language):
            outcome = consolidated_outcome(forum, on_progress=lambda done, total: report(done, total, "compiling"))
            total = sum(len(group.reports) for group in outcome.groups)
            report(total, total, "pdf")
            _store(forum, fingerprint, language, PDF, lambda: _outcome_pdf(outcome, forum))
            report(total, total, "docx")
            _store(forum, fingerprint, language, DOCX, lambda: _outcome_docx(outcome, forum))
    except Exception:
        storage.delete(claim_key(forum_id, fingerprint, language))
        raise
    finally:
        storage.delete(progress_key(forum_id, fingerprint, language))
    log.info("Built the outcome of forum %d in %s (%d reports)", forum_id, language, total)
    return "built"


def _progress_reporter(storage, key):
    def report(done, total, stage):
        if stage != "compiling" or done == total or done % PROGRESS_EVERY == 0:
            storage.put(key, {"done": done, "total": total, "stage": stage})

    return report


def _outcome_pdf(outcome, forum):
    # WeasyPrint (about 45 MB) is imported by the process that renders, a queue worker.
    from workshop.exports import report_pdf

    return report_pdf.outcome_pdf(
        outcome, forum.title, static_folder=current_app.static_folder, face=forum_face(forum, inline=True)
    )


def _outcome_docx(outcome, forum):
    # python-docx and lxml (about 15 MB) likewise: a web worker only sends the stored file.
    from workshop.exports.outcome_docx import outcome_docx

    return outcome_docx(outcome, forum.title)


def _store(forum, fingerprint, language, outcome_file, build):
    """Store one file of the outcome; once it is there, the same file of an older outcome in that language goes."""
    suffix = f"-{language}.{outcome_file.extension}"
    cached_bytes(
        current_app.config["EXPORT_DIR"],
        _folder(forum.id),
        _file_name(fingerprint, language, outcome_file),
        build,
        superseded=lambda other_name: other_name.endswith(suffix),
    )

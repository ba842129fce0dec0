"""Build a release's heavy exports on the queue, once each, before readers ask for them.

The agenda PDF, the whole feed and the JSON agenda of a 400-session forum take from a tenth of a
second to seconds to build (docs/benchmarks.md). Publishing queues one build per (release, export,
language), the feed and JSON of every language ahead of the PDFs, and web workers only send what a
build stored: a reader who arrives before the build is done gets a short "being prepared" answer
with Retry-After instead of laying out a second copy inside a web worker.

A build is claimed in the queue's own storage, which every host and worker shares, so one already
queued or running is not queued again; the claim goes when the build ends, and a periodic sweep
drops the claims of workers killed mid-build. A build whose release was superseded by the time it
runs does nothing. The queue's worker count bounds how many builds run at once. The files go to
EXPORT_DIR, on the volume the hosts share, so that any web host sends what any worker built.
"""

import logging
import time
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.core.collector import cycle_collector_paused
from workshop.core.filecache import cached_bytes, stored_bytes
from workshop.core.queue import crontab, enqueue_now, job, periodic_job, shared_storage
from workshop.exports import api, ical
from workshop.exports.conditional import release_etag
from workshop.exports.links import site_export_links
from workshop.extensions import db
from workshop.forums.logos import face_fingerprint, forum_face
from workshop.publishing.models import AgendaRelease
from workshop.publishing.release_view import Snapshot
from workshop.publishing.services import latest_release
from workshop.publishing.signals import release_published

log = logging.getLogger(__name__)
# Quick exports jump ahead of PDFs still waiting, an older release's ones included.
QUICK_PRIORITY = 10
PDF_PRIORITY = 0
CLAIM_PREFIX = "export-build|"


@dataclass(frozen=True)
class Prebuilt:
    """An export built on the queue: its kind (part of its ETag), its file extension and how it is built."""

    kind: str
    extension: str
    mimetype: str
    build: object
    retry_after_seconds: int
    name: str


@dataclass(frozen=True)
class BuildProgress:
    """Where one export of a release stands: ready to send, queued or being built, or not asked for yet."""

    export: Prebuilt
    language: str
    state: str


def _feed(release):
    return ical.calendar_bytes(
        release.forum.title,
        [ical.whole_agenda(Snapshot.from_stored(release))],
        site_export_links(),
        ical.app_event_cache(),
    )


def _json(release):
    return api.agenda_json(Snapshot.from_stored(release), site_export_links())


def _pdf(release):
    # WeasyPrint (about 45 MB) is imported by the process that renders, a queue worker.
    from workshop.exports import pdf

    return pdf.agenda_pdf(
        Snapshot.from_stored(release),
        links=site_export_links(),
        static_folder=current_app.static_folder,
        face=forum_face(release.forum, inline=True),
    )


FEED = Prebuilt("agenda.ics", "ics", "text/calendar", _feed, retry_after_seconds=2, name=_l("Calendar feed"))
JSON = Prebuilt("agenda.json", "json", "application/json", _json, retry_after_seconds=2, name=_l("JSON agenda"))
PDF = Prebuilt("agenda.pdf", "pdf", "application/pdf", _pdf, retry_after_seconds=10, name=_l("PDF agenda"))
PREBUILT = {export.kind: export for export in (FEED, JSON, PDF)}


def export_name(release, export, language):
    """Name the stored file of one export of a release in one language, as readers and builders both find it."""
    return release.cache_name(f"{release_etag(export.kind, [release], language)}.{export.extension}")


def stored_export(release, export, language):
    """Return the bytes a build stored for this release, export and language, or None if it is not ready."""
    return stored_bytes(current_app.config["EXPORT_DIR"], release.cache_folder, export_name(release, export, language))


def previous_stored_export(release, export, language):
    """Return the release before `release` and its stored export in `language`, or None if it has none stored.

    A release's file stays until the next release's build replaces it, so it is there while that build runs.
    """
    previous = db.session.scalar(
        select(AgendaRelease)
        .where(AgendaRelease.forum_id == release.forum_id, AgendaRelease.number < release.number)
        .order_by(AgendaRelease.number.desc())
        .limit(1)
    )
    body = stored_export(previous, export, language) if previous is not None else None
    return (previous, body) if body is not None else None


def claim_key(release, export, language):
    """Name the claim on one build in the queue's storage; the publication time keeps databases apart.

    The forum's face is part of it: a new logo or colour asks for a new build of the same release.
    """
    return f"{CLAIM_PREFIX}{release.cache_key}|{face_fingerprint(release.forum)}|{export.kind}|{language}"


def request_build(release, export, language):
    """Queue the build of one export unless it is stored, queued or running already; tell whether it was queued."""
    if stored_export(release, export, language) is not None:
        return False
    claimed = take_claim(claim_key(release, export, language))
    if claimed:
        builder = build_quick_export if export is not PDF else build_pdf_export
        enqueue_now(builder, release.id, export.kind, language)
    return claimed


def take_claim(key):
    """Claim a build in the queue's shared storage; tell whether this caller holds it and should queue the build.

    A claim older than any build could take (a worker killed in the middle) is dropped and taken again.
    """
    storage = shared_storage()
    if storage.put_if_empty(key, time.time()):
        return True
    since = storage.get(key, peek=True)
    if since is None or time.time() - since < current_app.config["EXPORT_BUILD_TIMEOUT"]:
        return False
    storage.delete(key)
    return storage.put_if_empty(key, time.time())


def request_every_build(release):
    """Queue every export of a release in every language: the feeds and JSON first, then the PDFs."""
    languages = current_app.config["LANGUAGES"]
    for export in (FEED, JSON, PDF):
        for language in languages:
            request_build(release, export, language)


def build_progress(release):
    """Return where each export of `release` stands in each language, for the secretariat's publish page."""
    progress = []
    for export in (FEED, JSON, PDF):
        for language in current_app.config["LANGUAGES"]:
            if stored_export(release, export, language) is not None:
                state = "ready"
            elif shared_storage().get(claim_key(release, export, language), peek=True) is not None:
                state = "preparing"
            else:
                state = "not_asked"
            progress.append(BuildProgress(export, language, state))
    return progress


@job(priority=QUICK_PRIORITY, timeout=120)
def build_quick_export(release_id, kind, language):
    """Build the feed or the JSON agenda of a release in one language."""
    return build_export(release_id, kind, language)


@job(priority=PDF_PRIORITY, timeout=600, preload=("workshop.exports.pdf",))
def build_pdf_export(release_id, kind, language):
    """Build the agenda PDF of a release in one language."""
    return build_export(release_id, kind, language)


def build_export(release_id, kind, language):
    """Store one export of a release, as a reader at the site's address asking in `language` would get it.

    Does nothing for a release that is no longer its forum's latest: readers will never ask for it.
    On failure the claim is dropped, so that the next reader's request queues the build again.
    """
    release = db.session.get(AgendaRelease, release_id)
    if release is None:
        return "superseded"
    export = PREBUILT[kind]
    headers = {"Accept-Language": language}
    try:
        if latest_release(release.forum).id != release.id:
            return "superseded"
        # The collector's pass over the build's garbage (up to a quarter of a second after a 400-session PDF)
        # waits until the export is stored: readers get it first.
        with (
            current_app.test_request_context("/", base_url=current_app.config["SITE_URL"], headers=headers),
            cycle_collector_paused(),
        ):
            cached_bytes(
                current_app.config["EXPORT_DIR"],
                release.cache_folder,
                export_name(release, export, language),
                lambda: export.build(release),
                superseded=release.supersedes,
            )
    finally:
        # Built, superseded or failed, nothing is in flight any more: a reader finds the file or queues it again.
        shared_storage().delete(claim_key(release, export, language))
    log.info("Built %s of release %d in %s", kind, release.id, language)
    return "built"


@periodic_job(crontab(minute="*/15"))
def sweep_stale_claims():
    """Drop the build claims of workers killed mid-build, which no reader of a later release would ever retake."""
    return drop_claims_older_than(time.time() - current_app.config["EXPORT_BUILD_TIMEOUT"])


def drop_claims_older_than(moment):
    """Drop every build claim taken before `moment` (a Unix time); return how many were dropped."""
    storage = shared_storage()
    stale = [
        key
        for key in storage.storage.result_items()
        if key.startswith(CLAIM_PREFIX) and (storage.get(key, peek=True) or 0) < moment
    ]
    for key in stale:
        storage.delete(key)
    return len(stale)


@release_published.connect
def queue_builds_after_publishing(app, release):
    """Queue the builds of a new release's exports as soon as it is published."""
    if app.config["WARM_EXPORTS_AFTER_PUBLISHING"]:
        request_every_build(release)

"""Every job the application declares runs on a real `flask queue work`, started as `make run` starts it.

The worker runs with its default worker type (no --worker-type), so that a job that cannot run there
fails here rather than on a site: document text extraction once failed on every daemonic worker
process, which may not start the limited child that reads a file. Each job is handed to the queue the
way the site hands it over (a form posted, a service called, the scheduler's call for periodic jobs)
and its effect is read in the database, on the upload volume or at an SMTP sink. A job declared
without a case here fails the first test: give it one.
"""

import contextlib
import io
import json
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tests.conftest import free_loopback_port
from tests.documents.samples import docx_bytes, pdf_bytes
from tests.documents.test_views import new_document_form, version_form, workspace_url
from tests.queue_workers import parent_of, running_worker, wait_for
from tests.reports.conftest import report_world  # noqa: F401 (fixture)
from tests.reports.test_outcome import approve
from tests.smtp_sinks import RestartableSink
from workshop.accounts.mail import Address, deliver_mail, send_mail
from workshop.accounts.models import ForumRoleName
from workshop.core import queue
from workshop.core.queue import enqueue_now, job_name, ping, shared_storage
from workshop.core.timezones import utcnow
from workshop.documents.models import Document, DocumentVersion, VersionComparison
from workshop.documents.services import prepare_version
from workshop.exports import builds, outcome_builds
from workshop.extensions import db
from workshop.forums.models import Forum
from workshop.programme.models import AppointmentRole, ForumSession
from workshop.publishing.models import AgendaRelease
from workshop.publishing.services import publish_release
from workshop.registration.digest import send_change_digests
from workshop.reports.models import ReportDeadline, ReportReminder
from workshop.reports.reminders import remind_late_rapporteurs

RENAMED = "South-South cooperation for development revised"
DRAFT_TITLE = "Horizontal partnerships paper"
DOCX_PARAGRAPH = "Trust comes first."
PDF_PARAGRAPH = "Equity comes next."
# The approved report's title, as the seed report gives it (tests/reports/conftest.py).
REPORT_TITLE = "The role of South-South cooperation for development"
# What a job may take on two shared cores before the test gives up on it (three PDFs and the outcome included).
SECONDS_FOR_EVERY_JOB = 120
CASES = {}


def case(job_function, expected):
    """Register how to hand `job_function` to the queue and what its effect must read once it has run."""

    def register(start):
        CASES[job_name(job_function)] = (start, expected)
        return start

    return register


def application_jobs():
    """Return the names of the jobs the application declares (test modules declare a few of their own)."""
    return {name for name, spec in queue._declared_jobs.items() if spec.function.__module__.startswith("workshop.")}


def test_every_declared_job_has_a_case_here():
    assert set(CASES) == application_jobs()


@dataclass
class Scene:
    """What the cases share: the web app that queues, its signed-in clients, the worker, the sink and the forums."""

    web: object
    worker: object
    sink: object
    report_world: object
    late_rapporteur: object
    sign_in: object
    started: dict = field(default_factory=dict)

    def client_of(self, user):
        client = self.web.test_client()
        self.sign_in(client, user)
        return client

    def once(self, name, start):
        """Start what several cases read (one publication feeds the builds and the digests) only once."""
        if name not in self.started:
            self.started[name] = start()
        return self.started[name]

    def messages_about(self, subject, to=None):
        """Return the messages the sink received whose subject says `subject` (a long subject comes folded)."""
        return [
            message
            for message in self.sink.messages
            if subject in " ".join(message["Subject"].split()) and to in (None, message["To"])
        ]


@case(ping, expected=True)
def answer_a_ping(scene):
    answer = enqueue_now(ping)
    return lambda: (reply := answer.get()) is not None and parent_of(reply["pid"]) == scene.worker.pid


@case(prepare_version, expected={"texts": [(1, True), (2, True)], "comparisons": [(1, 2, True)]})
def upload_a_docx_then_a_pdf(scene):
    world = scene.report_world
    facilitator = scene.client_of(world.facilitator)
    workspace = workspace_url(world)
    first = facilitator.post(
        f"{workspace}/new",
        data=new_document_form(docx_bytes(DRAFT_TITLE, [DOCX_PARAGRAPH]), "draft.docx", DRAFT_TITLE),
        content_type="multipart/form-data",
    )
    assert first.status_code == 302, first.get_data(as_text=True)
    document = db.session.scalar(select(Document).where(Document.title == DRAFT_TITLE))
    second = facilitator.post(
        f"{workspace}/{document.id}/versions",
        data=version_form(document, pdf_bytes(DRAFT_TITLE, [PDF_PARAGRAPH]), "draft.pdf"),
        content_type="multipart/form-data",
    )
    assert second.status_code == 302, second.get_data(as_text=True)
    document_id = document.id
    return lambda: prepared_versions(document_id)


def prepared_versions(document_id):
    """Return which versions hold their file's own paragraph as text, and which comparisons show the new one."""
    versions = db.session.scalars(
        select(DocumentVersion).where(DocumentVersion.document_id == document_id).order_by(DocumentVersion.number)
    ).all()
    paragraphs = {1: DOCX_PARAGRAPH, 2: PDF_PARAGRAPH}
    numbers = {version.id: version.number for version in versions}
    comparisons = db.session.scalars(
        select(VersionComparison).where(VersionComparison.newer_version_id.in_(numbers))
    ).all()
    return {
        "texts": [
            (version.number, version.prepared_at is not None and paragraphs[version.number] in version.extracted_text)
            for version in versions
        ],
        "comparisons": [
            (
                numbers[comparison.older_version_id],
                numbers[comparison.newer_version_id],
                any(PDF_PARAGRAPH in text for _kind, text in comparison.lines),
            )
            for comparison in comparisons
        ],
    }


def publish_the_renamed_session(scene):
    """Rename the session the report world's people take part in, and publish it from the secretariat's page."""
    world = scene.report_world
    db.session.get(ForumSession, world.session.id).title = RENAMED
    db.session.commit()
    response = scene.client_of(world.secretariat).post(
        f"/manage/{world.forum.slug}/releases", data={"status": "final", "note": ""}
    )
    assert response.status_code == 302
    return builds.latest_release(world.forum).id


def stored_exports_of(scene, exports):
    """Return, for each export kind and language, whether the built file holds what it should."""
    release_id = scene.once("publication", lambda: publish_the_renamed_session(scene))

    def read():
        release = db.session.get(AgendaRelease, release_id)
        stored = {}
        for export in exports:
            for language in scene.web.config["LANGUAGES"]:
                body = builds.stored_export(release, export, language)
                stored[(export.kind, language)] = body is not None and looks_built(export, body)
        return stored

    return read


def looks_built(export, body):
    if export is builds.PDF:
        return body.startswith(b"%PDF-")
    if export is builds.JSON:
        return RENAMED in json.dumps(json.loads(body), ensure_ascii=False)
    return body.startswith(b"BEGIN:VCALENDAR") and RENAMED.encode() in body.replace(b"\r\n ", b"")


def every_language(exports):
    return {(export.kind, language): True for export in exports for language in ("en", "es", "fr")}


@case(builds.build_quick_export, expected=every_language([builds.FEED, builds.JSON]))
def build_the_feed_and_json(scene):
    return stored_exports_of(scene, [builds.FEED, builds.JSON])


@case(builds.build_pdf_export, expected=every_language([builds.PDF]))
def build_the_pdfs(scene):
    return stored_exports_of(scene, [builds.PDF])


PEOPLE_OF_THE_SESSION = sorted(
    [
        "acosta@example.test",
        "childs@example.test",
        "facilitator@example.test",
        "kao@example.test",
        "oelissetche@eyp.org.ar",
    ]
)


@case(send_change_digests, expected=PEOPLE_OF_THE_SESSION)
def send_digests_of_the_renaming(scene):
    scene.once("publication", lambda: publish_the_renamed_session(scene))
    return lambda: sorted(message["To"] for message in scene.messages_about("What changed in your sessions"))


@case(deliver_mail, expected=1)
def send_a_password_reset(scene):
    send_mail(
        Address("reader@example.org", name="Reader"),
        _l("Reset your Workshop password"),
        "accounts/mail/password_reset.txt",
        link="http://localhost/account/password/set/token",
    )
    db.session.commit()
    return lambda: len(scene.messages_about("Reset your Workshop password", to="reader@example.org"))


@case(outcome_builds.build_outcome_files, expected={"pdf": True, "docx": True})
def compile_the_outcome(scene):
    forum_id = scene.report_world.forum.id
    outcome_builds.request_outcome_build(db.session.get(Forum, forum_id), "en")

    def read():
        forum = db.session.get(Forum, forum_id)
        pdf = outcome_builds.stored_outcome(forum, "en", outcome_builds.PDF)
        word = outcome_builds.stored_outcome(forum, "en", outcome_builds.DOCX)
        return {
            "pdf": pdf is not None and pdf.startswith(b"%PDF-"),
            "docx": word is not None
            and any(REPORT_TITLE in p.text for p in docx.Document(io.BytesIO(word)).paragraphs),
        }

    return read


@case(remind_late_rapporteurs, expected={"reminders noted": 1, "reminders mailed": 1})
def remind_the_late_rapporteur(scene):
    enqueue_now(remind_late_rapporteurs)
    rapporteur = scene.late_rapporteur
    return lambda: {
        "reminders noted": len(db.session.scalars(select(ReportReminder).filter_by(user_id=rapporteur.id)).all()),
        "reminders mailed": len(scene.messages_about("Your report of", to=rapporteur.email)),
    }


@case(builds.sweep_stale_claims, expected={"stale claim": None, "fresh claim": True})
def sweep_a_stale_claim(scene):
    storage = shared_storage()
    timeout = scene.web.config["EXPORT_BUILD_TIMEOUT"]
    stale, fresh = f"{builds.CLAIM_PREFIX}a worker killed mid-build", f"{builds.CLAIM_PREFIX}a build under way"
    storage.put(stale, time.time() - 2 * timeout)
    storage.put(fresh, time.time())
    enqueue_now(builds.sweep_stale_claims)
    return lambda: {
        "stale claim": storage.get(stale, peek=True),
        "fresh claim": storage.get(fresh, peek=True) is not None,
    }


@pytest.fixture
def late_rapporteur(create_forum, create_day, create_block, create_session, create_user, appoint):
    """Return a rapporteur whose report is due tomorrow and not written, in a forum that ended three days ago."""
    today = utcnow().date()
    forum = create_forum(title="A forum that just ended", start_date=today - timedelta(days=4), days=2, timezone="UTC")
    session = create_session(forum, create_block(create_day(forum), "09:00", "12:00"), "Late report", "09:00", "10:00")
    rapporteur = create_user("late@example.test", "Lee Late", roles={forum: [ForumRoleName.RAPPORTEUR]})
    appoint(session, rapporteur, AppointmentRole.RAPPORTEUR)
    db.session.add(ReportDeadline(forum=forum, due_on=today + timedelta(days=1)))
    db.session.commit()
    return rapporteur


@pytest.fixture
def approved_and_published(app, client, sign_in, report_world):  # noqa: F811 (the fixture imported above)
    """Approve the seed report and publish the forum's first release, with the queue still immediate."""
    approve(app, client, sign_in, report_world, report_world.session, report_world.rapporteur)
    publish_release(report_world.secretariat, report_world.forum, "preliminary")
    db.session.commit()
    return report_world


def test_every_declared_job_runs_on_the_default_worker_and_leaves_its_effect(
    make_app, database_url, tmp_path, sign_in, approved_and_published, late_rapporteur
):
    sink = RestartableSink(free_loopback_port())
    settings = {
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "CACHE_DIR": str(tmp_path / "worker-cache"),
        "SITE_URL": "http://localhost/",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": sink.port,
        "MAIL_FIRST_RETRY_SECONDS": 1,
    }
    queue_url = f"sqlite:///{tmp_path / 'queue.sqlite'}"
    web = make_app(QUEUE_IMMEDIATE=False, QUEUE_URL=queue_url, WARM_EXPORTS_AFTER_PUBLISHING=True)
    assert Path(web.config["UPLOAD_DIR"]) == tmp_path / "uploads", "the worker reads the web's upload volume"
    sink.start()
    try:
        with running_worker(queue_url, database_url, workers=2, **settings) as worker:
            scene = Scene(web, worker, sink, approved_and_published, late_rapporteur, sign_in)
            with web.app_context():
                effects = {name: start(scene) for name, (start, _expected) in CASES.items()}
            expected = {name: value for name, (_start, value) in CASES.items()}

            def observed():
                with web.app_context():
                    return {name: effect() for name, effect in effects.items()}

            # On time-out the assertions below say which effects are missing, not only that time ran out.
            with contextlib.suppress(AssertionError):
                wait_for(lambda: observed() == expected, "every job's effect", SECONDS_FOR_EVERY_JOB)
            assert worker.poll() is None, "the queue worker stopped"
            assert observed() == expected
    finally:
        sink.stop()

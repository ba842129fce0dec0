"""Fixtures for the exports: the concept note's agenda as a release snapshot, and export links."""

import copy
import io
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from tests.documents.samples import pdf_bytes
from workshop.accounts.models import ForumRoleName
from workshop.documents.models import Document, DocumentKind, SessionDocument
from workshop.documents.services import upload_version
from workshop.exports import pdf
from workshop.exports.links import ExportLinks
from workshop.extensions import db
from workshop.programme.models import AppointmentRole, BlockItem, ItemKind, SessionItem
from workshop.publishing.services import publish_release
from workshop.publishing.snapshot import stamp_revisions

from .agenda_samples import PUBLISHED_AT, build_bogota_snapshot


@pytest.fixture
def bogota_snapshot():
    """Return the concept note's agenda as the first release stamped it."""
    return stamp_revisions(build_bogota_snapshot(), None, PUBLISHED_AT.isoformat())


@pytest.fixture
def republish():
    """Return a callable that stamps an edited copy of a snapshot as the next release would."""

    def _republish(previous, edit, now):
        following = copy.deepcopy(previous)
        following.pop("cancelled")
        for entry in following["sessions"].values():
            entry.pop("sequence")
            entry.pop("last_modified")
        edit(following)
        return stamp_revisions(following, previous, now.isoformat())

    return _republish


@pytest.fixture
def links():
    """Return export links as a server at workshop.example.org would build them."""
    return ExportLinks(
        uid_host="workshop.example.org",
        address="https://workshop.example.org/",
        session_url=lambda slug, session_id: f"https://workshop.example.org/f/{slug}/sessions/{session_id}",
        document_url=lambda slug, document_id: f"https://workshop.example.org/f/{slug}/documents/{document_id}",
        version_url=lambda slug, document_id, number: (
            f"https://workshop.example.org/f/{slug}/documents/{document_id}/versions/{number}/download"
        ),
    )


@pytest.fixture
def publish(app):
    """Return a callable that publishes the forum's programme as the next release, as the secretariat would."""

    def _publish(forum, actor=None, status="preliminary"):
        release = publish_release(actor, forum, status)
        db.session.commit()
        return release

    return _publish


@pytest.fixture
def bogota_forum(
    create_forum, create_day, create_block, create_room, create_track, create_user, create_session, appoint, publish
):
    """Return the concept note's forum in the database, published once, with the people who run it."""
    forum = create_forum(
        slug="bogota-2011",
        title="Learning from South-South and Triangular Cooperation",
        subtitle="Sharing Knowledge for Development",
        city="Bogotá",
        country_code="CO",
        venue="Hotel Tequendama",
        start_date=date(2011, 9, 26),
        days=3,
        agenda_note="Agenda for September 28 will be sent in the coming days.",
    )
    first, second = create_day(forum), create_day(forum)
    create_day(forum, to_be_announced=True)
    morning, afternoon, next_morning = (
        create_block(first, "09:00", "12:00"),
        create_block(first, "14:00", "18:00"),
        create_block(second, "09:00", "12:00"),
    )
    salon, sala = create_room(forum, "Salón Bogotá"), create_room(forum, "Sala São Paulo")
    track = create_track(forum, "Track 1 – Good practices")
    secretary = create_user(
        email="secretariat@example.test", name="Secretaría Técnica", roles={forum: [ForumRoleName.SECRETARIAT]}
    )
    munoz = create_user(email="munoz@example.test", name="Ana Muñoz", roles={forum: [ForumRoleName.FACILITATOR]})
    kouassi = create_user(
        email="kouassi@example.test", name="Awa Kouassi, Côte d'Ivoire", roles={forum: [ForumRoleName.RAPPORTEUR]}
    )
    outsider = create_user(email="outsider@example.test", name="Outsider")
    db.session.add(
        BlockItem(
            block=morning,
            kind=ItemKind.OPENING_REMARKS,
            title="Opening and welcome remarks",
            starts_at=morning.starts_at,
            ends_at=morning.starts_at + timedelta(minutes=15),
            room=salon,
        )
    )
    first_session = create_session(
        forum,
        morning,
        "Building good practices",
        "09:15",
        "12:00",
        room=salon,
        number="1",
        track=track,
        facilitators=[munoz],
    )
    second_session = create_session(
        forum, afternoon, "Producing policy recommendations for Busan", "14:00", "18:00", room=sala, number="2"
    )
    third_session = create_session(
        forum,
        next_morning,
        "How SSC is expected to be discussed at the Busan HLF4",
        "09:00",
        "10:30",
        room=salon,
        number="3",
        track=track,
    )
    appoint(first_session, kouassi, AppointmentRole.RAPPORTEUR)
    appoint(third_session, munoz, AppointmentRole.MODERATOR)
    db.session.add_all(
        [
            SessionItem(
                session=first_session,
                position=1,
                kind=ItemKind.KEYNOTE,
                title="Horizontal partnerships",
                speaker=kouassi,
                duration_minutes=5,
            ),
            SessionItem(session=first_session, position=2, kind=ItemKind.DEBATE, title="What the evidence says"),
        ]
    )
    paper = Document(forum=forum, title="Good practices paper", kind=DocumentKind.PAPER)
    db.session.add_all([paper, SessionDocument(session=first_session, document=paper, position=1)])
    db.session.commit()
    release = publish(forum, secretary)
    return SimpleNamespace(
        forum=forum,
        release=release,
        secretary=secretary,
        munoz=munoz,
        kouassi=kouassi,
        outsider=outsider,
        sessions=[first_session, second_session, third_session],
        rooms=[salon, sala],
        track=track,
        paper=paper,
    )


@pytest.fixture
def create_version(app):
    """Return a callable that uploads a PDF as a document's next version, as its facilitator would."""

    def _create_version(document, title, filename):
        version = upload_version(None, document, io.BytesIO(pdf_bytes(title)), filename, "preliminary")
        db.session.commit()
        return version

    return _create_version


@pytest.fixture
def count_renders(monkeypatch):
    """Count how often WeasyPrint is asked for a PDF."""
    calls = []
    original = pdf.render_pdf

    def counting(*arguments, **keywords):
        calls.append(arguments[0][:40])
        return original(*arguments, **keywords)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    return calls


@pytest.fixture
def pdf_html(monkeypatch):
    """Keep the HTML each PDF is laid out from.

    WeasyPrint (68) writes the document's language to the PDF but not the `lang` of its parts, so
    the parts are checked where we write them: in the HTML it is given.
    """
    pages = []
    original = pdf.render_pdf

    def keeping(html, *arguments, **keywords):
        pages.append(html)
        return original(html, *arguments, **keywords)

    monkeypatch.setattr(pdf, "render_pdf", keeping)
    return pages

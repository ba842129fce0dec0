"""A small world of two forums and one person per kind of actor, for the security tests.

Forum A (public) has a secretariat member, a facilitator of session S1, a facilitator of session S2,
a rapporteur of S1 and a participant; forum B has its own secretariat and the same parts; a site
administrator belongs to neither. Each forum has a tabled document with one uploaded version, an
organisation of its own, a coalition (with that organisation) to which S1 is\nrestricted, open registration and one published release; forum A's participant is registered. The world is written with the shared factories
of tests/factories/.
"""

import io
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import select

from tests.conftest import empty_all_tables
from tests.forums.logo_samples import CLEAN_SVG
from workshop.accounts.models import ForumRole, ForumRoleName
from workshop.accounts.tokens import make_password_token, make_unlock_token
from workshop.demo.sample_files import make_docx
from workshop.documents import services as document_services
from workshop.extensions import db
from workshop.forums.logos import upload_logo
from workshop.forums.models import GroupKind, GroupMember, ParticipantGroup
from workshop.programme.models import Appointment, AppointmentRole, ItemKind
from workshop.publishing.services import publish_release
from workshop.registration.models import Registration, RegistrationSettings
from workshop.registration.rules import RegistrationMode, RegistrationStatus
from workshop.reports import services as report_services
from workshop.reports.rules import REVISED_FIELDS

ACTORS = (
    "anonymous",
    "participant",
    "facilitator_other",
    "facilitator",
    "rapporteur",
    "secretariat_other_forum",
    "secretariat",
    "admin",
)

FORUM_DATE = date(2030, 11, 5)
SAMPLE_DOCX = make_docx("Draft paper", ["A paragraph of the draft."])


def blank_report(title):
    """Return the fields of a report in draft that holds nothing but its title."""
    return {
        **dict.fromkeys(REVISED_FIELDS, ""),
        "title": title,
        "women": None,
        "men": None,
        "other": None,
        "total": None,
    }


@dataclass
class ForumParts:
    """The ids of one forum's parts, keyed by the URL parameter names the routes use."""

    forum_id: int
    ids: dict


@dataclass
class World:
    users: dict
    forum_a: ForumParts
    forum_b: ForumParts
    extra_ids: dict = field(default_factory=dict)

    def user(self, actor):
        return self.users.get(actor)


def role_id(user, forum):
    return db.session.scalar(select(ForumRole.id).where(ForumRole.user_id == user.id, ForumRole.forum_id == forum.id))


def appointment_id(session, user):
    return db.session.scalar(
        select(Appointment.id).where(Appointment.session_id == session.id, Appointment.user_id == user.id)
    )


@pytest.fixture
def build_world(
    create_forum,
    create_user,
    create_day,
    create_block,
    create_room,
    create_track,
    create_session,
    create_item,
    create_loose_item,
    create_organisation,
    appoint,
):
    """Return a callable that writes both forums, their people and their first releases, and returns their ids."""

    def add_forum_parts(forum, secretariat, facilitator, other_facilitator, rapporteur):
        """Give a forum a day, block, two rooms, a track, S1 and S2 with items, appointments and a tabled draft."""
        block = create_block(create_day(forum), "09:00", "12:00", label="Morning")
        room, annex = create_room(forum, "Main room", 40), create_room(forum, "Annex", 20)
        track = create_track(forum, "Track", position=1)
        first = create_session(
            forum, block, f"{forum.slug} S1", "09:00", "10:00", room=room, track=track, facilitators=[facilitator]
        )
        second = create_session(
            forum, block, f"{forum.slug} S2", "10:00", "11:00", room=annex, facilitators=[other_facilitator]
        )
        if rapporteur is not None:
            appoint(first, rapporteur, AppointmentRole.RAPPORTEUR)
            report_services.save_report(rapporteur, first, None, [], **blank_report(f"{forum.slug} S1"))
        first_item = create_item(first, ItemKind.KEYNOTE, "Keynote", duration_minutes=5)
        loose_item = create_loose_item(block, "09:00", "09:15")
        version = document_services.table_new_document(
            secretariat,
            first,
            f"{forum.slug} draft paper",
            "paper",
            "en",
            io.BytesIO(SAMPLE_DOCX),
            "draft.docx",
            "preliminary",
        )
        organisation = create_organisation(f"Organisation of {forum.slug}", "", forum_id=forum.id)
        logo = upload_logo(secretariat, forum, "convener", io.BytesIO(CLEAN_SVG), f"Convener of {forum.slug}")
        # A coalition whose member is the forum's organisation, to which S1 is restricted; registration is open.
        coalition = ParticipantGroup(forum=forum, name=f"{forum.slug} coalition", kind=GroupKind.COALITION, position=6)
        member = GroupMember(group=coalition, organisation=organisation)
        first.restricted_to_group = coalition
        db.session.add_all([coalition, member, RegistrationSettings(forum=forum, mode=RegistrationMode.OPEN)])
        db.session.flush()
        publish_release(secretariat, forum, "preliminary")
        db.session.commit()
        return ForumParts(
            forum_id=forum.id,
            ids={
                "slug": forum.slug,
                "day_id": block.day_id,
                "block_id": block.id,
                "room_id": room.id,
                "track_id": track.id,
                "session_id": first.id,
                "other_session_id": second.id,
                "item_id": first_item.id,
                "loose_item_id": loose_item.id,
                "appointment_id": appointment_id(first, facilitator),
                "document_id": version.document_id,
                "number": version.number,
                "direction": "down",
                "organisation_id": organisation.id,
                "group_id": coalition.id,
                "member_id": member.id,
                "logo_id": logo.id,
            },
        )

    def _build_world():
        forum_a, forum_b = (
            create_forum(
                slug=slug, title=f"Forum {slug}", start_date=FORUM_DATE, days=1, timezone="UTC", is_public=True
            )
            for slug in ("forum-a", "forum-b")
        )
        users = {
            "secretariat": create_user("sec-a@example.test", roles={forum_a: [ForumRoleName.SECRETARIAT]}),
            "facilitator": create_user("fac-s1@example.test", roles={forum_a: [ForumRoleName.FACILITATOR]}),
            "facilitator_other": create_user("fac-s2@example.test", roles={forum_a: [ForumRoleName.FACILITATOR]}),
            "rapporteur": create_user("rap-a@example.test", roles={forum_a: [ForumRoleName.RAPPORTEUR]}),
            "participant": create_user("part-a@example.test", roles={forum_a: [ForumRoleName.PARTICIPANT]}),
            "secretariat_other_forum": create_user("sec-b@example.test", roles={forum_b: [ForumRoleName.SECRETARIAT]}),
            "admin": create_user("admin@example.test", is_admin=True),
        }
        facilitator_b = create_user("fac-b1@example.test", roles={forum_b: [ForumRoleName.FACILITATOR]})
        participant_b = create_user("fac-b2@example.test", roles={forum_b: [ForumRoleName.PARTICIPANT]})
        parts_a = add_forum_parts(
            forum_a, users["secretariat"], users["facilitator"], users["facilitator_other"], users["rapporteur"]
        )
        parts_b = add_forum_parts(forum_b, users["secretariat_other_forum"], facilitator_b, participant_b, None)
        db.session.add(
            Registration(
                forum=forum_a,
                user=users["participant"],
                email=users["participant"].email,
                name="part-a",
                status=RegistrationStatus.CONFIRMED,
                arrival_number=1,
                group=forum_a.participant_groups[0],
            )
        )
        db.session.commit()
        parts_a.ids["role_id"] = role_id(users["participant"], forum_a)
        parts_b.ids["role_id"] = role_id(participant_b, forum_b)
        return World(
            users=users,
            forum_a=parts_a,
            forum_b=parts_b,
            extra_ids={
                "password_token": make_password_token(users["participant"], "reset"),
                "unlock_token": make_unlock_token(users["participant"]),
                "feed_token": users["facilitator"].feed_token,
                # The participant list's export format (desk.export_participants).
                "kind": "xlsx",
            },
        )

    return _build_world


@pytest.fixture
def rebuild_world(build_world, migrated_tables):
    """Return a callable that empties the database and writes the world afresh."""

    def _rebuild_world():
        empty_all_tables(migrated_tables)
        return build_world()

    return _rebuild_world


@pytest.fixture
def world(build_world):
    return build_world()

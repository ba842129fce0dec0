"""A small world of two forums and one person per kind of actor, for the security tests.

Forum A (public) has a secretariat member, a facilitator of session S1, a facilitator of session S2,
a rapporteur of S1 and a participant; forum B has its own secretariat and the same parts; a site
administrator belongs to neither. Each forum has a tabled document with one uploaded version and
one published release. The world is written with few commits: it is rebuilt for many requests.
"""
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.conftest import empty_all_tables
from workshop.accounts.models import ForumRole, ForumRoleName, User
from workshop.accounts.tokens import make_password_token
from workshop.documents import services as document_services
from workshop.documents.sample_files import make_docx
from workshop.extensions import db
from workshop.forums.models import Forum, ForumDay, GroupKind, GroupMember, Organisation, ParticipantGroup, Room, TimeBlock, Track
from workshop.programme.models import Appointment, AppointmentRole, BlockItem, ForumSession, ItemKind, SessionItem
from workshop.publishing.services import publish_release
from workshop.registration.models import Registration, RegistrationSettings
from workshop.registration.rules import RegistrationMode, RegistrationStatus

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


def at(hour, minute=0):
    """Return an aware UTC datetime on the forums' first day (the forums run in UTC)."""
    return datetime.combine(FORUM_DATE, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=hour, minutes=minute)


def add_user(email, roles=(), is_admin=False, **fields):
    user = User(email=email, name=email.split("@")[0], is_admin=is_admin, **fields)
    db.session.add(user)
    for forum, role in roles:
        db.session.add(ForumRole(user=user, forum=forum, role=role))
    return user


def add_forum_parts(slug, secretariat, facilitator, other_facilitator, rapporteur):
    """Write a public forum with a day, block, two rooms, a track, S1 and S2 with items and appointments."""
    forum = Forum(slug=slug, title=f"Forum {slug}", start_date=FORUM_DATE, end_date=FORUM_DATE, timezone="UTC",
                  is_public=True)
    day = ForumDay(forum=forum, date=FORUM_DATE)
    block = TimeBlock(day=day, starts_at=at(9), ends_at=at(12), label="Morning")
    room, annex = Room(forum=forum, name="Main room", capacity=40), Room(forum=forum, name="Annex", capacity=20)
    track = Track(forum=forum, name="Track", position=1)
    first = ForumSession(forum=forum, block=block, title=f"{slug} S1", starts_at=at(9), ends_at=at(10), room=room,
                         track=track)
    second = ForumSession(forum=forum, block=block, title=f"{slug} S2", starts_at=at(10), ends_at=at(11), room=annex)
    first_item = SessionItem(session=first, position=0, kind=ItemKind.KEYNOTE, title="Keynote", duration_minutes=5)
    loose_item = BlockItem(block=block, kind=ItemKind.OPENING_REMARKS, title="Welcome", starts_at=at(9),
                           ends_at=at(9, 15))
    # A coalition with one member organisation, to which S1 is restricted.
    coalition = ParticipantGroup(forum=forum, name=f"{slug} coalition", kind=GroupKind.COALITION, position=6)
    member = GroupMember(group=coalition, organisation=Organisation(name=f"{slug} member"))
    first.restricted_to_group = coalition
    facilitation = Appointment(session=first, user=facilitator, role=AppointmentRole.FACILITATOR)
    appointments = [facilitation, Appointment(session=second, user=other_facilitator, role=AppointmentRole.FACILITATOR)]
    if rapporteur is not None:
        appointments.append(Appointment(session=first, user=rapporteur, role=AppointmentRole.RAPPORTEUR))
    settings = RegistrationSettings(forum=forum, mode=RegistrationMode.OPEN)
    db.session.add_all([forum, day, block, room, annex, track, first, second, first_item, loose_item, *appointments,
                        coalition, member, settings])
    db.session.flush()
    version = document_services.table_new_document(
        secretariat, first, f"{slug} draft paper", "paper", "en", io.BytesIO(SAMPLE_DOCX), "draft.docx", "preliminary",
    )
    return forum, ForumParts(forum_id=forum.id, ids={
        "slug": forum.slug,
        "day_id": day.id,
        "block_id": block.id,
        "room_id": room.id,
        "track_id": track.id,
        "session_id": first.id,
        "other_session_id": second.id,
        "item_id": first_item.id,
        "loose_item_id": loose_item.id,
        "appointment_id": facilitation.id,
        "group_id": coalition.id,
        "member_id": member.id,
        "document_id": version.document_id,
        "number": version.number,
        "direction": "down",
    })


def build_world():
    """Write both forums, their people and their first releases; return the ids the routes need."""
    users = {
        "secretariat": add_user("sec-a@example.test"),
        "facilitator": add_user("fac-s1@example.test"),
        "facilitator_other": add_user("fac-s2@example.test"),
        "rapporteur": add_user("rap-a@example.test"),
        "participant": add_user("part-a@example.test"),
        "secretariat_other_forum": add_user("sec-b@example.test"),
        "admin": add_user("admin@example.test", is_admin=True),
    }
    forum_b_facilitators = add_user("fac-b1@example.test"), add_user("fac-b2@example.test")
    forum_a, parts_a = add_forum_parts("forum-a", users["secretariat"], users["facilitator"],
                                       users["facilitator_other"], users["rapporteur"])
    forum_b, parts_b = add_forum_parts("forum-b", users["secretariat_other_forum"], *forum_b_facilitators, None)
    roles = [
        (users["secretariat"], forum_a, ForumRoleName.SECRETARIAT),
        (users["facilitator"], forum_a, ForumRoleName.FACILITATOR),
        (users["facilitator_other"], forum_a, ForumRoleName.FACILITATOR),
        (users["rapporteur"], forum_a, ForumRoleName.RAPPORTEUR),
        (users["participant"], forum_a, ForumRoleName.PARTICIPANT),
        (users["secretariat_other_forum"], forum_b, ForumRoleName.SECRETARIAT),
        (forum_b_facilitators[0], forum_b, ForumRoleName.FACILITATOR),
        (forum_b_facilitators[1], forum_b, ForumRoleName.PARTICIPANT),
    ]
    forum_roles = [ForumRole(user=user, forum=forum, role=role) for user, forum, role in roles]
    organisation = Organisation(name="Test Organisation", acronym="TO")
    registration = Registration(forum=forum_a, user=users["participant"], email=users["participant"].email,
                                name="part-a", status=RegistrationStatus.CONFIRMED, arrival_number=1,
                                group=forum_a.participant_groups[0])
    db.session.add_all([*forum_roles, organisation, registration])
    db.session.flush()
    publish_release(forum_a, users["secretariat"], "preliminary")
    publish_release(forum_b, users["secretariat_other_forum"], "preliminary")
    db.session.commit()
    parts_a.ids["role_id"] = forum_roles[4].id
    parts_b.ids["role_id"] = forum_roles[7].id
    return World(users=users, forum_a=parts_a, forum_b=parts_b, extra_ids={
        "organisation_id": organisation.id,
        "password_token": make_password_token(users["participant"], "reset"),
        "feed_token": users["facilitator"].feed_token,
    })


@pytest.fixture
def rebuild_world(app, migrated_tables):
    """Return a callable that empties the database and writes the world afresh."""

    def _rebuild_world():
        empty_all_tables(migrated_tables)
        return build_world()

    return _rebuild_world


@pytest.fixture
def world(app):
    return build_world()


@pytest.fixture
def sign_in():
    """Return a callable that marks a client as signed in as `user` (None: stay anonymous), skipping the form."""

    def _sign_in(client, user):
        with client.session_transaction() as session:
            session.clear()
            if user is not None:
                session["_user_id"] = str(user.id)
                session["_fresh"] = True

    return _sign_in

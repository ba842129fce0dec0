"""Choosing sessions: picking one where sessions run in parallel, dropping it, and the waiting list of a full session.

The lock order is the forum, then the registration, then sessions by id; every use case takes its
locks in that order, so two of them never wait for each other.
"""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.core.locking import hold_write_lock
from workshop.core.refusals import Refused
from workshop.extensions import db
from workshop.programme.models import ForumSession, SessionFormat
from workshop.publishing.release_view import Snapshot
from workshop.publishing.services import latest_release
from workshop.registration import rules, wording
from workshop.registration.mail import send_to_registrant
from workshop.registration.models import Registration, SessionChoice
from workshop.registration.queries import groups_of
from workshop.registration.rules import ChoiceStatus, Places


def timed(session):
    """Describe a session for the choice rules."""
    return rules.TimedSession(session.id, str(session), session.starts_at, session.ends_at)


def session_places(session):
    """Return how many places a session has and how many are taken."""
    capacity = rules.session_capacity(session.capacity, session.room.capacity if session.room else None)
    taken = db.session.scalar(
        select(func.count())
        .select_from(SessionChoice)
        .where(SessionChoice.session_id == session.id, SessionChoice.status == ChoiceStatus.CHOSEN)
    )
    return Places(capacity, taken)


def is_published(session):
    """Tell whether the session is on the forum's latest published agenda: people choose from what they can read."""
    release = latest_release(session.forum)
    return release is not None and session.id in Snapshot.from_stored(release).sessions


def choose_session(actor, registration, session):
    """Pick a session for a registered person: a place if there is one, else its waiting list; refuse a clash."""
    hold_write_lock(Registration, registration.id)
    hold_write_lock(ForumSession, session.id)
    db.session.expire_all()
    if not is_published(session):
        raise Refused(_l("This session is not on the published agenda."))
    refusals = rules.check_choice(
        rules.Choosing(
            status=registration.status,
            candidate=timed(session),
            is_plenary=session.format == SessionFormat.PLENARY,
            restricted_to=session.restricted_to_group_id,
            groups=groups_of(session.forum, registration.user, registration),
            chosen=tuple(timed(choice.session) for choice in registration.choices if choice.session is not None),
        )
    )
    if refusals:
        raise Refused(*[wording.choice_refused(refusal, session) for refusal in refusals])
    status = ChoiceStatus.CHOSEN if session_places(session).has_room else ChoiceStatus.WAITING
    choice = SessionChoice(
        registration=registration, session=session, status=status, arrival_number=_next_arrival_number(session)
    )
    db.session.add(choice)
    db.session.flush()
    return choice


def _next_arrival_number(session):
    latest = db.session.scalar(
        select(func.max(SessionChoice.arrival_number)).where(SessionChoice.session_id == session.id)
    )
    return (latest or 0) + 1


def drop_session(actor, registration, session):
    """Give up a chosen session (or its waiting list); a place freed goes to the first person waiting for it."""
    hold_write_lock(Registration, registration.id)
    hold_write_lock(ForumSession, session.id)
    db.session.expire_all()
    choice = next((choice for choice in registration.choices if choice.session_id == session.id), None)
    if choice is None:
        raise Refused(_l("You had not chosen this session."))
    _remove_choice(actor, choice)


def release_choices(actor, registration):
    """Give up every session of a registration that is being cancelled; the caller holds the registration's forum."""
    hold_write_lock(Registration, registration.id)
    for choice in sorted(registration.choices, key=lambda choice: choice.session_id):
        hold_write_lock(ForumSession, choice.session_id)
        _remove_choice(actor, choice)


def _remove_choice(actor, choice):
    session, held_a_place = choice.session, choice.status == ChoiceStatus.CHOSEN
    choice.registration.choices.remove(choice)
    db.session.flush()
    if held_a_place and session is not None:
        promote_in_session(actor, session)


def promote_in_session(actor, session):
    """Give a session's free places to the people on its waiting list, earliest first, and tell them."""
    waiting = db.session.scalars(
        select(SessionChoice).where(
            SessionChoice.session_id == session.id, SessionChoice.status == ChoiceStatus.WAITING
        )
    ).all()
    by_id = {choice.id: choice for choice in waiting}
    promoted = rules.promotions(
        [rules.Waiting(choice.id, choice.arrival_number) for choice in waiting], session_places(session)
    )
    for entry in promoted:
        choice = by_id[entry.key]
        choice.status = ChoiceStatus.CHOSEN
        send_to_registrant(
            choice.registration,
            _l("You have a place in %(session)s", session=LazyString(str, session)),
            "registration/mail/session_place.txt",
            session=session,
        )
    db.session.flush()
    return [by_id[entry.key] for entry in promoted]

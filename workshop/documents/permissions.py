"""Who may read a forum's drafts and who may work on a session's documents and conclusions."""

from workshop.accounts.models import ForumRoleName
from workshop.accounts.permissions import can_view_forum, is_secretariat, is_signed_in
from workshop.programme.models import AppointmentRole


def is_session_facilitator(user, session):
    """Tell whether `user` is appointed to lead `session`."""
    return is_signed_in(user) and any(
        appointment.user_id == user.id and appointment.role == AppointmentRole.FACILITATOR
        for appointment in session.appointments
    )


def can_manage_session_documents(user, session):
    """The forum's secretariat, and the facilitators appointed to this very session."""
    return is_secretariat(user, session.forum) or is_session_facilitator(user, session)


def can_add_version(user, document):
    """The secretariat, and the facilitators of the session the document was drafted for.

    Ownership comes from the document's own record: tabling someone else's paper in one's own
    session, or picking up a draft taken off its session, never makes it one's own to replace.
    """
    if is_secretariat(user, document.forum):
        return True
    return document.session is not None and is_session_facilitator(user, document.session)


def can_read_conclusions_document(user, conclusions):
    """Conclusions are the facilitator's work in progress until submitted; then anyone may read them."""
    return conclusions.is_submitted or can_manage_session_documents(user, conclusions.session)


def can_read_documents(user, forum):
    """Drafts of a public forum are public; those of another forum are for the people who hold a role in it."""
    return can_view_forum(user, forum)


def can_see_facilitator_board(user, forum):
    """Facilitators of the forum see their own board; the secretariat sees everyone's."""
    return is_secretariat(user, forum) or (is_signed_in(user) and ForumRoleName.FACILITATOR in user.roles_in(forum))

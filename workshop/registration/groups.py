"""Participant groups: the secretariat's own groups, their members, and the sessions restricted to a group."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.accounts.services import find_or_invite
from workshop.core import audit
from workshop.core.labels import group_label
from workshop.core.refusals import Refused
from workshop.extensions import db
from workshop.forums.models import GroupKind, GroupMember, ParticipantGroup


def _name(group):
    return group_label(group.stakeholder, group.name)


def save_group(actor, forum, group, name, kind):
    """Create or rename a group of the forum; names are unique in a forum, whatever their case."""
    name = name.strip()
    clash = db.session.scalar(
        select(ParticipantGroup.id).where(
            ParticipantGroup.forum_id == forum.id,
            func.lower(ParticipantGroup.name) == name.lower(),
            ParticipantGroup.id != (group.id or 0),
        )
    )
    if clash is not None:
        raise Refused(_l("There is a group with this name already."), field="name")
    if group.is_stakeholder_group:
        raise Refused(_l("The six stakeholder groups keep their names."))
    if group.id is None:
        group.position = 1 + (
            db.session.scalar(select(func.max(ParticipantGroup.position)).where(ParticipantGroup.forum_id == forum.id))
            or 0
        )
    group.forum_id, group.name, group.kind = forum.id, name, GroupKind(kind)
    changed = audit.is_changed(group)
    db.session.add(group)
    db.session.flush()
    if changed:
        audit.record(actor, "group.saved", name, forum, group_id=group.id)
    return group


def delete_group(actor, group):
    """Delete a group the secretariat made; a group that still closes sessions stays until they are opened."""
    if group.is_stakeholder_group:
        raise Refused(_l("The six stakeholder groups belong to every forum and cannot be deleted."))
    if any(session.restricted_to_group_id == group.id for session in group.forum.sessions):
        raise Refused(_l("Sessions are still restricted to this group; open them to everyone first."))
    audit.record(actor, "group.deleted", group.name, group.forum)
    db.session.delete(group)


def _refuse_members_in_stakeholder_group(group):
    if group.is_stakeholder_group:
        raise Refused(_l("People join a stakeholder group by choosing it when they register."))


def add_person(actor, group, email, name=""):
    """Add a person by address (an account is opened, with an invitation, if they have none)."""
    _refuse_members_in_stakeholder_group(group)
    user = find_or_invite(actor, email, name, group.forum)
    if any(member.user_id == user.id for member in group.members):
        raise Refused(_l("%(name)s is a member already.", name=user.name), field="email")
    group.members.append(GroupMember(user=user))
    audit.record(actor, "group.member_added", _name(group), group.forum, person=user.email)
    return user


def add_organisation(actor, group, organisation):
    """Add a whole organisation: everyone registered from it belongs to the group."""
    _refuse_members_in_stakeholder_group(group)
    if organisation is None or organisation.forum_id not in (None, group.forum_id):
        raise Refused(_l("Choose a person or an organisation to add."), field="organisation_id")
    if any(member.organisation_id == organisation.id for member in group.members):
        raise Refused(_l("%(name)s is a member already.", name=organisation.name), field="organisation_id")
    group.members.append(GroupMember(organisation=organisation))
    audit.record(actor, "group.member_added", _name(group), group.forum, organisation=organisation.name)
    return organisation


def remove_member(actor, member):
    group = member.group
    who = member.user.email if member.user else member.organisation.name
    group.members.remove(member)
    audit.record(actor, "group.member_removed", _name(group), group.forum, member=who)


def restrict_session(actor, session, group):
    """Restrict a session to a group's members, or (group None) open it to everyone again."""
    if group is not None and group.forum_id != session.forum_id:
        raise Refused(_l("A session can be restricted only to a group of its own forum."))
    session.restricted_to_group = group
    if group is not None:
        audit.record(actor, "session.restricted", str(session), session.forum, group=_name(group))
    else:
        audit.record(actor, "session.unrestricted", str(session), session.forum)

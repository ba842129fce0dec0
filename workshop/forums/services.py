"""Write use-cases for a forum: its settings, tracks, rooms, organisations and people."""

from flask_babel import gettext as _
from sqlalchemy import or_, select

from workshop.accounts.models import ForumRoleName
from workshop.accounts.services import find_or_invite, grant_role, revoke_role
from workshop.core import audit
from workshop.core.locking import hold_write_lock
from workshop.core.refusals import Refused
from workshop.core.versions import count_save
from workshop.extensions import db
from workshop.forums.colours import AA_NORMAL_TEXT_CONTRAST, WHITE, contrast_ratio, is_readable_accent, normalise_colour
from workshop.forums.directory import UNDP_MAPPING_2011
from workshop.forums.models import Forum, Organisation, OrganisationType, Room
from workshop.forums.rules import (
    FORUM_FIELDS,
    MAX_FORUM_DAYS,
    OWN_SETTINGS,
    KnownOrganisation,
    is_too_long,
    joined_languages,
    repeated_organisation,
)


class FrameError(Refused):
    """Raised when a change to the forum's frame would orphan or break part of the programme."""


def find_forum(slug):
    """Return the forum with this web address name, or None."""
    return db.session.scalar(select(Forum).where(Forum.slug == slug))


def create_forum(actor, **fields):
    """Create a forum and make its creator a member of the secretariat (its days are the programme's to add)."""
    if db.session.query(Forum.id).filter_by(slug=fields["slug"]).first():
        raise FrameError(_("Another forum already uses the web address name %(slug)s.", slug=fields["slug"]))
    forum = Forum(**{name: fields[name] for name in (*FORUM_FIELDS, *OWN_SETTINGS) if name in fields})
    forum.working_languages = joined_languages(fields.get("working_languages", ()))
    db.session.add(forum)
    _refuse_too_long(forum)
    db.session.flush()
    grant_role(actor, forum, ForumRoleName.SECRETARIAT)
    audit.record(actor, "forum.created", forum.title, forum)
    return forum


def _refuse_too_long(forum):
    if is_too_long(forum.start_date, forum.end_date):
        raise FrameError(
            _("A forum lasts at most %(days)d days; check the year and the month of the last day.", days=MAX_FORUM_DAYS)
        )


def lock_programme(forum):
    """Take the forum's write turn until commit: programme checks and numbers then see every earlier write."""
    hold_write_lock(Forum, forum.id)


def update_forum(actor, forum, **fields):
    """Change the forum's facts; its web address never changes once set (the programme follows: see programme.frame)."""
    lock_programme(forum)
    fields.pop("slug", None)
    for name in (*FORUM_FIELDS, *OWN_SETTINGS):
        if name in fields:
            setattr(forum, name, fields[name])
    if "working_languages" in fields:
        forum.working_languages = joined_languages(fields["working_languages"])
    # Counted before anything reads the database: a read would flush the change and hide it.
    changed = count_save(forum)
    _refuse_too_long(forum)
    if changed:
        audit.record(actor, "forum.changed", forum.title, forum)


def save_track(actor, track, forum, name, position):
    track.forum, track.name, track.position = forum, name, position or 0
    db.session.add(track)
    if audit.is_changed(track):
        audit.record(actor, "track.saved", name, forum)
    return track


def delete_track(actor, track, forum):
    audit.record(actor, "track.deleted", track.name, forum)
    db.session.delete(track)


def save_room(actor, room, forum, name, capacity):
    clash = (
        db.session.query(Room.id)
        .filter(Room.forum_id == forum.id, Room.name == name, Room.id != (room.id or 0))
        .first()
    )
    if clash:
        raise FrameError(_("There is already a room called %(name)s.", name=name))
    room.forum, room.name, room.capacity = forum, name, capacity or 0
    db.session.add(room)
    if audit.is_changed(room):
        audit.record(actor, "room.saved", name, forum)
    return room


def delete_room(actor, room, forum):
    """Delete a room; the programme first makes sure no session takes place in it (see programme.frame)."""
    audit.record(actor, "room.deleted", room.name, forum)
    db.session.delete(room)


def organisations_seen_from(forum):
    """Return the organisations a forum's people may pick: the shared directory and the forum's own."""
    return db.session.scalars(
        select(Organisation).where(_seen_from(forum)).order_by(Organisation.name, Organisation.id)
    ).all()


def _seen_from(forum):
    return or_(Organisation.forum_id.is_(None), Organisation.forum_id == forum.id)


def save_organisation(actor, organisation, forum, name, acronym, type, country_code, shared=False):
    """Create an organisation of `forum` (of the shared directory if `shared`), or change one; audited where it lives.

    A forum's own organisation may not repeat one the forum sees, nor a shared one another shared one:
    same name or acronym (any case, accents or spacing), or a name one slip away.
    """
    if organisation.id is None:
        organisation.forum_id = None if shared else forum.id
    if organisation.forum_id is None and not (actor and actor.is_admin):
        raise Refused(_("Only site administrators change the shared directory."))
    scope = Organisation.forum_id.is_(None) if organisation.forum_id is None else _seen_from(forum)
    known = [
        KnownOrganisation(item.id, item.name, item.acronym)
        for item in db.session.scalars(select(Organisation).where(scope))
    ]
    repeated = repeated_organisation(name, acronym, known, ignored_id=organisation.id)
    if repeated is not None:
        raise Refused(organisation_repeated(repeated), field=repeated.field)
    organisation.name, organisation.acronym = name, acronym
    organisation.type, organisation.country_code = OrganisationType(type), country_code
    db.session.add(organisation)
    if audit.is_changed(organisation):
        audit.record(actor, "organisation.saved", name, None if organisation.forum_id is None else forum)
    return organisation


def organisation_repeated(repeated):
    """Say which listed organisation a new entry repeats, and how."""
    listed = repeated.organisation
    name = f"{listed.name} ({listed.acronym})" if listed.acronym else listed.name
    if repeated.near:
        return _(
            "%(organisation)s is listed already under a name this close; pick it instead of adding it.",
            organisation=name,
        )
    return _("%(organisation)s is listed already; pick it instead of adding it again.", organisation=name)


def seed_shared_directory():
    """Add the organisations of the UNDP 2011 mapping the shared directory lacks; return how many were added."""
    known = [
        KnownOrganisation(item.id, item.name, item.acronym)
        for item in db.session.scalars(select(Organisation).where(Organisation.forum_id.is_(None)))
    ]
    added = 0
    for name, acronym, type, country_code in UNDP_MAPPING_2011:
        repeated = repeated_organisation(name, acronym, known)
        if repeated is not None:
            continue
        db.session.add(Organisation(name=name, acronym=acronym, type=OrganisationType(type), country_code=country_code))
        added += 1
    db.session.flush()
    return added


def appoint_to_forum(actor, forum, email, name, role):
    """Give a person (invited if new) a role in the forum."""
    user = find_or_invite(actor, email, name, forum)
    grant_role(user, forum, ForumRoleName(role))
    audit.record(actor, "forum.role_granted", user.email, forum, role=role)
    return user


def withdraw_from_forum(actor, forum_role, forum):
    """Take a role away; nobody removes themselves from the secretariat, so a forum keeps a manager."""
    if forum_role.user_id == actor.id and forum_role.role == ForumRoleName.SECRETARIAT:
        raise FrameError(_("You cannot remove yourself from the secretariat."))
    revoke_role(forum_role.user, forum, forum_role.role)
    audit.record(actor, "forum.role_revoked", forum_role.user.email, forum, role=forum_role.role.value)


class AppearanceRefused(Refused):
    """Raised when a forum's colour is not a colour, or would leave its text hard to read."""


def set_accent_colour(actor, forum, colour):
    """Give the forum its convener's colour (empty: the site's own); refuse one that white text cannot be read on."""
    normalised = normalise_colour(colour) if colour.strip() else ""
    if normalised is None:
        raise AppearanceRefused(
            _("Write the colour as # and six hexadecimal digits, such as #0b5cad."), field="accent_colour"
        )
    if normalised and not is_readable_accent(normalised):
        raise AppearanceRefused(
            _(
                "White text on %(colour)s has a contrast of only %(ratio).1f:1; choose a darker colour "
                "(at least %(needed).1f:1, WCAG AA).",
                colour=normalised,
                ratio=contrast_ratio(normalised, WHITE),
                needed=AA_NORMAL_TEXT_CONTRAST,
            ),
            field="accent_colour",
        )
    forum.accent_colour = normalised
    if count_save(forum):
        audit.record(actor, "forum.changed", forum.title, forum)

"""Load a forum or one of its parts, or stop the request with 404 or 403."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from workshop.accounts.permissions import can_edit_organisation, can_view_forum, is_secretariat
from workshop.extensions import db
from workshop.forums.models import Forum, Organisation


def get_forum_or_404(slug):
    """Return the forum, hiding a non-public one from people without a role in it."""
    forum = db.session.scalar(select(Forum).where(Forum.slug == slug)) or abort(404)
    if not can_view_forum(current_user, forum):
        abort(404)
    return forum


def get_managed_forum(slug):
    """Return the forum if the current user belongs to its secretariat, else 403."""
    forum = db.session.scalar(select(Forum).where(Forum.slug == slug)) or abort(404)
    if not is_secretariat(current_user, forum):
        abort(403)
    return forum


def get_part_or_404(model, part_id, forum, forum_of=lambda part: part.forum_id):
    """Return a part of `forum` by id; a part of another forum is 404, as if it did not exist."""
    part = db.session.get(model, part_id)
    if part is None or forum_of(part) != forum.id:
        abort(404)
    return part


def get_editable_organisation(organisation_id, forum):
    """Return an organisation the current user may edit from this forum's screens.

    Another forum's organisation is 404, as if it did not exist; one of the shared directory is
    403 to everyone but site administrators.
    """
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.forum_id not in (None, forum.id):
        abort(404)
    if not can_edit_organisation(current_user, organisation, forum):
        abort(403)
    return organisation

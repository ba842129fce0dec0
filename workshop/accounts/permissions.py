"""Who may do what in a forum, as plain functions that views and templates share."""

from workshop.accounts.models import ForumRoleName


def is_signed_in(user):
    return user is not None and user.is_authenticated


def is_secretariat(user, forum):
    """Secretariat members of this forum, and site administrators, manage it."""
    if not is_signed_in(user):
        return False
    return user.is_admin or ForumRoleName.SECRETARIAT in user.roles_in(forum)


def can_create_forum(user):
    return is_signed_in(user) and user.is_admin


def can_edit_organisation(user, organisation, forum):
    """A forum's own organisations are its secretariat's; the shared directory (no forum) is administrators'."""
    if organisation.forum_id is None:
        return is_signed_in(user) and user.is_admin
    return organisation.forum_id == forum.id and is_secretariat(user, forum)


def can_view_forum(user, forum):
    """Public forums are open to anyone; others to the people who hold a role in them."""
    return forum.is_public or (is_signed_in(user) and (user.is_admin or bool(user.roles_in(forum))))

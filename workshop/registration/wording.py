"""Registration's answers said in words, in the reader's language."""

from flask_babel import format_date
from flask_babel import gettext as _

from workshop.core.labels import group_label, label
from workshop.core.timezones import local_date
from workshop.registration.rules import ChoiceRefusal, RegistrationStatus, WindowState

Status = RegistrationStatus


def group_name(group):
    """Name a participant group: a stakeholder group in the reader's language, any other by its own name."""
    return group_label(group.stakeholder, group.name)


def window_closed(state, settings, forum):
    """Say why registration is not open, with the date it opens or closed on where there is one."""
    if state == WindowState.CLOSED:
        return _(
            "Registration for %(forum)s closed on %(day)s.",
            forum=forum.title,
            day=_forum_day(settings.closes_at, forum),
        )
    if settings is not None and settings.opens_at is not None:
        return _(
            "Registration for %(forum)s opens on %(day)s.", forum=forum.title, day=_forum_day(settings.opens_at, forum)
        )
    return _("Registration for %(forum)s is not open.", forum=forum.title)


def _forum_day(moment, forum):
    return format_date(local_date(moment, forum.timezone), "long")


DUPLICATES = {
    Status.AWAITING_APPROVAL: lambda: _("This address is registered already and awaits the secretariat's approval."),
    Status.CONFIRMED: lambda: _("This address is registered already and has a place. Sign in to see the registration."),
    Status.WAITING: lambda: _(
        "This address is registered already and is on the waiting list. Sign in to see its position."
    ),
    Status.DECLINED: lambda: _("The secretariat has declined the registration of this address."),
}


def duplicate(status):
    """Say why a second registration for an address is refused."""
    return DUPLICATES[status]()


def status_name(status):
    return str(label(status, "registration_status"))


def cannot_move(current, target):
    return _(
        "A registration that is “%(current)s” cannot become “%(target)s”.",
        current=status_name(current),
        target=status_name(target),
    )


def not_awaiting_approval(registration):
    return _(
        "The registration of %(name)s does not await approval (it is “%(status)s”).",
        name=registration.name,
        status=status_name(registration.status),
    )


def not_active(status):
    return _("This registration is “%(status)s”: there is nothing to change or cancel.", status=status_name(status))


def group_full(group):
    return _(
        "The group “%(group)s” has no place left; you keep your place in your present group.", group=group_name(group)
    )


def group_too_full_to_move(group, places_left, confirmed_moved):
    return _(
        "The group “%(group)s” has %(left)d places left for %(count)d confirmed people; nobody was moved.",
        group=group_name(group),
        left=places_left,
        count=confirmed_moved,
    )


def choice_refused(refusal, session):
    """Say why a session cannot be chosen, naming both sessions when two clash."""
    if refusal.kind == ChoiceRefusal.NO_PLACE_IN_FORUM:
        return _("Sessions are chosen once your place at the forum is confirmed.")
    if refusal.kind == ChoiceRefusal.ALREADY_CHOSEN:
        return _("You have chosen %(session)s already.", session=session)
    if refusal.kind == ChoiceRefusal.RESTRICTED:
        return _(
            "%(session)s is restricted to the members of “%(group)s”.",
            session=session,
            group=group_name(session.restricted_to_group),
        )
    if refusal.kind == ChoiceRefusal.FOR_EVERYONE:
        return _("%(session)s is a plenary: it is in everyone's agenda without choosing it.", session=session)
    return _(
        "%(session)s runs at the same time as %(other)s, which you have chosen. Drop that one first.",
        session=session,
        other=refusal.other.title,
    )


def _capacity(action, value):
    if value is None:
        return _("Places: no limit")
    return _("Places: %(count)s", count=value)


# How the details registration records read in the audit trail; ids name no one and are not shown.
AUDIT_DETAILS = {
    "mode": lambda action, value: _("Mode: %(mode)s", mode=label(value, "registration_mode")),
    "capacity": _capacity,
    "count": lambda action, value: _("People invited: %(count)s", count=value),
    "group": lambda action, value: _("Group: %(group)s", group=value),
    "member": lambda action, value: _("Member: %(member)s", member=value),
    "organisation": lambda action, value: _("Organisation: %(organisation)s", organisation=value),
    "group_id": lambda action, value: None,
    "registration_id": lambda action, value: None,
}

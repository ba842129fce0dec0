"""Scheduling conflicts said in words the secretariat reads in its own language."""

from flask_babel import format_date
from flask_babel import gettext as _

from workshop.programme.scheduling import ConflictKind


def describe_conflict(conflict):
    """Return a sentence that says what clashes and with what."""
    detail = conflict.detail
    if conflict.kind == ConflictKind.ENDS_BEFORE_START:
        return _("%(session)s ends before it starts.", session=conflict.subject)
    if conflict.kind == ConflictKind.OUTSIDE_FORUM_DATES:
        return _(
            "%(session)s falls outside the forum's dates (%(first)s to %(last)s).",
            session=conflict.subject,
            first=format_date(detail["first_day"], "long"),
            last=format_date(detail["last_day"], "long"),
        )
    if conflict.kind == ConflictKind.OUTSIDE_BLOCK:
        return _(
            "%(session)s does not fit inside its time block %(block)s.", session=conflict.subject, block=conflict.other
        )
    if conflict.kind == ConflictKind.ROOM_DOUBLE_BOOKED:
        return _("%(room)s is already taken by %(other)s at that time.", room=detail["room"], other=conflict.other)
    if conflict.kind == ConflictKind.PERSON_DOUBLE_BOOKED:
        return _(
            "%(person)s is also appointed to %(other)s at that time.", person=detail["person"], other=conflict.other
        )
    return _(
        "The items of %(session)s need %(planned)d minutes but the session lasts %(available)d.",
        session=conflict.subject,
        planned=detail["planned_minutes"],
        available=detail["available_minutes"],
    )


# How the audit trail words the details the programme records (see workshop.core.audit_wording).
AUDIT_DETAILS = {
    "item": lambda action, value: _("Item: %(title)s", title=value),
}

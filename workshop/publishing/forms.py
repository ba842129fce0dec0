"""The form that publishes a release, and the reader's choice of a time zone to read the agenda in."""

from functools import lru_cache

from babel.dates import get_timezone_location
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, SubmitField
from wtforms.validators import Length, ValidationError

from workshop.core.forms import WorkshopForm
from workshop.core.labels import choices, enum_value
from workshop.core.reader_zone import UNIVERSAL, is_offered_zone, offered_zones
from workshop.core.timezones import known_timezones


class PublishForm(WorkshopForm):
    status = SelectField(_l("Status"), choices=lambda: choices("agenda_status"), coerce=enum_value)
    note = StringField(_l("Note to readers (optional)"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Publish this release"))


AREA_NAMES = {
    UNIVERSAL: _l("Coordinated Universal Time"),
    "Africa": _l("Africa"),
    "America": _l("Americas"),
    "Antarctica": _l("Antarctica"),
    "Arctic": _l("Arctic"),
    "Asia": _l("Asia"),
    "Atlantic": _l("Atlantic Ocean"),
    "Australia": _l("Australia"),
    "Europe": _l("Europe"),
    "Indian": _l("Indian Ocean"),
    "Pacific": _l("Pacific Ocean"),
}


@lru_cache(maxsize=8)
def _zone_options(language):
    """Return the offered zones as (area, [(name, label)]), each named by its city in `language` (CLDR, via Babel)."""
    return tuple(
        (area, tuple((name, _zone_label(name, language)) for name in names))
        for area, names in offered_zones(known_timezones())
    )


def _zone_label(name, language):
    if name == UNIVERSAL:
        return UNIVERSAL
    return f"{get_timezone_location(name, locale=language, return_city=True)} ({name})"


class ReaderZoneForm(WorkshopForm):
    """Pick the zone to read a forum's times in, or go back to the forum's own."""

    zone = SelectField(_l("Time zone"), validate_choice=False)
    next = HiddenField()
    submit = SubmitField(_l("Show times in this zone"))
    use_forum_zone = SubmitField(_l("Show the forum's own times"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone.choices = {
            str(AREA_NAMES[area]): list(options) for area, options in _zone_options(str(get_locale() or "en"))
        }

    def validate_zone(self, field):
        if self.use_forum_zone.data:
            return
        if not field.data:
            raise ValidationError(_l("Choose a time zone."))
        if not is_offered_zone(field.data, known_timezones()):
            raise ValidationError(_l("This is not a time zone we know. Choose one from the list."))

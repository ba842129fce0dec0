"""Registration's step in a new forum's checklist: registration settings saved, so that people can sign up."""

from flask_babel import lazy_gettext as _l

from workshop.core.checklist import StepDefinition
from workshop.registration.queries import settings_of


def count_registration_settings(forum):
    return int(settings_of(forum) is not None)


STEPS = (
    StepDefinition(
        "registration", 70, _l("Registration opened"), "registration.manage_settings", count_registration_settings
    ),
)

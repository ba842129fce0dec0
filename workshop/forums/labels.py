"""Names of the forums feature: its audit actions, the agenda's status and the kinds of organisation."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

LABELS = {
    "audit_action": {
        "forum.created": _l("Forum created"),
        "forum.changed": _l("Forum settings changed"),
        "forum.role_granted": _l("Role given"),
        "forum.role_revoked": _l("Role taken away"),
        "track.saved": _l("Track saved"),
        "track.deleted": _l("Track deleted"),
        "room.saved": _l("Room saved"),
        "room.deleted": _l("Room deleted"),
        "organisation.saved": _l("Organisation saved"),
        "forum.logo_uploaded": _l("Logo uploaded"),
    },
    "logo_role": {
        "convener": _l("Convener's logo"),
        "partner": _l("Partner's logo"),
    },
    "content_language": {
        "en": _l("English"),
        "es": _l("Spanish"),
        "fr": _l("French"),
    },
    "forum_timing": {
        "upcoming": _l("Upcoming"),
        "under_way": _l("Under way"),
        "past": _l("Past"),
    },
    # An agenda: the word agrees with "agenda" / "programme" (feminine in Spanish, masculine in French).
    "agenda_status": {
        "preliminary": lazy_pgettext("agenda", "Preliminary"),
        "final": lazy_pgettext("agenda", "Final"),
    },
    "organisation_type": {
        "un_agency": _l("UN agency"),
        "development_bank": _l("Development bank"),
        "regional_organisation": _l("Regional organisation"),
        "regional_body": _l("Regional integration body"),
        "government": _l("Government"),
        "government_agency": _l("Government agency"),
        "civil_society": _l("Civil society organisation"),
        "academia": _l("Academia"),
        "private_sector": _l("Private sector"),
        "other": _l("Other"),
    },
}

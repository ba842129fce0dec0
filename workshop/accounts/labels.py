"""Names of the accounts feature: its audit actions and the roles a person holds in a forum."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "audit_action": {
        "account.invited": _l("Person invited"),
        "account.password_set": _l("Password set"),
        "account.password_reset_requested": _l("Password reset asked for"),
        "account.feed_token_revoked": _l("Calendar secret replaced"),
        "account.profile_changed": _l("Name or language changed"),
        "account.password_changed": _l("Password changed"),
        "account.signed_out_everywhere": _l("Signed out on every device"),
        "account.unlock_link_sent": _l("Sign-in locked, owner mailed a link"),
        "account.browser_trusted": _l("Sign-in unlocked for the owner's browser"),
    },
    "forum_role": {
        "secretariat": _l("Secretariat"),
        "facilitator": _l("Facilitator"),
        "rapporteur": _l("Rapporteur"),
        "participant": _l("Participant"),
    },
}

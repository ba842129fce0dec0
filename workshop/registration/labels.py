"""Names of the registration feature: its audit actions, participant groups, statuses and the registrant's answers."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "audit_action": {
        "registration.settings_saved": _l("Registration settings saved"),
        "registration.started": _l("Registration started"),
        "registration.email_checked": _l("Registration e-mail address checked"),
        "registration.approved": _l("Registration approved"),
        "registration.declined": _l("Registration declined"),
        "registration.promoted": _l("Moved up from the waiting list"),
        "registration.changed": _l("Registration details changed"),
        "registration.moved": _l("Moved to another stakeholder group"),
        "registration.cancelled": _l("Registration cancelled"),
        "registration.withdrawn": _l("Registration withdrawn and personal data erased"),
        "registration.invited": _l("Invited to register"),
        "group.saved": _l("Participant group saved"),
        "group.deleted": _l("Participant group deleted"),
        "group.member_added": _l("Member added to a group"),
        "group.member_removed": _l("Member removed from a group"),
        "session.restricted": _l("Session restricted to a group"),
        "session.unrestricted": _l("Session opened to everyone"),
    },
    "stakeholder_group": {
        "country_representatives": _l("Country representatives"),
        "multilateral_organisations": _l("Multilateral organisations"),
        "south_south_practitioners": _l("South-South Cooperation practitioners"),
        "civil_society": _l("Civil society organisations"),
        "subject_matter_experts": _l("Subject-matter experts (academia)"),
        "technical_secretariat": _l("Technical Secretariat"),
    },
    "group_kind": {
        "stakeholder": _l("Stakeholder group"),
        "regional_platform": _l("Regional platform"),
        "working_group": _l("Working group"),
        "coalition": _l("Coalition"),
        "other": _l("Other group"),
    },
    "registration_mode": {
        "open": _l("Open: anyone may register"),
        "approval": _l("Approval: the secretariat accepts each registration"),
        "invitation": _l("Invitation only: the secretariat invites by e-mail"),
    },
    "registration_status": {
        "awaiting_email_check": _l("Awaiting e-mail check"),
        "awaiting_approval": _l("Awaiting approval"),
        "confirmed": _l("Confirmed"),
        "waiting": _l("On the waiting list"),
        "declined": _l("Declined"),
        "cancelled": _l("Cancelled"),
    },
    "choice_status": {
        "chosen": _l("Place taken"),
        "waiting": _l("On the waiting list"),
    },
    "gender": {
        "woman": _l("Woman"),
        "man": _l("Man"),
        "another": _l("Another gender"),
        "undisclosed": _l("Prefer not to say"),
    },
    "honorific": {
        "mx": _l("Mx"),
        "ms": _l("Ms"),
        "mr": _l("Mr"),
        "dr": _l("Dr"),
        "prof": _l("Prof."),
        "excellency": _l("H.E."),
    },
}

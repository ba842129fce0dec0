"""Translatable names for the values of the domain's enumerations, in one place for every output."""
from flask_babel import lazy_gettext as _l

LABELS = {
    "audit_action": {
        "account.invited": _l("Person invited"),
        "account.password_set": _l("Password set"),
        "account.password_reset_requested": _l("Password reset asked for"),
        "account.feed_token_revoked": _l("Calendar secret replaced"),
        "forum.created": _l("Forum created"),
        "forum.changed": _l("Forum settings changed"),
        "forum.imported": _l("Programme imported from a file"),
        "forum.replaced": _l("Programme replaced from a file"),
        "forum.role_granted": _l("Role given"),
        "forum.role_revoked": _l("Role taken away"),
        "day.saved": _l("Day saved"),
        "day.deleted": _l("Day deleted"),
        "block.saved": _l("Time block saved"),
        "block.deleted": _l("Time block deleted"),
        "block.item_saved": _l("Loose item saved"),
        "block.item_deleted": _l("Loose item deleted"),
        "track.saved": _l("Track saved"),
        "track.deleted": _l("Track deleted"),
        "room.saved": _l("Room saved"),
        "room.deleted": _l("Room deleted"),
        "organisation.saved": _l("Organisation saved"),
        "session.created": _l("Session created"),
        "session.changed": _l("Session changed or moved"),
        "session.deleted": _l("Session deleted"),
        "session.item_added": _l("Item added"),
        "session.item_changed": _l("Item changed"),
        "session.item_removed": _l("Item removed"),
        "session.items_reordered": _l("Items reordered"),
        "session.appointed": _l("Person appointed"),
        "session.withdrawn": _l("Appointment withdrawn"),
        "agenda.published": _l("Agenda release published"),
        "document.created": _l("Document created"),
        "document.uploaded": _l("File uploaded"),
        "document.replaced": _l("New version uploaded"),
        "document.linked": _l("Document tabled in a session"),
        "document.unlinked": _l("Document taken off a session"),
        "conclusions.saved": _l("Conclusions saved"),
        "conclusions.file_attached": _l("Conclusions document attached"),
        "conclusions.submitted": _l("Conclusions submitted"),
        "registration.settings_saved": _l("Registration settings saved"),
        "registration.started": _l("Registration started"),
        "registration.email_checked": _l("Registration e-mail address checked"),
        "registration.approved": _l("Registration approved"),
        "registration.declined": _l("Registration declined"),
        "registration.promoted": _l("Moved up from the waiting list"),
        "registration.changed": _l("Registration details changed"),
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
    "item_kind": {
        "opening_remarks": _l("Opening remarks"),
        "welcome_remarks": _l("Welcome remarks"),
        "keynote": _l("Keynote"),
        "presentation": _l("Presentation"),
        "debate": _l("Debate"),
        "questions": _l("Questions to participants"),
        "closing_remarks": _l("Closing remarks"),
        "break": _l("Break"),
        "other": _l("Other"),
    },
    "session_format": {
        "engagement_workshop": _l("Engagement workshop"),
        "plenary": _l("Plenary"),
        "panel": _l("Panel"),
        "working_session": _l("Working session"),
        "side_event": _l("Side event"),
    },
    "appointment_role": {
        "facilitator": _l("Facilitator"),
        "moderator": _l("Moderator"),
        "rapporteur": _l("Rapporteur"),
        "organiser": _l("Organiser"),
        "presenter": _l("Presenter"),
        "keynote_speaker": _l("Keynote speaker"),
    },
    "appointment_role_plural": {
        "facilitator": _l("Facilitators"),
        "moderator": _l("Moderators"),
        "rapporteur": _l("Rapporteurs"),
        "organiser": _l("Organisers"),
        "presenter": _l("Presenters"),
        "keynote_speaker": _l("Keynote speakers"),
    },
    "forum_role": {
        "secretariat": _l("Secretariat"),
        "facilitator": _l("Facilitator"),
        "rapporteur": _l("Rapporteur"),
        "participant": _l("Participant"),
    },
    "agenda_status": {
        "preliminary": _l("Preliminary"),
        "final": _l("Final"),
    },
    "document_kind": {
        "paper": _l("Paper"),
        "outcome_document": _l("Outcome document"),
        "position_paper": _l("Position paper"),
        "concept_note": _l("Concept note"),
        "proposal": _l("Proposal"),
        "working_paper": _l("Working paper"),
        "presentation": _l("Presentation"),
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
    "organisation_type": {
        "government": _l("Government"),
        "un_agency": _l("UN agency"),
        "development_bank": _l("Development bank"),
        "regional_body": _l("Regional integration body"),
        "civil_society": _l("Civil society organisation"),
        "academia": _l("Academia"),
        "private_sector": _l("Private sector"),
        "other": _l("Other"),
    },
}


def label(value, group):
    """Return the translated name of an enumeration value (an enum member or its string value)."""
    key = getattr(value, "value", value)
    return LABELS[group].get(key, key)


def choices(group):
    """Return (value, label) pairs for a select field."""
    return [(key, text) for key, text in LABELS[group].items()]


def group_label(stakeholder, name):
    """Name a participant group: a stakeholder group by its label in the reader's language, any other by its name."""
    return str(label(stakeholder, "stakeholder_group")) if stakeholder else name

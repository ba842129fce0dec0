"""Translatable names for the values of the domain's enumerations, in one place for every output."""

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
    "version_status": {
        "preliminary": _l("Preliminary"),
        "revised": _l("Revised"),
        "final": _l("Final"),
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


def enum_value(value):
    """Coerce a select's data to the plain value its options carry, so that an enum loaded from a model is shown selected."""
    return getattr(value, "value", value)

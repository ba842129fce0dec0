"""Names of the reports feature: its audit actions, report states, and the report's fields and sections."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "audit_action": {
        "report.saved": _l("Report saved"),
        "report.submitted": _l("Report submitted"),
        "report.returned": _l("Report returned with comments"),
        "report.approved": _l("Report approved"),
        "report.reopened": _l("Approved report reopened for a correction"),
        "report.commented": _l("Comment on a report"),
        "report.deadline_set": _l("Deadline for reports set"),
        "report.published": _l("Report shown on the session page"),
        "report.unpublished": _l("Report taken off the session page"),
        "report.publication_set": _l("Choice of publishing every approved report"),
    },
    "report_status": {
        "draft": _l("Draft"),
        "submitted": _l("Submitted"),
        "returned": _l("Returned with comments"),
        "approved": _l("Approved"),
    },
    # The report's fields as the header grid and the section headings name them, in the seed report's words.
    "report_field": {
        "title": _l("Title"),
        "track": _l("Track"),
        "organiser_name": _l("Organiser"),
        "organiser_organisation": _l("Organiser's organisation"),
        "organiser_email": _l("Organiser's e-mail"),
        "moderator": _l("Moderator"),
        "rapporteur": _l("Rapporteur"),
        "presenters": _l("Presenters"),
        "format": _l("Format"),
        "time_and_date": _l("Time and date"),
        "women": _l("Women"),
        "men": _l("Men"),
        "other": _l("Other"),
        "total": _l("Total"),
        "summary": _l("Presentations and discussions' summary"),
        "questions": _l("Questions put to participants"),
        "outcomes": _l("Outcomes"),
        "new_perspectives": _l("New perspectives"),
        "lessons_learned": _l("Lessons learned"),
        "recommendations_intro": _l("Key recommendations: introduction"),
        "recommendations": _l("Key recommendations"),
    },
}

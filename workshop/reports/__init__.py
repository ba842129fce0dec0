"""Session reports by rapporteurs: the report, its review by the secretariat, the board and the reminders."""


def init_app(app):
    """Give the application what reports own: tables, names, audit wording, the report screens and the reminders."""
    from workshop.core.audit_wording import register_detail_wording
    from workshop.core.labels import register_labels
    from workshop.reports import models, reminders  # noqa: F401  (the tables, and the reminders job)
    from workshop.reports.labels import LABELS
    from workshop.reports.services import published_report
    from workshop.reports.views import blueprint
    from workshop.reports.wording import AUDIT_DETAILS

    register_labels(LABELS)
    register_detail_wording(AUDIT_DETAILS)
    app.register_blueprint(blueprint)
    # The public session page (publishing, set up before reports) shows a published report through this.
    app.add_template_global(published_report, "published_report")

"""Agenda releases: numbered snapshots of the programme, what changed between them, the public agenda."""


def init_app(app):
    """Give the application what publishing owns: the releases table, names, audit wording and the agenda pages."""
    from workshop.core.audit_wording import register_detail_wording
    from workshop.core.checklist import register_steps
    from workshop.core.labels import register_labels
    from workshop.publishing import models  # noqa: F401  (registers the tables)
    from workshop.publishing.labels import LABELS
    from workshop.publishing.steps import STEPS
    from workshop.publishing.views import blueprint
    from workshop.publishing.wording import AUDIT_DETAILS

    register_labels(LABELS)
    register_steps(STEPS)
    register_detail_wording(AUDIT_DETAILS)
    app.register_blueprint(blueprint)

"""Draft documents tabled in sessions, their versions, and session conclusions."""


def init_app(app):
    """Give the application what documents own: tables, names, audit wording, the workspaces and `flask documents`."""
    from workshop.core.audit_wording import register_detail_wording
    from workshop.core.checklist import register_steps
    from workshop.core.labels import register_labels
    from workshop.documents import models  # noqa: F401  (registers the tables)
    from workshop.documents.cli import documents_cli
    from workshop.documents.labels import LABELS
    from workshop.documents.steps import STEPS
    from workshop.documents.views import blueprint
    from workshop.documents.wording import AUDIT_DETAILS

    register_labels(LABELS)
    register_steps(STEPS)
    register_detail_wording(AUDIT_DETAILS)
    app.register_blueprint(blueprint)
    app.cli.add_command(documents_cli)

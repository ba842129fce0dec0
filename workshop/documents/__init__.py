"""Draft documents tabled in sessions, their versions, and session conclusions."""


def init_app(app):
    """Give the application what documents own: tables, names, the workspaces and `flask documents`."""
    from workshop.core.labels import register_labels
    from workshop.documents import models  # noqa: F401  (registers the tables)
    from workshop.documents.cli import documents_cli
    from workshop.documents.labels import LABELS
    from workshop.documents.views import blueprint

    register_labels(LABELS)
    app.register_blueprint(blueprint)
    app.cli.add_command(documents_cli)

"""Agenda releases: numbered snapshots of the programme, what changed between them, the public agenda."""


def init_app(app):
    """Give the application what publishing owns: the releases table, names and the agenda pages."""
    from workshop.core.labels import register_labels
    from workshop.publishing import models  # noqa: F401  (registers the tables)
    from workshop.publishing.labels import LABELS
    from workshop.publishing.views import blueprint

    register_labels(LABELS)
    app.register_blueprint(blueprint)

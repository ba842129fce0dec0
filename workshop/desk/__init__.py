"""The participants desk: the secretariat's participant list, its exports, and the list of participants."""


def init_app(app):
    """Give the application the desk's names and pages."""
    from workshop.core.labels import register_labels
    from workshop.desk import models  # noqa: F401  (registers the tables)
    from workshop.desk.labels import LABELS
    from workshop.desk.views import blueprint

    register_labels(LABELS)
    app.register_blueprint(blueprint)

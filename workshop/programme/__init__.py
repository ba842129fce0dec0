"""Sessions, their items and keynote slots, appointments, and the scheduling rules."""


def init_app(app):
    """Give the application what the programme owns: tables, names and the secretariat's programme screens."""
    from workshop.core.labels import register_labels
    from workshop.programme import models  # noqa: F401  (registers the tables)
    from workshop.programme.labels import LABELS
    from workshop.programme.views import blueprint

    register_labels(LABELS)
    app.register_blueprint(blueprint)

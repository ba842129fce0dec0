"""The forum itself: its dates, days, time blocks, tracks, rooms and organisations."""


def init_app(app):
    """Give the application what the forums feature owns: tables, names and the forum screens."""
    from workshop.core.labels import register_labels
    from workshop.forums import models  # noqa: F401  (registers the tables)
    from workshop.forums.labels import LABELS
    from workshop.forums.views import blueprint

    register_labels(LABELS)
    app.register_blueprint(blueprint)

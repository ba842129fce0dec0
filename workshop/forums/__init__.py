"""The forum itself: its dates, days, time blocks, tracks, rooms and organisations."""


def init_app(app):
    """Give the application what the forums feature owns: tables, names and the forum screens."""
    from workshop.core.checklist import register_steps
    from workshop.core.labels import register_labels
    from workshop.forums import models  # noqa: F401  (registers the tables)
    from workshop.forums.cli import organisations_cli
    from workshop.forums.labels import LABELS
    from workshop.forums.logos import forum_face
    from workshop.forums.steps import STEPS
    from workshop.forums.views import blueprint

    register_labels(LABELS)
    register_steps(STEPS)
    app.register_blueprint(blueprint)
    app.cli.add_command(organisations_cli)
    app.add_template_global(forum_face)

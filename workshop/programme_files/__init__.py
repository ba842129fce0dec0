"""Programme files: a forum's programme written to and read from JSON."""


def init_app(app):
    """Give the application `flask forum export|import` and the names of what an import records."""
    from workshop.core.labels import register_labels
    from workshop.programme_files.cli import forum_cli
    from workshop.programme_files.labels import LABELS

    register_labels(LABELS)
    app.cli.add_command(forum_cli)

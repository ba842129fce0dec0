"""The Bogotá 2011 demo forum, loaded by `flask demo`."""


def init_app(app):
    """Give the application `flask demo`."""
    from workshop.demo.cli import demo_command

    app.cli.add_command(demo_command)

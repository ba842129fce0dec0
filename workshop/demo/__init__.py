"""The Bogotá 2011 demo forum, loaded by `flask demo`."""


def init_app(app):
    """Give the application `flask demo` and `flask welcome`."""
    from workshop.demo.cli import demo_command, welcome_command

    app.cli.add_command(demo_command)
    app.cli.add_command(welcome_command)

"""Take the agenda along: PDF agendas, iCal feeds and the JSON API, all read from a release's snapshot."""


def init_app(app):
    """Give the application the export pages and feeds, and `flask exports`."""
    from workshop.exports.views import blueprint
    from workshop.exports.warming import exports_cli

    app.register_blueprint(blueprint)
    app.cli.add_command(exports_cli)

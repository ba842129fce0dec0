"""Take the agenda along: PDF agendas, iCal feeds and the JSON API, all read from a release's snapshot."""


def init_app(app):
    """Give the application the export pages and feeds, and (through exports.builds) the builds queued at publishing."""
    from workshop.exports.builds import build_progress
    from workshop.exports.outcome_builds import request_outcome_build
    from workshop.exports.views import blueprint

    app.register_blueprint(blueprint)
    # The publishing feature's page shows the builds without importing exports (templates/exports/_build_progress.html).
    app.add_template_global(build_progress, "export_build_progress")
    # The outcome page (reports) asks for its build and shows its progress the same way (templates/reports/outcome.html).
    app.add_template_global(request_outcome_build, "request_outcome_build")

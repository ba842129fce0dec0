"""Workshop: run policy forums end to end."""
import logging
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from workshop.config import load_config
from workshop.core import queue
from workshop.extensions import babel, csrf, db, login_manager, mail, migrate


def create_app(test_config=None):
    """Build the Flask application: configuration, extensions, blueprints, error pages, CLI."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    load_config(app, test_config)
    if app.config["PROXY_COUNT"]:
        # Behind a proxy every request comes from the proxy's address; login throttling needs the client's.
        proxies = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    _configure_logging(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    # Last: by now every feature module, and so every job it declares, is imported.
    queue.init_app(app)
    return app


def _configure_logging(app):
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # WeasyPrint narrates every step of every PDF at INFO; its warnings are what matter.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _init_extensions(app):
    from workshop.core import i18n, security, templating
    from workshop.models import load_all_models

    load_all_models()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    mail.init_app(app)
    i18n.init_app(app, babel)
    login_manager.init_app(app)
    security.init_app(app)
    templating.init_app(app)


def _register_blueprints(app):
    from workshop.accounts.views import blueprint as accounts
    from workshop.core.errors import register_error_pages
    from workshop.documents.views import blueprint as documents
    from workshop.exports.views import blueprint as exports
    from workshop.forums.views import blueprint as forums
    from workshop.programme.views import blueprint as programme
    from workshop.publishing.views import blueprint as publishing
    from workshop.registration.views import blueprint as registration
    # Declares the change-digest job and listens for published releases.
    import workshop.registration.digest  # noqa: F401

    for blueprint in (accounts, forums, programme, publishing, exports, documents, registration):
        app.register_blueprint(blueprint)
    register_error_pages(app)


def _register_cli(app):
    from workshop.accounts.cli import register as register_accounts_cli
    from workshop.demo.cli import register as register_demo_cli
    from workshop.exports.warming import register as register_exports_cli
    from workshop.programme_files.cli import register as register_programme_files_cli

    register_accounts_cli(app)
    register_demo_cli(app)
    register_exports_cli(app)
    register_programme_files_cli(app)

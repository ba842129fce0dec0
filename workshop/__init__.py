"""Workshop: run policy forums end to end."""

import importlib
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from workshop.config import load_config
from workshop.core import queue
from workshop.core.logs import configure_logging
from workshop.extensions import babel, csrf, db, login_manager, mail, migrate

# Every feature package, lowest first; each one's `init_app` registers what it owns (tables, names,
# blueprint, commands). A new feature is one more name here.
FEATURES = (
    "accounts",
    "forums",
    "programme",
    "documents",
    "publishing",
    "registration",
    "desk",
    "reports",
    "exports",
    "programme_files",
    "demo",
)


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
    for name in FEATURES:
        importlib.import_module(f"workshop.{name}").init_app(app)
    _register_site_pages(app)
    # Last: by now every feature module, and so every job it declares, is imported.
    queue.init_app(app)
    return app


def _configure_logging(app):
    # The tests capture logs themselves; the debug server prints its own.
    if not app.testing:
        configure_logging(app.config, send_to_stderr=not app.debug)


def _init_extensions(app):
    from workshop.core import audit, i18n, security, templating, urls  # noqa: F401  (audit registers its table)

    urls.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    mail.init_app(app)
    i18n.init_app(app, babel)
    login_manager.init_app(app)
    security.init_app(app)
    templating.init_app(app)


def _register_site_pages(app):
    from workshop.core.errors import register_error_pages

    # Browsers ask for /favicon.ico whatever the page says; answer from the static folder.
    app.add_url_rule("/favicon.ico", "favicon", lambda: app.send_static_file("favicon.ico"))
    register_error_pages(app)

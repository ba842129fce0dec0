"""Render a new release's heavy exports once, right after publishing, outside the web workers.

The full agenda PDF of a 400-session forum takes seconds and a few hundred megabytes to lay out,
and its feed about half a second to serialise (docs/benchmarks.md). Built by the first reader,
that cost lands on a person and inside a web worker; built here, in a process of its own, readers
find them in the cache.
"""

import contextvars
import logging
import os

# Runs our own `flask` command with a fixed argument list and no shell.
import subprocess  # nosec B404
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from workshop.publishing.signals import release_published

log = logging.getLogger(__name__)
exports_cli = AppGroup("exports", help="Build exports ahead of readers.")


def warmed_paths(slug):
    """Return the public exports worth building ahead: the slow ones, in every language."""
    return [f"/f/{slug}/agenda.pdf", f"/f/{slug}/agenda.ics", f"/api/v1/forums/{slug}/agenda"]


def warm_exports(app, slug, site):
    """Request each export once per language, as a reader at `site` would, so that it lands in the cache."""
    client = app.test_client()
    statuses = {}
    for language in app.config["LANGUAGES"]:
        for path in warmed_paths(slug):
            # Each request in a context of its own, as on a server: inside the command's app context
            # they would share one `g`, and with it the language of the first request.
            response = contextvars.Context().run(client.get, path, base_url=site, headers={"Accept-Language": language})
            statuses[(language, path)] = response.status_code
    return statuses


@exports_cli.command("warm")
@click.argument("slug")
@click.option("--site", help="The address readers use (default: WORKSHOP_SITE_URL), e.g. https://forum.example.org/")
def warm_command(slug, site):
    """Build the agenda PDF, feed and JSON of SLUG's latest release in every language."""
    for (language, path), status in warm_exports(current_app, slug, site or current_app.config["SITE_URL"]).items():
        click.echo(f"{status} {language} {path}")


@release_published.connect
def start_warming(app, release):
    """Start `flask exports warm` for the new release in a detached process on the same configuration."""
    if not app.config["WARM_EXPORTS_AFTER_PUBLISHING"]:
        return None
    environment = {
        **os.environ,
        "WORKSHOP_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "WORKSHOP_SECRET_KEY": app.config["SECRET_KEY"],
        "WORKSHOP_UPLOAD_DIR": app.config["UPLOAD_DIR"],
        "WORKSHOP_CACHE_DIR": app.config["CACHE_DIR"],
        "WORKSHOP_SITE_URL": app.config["SITE_URL"],
    }
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "wsgi",
        "exports",
        "warm",
        release.forum.slug,
        "--site",
        app.config["SITE_URL"],
    ]
    log.info("Building the exports of %s release %d ahead of readers", release.forum.slug, release.number)
    # A fixed argument list without a shell; the slug is one that a URL rule and the database accepted.
    return subprocess.Popen(  # nosec B603
        command,
        cwd=Path(app.root_path).parent,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

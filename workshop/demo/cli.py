"""`flask demo` loads the Bogotá 2011 workshop with one login per role; `flask welcome` says where to sign in."""

import time
import urllib.error
import urllib.request

import click
from flask import current_app
from flask_babel import gettext as _

from workshop.extensions import db

# How long `flask welcome --wait` gives the web server to answer before saying so.
SERVER_START_SECONDS = 30


@click.command("demo")
@click.option("--sign-ins/--no-sign-ins", default=True, help="List the demo accounts afterwards.")
def demo_command(sign_ins):
    """Load the demo forum bogota-2011 unless it is there already."""
    # Imported here, not at the top: the demo pulls in the PDF and DOCX toolchain (about 70 MB),
    # and every web worker registers this command without ever running it.
    from workshop.demo.services import DEMO_SLUG, load_demo

    forum = load_demo()
    if forum is None:
        click.echo(_("The demo forum %(slug)s exists already; nothing to do.", slug=DEMO_SLUG))
    else:
        db.session.commit()
        click.echo(_("Loaded the demo forum %(title)s at /f/%(slug)s/.", title=forum.title, slug=forum.slug))
    if sign_ins:
        echo_sign_ins()


@click.command("welcome")
@click.option("--wait", is_flag=True, help="Wait until the web server answers first.")
def welcome_command(wait):
    """Say where Workshop answers and who to sign in as, once the web server is up if asked to wait."""
    address = current_app.config["SITE_URL"]
    if wait and not wait_for_server(address, SERVER_START_SECONDS):
        click.echo(_("The web server did not answer at %(address)s; see the lines above.", address=address))
        return
    click.echo("")
    click.echo(_("Workshop is ready at %(address)s", address=address))
    echo_sign_ins()
    click.echo(_("Press Ctrl+C to stop the web server and the worker."))


def echo_sign_ins():
    from workshop.demo.services import DEMO_SLUG, demo_logins

    address = current_app.config["SITE_URL"]
    click.echo(_("The demo agenda: %(address)sf/%(slug)s/agenda", address=address, slug=DEMO_SLUG))
    click.echo(_("Sign in as (password for all: %(password)s):", password=demo_logins()[0].password))
    for login in demo_logins():
        click.echo(f"  {login.email:<34} {login.role}")


def wait_for_server(address, seconds):
    """Return whether the server answers at the address within the given seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            # Our own development address, from the configuration (bandit B310).
            with urllib.request.urlopen(address, timeout=1):  # nosec B310
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.2)
    return False

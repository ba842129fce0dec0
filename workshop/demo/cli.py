"""`flask demo`: load the Bogotá 2011 workshop with one login per role; run it as often as you like."""

import click
from flask_babel import gettext as _

from workshop.extensions import db


@click.command("demo")
def demo_command():
    """Load the demo forum bogota-2011 unless it is there already."""
    # Imported here, not at the top: the demo pulls in the PDF and DOCX toolchain (about 70 MB),
    # and every web worker registers this command without ever running it.
    from workshop.demo.services import DEMO_SLUG, demo_logins, load_demo

    forum = load_demo()
    if forum is None:
        click.echo(_("The demo forum %(slug)s exists already; nothing to do.", slug=DEMO_SLUG))
        return
    db.session.commit()
    click.echo(_("Loaded the demo forum %(title)s at /f/%(slug)s/.", title=forum.title, slug=forum.slug))
    click.echo(_("Demo logins (password for all: %(password)s):", password=demo_logins()[0].password))
    for login in demo_logins():
        click.echo(f"  {login.email:<34} {login.role}")

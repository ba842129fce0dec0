"""`flask organisations seed`: the shared directory's first entries, for a new installation and the demo."""

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from workshop.extensions import db
from workshop.forums.services import seed_shared_directory

organisations_cli = AppGroup("organisations", help="Manage the shared directory of organisations.")


@organisations_cli.command("seed")
def seed():
    """Add the twenty organisations of the UNDP 2011 mapping the shared directory lacks (run it any number of times)."""
    added = seed_shared_directory()
    db.session.commit()
    click.echo(_("%(count)d organisations added to the shared directory.", count=added))

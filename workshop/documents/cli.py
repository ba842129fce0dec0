"""`flask documents sweep-orphans`: keep the archive holding exactly the files its records name."""

from datetime import timedelta

import click
from flask.cli import AppGroup

from workshop.documents.services import sweep_orphan_files

documents_cli = AppGroup("documents", help="Look after the archive of uploaded documents.")
DEFAULT_GRACE_MINUTES = 60


@documents_cli.command("sweep-orphans")
@click.option(
    "--grace-minutes",
    default=DEFAULT_GRACE_MINUTES,
    show_default=True,
    type=click.IntRange(min=0),
    help="Leave files younger than this alone: their upload may still be committing.",
)
def sweep_orphans_command(grace_minutes):
    """Move archive files that no document version records into the quarantine folder."""
    moved = sweep_orphan_files(timedelta(minutes=grace_minutes))
    for name in moved:
        click.echo(f"quarantined {name}")
    click.echo(f"{len(moved)} file(s) without a record quarantined.")

"""`flask forum export SLUG` and `flask forum import FILE`: a forum's programme as a JSON file."""

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from workshop.extensions import db
from workshop.forums.services import find_forum
from workshop.programme_files.exporting import programme_file_text
from workshop.programme_files.importing import import_programme_file
from workshop.programme_files.problems import ProgrammeFileError

forum_cli = AppGroup("forum", help="Export and import a forum's programme as JSON.")


def echo_problems(error, source):
    """Print each problem of a refused file as "FILE:LINE: reason", the way compilers do."""
    for problem in error.problems:
        reason = _(problem.template, **problem.params)
        where = f"{source}:{problem.line}" if problem.line is not None else source
        click.echo(_("%(where)s: %(reason)s", where=where, reason=reason), err=True)


@forum_cli.command("export")
@click.argument("slug")
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="File to write (default: standard output).",
)
def export_command(slug, output):
    """Write a forum's programme as JSON."""
    forum = find_forum(slug)
    if forum is None:
        raise click.ClickException(_('There is no forum with the slug "%(slug)s".', slug=slug))
    output.write(programme_file_text(forum))


@forum_cli.command("import")
@click.argument("source", type=click.File("rb"))
@click.option("--replace", is_flag=True, help="Rebuild the programme of an existing forum with the same slug.")
def import_command(source, replace):
    """Create a forum from a programme file; a faulty file changes nothing."""
    try:
        forum = import_programme_file(source.read(), replace=replace)
        db.session.commit()
    except ProgrammeFileError as error:
        db.session.rollback()
        echo_problems(error, source.name)
        raise click.exceptions.Exit(1) from None
    click.echo(_("Imported %(title)s as /f/%(slug)s/.", title=forum.title, slug=forum.slug))

"""The schema the migrations build is the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from workshop.extensions import db


def describe(difference):
    """Name an autogenerate difference shortly: ('add_table', Table('x', ...)) becomes "add_table x"."""
    if isinstance(difference, list):
        return "; ".join(describe(change) for change in difference)
    action, *details = difference
    names = [getattr(detail, "name", None) or str(detail) for detail in details if detail is not None]
    return f"{action} {' '.join(names)}"


def test_migrations_match_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)

    unmigrated = "\n".join(describe(difference) for difference in differences)
    assert not differences, f"the models changed without a migration (flask --app wsgi db migrate):\n{unmigrated}"


def test_migrations_have_a_single_head(app):
    migrate_state = app.extensions["migrate"]
    config = migrate_state.migrate.get_config(migrate_state.directory)

    heads = ScriptDirectory.from_config(config).get_heads()

    assert len(heads) == 1, f"two migrations share a parent; merge them: flask --app wsgi db merge {' '.join(heads)}"

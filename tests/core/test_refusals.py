"""One way a view commits a change or shows why a service refused it."""

from flask import get_flashed_messages
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import StringField

from workshop.core.refusals import Refused, commit_or_refuse
from workshop.extensions import db
from workshop.forums.models import Organisation


class NameForm(FlaskForm):
    name = StringField()


def count_organisations():
    return db.session.scalar(select(func.count()).select_from(Organisation))


def test_a_change_that_is_not_refused_is_committed(app):
    with app.test_request_context(), commit_or_refuse() as outcome:
        db.session.add(Organisation(name="ECLAC"))
    db.session.rollback()
    assert not outcome.refused
    assert count_organisations() == 1


def test_a_refused_change_leaves_nothing_behind_and_says_why(app):
    with app.test_request_context():
        with commit_or_refuse() as outcome:
            db.session.add(Organisation(name="ECLAC"))
            db.session.flush()
            raise Refused("That organisation is listed already.", "Pick it from the directory.")
        assert get_flashed_messages(with_categories=True) == [
            ("error", "That organisation is listed already."),
            ("error", "Pick it from the directory."),
        ]
    assert outcome.refused
    assert count_organisations() == 0


def test_a_refusal_about_a_field_is_shown_at_that_field(app):
    with app.test_request_context(method="POST", data={"name": "ECLAC"}):
        form = NameForm(meta={"csrf": False})
        with commit_or_refuse(form):
            raise Refused("That organisation is listed already.", field="name")
        assert form.name.errors == ["That organisation is listed already."]
        assert get_flashed_messages() == []

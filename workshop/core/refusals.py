"""How a use case says no, and the one way a view commits a change or shows why it was refused.

Services raise `Refused` (or a subclass) with messages written for people; they never commit. A
view runs the service inside `commit_or_refuse(form)`: the change is committed when the service
returns, and rolled back when it refuses, with the reasons shown at the form field they concern or
as flash messages. The view then decides what to render from `outcome.refused`.

    with commit_or_refuse(form) as outcome:
        services.save_room(current_user, room, name=form.name.data)
    if outcome.refused:
        return render_template("forums/room.html", form=form), outcome.status
    flash(_("Room saved."), "success")
    return redirect(...)
"""

from contextlib import contextmanager
from dataclasses import dataclass

from flask import flash
from sqlalchemy.orm.exc import StaleDataError

from workshop.extensions import db


class Refused(Exception):
    """A use case declined the change; `messages` say why, for people, and `field` names the form field.

    `status` is the HTTP status a page answers with when it shows the refusal.
    """

    status = 422

    def __init__(self, *messages, field=None, status=None):
        super().__init__(*messages)
        self.messages = messages
        self.field = field
        if status is not None:
            self.status = status


class EditConflict(Refused):
    """Someone saved the record after the form was opened; saving now would undo their change.

    It carries no message: the form page shows what is saved now beside what was typed.
    """

    status = 409


@dataclass
class Outcome:
    """What happened inside `commit_or_refuse`: nothing to report, or the refusal."""

    refusal: Refused | None = None

    @property
    def refused(self):
        return self.refusal is not None

    @property
    def status(self):
        """Return the HTTP status to answer a refusal with."""
        return self.refusal.status if self.refusal is not None else 200


@contextmanager
def commit_or_refuse(form=None):
    """Commit what the block changes, or roll it back and show why it was refused.

    The ORM's own lost-update check (an UPDATE that matched no row of the version read) is a
    refusal too: someone saved the record in between.
    """
    outcome = Outcome()
    try:
        yield outcome
        db.session.commit()
    except Refused as refusal:
        _refuse(outcome, refusal, form)
    except StaleDataError:
        _refuse(outcome, EditConflict(), form)


def _refuse(outcome, refusal, form):
    db.session.rollback()
    outcome.refusal = refusal
    show_refusal(refusal, form)


def show_refusal(refusal, form=None):
    """Put the reasons at the form field they concern, or flash them when there is no such field."""
    field = getattr(form, refusal.field, None) if form is not None and refusal.field else None
    for message in refusal.messages:
        if field is not None:
            field.errors = [*field.errors, str(message)]
        else:
            flash(str(message), "error")

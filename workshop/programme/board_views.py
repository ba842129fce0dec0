"""The secretariat's schedule board: one day of rooms by time, moving a session on it, and undoing the last move."""

from dataclasses import asdict, dataclass
from datetime import date, time

from flask import flash, get_flashed_messages, jsonify, redirect, render_template, request, url_for
from flask import session as browser_session
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workshop.core.confirmation import ConfirmForm, require_button
from workshop.core.refusals import EditConflict, commit_or_refuse
from workshop.core.timezones import local_date
from workshop.core.versions import check_version
from workshop.extensions import db
from workshop.forums.access import get_managed_forum, get_part_or_404
from workshop.programme import services
from workshop.programme.board import load_board, pick_day
from workshop.programme.forms import MoveForm
from workshop.programme.models import ForumSession
from workshop.programme.views import blueprint

UNDO_KEY = "board_last_move"


@dataclass(frozen=True)
class LastMove:
    """The signed-in person's last move on a forum's board: where the session was, and its version after the move."""

    forum_id: int
    session_id: int
    version: int
    on: str
    starts: str
    room_id: int | None

    @classmethod
    def recall(cls, forum):
        """Return the last move kept for this forum, if any (the browser's signed session cookie keeps one)."""
        kept = browser_session.get(UNDO_KEY)
        if not kept or kept.get("forum_id") != forum.id:
            return None
        return cls(**kept)

    def keep(self):
        browser_session[UNDO_KEY] = asdict(self)

    @staticmethod
    def forget():
        browser_session.pop(UNDO_KEY, None)

    @property
    def place(self):
        return services.SessionMove(date.fromisoformat(self.on), time.fromisoformat(self.starts), self.room_id)


@blueprint.route("/board")
@login_required
def show_board(slug):
    forum = get_managed_forum(slug)
    day = pick_day(forum, request.args.get("day"))
    last_move = LastMove.recall(forum)
    return render_template(
        "programme/board.html",
        forum=forum,
        board=load_board(forum, day) if day is not None else None,
        move_form=MoveForm(),
        undo_form=ConfirmForm(),
        undoable=db.session.get(ForumSession, last_move.session_id) if last_move else None,
    )


@blueprint.route("/board/sessions/<int:session_id>/move", methods=["POST"])
@login_required
def move_session(slug, session_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    form = MoveForm()
    if not form.validate_on_submit():
        messages = [f"{form[name].label.text}: {' '.join(map(str, errors))}" for name, errors in form.errors.items()]
        return _answer(forum, session, None, messages, 422)
    move = services.SessionMove(form.day.data, form.starts.data, form.room_id.data)
    with commit_or_refuse() as outcome:
        check_version(session, form.version.data)
        before = services.move_session(current_user, session, move)
    if outcome.refused:
        return _answer(forum, session, None, _refusal_messages(outcome.refusal, session), outcome.status)
    LastMove(
        forum.id, session.id, session.version, before.on.isoformat(), before.starts.isoformat(), before.room_id
    ).keep()
    moved = _(
        "%(session)s moved to %(time)s, %(room)s.", session=session, time=_clock(move.starts), room=session.room.name
    )
    return _answer(forum, session, move.on, [moved], 200)


@blueprint.route("/board/undo", methods=["POST"])
@login_required
def undo_move(slug):
    forum = get_managed_forum(slug)
    require_button()
    last_move = LastMove.recall(forum)
    if last_move is None:
        flash(_("There is no move to undo."), "error")
        return redirect(url_for("programme.show_board", slug=forum.slug))
    LastMove.forget()
    session = get_part_or_404(ForumSession, last_move.session_id, forum)
    with commit_or_refuse() as outcome:
        check_version(session, last_move.version)
        services.move_session(current_user, session, last_move.place)
    if isinstance(outcome.refusal, EditConflict):
        flash(_("%(session)s was changed after your move, so the move was not undone.", session=session), "error")
    elif not outcome.refused:
        flash(_("Move undone: %(session)s is back at %(time)s.", session=session, time=_clock(last_move.place.starts)))
    return redirect(_board_url(forum, last_move.place.on, session))


def _refusal_messages(refusal, session):
    """Return what the refusal says (commit_or_refuse flashed it: the answer says it instead)."""
    get_flashed_messages()
    if isinstance(refusal, EditConflict):
        return [
            _(
                "Someone else changed %(session)s after your board was loaded; nothing was moved. "
                "The board now shows the programme as it is.",
                session=session,
            )
        ]
    return [str(message) for message in refusal.messages]


def _answer(forum, session, on, messages, status):
    """Answer a move: JSON for the board's script, else the board again with the messages flashed."""
    board_url = _board_url(forum, on, session)
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        refresh = status in (200, EditConflict.status)
        return jsonify(moved=status == 200, messages=messages, board=board_url, refresh=refresh), status
    for message in messages:
        flash(message, "success" if status == 200 else "error")
    return redirect(board_url, 303)


def _board_url(forum, on, session):
    """Return the board of the day `on` (None: the session's day as it stands), at the session's card."""
    if on is None:
        on = local_date(session.starts_at, forum.timezone)
    return url_for("programme.show_board", slug=forum.slug, day=on.isoformat(), _anchor=f"session-{session.id}")


def _clock(moment):
    return format_time(moment, "short")

"""The secretariat's programme screens: the overview, sessions, items, appointments and loose items."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.core.checklist import measure_checklist
from workshop.core.confirmation import ConfirmForm, ask_first, is_confirmed, require_button
from workshop.core.labels import label
from workshop.core.refusals import EditConflict, commit_or_refuse
from workshop.core.templating import typed_choice
from workshop.core.timezones import local_date, utc_to_local
from workshop.core.versions import check_version, saved_values_that_differ
from workshop.extensions import db
from workshop.forums.access import get_managed_forum, get_part_or_404
from workshop.forums.views import after_delete, frame_url, render_part, saved
from workshop.programme import frame, services
from workshop.programme.forms import AppointmentForm, BlockForm, DayForm, ItemForm, LooseItemForm, SessionForm
from workshop.programme.models import (
    Appointment,
    BlockItem,
    ForumDay,
    ForumSession,
    ItemKind,
    SessionFormat,
    SessionItem,
    TimeBlock,
)
from workshop.programme.wording import describe_conflict

blueprint = Blueprint("programme", __name__, url_prefix="/manage/<slug>")
# The time-block choice of a session that stands outside any block (imported so).
NO_BLOCK = -1
# "Read the request's form", as Flask-WTF does when no form data is given.
_AUTO = object()


@blueprint.route("/")
@login_required
def overview(slug):
    forum = get_managed_forum(slug)
    days = db.session.scalars(
        select(ForumDay)
        .where(ForumDay.forum_id == forum.id)
        .order_by(ForumDay.date)
        .options(
            selectinload(ForumDay.blocks).selectinload(TimeBlock.sessions).selectinload(ForumSession.room),
            selectinload(ForumDay.blocks)
            .selectinload(TimeBlock.sessions)
            .selectinload(ForumSession.appointments)
            .selectinload(Appointment.user),
            selectinload(ForumDay.blocks).selectinload(TimeBlock.loose_items).selectinload(BlockItem.speaker),
        )
    ).all()
    outside_blocks = db.session.scalars(
        select(ForumSession)
        .where(ForumSession.forum_id == forum.id, ForumSession.block_id.is_(None))
        .order_by(ForumSession.starts_at, ForumSession.number)
        .options(selectinload(ForumSession.room))
    ).all()
    conflicts = [describe_conflict(conflict) for conflict in services.programme_conflicts(forum)]
    return render_template(
        "programme/overview.html",
        forum=forum,
        checklist=measure_checklist(forum),
        days=days,
        outside_blocks=outside_blocks,
        conflicts=conflicts,
    )


def _session_form(forum, session, formdata=_AUTO):
    """Build the session form with this forum's blocks, rooms and tracks to choose from."""
    form = SessionForm(obj=session) if formdata is _AUTO else SessionForm(formdata=formdata, obj=session)
    blocks = [block for day in forum.days for block in day.blocks]
    form.block_id.choices = [(block.id, _block_name(block, forum)) for block in blocks]
    if session.id and session.block_id is None:
        # Imported sessions may stand outside any block; saving the form must not move them into one.
        form.block_id.choices.insert(
            0,
            (
                NO_BLOCK,
                _(
                    "Outside any time block (on %(day)s)",
                    day=format_date(local_date(session.starts_at, forum.timezone), "medium"),
                ),
            ),
        )
    written_in = forum.content_language
    form.room_id.choices = [(0, _("No room yet"))] + [
        typed_choice(room.id, room.name, written_in) for room in forum.rooms
    ]
    form.track_id.choices = [(0, _("No track"))] + [
        typed_choice(track.id, track.name, written_in) for track in forum.tracks
    ]
    showing_saved = formdata is None or not form.is_submitted()
    form.offer_interpretation(forum.working_language_codes, (session.interpretation or "") if showing_saved else None)
    if session.id and showing_saved:
        form.block_id.data = session.block_id or NO_BLOCK
        form.starts_at.data = utc_to_local(session.starts_at, forum.timezone).time()
        form.ends_at.data = utc_to_local(session.ends_at, forum.timezone).time()
        form.room_id.data = session.room_id or 0
        form.track_id.data = session.track_id or 0
    return form


def _block_name(block, forum):
    start, end = utc_to_local(block.starts_at, forum.timezone), utc_to_local(block.ends_at, forum.timezone)
    return f"{start:%Y-%m-%d} {start:%H:%M}–{end:%H:%M} {block.label}".strip()


def _session_changes(forum, session, form):
    """Return what the session form says, for the service: its block (or its day, outside any block) and its fields."""
    interpretation = form.chosen_interpretation()
    if form.block_id.data == NO_BLOCK:
        block, on = None, local_date(session.starts_at, forum.timezone)
    else:
        block = _block_of(forum, form.block_id.data)
        on = block.day.date
    return {
        "block": block,
        "on": on,
        "starts": form.starts_at.data,
        "ends": form.ends_at.data,
        "number": (form.number.data or "").strip(),
        "title": form.title.data.strip(),
        "outputs": form.outputs.data or "",
        "format": SessionFormat(form.format.data),
        "room_id": form.room_id.data or None,
        "track_id": form.track_id.data or None,
        "capacity": form.capacity.data,
    } | ({} if interpretation is None else {"interpretation": interpretation})


@blueprint.route("/days/new", methods=["GET", "POST"])
@blueprint.route("/days/<int:day_id>/edit", methods=["GET", "POST"])
@login_required
def edit_day(slug, day_id=None):
    forum = get_managed_forum(slug)
    day = get_part_or_404(ForumDay, day_id, forum) if day_id else ForumDay()
    form = DayForm(obj=day)
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            frame.save_day(
                current_user,
                day,
                forum,
                date=form.date.data,
                title=form.title.data,
                to_be_announced=form.to_be_announced.data,
                note=form.note.data,
            )
        if not outcome.refused:
            return saved(frame_url(forum))
        return render_part(forum, form, _("Day"), outcome.status)
    return render_part(forum, form, _("Day"))


@blueprint.route("/days/<int:day_id>/delete", methods=["POST"])
@login_required
def delete_day(slug, day_id):
    forum = get_managed_forum(slug)
    day = get_part_or_404(ForumDay, day_id, forum)
    require_button()
    if not is_confirmed():
        question = _("Delete the day %(day)s?", day=format_date(day.date, "full"))
        return ask_first(question, frame.what_goes_with_day(day), frame_url(forum), _("Delete"))
    with commit_or_refuse() as outcome:
        frame.delete_day(current_user, day, forum)
    return after_delete(forum, outcome)


@blueprint.route("/blocks/new", methods=["GET", "POST"])
@blueprint.route("/blocks/<int:block_id>/edit", methods=["GET", "POST"])
@login_required
def edit_block(slug, block_id=None):
    forum = get_managed_forum(slug)
    block = _block_of(forum, block_id) if block_id else TimeBlock()
    form = BlockForm(day_id=block.day_id)
    form.day_id.choices = [(day.id, day.date.isoformat()) for day in forum.days]
    if block_id and not form.is_submitted():
        form.starts_at.data = utc_to_local(block.starts_at, forum.timezone).time()
        form.ends_at.data = utc_to_local(block.ends_at, forum.timezone).time()
        form.label.data = block.label
    if form.validate_on_submit():
        day = get_part_or_404(ForumDay, form.day_id.data, forum)
        with commit_or_refuse(form) as outcome:
            frame.save_block(
                current_user,
                block,
                forum,
                day=day,
                starts_at=form.starts_at.data,
                ends_at=form.ends_at.data,
                label=form.label.data,
            )
        if not outcome.refused:
            return saved(frame_url(forum))
        return render_part(forum, form, _("Time block"), outcome.status)
    return render_part(forum, form, _("Time block"))


@blueprint.route("/blocks/<int:block_id>/delete", methods=["POST"])
@login_required
def delete_block(slug, block_id):
    forum = get_managed_forum(slug)
    block = _block_of(forum, block_id)
    require_button()
    if not is_confirmed():
        question = _("Delete the time block %(block)s?", block=frame.block_name(block))
        return ask_first(question, frame.what_goes_with_block(block), frame_url(forum), _("Delete"))
    with commit_or_refuse() as outcome:
        frame.delete_block(current_user, block, forum)
    return after_delete(forum, outcome)


@blueprint.route("/sessions/new", methods=["GET", "POST"])
@blueprint.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@login_required
def edit_session(slug, session_id=None):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum) if session_id else ForumSession()
    form = _session_form(forum, session)
    if not form.block_id.choices:
        flash(_("Add a time block to a day before adding sessions."), "error")
        return redirect(url_for("forums.manage_frame", slug=forum.slug))
    if form.validate_on_submit():
        changes = _session_changes(forum, session, form)
        with commit_or_refuse(form) as outcome:
            if session_id:
                check_version(session, form.version.data)
            services.save_session(current_user, session, forum, **changes)
        if isinstance(outcome.refusal, EditConflict):
            db.session.refresh(session)
            conflict = saved_values_that_differ(form, _session_form(forum, session, formdata=None))
            form.version.data = session.version
            return _render_session_form(forum, session, form, False, conflict, outcome.status)
        if outcome.refused:
            return _render_session_form(forum, session, form, not session_id, None, outcome.status)
        flash(_("%(session)s saved.", session=session), "success")
        return redirect(url_for("programme.show_session", slug=forum.slug, session_id=session.id))
    return _render_session_form(forum, session, form, not session_id)


def _render_session_form(forum, session, form, is_new, conflict=None, status=200):
    return render_template(
        "programme/edit_session.html",
        forum=forum,
        form=form,
        session=session,
        is_new=is_new,
        conflict=conflict,
    ), status


@blueprint.route("/sessions/<int:session_id>")
@login_required
def show_session(slug, session_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    item_form = ItemForm()
    item_form.kind.data = ItemKind.KEYNOTE.value
    return render_template(
        "programme/session.html",
        forum=forum,
        session=session,
        item_form=item_form,
        appointment_form=AppointmentForm(),
        confirm=ConfirmForm(),
    )


@blueprint.route("/sessions/<int:session_id>/delete", methods=["POST"])
@login_required
def delete_session(slug, session_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    require_button()
    if not is_confirmed():
        return ask_first(
            _("Delete %(session)s?", session=session),
            services.what_goes_with_session(session),
            url_for("programme.show_session", slug=forum.slug, session_id=session.id),
            _("Delete the session"),
        )
    with commit_or_refuse() as outcome:
        services.delete_session(current_user, session)
    if outcome.refused:
        return _back_to_session(forum, session)
    flash(_("Session deleted. It disappears from the agenda with the next release."), "success")
    return redirect(url_for("programme.overview", slug=forum.slug))


def _back_to_session(forum, session, outcome=None, success_message=None):
    """Return to the session's page, saying the change is done unless it was refused (the refusal is flashed)."""
    if outcome is not None and not outcome.refused:
        flash(success_message, "success")
    return redirect(url_for("programme.show_session", slug=forum.slug, session_id=session.id))


def _flash_form_errors(form):
    """Say what is wrong with a form posted from the session page, which shows no form of its own to mark."""
    for errors in form.errors.values():
        flash(" ".join(str(error) for error in errors), "error")


@blueprint.route("/sessions/<int:session_id>/items", methods=["POST"])
@login_required
def add_item(slug, session_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    form = ItemForm()
    if not form.validate_on_submit():
        _flash_form_errors(form)
        return _back_to_session(forum, session)
    with commit_or_refuse() as outcome:
        services.add_item(
            current_user,
            session,
            kind=form.kind.data,
            title=form.title.data.strip(),
            speaker_email=form.speaker_email.data or "",
            speaker_name=form.speaker_name.data or "",
            duration_minutes=form.duration_minutes.data,
        )
    return _back_to_session(forum, session, outcome, _("Item added."))


def _item_of(forum, session_id, item_id):
    item = db.session.get(SessionItem, item_id)
    if item is None or item.session_id != session_id or item.session.forum_id != forum.id:
        abort(404)
    return item


@blueprint.route("/sessions/<int:session_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_item(slug, session_id, item_id):
    forum = get_managed_forum(slug)
    item = _item_of(forum, session_id, item_id)
    session = item.session
    form = ItemForm(obj=item)
    del form.speaker_email, form.speaker_name
    form.submit.label.text = _("Save")
    if form.validate_on_submit():
        with commit_or_refuse() as outcome:
            services.update_item(
                current_user,
                item,
                kind=form.kind.data,
                title=form.title.data.strip(),
                duration_minutes=form.duration_minutes.data,
            )
        return _back_to_session(forum, session, outcome, _("Item saved."))
    return render_template("programme/edit_item.html", forum=forum, form=form, session=session)


@blueprint.route("/sessions/<int:session_id>/items/<int:item_id>/move/<direction>", methods=["POST"])
@login_required
def move_item(slug, session_id, item_id, direction):
    forum = get_managed_forum(slug)
    item = _item_of(forum, session_id, item_id)
    session = item.session
    require_button()
    offsets = {"up": -1, "down": 1}
    if direction not in offsets:
        abort(404)
    with commit_or_refuse() as outcome:
        services.move_item(current_user, item, offsets[direction])
    return _back_to_session(forum, session, outcome, _("Order changed."))


@blueprint.route("/sessions/<int:session_id>/items/<int:item_id>/delete", methods=["POST"])
@login_required
def delete_item(slug, session_id, item_id):
    forum = get_managed_forum(slug)
    item = _item_of(forum, session_id, item_id)
    session = item.session
    require_button()
    if not is_confirmed():
        return ask_first(
            _(
                "Remove the item %(item)s from %(session)s?",
                item=item.title or label(item.kind, "item_kind"),
                session=session,
            ),
            [],
            url_for("programme.show_session", slug=forum.slug, session_id=session.id),
            _("Remove the item"),
        )
    with commit_or_refuse() as outcome:
        services.remove_item(current_user, item)
    return _back_to_session(forum, session, outcome, _("Item removed."))


@blueprint.route("/sessions/<int:session_id>/appointments", methods=["POST"])
@login_required
def appoint(slug, session_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    form = AppointmentForm()
    if not form.validate_on_submit():
        _flash_form_errors(form)
        return _back_to_session(forum, session)
    with commit_or_refuse() as outcome:
        services.appoint(current_user, session, role=form.role.data, email=form.email.data, name=form.name.data or "")
    return _back_to_session(forum, session, outcome, _("Appointment saved."))


@blueprint.route("/sessions/<int:session_id>/appointments/<int:appointment_id>/delete", methods=["POST"])
@login_required
def withdraw(slug, session_id, appointment_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None or appointment.session_id != session.id:
        abort(404)
    require_button()
    if not is_confirmed():
        question = _(
            "Withdraw %(name)s as %(role)s of %(session)s?",
            name=appointment.user.name,
            role=label(appointment.role, "appointment_role"),
            session=session,
        )
        return ask_first(
            question,
            services.what_goes_with_appointment(appointment),
            url_for("programme.show_session", slug=forum.slug, session_id=session.id),
            _("Withdraw"),
        )
    with commit_or_refuse() as outcome:
        services.withdraw(current_user, appointment)
    return _back_to_session(forum, session, outcome, _("Appointment withdrawn."))


def _forum_of_block(block):
    return block.day.forum_id


def _block_of(forum, block_id):
    return get_part_or_404(TimeBlock, block_id, forum, _forum_of_block)


@blueprint.route("/blocks/<int:block_id>/items/new", methods=["GET", "POST"])
@blueprint.route("/blocks/<int:block_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_loose_item(slug, block_id, item_id=None):
    forum = get_managed_forum(slug)
    block = _block_of(forum, block_id)
    item = _loose_item_of(block, item_id) if item_id else BlockItem(kind=ItemKind.OPENING_REMARKS)
    form = LooseItemForm(obj=item)
    if item_id and not form.is_submitted():
        form.starts_at.data = utc_to_local(item.starts_at, forum.timezone).time()
        form.ends_at.data = utc_to_local(item.ends_at, forum.timezone).time()
    status = 200
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.save_loose_item(
                current_user,
                item,
                block,
                kind=form.kind.data,
                title=form.title.data.strip(),
                starts_at=form.starts_at.data,
                ends_at=form.ends_at.data,
            )
        if not outcome.refused:
            flash(_("Saved."), "success")
            return redirect(url_for("programme.overview", slug=forum.slug))
        status = outcome.status
    return render_template("programme/edit_loose_item.html", forum=forum, form=form, block=block), status


def _loose_item_of(block, item_id):
    item = db.session.get(BlockItem, item_id)
    if item is None or item.block_id != block.id:
        abort(404)
    return item


@blueprint.route("/blocks/<int:block_id>/items/<int:item_id>/delete", methods=["POST"])
@login_required
def delete_loose_item(slug, block_id, item_id):
    forum = get_managed_forum(slug)
    item = _loose_item_of(_block_of(forum, block_id), item_id)
    require_button()
    if not is_confirmed():
        return ask_first(
            _("Delete the loose item %(title)s?", title=item.title),
            [],
            url_for("programme.overview", slug=forum.slug),
            _("Delete"),
        )
    with commit_or_refuse() as outcome:
        services.delete_loose_item(current_user, item)
    if not outcome.refused:
        flash(_("Deleted."), "success")
    return redirect(url_for("programme.overview", slug=forum.slug))

"""The secretariat's programme screens: the overview, sessions, items, appointments and loose items."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.accounts.forms import ConfirmForm
from workshop.core.confirmation import ask_first, is_confirmed
from workshop.core.labels import label
from workshop.core.timezones import local_date, local_to_utc, utc_to_local
from workshop.core.versions import SAVED_MEANWHILE, check_version, saved_values_that_differ
from workshop.extensions import db
from workshop.forums.access import get_managed_forum, get_part_or_404
from workshop.forums.models import ForumDay, TimeBlock
from workshop.programme import services
from workshop.programme.forms import AppointmentForm, ItemForm, LooseItemForm, SessionForm
from workshop.programme.models import Appointment, BlockItem, ForumSession, ItemKind, SessionFormat, SessionItem
from workshop.programme.wording import describe_conflict

blueprint = Blueprint("programme", __name__, url_prefix="/manage/<slug>")
# The time-block choice of a session that stands outside any block (imported so).
NO_BLOCK = -1
# "Read the request's form", as Flask-WTF does when no form data is given.
_AUTO = object()


def _flash_conflicts(error):
    for conflict in error.conflicts:
        flash(describe_conflict(conflict), "error")


def _require_button():
    if not ConfirmForm().validate_on_submit():
        abort(400)


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
    form.room_id.choices = [(0, _("No room yet"))] + [(room.id, room.name) for room in forum.rooms]
    form.track_id.choices = [(0, _("No track"))] + [(track.id, track.name) for track in forum.tracks]
    if session.id and (formdata is None or not form.is_submitted()):
        form.block_id.data = session.block_id or NO_BLOCK
        form.starts_at.data = utc_to_local(session.starts_at, forum.timezone).time()
        form.ends_at.data = utc_to_local(session.ends_at, forum.timezone).time()
        form.room_id.data = session.room_id or 0
        form.track_id.data = session.track_id or 0
    return form


def _block_name(block, forum):
    start, end = utc_to_local(block.starts_at, forum.timezone), utc_to_local(block.ends_at, forum.timezone)
    return f"{start:%Y-%m-%d} {start:%H:%M}–{end:%H:%M} {block.label}".strip()


def _apply_session_form(forum, session, form):
    if form.block_id.data == NO_BLOCK:
        block, on = None, local_date(session.starts_at, forum.timezone)
    else:
        block = get_part_or_404(TimeBlock, form.block_id.data, forum, lambda part: part.day.forum_id)
        on = block.day.date
    session.forum, session.block = forum, block
    session.number, session.title = (form.number.data or "").strip(), form.title.data.strip()
    session.outputs = form.outputs.data or ""
    session.format = SessionFormat(form.format.data)
    session.starts_at = local_to_utc(on, form.starts_at.data, forum.timezone)
    session.ends_at = local_to_utc(on, form.ends_at.data, forum.timezone)
    session.room_id = form.room_id.data or None
    session.track_id = form.track_id.data or None
    session.capacity = form.capacity.data


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
        try:
            if session_id:
                check_version(session, form.version.data)
            _apply_session_form(forum, session, form)
            services.save_session(session, current_user, "session.changed" if session_id else "session.created")
            db.session.commit()
        except services.SchedulingConflict as error:
            db.session.rollback()
            _flash_conflicts(error)
            return render_template(
                "programme/edit_session.html",
                forum=forum,
                form=form,
                session=session,
                is_new=not session_id,
                conflict=None,
            ), 409
        except SAVED_MEANWHILE:
            db.session.rollback()
            db.session.refresh(session)
            conflict = saved_values_that_differ(form, _session_form(forum, session, formdata=None))
            form.version.data = session.version
            return render_template(
                "programme/edit_session.html", forum=forum, form=form, session=session, is_new=False, conflict=conflict
            ), 409
        flash(_("%(session)s saved.", session=session), "success")
        return redirect(url_for("programme.show_session", slug=forum.slug, session_id=session.id))
    return render_template(
        "programme/edit_session.html", forum=forum, form=form, session=session, is_new=not session_id, conflict=None
    )


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
    _require_button()
    if not is_confirmed():
        return ask_first(
            _("Delete %(session)s?", session=session),
            services.what_goes_with_session(session),
            url_for("programme.show_session", slug=forum.slug, session_id=session.id),
            _("Delete the session"),
        )
    services.delete_session(session, current_user)
    db.session.commit()
    flash(_("Session deleted. It disappears from the agenda with the next release."), "success")
    return redirect(url_for("programme.overview", slug=forum.slug))


def _back_to_session(forum, session):
    return redirect(url_for("programme.show_session", slug=forum.slug, session_id=session.id))


def _run_checked(forum, session, change, success_message):
    """Run a change to a session, committing it or rolling it back with the conflicts it caused."""
    try:
        change()
    except services.SchedulingConflict as error:
        db.session.rollback()
        _flash_conflicts(error)
    except ValueError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(success_message, "success")
    return _back_to_session(forum, session)


@blueprint.route("/sessions/<int:session_id>/items", methods=["POST"])
@login_required
def add_item(slug, session_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    form = ItemForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(error) for error in errors), "error")
        return _back_to_session(forum, session)
    change = lambda: services.add_item(
        session,
        current_user,
        form.kind.data,
        form.title.data.strip(),
        form.speaker_email.data or "",
        form.speaker_name.data or "",
        form.duration_minutes.data,
    )
    return _run_checked(forum, session, change, _("Item added."))


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
    form = ItemForm(obj=item)
    del form.speaker_email, form.speaker_name
    form.submit.label.text = _("Save")
    if form.validate_on_submit():
        change = lambda: services.update_item(
            item, current_user, form.kind.data, form.title.data.strip(), form.duration_minutes.data
        )
        return _run_checked(forum, item.session, change, _("Item saved."))
    return render_template("programme/edit_item.html", forum=forum, form=form, session=item.session)


@blueprint.route("/sessions/<int:session_id>/items/<int:item_id>/move/<direction>", methods=["POST"])
@login_required
def move_item(slug, session_id, item_id, direction):
    forum = get_managed_forum(slug)
    item = _item_of(forum, session_id, item_id)
    _require_button()
    offsets = {"up": -1, "down": 1}
    if direction not in offsets:
        abort(404)
    return _run_checked(
        forum, item.session, lambda: services.move_item(item, current_user, offsets[direction]), _("Order changed.")
    )


@blueprint.route("/sessions/<int:session_id>/items/<int:item_id>/delete", methods=["POST"])
@login_required
def delete_item(slug, session_id, item_id):
    forum = get_managed_forum(slug)
    item = _item_of(forum, session_id, item_id)
    session = item.session
    _require_button()
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
    return _run_checked(forum, session, lambda: services.remove_item(item, current_user), _("Item removed."))


@blueprint.route("/sessions/<int:session_id>/appointments", methods=["POST"])
@login_required
def appoint(slug, session_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    form = AppointmentForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(error) for error in errors), "error")
        return _back_to_session(forum, session)
    change = lambda: services.appoint(session, current_user, form.role.data, form.email.data, form.name.data or "")
    return _run_checked(forum, session, change, _("Appointment saved."))


@blueprint.route("/sessions/<int:session_id>/appointments/<int:appointment_id>/delete", methods=["POST"])
@login_required
def withdraw(slug, session_id, appointment_id):
    forum = get_managed_forum(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None or appointment.session_id != session.id:
        abort(404)
    _require_button()
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
    return _run_checked(
        forum, session, lambda: services.withdraw(appointment, current_user), _("Appointment withdrawn.")
    )


@blueprint.route("/blocks/<int:block_id>/items/new", methods=["GET", "POST"])
@blueprint.route("/blocks/<int:block_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_loose_item(slug, block_id, item_id=None):
    forum = get_managed_forum(slug)
    block = get_part_or_404(TimeBlock, block_id, forum, lambda part: part.day.forum_id)
    item = _loose_item_of(block, item_id) if item_id else BlockItem(kind=ItemKind.OPENING_REMARKS)
    form = LooseItemForm(obj=item)
    if item_id and not form.is_submitted():
        form.starts_at.data = utc_to_local(item.starts_at, forum.timezone).time()
        form.ends_at.data = utc_to_local(item.ends_at, forum.timezone).time()
    if form.validate_on_submit():
        try:
            services.save_loose_item(
                block,
                item,
                current_user,
                form.kind.data,
                form.title.data.strip(),
                form.starts_at.data,
                form.ends_at.data,
            )
        except ValueError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("programme.overview", slug=forum.slug))
    return render_template("programme/edit_loose_item.html", forum=forum, form=form, block=block)


def _loose_item_of(block, item_id):
    item = db.session.get(BlockItem, item_id)
    if item is None or item.block_id != block.id:
        abort(404)
    return item


@blueprint.route("/blocks/<int:block_id>/items/<int:item_id>/delete", methods=["POST"])
@login_required
def delete_loose_item(slug, block_id, item_id):
    forum = get_managed_forum(slug)
    block = get_part_or_404(TimeBlock, block_id, forum, lambda part: part.day.forum_id)
    item = _loose_item_of(block, item_id)
    _require_button()
    if not is_confirmed():
        return ask_first(
            _("Delete the loose item %(title)s?", title=item.title),
            [],
            url_for("programme.overview", slug=forum.slug),
            _("Delete"),
        )
    services.delete_loose_item(item, current_user)
    db.session.commit()
    flash(_("Deleted."), "success")
    return redirect(url_for("programme.overview", slug=forum.slug))

"""The forums list, a forum's home page, and the secretariat's screens for the forum's frame."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from workshop.accounts.forms import ConfirmForm
from workshop.accounts.models import ForumRole, ForumRoleName, User
from workshop.accounts.permissions import can_create_forum, can_edit_organisation, can_view_forum, is_secretariat
from workshop.core.confirmation import ask_first, is_confirmed
from workshop.core.labels import label
from workshop.core.refusals import commit_or_refuse
from workshop.core.timezones import utc_to_local
from workshop.core.versions import SAVED_MEANWHILE, check_version, saved_values_that_differ
from workshop.extensions import db
from workshop.forums import services
from workshop.forums.access import get_editable_organisation, get_forum_or_404, get_managed_forum, get_part_or_404
from workshop.forums.forms import BlockForm, DayForm, ForumForm, OrganisationForm, RoleForm, RoomForm, TrackForm
from workshop.forums.models import Forum, ForumDay, Organisation, Room, TimeBlock, Track
from workshop.programme.services import forum_parts_of, what_goes_with_forum_role, withdraw_forum_role

blueprint = Blueprint("forums", __name__)


@blueprint.route("/")
def index():
    forums = db.session.scalars(select(Forum).order_by(Forum.start_date.desc())).all()
    visible = [forum for forum in forums if can_view_forum(current_user, forum)]
    return render_template("forums/index.html", forums=visible)


@blueprint.route("/f/<slug>/")
def show_forum(slug):
    forum = get_forum_or_404(slug)
    roles = current_user.roles_in(forum) if current_user.is_authenticated else set()
    return render_template(
        "forums/show.html",
        forum=forum,
        can_manage=is_secretariat(current_user, forum),
        leads_sessions=ForumRoleName.FACILITATOR in roles,
    )


@blueprint.route("/manage/")
@login_required
def manage_index():
    """Show each person's home: every forum they have a part in, and what they can do there."""
    return render_template(
        "forums/manage_index.html",
        parts=forum_parts_of(current_user),
        can_create=can_create_forum(current_user),
    )


@blueprint.route("/manage/new", methods=["GET", "POST"])
@login_required
def create_forum():
    if not can_create_forum(current_user):
        abort(403)
    form = ForumForm()
    if form.validate_on_submit():
        try:
            forum = services.create_forum(current_user, **_forum_fields(form))
        except services.FrameError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Forum created with one day per date. Add time blocks next."), "success")
            return redirect(url_for("programme.overview", slug=forum.slug))
    return render_template("forums/edit_forum.html", form=form, forum=None, conflict=None)


@blueprint.route("/manage/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_forum(slug):
    forum = get_managed_forum(slug)
    form = ForumForm(obj=forum)
    form.slug.render_kw = {"readonly": True}
    form.slug.data = forum.slug
    if form.validate_on_submit():
        try:
            check_version(forum, form.version.data)
            services.update_forum(forum, current_user, **_forum_fields(form))
            db.session.commit()
        except services.FrameError as error:
            db.session.rollback()
            flash(str(error), "error")
        except SAVED_MEANWHILE:
            db.session.rollback()
            return _show_edit_conflict(forum, form)
        else:
            flash(_("Forum saved."), "success")
            return redirect(url_for("programme.overview", slug=forum.slug))
    return render_template("forums/edit_forum.html", form=form, forum=forum, conflict=None)


def _show_edit_conflict(forum, form):
    """Show the form as typed, with what is saved now where it differs; saving again replaces it."""
    db.session.refresh(forum)
    conflict = saved_values_that_differ(form, ForumForm(formdata=None, obj=forum))
    form.version.data = forum.version
    return render_template("forums/edit_forum.html", form=form, forum=forum, conflict=conflict), 409


def _forum_fields(form):
    fields = {
        name: field.data for name, field in form._fields.items() if name not in ("submit", "csrf_token", "version")
    }
    fields["timezone"] = fields["timezone"].strip()
    return fields


@blueprint.route("/manage/<slug>/frame")
@login_required
def manage_frame(slug):
    forum = get_managed_forum(slug)
    return render_template("forums/frame.html", forum=forum, form=ConfirmForm())


def _back_to_frame(forum):
    return redirect(url_for("forums.manage_frame", slug=forum.slug))


def _save_or_show(forum, form, save, heading, done_url=None):
    """Run `save` for a valid form and commit, or show the form again with what went wrong."""
    if form.validate_on_submit():
        try:
            save()
        except services.FrameError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(done_url) if done_url else _back_to_frame(forum)
    return render_template("forums/edit_part.html", forum=forum, form=form, heading=heading)


def _delete(forum, remove, question, consequences=()):
    """Ask first, then run `remove` behind a CSRF-checked button and commit, or say why it cannot be done."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not is_confirmed():
        return ask_first(question, consequences, url_for("forums.manage_frame", slug=forum.slug), _("Delete"))
    try:
        remove()
    except services.FrameError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("Deleted."), "success")
    return _back_to_frame(forum)


@blueprint.route("/manage/<slug>/days/new", methods=["GET", "POST"])
@blueprint.route("/manage/<slug>/days/<int:day_id>/edit", methods=["GET", "POST"])
@login_required
def edit_day(slug, day_id=None):
    forum = get_managed_forum(slug)
    day = get_part_or_404(ForumDay, day_id, forum) if day_id else ForumDay()
    form = DayForm(obj=day)
    fields = lambda: {name: getattr(form, name).data for name in ("date", "title", "to_be_announced", "note")}
    return _save_or_show(forum, form, lambda: services.save_day(forum, current_user, day, **fields()), _("Day"))


@blueprint.route("/manage/<slug>/days/<int:day_id>/delete", methods=["POST"])
@login_required
def delete_day(slug, day_id):
    forum = get_managed_forum(slug)
    day = get_part_or_404(ForumDay, day_id, forum)
    question = _("Delete the day %(day)s?", day=format_date(day.date, "full"))
    return _delete(
        forum, lambda: services.delete_day(forum, current_user, day), question, services.what_goes_with_day(day)
    )


def _forum_of_block(block):
    return block.day.forum_id


@blueprint.route("/manage/<slug>/blocks/new", methods=["GET", "POST"])
@blueprint.route("/manage/<slug>/blocks/<int:block_id>/edit", methods=["GET", "POST"])
@login_required
def edit_block(slug, block_id=None):
    forum = get_managed_forum(slug)
    block = get_part_or_404(TimeBlock, block_id, forum, _forum_of_block) if block_id else TimeBlock()
    form = BlockForm(day_id=block.day_id)
    form.day_id.choices = [(day.id, day.date.isoformat()) for day in forum.days]
    if block_id and not form.is_submitted():
        form.starts_at.data = utc_to_local(block.starts_at, forum.timezone).time()
        form.ends_at.data = utc_to_local(block.ends_at, forum.timezone).time()
        form.label.data = block.label

    def save():
        day = get_part_or_404(ForumDay, form.day_id.data, forum)
        services.save_block(forum, current_user, block, day, form.starts_at.data, form.ends_at.data, form.label.data)

    return _save_or_show(forum, form, save, _("Time block"))


@blueprint.route("/manage/<slug>/blocks/<int:block_id>/delete", methods=["POST"])
@login_required
def delete_block(slug, block_id):
    forum = get_managed_forum(slug)
    block = get_part_or_404(TimeBlock, block_id, forum, _forum_of_block)
    question = _("Delete the time block %(block)s?", block=services.block_name(block))
    return _delete(
        forum, lambda: services.delete_block(forum, current_user, block), question, services.what_goes_with_block(block)
    )


@blueprint.route("/manage/<slug>/tracks/new", methods=["GET", "POST"])
@blueprint.route("/manage/<slug>/tracks/<int:track_id>/edit", methods=["GET", "POST"])
@login_required
def edit_track(slug, track_id=None):
    forum = get_managed_forum(slug)
    track = get_part_or_404(Track, track_id, forum) if track_id else Track()
    form = TrackForm(obj=track)
    save = lambda: services.save_track(forum, current_user, track, form.name.data, form.position.data)
    return _save_or_show(forum, form, save, _("Track"))


@blueprint.route("/manage/<slug>/tracks/<int:track_id>/delete", methods=["POST"])
@login_required
def delete_track(slug, track_id):
    forum = get_managed_forum(slug)
    track = get_part_or_404(Track, track_id, forum)
    question = _("Delete the track %(name)s?", name=track.name)
    return _delete(
        forum, lambda: services.delete_track(forum, current_user, track), question, services.what_goes_with_track(track)
    )


@blueprint.route("/manage/<slug>/rooms/new", methods=["GET", "POST"])
@blueprint.route("/manage/<slug>/rooms/<int:room_id>/edit", methods=["GET", "POST"])
@login_required
def edit_room(slug, room_id=None):
    forum = get_managed_forum(slug)
    room = get_part_or_404(Room, room_id, forum) if room_id else Room()
    form = RoomForm(obj=room)
    save = lambda: services.save_room(forum, current_user, room, form.name.data.strip(), form.capacity.data)
    return _save_or_show(forum, form, save, _("Room"))


@blueprint.route("/manage/<slug>/rooms/<int:room_id>/delete", methods=["POST"])
@login_required
def delete_room(slug, room_id):
    forum = get_managed_forum(slug)
    room = get_part_or_404(Room, room_id, forum)
    question = _("Delete the room %(name)s?", name=room.name)
    return _delete(
        forum, lambda: services.delete_room(forum, current_user, room), question, services.what_goes_with_room(room)
    )


@blueprint.route("/manage/<slug>/organisations")
@login_required
def list_organisations(slug):
    forum = get_managed_forum(slug)
    organisations = services.organisations_seen_from(forum)
    return render_template(
        "forums/organisations.html",
        forum=forum,
        own=[organisation for organisation in organisations if organisation.forum_id == forum.id],
        shared=[organisation for organisation in organisations if organisation.forum_id is None],
        can_edit=lambda organisation: can_edit_organisation(current_user, organisation, forum),
    )


@blueprint.route("/manage/<slug>/organisations/new", methods=["GET", "POST"])
@blueprint.route("/manage/<slug>/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@login_required
def edit_organisation(slug, organisation_id=None):
    forum = get_managed_forum(slug)
    organisation = get_editable_organisation(organisation_id, forum) if organisation_id else Organisation()
    form = OrganisationForm(obj=organisation)
    heading = (
        _("Organisation of the shared directory")
        if organisation_id and organisation.forum_id is None
        else _("Organisation")
    )
    if not form.validate_on_submit():
        return render_template("forums/edit_part.html", forum=forum, form=form, heading=heading)
    with commit_or_refuse(form) as outcome:
        services.save_organisation(
            current_user,
            forum,
            organisation,
            form.name.data.strip(),
            (form.acronym.data or "").strip(),
            form.type.data,
            form.country_code.data,
        )
    if outcome.refused:
        return render_template("forums/edit_part.html", forum=forum, form=form, heading=heading), 409
    flash(_("Saved."), "success")
    return redirect(url_for("forums.list_organisations", slug=forum.slug))


@blueprint.route("/manage/<slug>/people", methods=["GET", "POST"])
@login_required
def manage_people(slug):
    forum = get_managed_forum(slug)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            user = services.appoint_to_forum(forum, current_user, form.email.data, form.name.data, form.role.data)
        except ValueError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("%(name)s is now in the forum.", name=user.name), "success")
            return redirect(url_for("forums.manage_people", slug=forum.slug))
    roles = db.session.scalars(
        select(ForumRole)
        .join(User)
        .where(ForumRole.forum_id == forum.id)
        .order_by(ForumRole.role, User.name)
        .options(contains_eager(ForumRole.user))
    ).all()
    return render_template("forums/people.html", forum=forum, form=form, roles=roles, confirm=ConfirmForm())


@blueprint.route("/manage/<slug>/people/<int:role_id>/revoke", methods=["POST"])
@login_required
def revoke_forum_role(slug, role_id):
    forum = get_managed_forum(slug)
    forum_role = get_part_or_404(ForumRole, role_id, forum)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not is_confirmed():
        question = _(
            "Take the role %(role)s away from %(name)s?",
            role=label(forum_role.role, "forum_role"),
            name=forum_role.user.name,
        )
        people_url = url_for("forums.manage_people", slug=forum.slug)
        return ask_first(question, what_goes_with_forum_role(forum_role), people_url, _("Take the role away"))
    try:
        withdraw_forum_role(forum, current_user, forum_role)
    except services.FrameError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("Role removed."), "success")
    return redirect(url_for("forums.manage_people", slug=forum.slug))

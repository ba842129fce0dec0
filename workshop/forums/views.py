"""The forums list, a forum's home page, the secretariat's screens for the forum's frame, and its audit trail."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, selectinload
from werkzeug.exceptions import RequestEntityTooLarge

from workshop.accounts.models import ForumRole, ForumRoleName, User
from workshop.accounts.permissions import can_create_forum, can_edit_organisation, can_view_forum, is_secretariat
from workshop.core.archive import ChecksumMismatch, MissingFile
from workshop.core.audit import AuditEntry
from workshop.core.audit_wording import word_entry
from workshop.core.confirmation import ConfirmForm, ask_first, is_confirmed, require_button
from workshop.core.labels import label
from workshop.core.refusals import EditConflict, commit_or_refuse
from workshop.core.timezones import local_date, utcnow
from workshop.core.versions import check_version, saved_values_that_differ
from workshop.extensions import db
from workshop.forums import logos, services
from workshop.forums.access import get_editable_organisation, get_forum_or_404, get_managed_forum, get_part_or_404
from workshop.forums.forms import AppearanceForm, ForumForm, OrganisationForm, RoleForm, RoomForm, TrackForm
from workshop.forums.listing import arrange_front_page
from workshop.forums.models import Forum, Organisation, Room, Track
from workshop.forums.rules import matches_organisation
from workshop.programme import frame
from workshop.programme.services import forum_parts_of, what_goes_with_forum_role, withdraw_forum_role

blueprint = Blueprint("forums", __name__)
AUDIT_PAGE_SIZE = 100
# A search is a few words; a longer one is cut rather than refused.
MAX_QUERY_LENGTH = 200
# A logo's address names one upload, whose bytes never change: readers may keep it for a year.
LOGO_MAX_AGE_SECONDS = 365 * 24 * 3600


@blueprint.route("/")
def index():
    """List the forums open to the visitor, upcoming first, found by title, city or year."""
    query = request.args.get("q", "").strip()[:MAX_QUERY_LENGTH]
    forums = [forum for forum in db.session.scalars(select(Forum)) if can_view_forum(current_user, forum)]
    now = utcnow()
    page = arrange_front_page(forums, lambda forum: local_date(now, forum.timezone), query)
    return render_template("forums/index.html", page=page, query=query, any_forum=bool(forums))


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
        with commit_or_refuse(form) as outcome:
            forum = frame.create_forum(current_user, **_forum_fields(form))
        if not outcome.refused:
            flash(_("Forum created with one day per date. Add time blocks next."), "success")
            return redirect(url_for("programme.overview", slug=forum.slug))
        return render_template("forums/edit_forum.html", form=form, forum=None, conflict=None), outcome.status
    return render_template("forums/edit_forum.html", form=form, forum=None, conflict=None)


@blueprint.route("/manage/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_forum(slug):
    forum = get_managed_forum(slug)
    form = ForumForm(obj=forum)
    form.slug.render_kw = {"readonly": True}
    form.slug.data = forum.slug
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            check_version(forum, form.version.data)
            frame.update_forum(current_user, forum, **_forum_fields(form))
        if isinstance(outcome.refusal, EditConflict):
            return _show_edit_conflict(forum, form)
        if not outcome.refused:
            flash(_("Forum saved."), "success")
            return redirect(url_for("programme.overview", slug=forum.slug))
        return render_template("forums/edit_forum.html", form=form, forum=forum, conflict=None), outcome.status
    return render_template("forums/edit_forum.html", form=form, forum=forum, conflict=None)


def _show_edit_conflict(forum, form):
    """Show the form as typed, with what is saved now where it differs; saving again replaces it."""
    db.session.refresh(forum)
    conflict = saved_values_that_differ(form, ForumForm(formdata=None, obj=forum))
    form.version.data = forum.version
    return render_template("forums/edit_forum.html", form=form, forum=forum, conflict=conflict), 409


def _forum_fields(form):
    fields = {
        name: field.data
        for name, field in form._fields.items()
        if name not in ("submit", "csrf_token", "version", "first_language", "other_languages")
    }
    fields["timezone"] = fields["timezone"].strip()
    fields["working_languages"] = form.working_languages()
    return fields


@blueprint.route("/manage/<slug>/appearance", methods=["GET", "POST"])
@login_required
def edit_appearance(slug):
    forum = get_managed_forum(slug)
    try:
        form = AppearanceForm(obj=forum)
    except RequestEntityTooLarge:
        # Too large to read at all: nothing was received, so the logo shown stays; say so at the field.
        form = AppearanceForm(formdata=None, obj=forum)
        form.convener_logo.errors = [logos.too_large_message()]
        return render_appearance(forum, form), 413
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.set_accent_colour(current_user, forum, form.accent_colour.data)
            _upload_logos(forum, form)
        if not outcome.refused:
            flash(_("Appearance saved."), "success")
            return redirect(url_for("forums.edit_appearance", slug=forum.slug))
        return render_appearance(forum, form), outcome.status
    return render_appearance(forum, form), 422 if form.is_submitted() else 200


def _upload_logos(forum, form):
    if form.convener_logo.data:
        name = forum.convened_by or forum.title
        logos.upload_logo(current_user, forum, "convener", form.convener_logo.data.stream, name)
    if form.partner_logo.data:
        logos.upload_logo(current_user, forum, "partner", form.partner_logo.data.stream, form.partner_name.data)


def render_appearance(forum, form):
    return render_template("forums/appearance.html", forum=forum, form=form, face=logos.forum_face(forum))


@blueprint.route("/f/<slug>/logos/<int:logo_id>")
def show_logo(slug, logo_id):
    """Send one of the forum's logos after checking its bytes are the uploaded ones; it never changes."""
    forum = get_forum_or_404(slug)
    logo = logos.find_logo(forum, logo_id)
    if logo is None:
        abort(404)
    try:
        path = logos.logo_archive().verified_path(logo.stored_name, logo.sha256)
    except (MissingFile, ChecksumMismatch):
        abort(404)
    response = send_file(path, mimetype=logo.media_type, max_age=LOGO_MAX_AGE_SECONDS, etag=logo.sha256)
    response.cache_control.public, response.cache_control.private = forum.is_public, not forum.is_public
    # An SVG opened on its own is a document: let it run nothing and load nothing, whatever it holds.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


@blueprint.route("/f/<slug>/face.css")
def forum_stylesheet(slug):
    """Serve the forum's colours as a stylesheet: the site's policy allows no inline styles."""
    forum = get_forum_or_404(slug)
    css = f":root {{ --accent: {forum.accent_colour}; }}\n" if forum.accent_colour else ""
    return Response(css, mimetype="text/css")


@blueprint.route("/manage/<slug>/frame")
@login_required
def manage_frame(slug):
    forum = get_managed_forum(slug)
    return render_template("forums/frame.html", forum=forum, form=ConfirmForm())


def frame_url(forum):
    """Return the address of the forum's frame: its days, blocks, tracks and rooms."""
    return url_for("forums.manage_frame", slug=forum.slug)


def render_part(forum, form, heading, status=200):
    """Show a part's form: empty, or as typed with what was wrong at its fields or flashed."""
    return render_template("forums/edit_part.html", forum=forum, form=form, heading=heading), status


def saved(done_url):
    """Say the part is saved and go back where its list is."""
    flash(_("Saved."), "success")
    return redirect(done_url)


def after_delete(forum, outcome):
    """Say the part is deleted, unless that was refused (the refusal is flashed), and go back to the frame."""
    if not outcome.refused:
        flash(_("Deleted."), "success")
    return redirect(frame_url(forum))


@blueprint.route("/manage/<slug>/tracks/new", methods=["GET", "POST"])
@blueprint.route("/manage/<slug>/tracks/<int:track_id>/edit", methods=["GET", "POST"])
@login_required
def edit_track(slug, track_id=None):
    forum = get_managed_forum(slug)
    track = get_part_or_404(Track, track_id, forum) if track_id else Track()
    form = TrackForm(obj=track)
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.save_track(current_user, track, forum, name=form.name.data, position=form.position.data)
        if not outcome.refused:
            return saved(frame_url(forum))
        return render_part(forum, form, _("Track"), outcome.status)
    return render_part(forum, form, _("Track"))


@blueprint.route("/manage/<slug>/tracks/<int:track_id>/delete", methods=["POST"])
@login_required
def delete_track(slug, track_id):
    forum = get_managed_forum(slug)
    track = get_part_or_404(Track, track_id, forum)
    require_button()
    if not is_confirmed():
        question = _("Delete the track %(name)s?", name=track.name)
        return ask_first(question, frame.what_goes_with_track(track), frame_url(forum), _("Delete"))
    with commit_or_refuse() as outcome:
        services.delete_track(current_user, track, forum)
    return after_delete(forum, outcome)


@blueprint.route("/manage/<slug>/rooms/new", methods=["GET", "POST"])
@blueprint.route("/manage/<slug>/rooms/<int:room_id>/edit", methods=["GET", "POST"])
@login_required
def edit_room(slug, room_id=None):
    forum = get_managed_forum(slug)
    room = get_part_or_404(Room, room_id, forum) if room_id else Room()
    form = RoomForm(obj=room)
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.save_room(current_user, room, forum, name=form.name.data.strip(), capacity=form.capacity.data)
        if not outcome.refused:
            return saved(frame_url(forum))
        return render_part(forum, form, _("Room"), outcome.status)
    return render_part(forum, form, _("Room"))


@blueprint.route("/manage/<slug>/rooms/<int:room_id>/delete", methods=["POST"])
@login_required
def delete_room(slug, room_id):
    forum = get_managed_forum(slug)
    room = get_part_or_404(Room, room_id, forum)
    require_button()
    if not is_confirmed():
        question = _("Delete the room %(name)s?", name=room.name)
        return ask_first(question, frame.what_goes_with_room(room), frame_url(forum), _("Delete"))
    with commit_or_refuse() as outcome:
        frame.delete_room(current_user, room, forum)
    return after_delete(forum, outcome)


@blueprint.route("/manage/<slug>/organisations")
@login_required
def list_organisations(slug):
    forum = get_managed_forum(slug)
    search = " ".join(request.args.get("q", "").split())[:100]
    organisations = [
        organisation
        for organisation in services.organisations_seen_from(forum)
        if matches_organisation(search, organisation.name, organisation.acronym)
    ]
    return render_template(
        "forums/organisations.html",
        forum=forum,
        search=search,
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
    if organisation_id or not current_user.is_admin:
        del form.shared
    heading = (
        _("Organisation of the shared directory")
        if organisation_id and organisation.forum_id is None
        else _("Organisation")
    )
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.save_organisation(
                current_user,
                organisation,
                forum,
                name=form.name.data.strip(),
                acronym=(form.acronym.data or "").strip(),
                type=form.type.data,
                country_code=form.country_code.data,
                shared=bool(form.shared.data) if "shared" in form else False,
            )
        if not outcome.refused:
            return saved(url_for("forums.list_organisations", slug=forum.slug))
        return render_part(forum, form, heading, outcome.status)
    return render_part(forum, form, heading)


@blueprint.route("/manage/<slug>/people", methods=["GET", "POST"])
@login_required
def manage_people(slug):
    forum = get_managed_forum(slug)
    form = RoleForm()
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            user = services.appoint_to_forum(
                current_user, forum, email=form.email.data, name=form.name.data, role=form.role.data
            )
        if not outcome.refused:
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
    require_button()
    if not is_confirmed():
        question = _(
            "Take the role %(role)s away from %(name)s?",
            role=label(forum_role.role, "forum_role"),
            name=forum_role.user.name,
        )
        people_url = url_for("forums.manage_people", slug=forum.slug)
        return ask_first(question, what_goes_with_forum_role(forum_role), people_url, _("Take the role away"))
    with commit_or_refuse() as outcome:
        withdraw_forum_role(current_user, forum_role, forum)
    if not outcome.refused:
        flash(_("Role removed."), "success")
    return redirect(url_for("forums.manage_people", slug=forum.slug))


@blueprint.route("/manage/<slug>/audit")
@login_required
def audit_trail(slug):
    forum = get_managed_forum(slug)
    page = request.args.get("page", 1, type=int)
    total = db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.forum_id == forum.id))
    if not 1 <= page <= max(1, -(-total // AUDIT_PAGE_SIZE)):
        abort(404)
    entries = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.forum_id == forum.id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .options(selectinload(AuditEntry.actor))
        .limit(AUDIT_PAGE_SIZE)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    return render_template(
        "forums/audit.html",
        forum=forum,
        entries=entries,
        page=page,
        word_audit_entry=lambda entry: word_entry(entry, forum.content_language),
        has_next=page * AUDIT_PAGE_SIZE < total,
        total=total,
    )

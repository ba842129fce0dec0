"""Registering for a forum, one's own registration and sessions, and the secretariat's registration screens."""

import json
from datetime import time, timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask import session as browser_session
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from workshop.accounts.permissions import can_view_forum
from workshop.core.confirmation import ConfirmForm, ask_first, is_confirmed, require_button
from workshop.core.labels import group_label
from workshop.core.names import numbered_title
from workshop.core.refusals import Refused, commit_or_refuse, show_refusal
from workshop.core.templating import typed_choice
from workshop.core.timezones import local_date, local_to_utc
from workshop.extensions import db
from workshop.forums.access import get_forum_or_404, get_managed_forum, get_part_or_404
from workshop.forums.models import Forum, GroupMember, Organisation, ParticipantGroup
from workshop.programme.models import ForumSession
from workshop.publishing.layout import agenda_days
from workshop.publishing.release_view import Snapshot
from workshop.publishing.services import latest_release
from workshop.registration import choices, groups, privacy, rules, services
from workshop.registration.forms import (
    DigestForm,
    GroupForm,
    InvitationForm,
    MemberForm,
    RegistrationForm,
    RestrictionForm,
    SettingsForm,
    language_choices,
)
from workshop.registration.models import Registration, SessionChoice
from workshop.registration.queries import groups_of, registration_of, settings_of, window_of
from workshop.registration.rules import ChoiceStatus, RegistrationMode, RegistrationStatus, WindowState

blueprint = Blueprint("registration", __name__)

Status = RegistrationStatus
DETAIL_FIELDS = (
    "name",
    "country_code",
    "group_id",
    "title",
    "organisation_id",
    "new_organisation_name",
    "new_organisation_acronym",
    "gender",
    "languages",
    "accessibility_needs",
    "dietary_needs",
    "listed_publicly",
)
CSV_LIMIT_BYTES = 2 * 1024 * 1024


@blueprint.app_context_processor
def registration_helpers():
    """Let any page (the forum's home page) say whether one may register, without the forums feature knowing how."""

    def registration_state(forum):
        return window_of(forum)[1], registration_of(current_user, forum)

    return {"registration_state": registration_state, "WindowState": WindowState}


# --- Registering ------------------------------------------------------------------------------


def _details(form):
    """Read the person's answers from the registration form."""
    values = {name: getattr(form, name).data for name in DETAIL_FIELDS}
    values.update(
        title=values["title"] or None,
        gender=values["gender"] or None,
        organisation_id=values["organisation_id"] or None,
        new_organisation_name=values["new_organisation_name"] or "",
        new_organisation_acronym=values["new_organisation_acronym"] or "",
        languages=tuple(values["languages"] or ()),
        accessibility_needs=values["accessibility_needs"] or "",
        dietary_needs=values["dietary_needs"] or "",
    )
    return services.Details(**values)


def _registration_form(forum, registration=None):
    form = RegistrationForm(obj=registration)
    if registration is not None and not form.is_submitted():
        form.title.data = registration.title.value if registration.title else ""
        form.gender.data = registration.gender.value if registration.gender else ""
        form.languages.data = registration.language_codes
        form.organisation_id.data = registration.organisation_id or 0
        form.group_id.data = registration.group_id or 0
    form.fill_choices(services.organisations_for(forum), services.stakeholder_groups_of(forum))
    return form


def _invited_address(forum, form):
    """Return the address an invitation link in the request was sent to, flashing why if it is not valid."""
    token = request.args.get("invitation") or form.invitation.data
    if not token:
        return None
    try:
        address = services.invited_address(forum, token)
    except Refused as refusal:
        show_refusal(refusal)
        return None
    form.invitation.data = token
    return address


def _forum_for_registration(slug):
    """Return the forum; one that is not public shows its form only to the people it invited (404 to others)."""
    forum = db.session.scalar(select(Forum).where(Forum.slug == slug)) or abort(404)
    token = request.args.get("invitation") or request.form.get("invitation")
    if not can_view_forum(current_user, forum) and not (token and _is_valid_invitation(forum, token)):
        abort(404)
    return forum


def _is_valid_invitation(forum, token):
    try:
        services.invited_address(forum, token)
    except Refused:
        return False
    return True


@blueprint.route("/f/<slug>/register", methods=["GET", "POST"])
def register(slug):
    forum = _forum_for_registration(slug)
    existing = registration_of(current_user, forum)
    if existing is not None and rules.is_active(existing.status):
        flash(_("You are registered for this forum already."), "info")
        return redirect(url_for("registration.mine", slug=forum.slug))
    settings, state = window_of(forum)
    form = _registration_form(forum)
    invited = _invited_address(forum, form)
    signed_in = current_user.is_authenticated and (invited is None or invited == current_user.email)
    if signed_in:
        del form.email
        if not form.is_submitted():
            form.name.data = current_user.name
            form.country_code.data = current_user.country_code
            form.organisation_id.data = current_user.organisation_id or 0
    elif invited is not None:
        form.email.data = invited
        form.email.render_kw = {"readonly": True}
    if state == WindowState.OPEN and form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            registration = services.register(
                current_user if signed_in else None,
                forum,
                _details(form),
                email="" if signed_in else form.email.data or "",
                language=browser_session.get("lang", ""),
                invitation=invited,
            )
        if not outcome.refused:
            return _after_registering(forum, registration)
        status = 422
    else:
        status = 422 if form.is_submitted() else 200
    return render_template(
        "registration/register.html",
        forum=forum,
        form=form,
        settings=settings,
        state=state,
        invited=invited,
        signed_in=signed_in,
        by_invitation=settings is not None and settings.mode == RegistrationMode.INVITATION,
    ), status


def _after_registering(forum, registration):
    if registration.status == Status.AWAITING_EMAIL_CHECK:
        flash(
            _(
                "We have sent a link to %(email)s. Open it to confirm your address: nothing else happens until then.",
                email=registration.email,
            ),
            "info",
        )
        return redirect(url_for("forums.show_forum", slug=forum.slug))
    _sign_in_without_password(registration.user)
    flash(_status_message(registration), "success")
    return redirect(url_for("registration.mine", slug=forum.slug))


def _sign_in_without_password(user):
    """Sign in someone who has just shown the address is theirs and has no password to sign in with yet."""
    if not current_user.is_authenticated and user is not None and user.password_hash is None:
        login_user(user)


def _status_message(registration):
    if registration.status == Status.WAITING:
        return _(
            "The forum is full: you are on the waiting list, in position %(position)d. We will write when a place frees.",
            position=services.waiting_position(registration),
        )
    if registration.status == Status.AWAITING_APPROVAL:
        return _("Thank you. The secretariat will look at your registration and write to you.")
    return _("Your place is confirmed.")


@blueprint.route("/f/<slug>/register/check/<token>", methods=["GET", "POST"])
def check_email(slug, token):
    forum = get_forum_or_404(slug)
    form = ConfirmForm()
    if form.validate_on_submit():
        with commit_or_refuse() as outcome:
            registration = services.check_email(token)
            if registration.forum_id != forum.id:
                raise Refused(_("This link belongs to another forum."))
        if not outcome.refused:
            _sign_in_without_password(registration.user)
            flash(_status_message(registration), "success")
            if current_user.is_authenticated:
                return redirect(url_for("registration.mine", slug=forum.slug))
            flash(_("Sign in to see your registration and choose sessions."), "info")
            return redirect(url_for("accounts.login", next=url_for("registration.mine", slug=forum.slug)))
        return render_template("registration/check_email.html", forum=forum, form=form, spent=True), 409
    return render_template("registration/check_email.html", forum=forum, form=form, spent=False)


# --- One's own registration -----------------------------------------------------------------


def _own_registration(slug):
    """Return the forum and the current user's registration in it, or None when they have none."""
    forum = get_forum_or_404(slug)
    return forum, registration_of(current_user, forum)


def _to_register(forum):
    flash(_("You have no registration for this forum yet."), "info")
    return redirect(url_for("registration.register", slug=forum.slug))


@blueprint.route("/f/<slug>/registration")
@login_required
def mine(slug):
    forum, registration = _own_registration(slug)
    if registration is None:
        return _to_register(forum)
    chosen = db.session.scalars(
        select(SessionChoice)
        .where(SessionChoice.registration_id == registration.id)
        .options(selectinload(SessionChoice.session))
        .join(ForumSession, ForumSession.id == SessionChoice.session_id)
        .order_by(ForumSession.starts_at)
    ).all()
    return render_template(
        "registration/mine.html",
        forum=forum,
        registration=registration,
        choices=chosen,
        position=services.waiting_position(registration) if registration.status == Status.WAITING else None,
        confirm=ConfirmForm(),
        digest_form=DigestForm(wants_change_digests=current_user.wants_change_digests),
        is_active=rules.is_active(registration.status),
        may_choose=rules.may_choose_sessions(registration.status),
        release=latest_release(forum),
        languages=_language_names(registration.language_codes),
    )


def _language_names(codes):
    return ", ".join(name for code, name in language_choices() if code in codes)


@blueprint.route("/f/<slug>/registration/edit", methods=["GET", "POST"])
@login_required
def edit_mine(slug):
    forum, registration = _own_registration(slug)
    if registration is None:
        return _to_register(forum)
    form = _registration_form(forum, registration)
    del form.email
    form.submit.label.text = _("Save")
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.change_details(current_user, registration, _details(form))
        if not outcome.refused:
            flash(_("Your registration is saved."), "success")
            return redirect(url_for("registration.mine", slug=forum.slug))
        return render_template("registration/edit.html", forum=forum, form=form), 422
    return render_template("registration/edit.html", forum=forum, form=form), 422 if form.is_submitted() else 200


@blueprint.route("/f/<slug>/registration/cancel", methods=["POST"])
@login_required
def cancel_mine(slug):
    forum, registration = _own_registration(slug)
    if registration is None:
        abort(404)  # nothing of theirs to cancel or withdraw
    require_button()
    if not is_confirmed():
        return ask_first(
            _("Cancel your registration for %(forum)s?", forum=forum.title),
            [
                _("Your place at the forum, which goes to the next person waiting."),
                _("Your places in the sessions you chose."),
            ],
            url_for("registration.mine", slug=forum.slug),
            _("Cancel my registration"),
        )
    with commit_or_refuse() as outcome:
        services.cancel(current_user, registration)
    if not outcome.refused:
        flash(_("Your registration is cancelled, and your place has gone to the next person waiting."), "success")
    return redirect(url_for("registration.mine", slug=forum.slug))


@blueprint.route("/account/change-digests", methods=["POST"])
@login_required
def set_digest_preference():
    form = DigestForm()
    if not form.validate_on_submit():
        abort(400)
    with commit_or_refuse():
        services.choose_change_digests(current_user, form.wants_change_digests.data)
    if form.wants_change_digests.data:
        flash(_("You will get an e-mail when a new release changes your sessions."), "success")
    else:
        flash(_("You will no longer get e-mails about changes to your sessions."), "success")
    return redirect(request.referrer if _is_own_page(request.referrer) else url_for("accounts.profile"))


def _is_own_page(url):
    return bool(url) and url.startswith(request.host_url)


# --- Choosing sessions ----------------------------------------------------------------------


@blueprint.route("/f/<slug>/registration/sessions")
@login_required
def list_sessions(slug):
    forum, registration = _own_registration(slug)
    if registration is None:
        return _to_register(forum)
    release = latest_release(forum)
    if not rules.may_choose_sessions(registration.status) or release is None:
        flash(_("Sessions are chosen once your place is confirmed and the agenda is published."), "info")
        return redirect(url_for("registration.mine", slug=forum.slug))
    sessions = {
        session.id: session
        for session in db.session.scalars(
            select(ForumSession)
            .where(ForumSession.forum_id == forum.id)
            .options(selectinload(ForumSession.room), selectinload(ForumSession.restricted_to_group))
        )
    }
    taken = dict(
        db.session.execute(
            select(SessionChoice.session_id, func.count())
            .join(ForumSession, ForumSession.id == SessionChoice.session_id)
            .where(ForumSession.forum_id == forum.id, SessionChoice.status == ChoiceStatus.CHOSEN)
            .group_by(SessionChoice.session_id)
        ).all()
    )
    mine = {choice.session_id: choice.status for choice in registration.choices}
    return render_template(
        "registration/sessions.html",
        forum=forum,
        release=release,
        days=agenda_days(Snapshot.from_stored(release)),
        sessions=sessions,
        taken=taken,
        mine=mine,
        confirm=ConfirmForm(),
        groups=groups_of(forum, current_user, registration),
        capacity_of=_capacity_of,
    )


def _capacity_of(session):
    return rules.session_capacity(session.capacity, session.room.capacity if session.room else None)


def _change_choice(slug, session_id, change):
    """Run `change(registration, session)` behind the button and go back to the session in the list."""
    forum, registration = _own_registration(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    if registration is None:
        return _to_register(forum)
    require_button()
    with commit_or_refuse() as outcome:
        message = change(registration, session)
    if not outcome.refused:
        flash(*message)
    return redirect(url_for("registration.list_sessions", slug=forum.slug, _anchor=f"session-{session.id}"))


@blueprint.route("/f/<slug>/registration/sessions/<int:session_id>/choose", methods=["POST"])
@login_required
def choose_session(slug, session_id):
    def choose(registration, session):
        if choices.choose_session(current_user, registration, session).status == ChoiceStatus.CHOSEN:
            return _("You have a place in %(session)s.", session=session), "success"
        return _(
            "%(session)s is full: you are on its waiting list. We will write if a place frees.", session=session
        ), "info"

    return _change_choice(slug, session_id, choose)


@blueprint.route("/f/<slug>/registration/sessions/<int:session_id>/drop", methods=["POST"])
@login_required
def drop_session(slug, session_id):
    def drop(registration, session):
        choices.drop_session(current_user, registration, session)
        return _("%(session)s is no longer in your agenda.", session=session), "success"

    return _change_choice(slug, session_id, drop)


# --- Data protection and the public list ------------------------------------------------------


@blueprint.route("/account/my-data.json")
@login_required
def download_my_data():
    body = json.dumps(privacy.personal_data(current_user), ensure_ascii=False, indent=1)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="my-workshop-data.json"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@blueprint.route("/f/<slug>/registration/withdraw", methods=["POST"])
@login_required
def withdraw(slug):
    forum, registration = _own_registration(slug)
    if registration is None:
        abort(404)  # nothing of theirs to cancel or withdraw
    require_button()
    if not is_confirmed():
        return ask_first(
            _("Withdraw your registration for %(forum)s and erase your personal data?", forum=forum.title),
            [
                _("Everything you told us when you registered; only anonymous counts remain."),
                _("Your place at the forum and in the sessions you chose."),
            ],
            url_for("registration.mine", slug=forum.slug),
            _("Withdraw and erase"),
        )
    user = current_user._get_current_object()
    with commit_or_refuse() as outcome:
        account_closed = privacy.withdraw(user, registration)
    if outcome.refused:
        return redirect(url_for("registration.mine", slug=forum.slug))
    if account_closed:
        logout_user()
        flash(_("Your registration and your account are erased. Only anonymous counts remain."), "success")
    else:
        flash(
            _("Your registration is erased. Only anonymous counts remain; your account stays for your other roles."),
            "success",
        )
    return redirect(url_for("forums.show_forum", slug=forum.slug))


@blueprint.route("/f/<slug>/participants")
def list_participants(slug):
    forum = get_forum_or_404(slug)
    listed = db.session.scalars(
        select(Registration)
        .where(
            Registration.forum_id == forum.id,
            Registration.status == Status.CONFIRMED,
            Registration.listed_publicly,
        )
        .options(selectinload(Registration.organisation))
        .order_by(func.lower(Registration.name))
    ).all()
    return render_template("registration/participants.html", forum=forum, participants=listed)


# --- The secretariat's screens ----------------------------------------------------------------


def _settings_form(forum, settings):
    form = SettingsForm()
    if settings is not None and not form.is_submitted():
        form.mode.data = settings.mode.value
        form.opens_on.data = local_date(settings.opens_at, forum.timezone) if settings.opens_at else None
        form.closes_after.data = (
            local_date(settings.closes_at - timedelta(seconds=1), forum.timezone) if settings.closes_at else None
        )
        form.capacity.data = settings.capacity
    return form


def _quotas_from(request_form, forum):
    """Read each stakeholder group's quota (empty: none) from the settings form's quota fields."""
    quotas, problems = {}, []
    for group in services.stakeholder_groups_of(forum):
        text = (request_form.get(f"quota-{group.id}") or "").strip()
        if not text:
            quotas[group.id] = None
        elif text.isdigit() and 0 < int(text) <= 100000:
            quotas[group.id] = int(text)
        else:
            problems.append(group)
    return quotas, problems


@blueprint.route("/manage/<slug>/registration", methods=["GET", "POST"])
@login_required
def manage_settings(slug):
    forum = get_managed_forum(slug)
    settings = settings_of(forum)
    form = _settings_form(forum, settings)
    quotas, bad_quotas = _quotas_from(request.form, forum)
    for group in bad_quotas:
        flash(
            _(
                "The quota of “%(group)s” must be a whole number of places, 1 or more.",
                group=group_label(group.stakeholder, group.name),
            ),
            "error",
        )
    if form.validate_on_submit() and not bad_quotas:
        changes = services.SettingsChanges(
            mode=form.mode.data,
            opens_at=local_to_utc(form.opens_on.data, time.min, forum.timezone) if form.opens_on.data else None,
            closes_at=(
                local_to_utc(form.closes_after.data + timedelta(days=1), time.min, forum.timezone)
                if form.closes_after.data
                else None
            ),
            capacity=form.capacity.data,
            quotas=quotas,
        )
        with commit_or_refuse(form) as outcome:
            services.save_settings(current_user, forum, changes)
        if not outcome.refused:
            flash(_("Registration settings saved."), "success")
            return redirect(url_for("registration.manage_settings", slug=forum.slug))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "registration/manage_settings.html",
        forum=forum,
        form=form,
        settings=settings,
        groups=services.stakeholder_groups_of(forum),
        counts=_counts_by_status(forum),
        confirmed_by_group=_confirmed_by_group(forum),
    ), status


def _counts_by_status(forum):
    rows = db.session.execute(
        select(Registration.status, func.count()).where(Registration.forum_id == forum.id).group_by(Registration.status)
    ).all()
    counts = dict(rows)
    return [(status, counts.get(status, 0)) for status in Status]


def _confirmed_by_group(forum):
    return dict(
        db.session.execute(
            select(Registration.group_id, func.count())
            .where(Registration.forum_id == forum.id, Registration.status == Status.CONFIRMED)
            .group_by(Registration.group_id)
        ).all()
    )


@blueprint.route("/manage/<slug>/registrations")
@login_required
def list_registrations(slug):
    forum = get_managed_forum(slug)
    shown = request.args.get("status", "")
    query = (
        select(Registration)
        .where(Registration.forum_id == forum.id, Registration.withdrawn_at.is_(None))
        .options(
            selectinload(Registration.organisation),
            selectinload(Registration.group),
        )
        .order_by(Registration.status, Registration.arrival_number, Registration.registered_at)
    )
    if shown in {status.value for status in Status}:
        query = query.where(Registration.status == Status(shown))
    return render_template(
        "registration/manage_list.html",
        forum=forum,
        registrations=db.session.scalars(query).all(),
        shown=shown,
        statuses=list(Status),
        confirm=ConfirmForm(),
    )


@blueprint.route("/manage/<slug>/registrations/decide", methods=["POST"])
@login_required
def decide_registrations(slug):
    forum = get_managed_forum(slug)
    require_button()
    decision = request.form.get("decision")
    if decision not in ("approve", "decline"):
        abort(400)
    chosen_ids = {int(value) for value in request.form.getlist("registration_ids") if value.isdigit()}
    chosen = db.session.scalars(
        select(Registration).where(Registration.forum_id == forum.id, Registration.id.in_(chosen_ids))
    ).all()
    if not chosen:
        flash(_("Tick the registrations to decide on first."), "error")
        return redirect(url_for("registration.list_registrations", slug=forum.slug))
    if decision == "decline" and not is_confirmed():
        return ask_first(
            _("Decline %(count)d registrations?", count=len(chosen)),
            [_("The registration of %(name)s", name=registration.name) for registration in chosen],
            url_for("registration.list_registrations", slug=forum.slug),
            _("Decline"),
            carried=[("decision", decision), *(("registration_ids", registration.id) for registration in chosen)],
        )
    with commit_or_refuse() as outcome:
        (services.approve if decision == "approve" else services.decline)(current_user, forum, chosen)
    if not outcome.refused:
        flash(
            _("%(count)d registrations approved.", count=len(chosen))
            if decision == "approve"
            else _("%(count)d registrations declined.", count=len(chosen)),
            "success",
        )
    return redirect(url_for("registration.list_registrations", slug=forum.slug, status=request.form.get("shown", "")))


@blueprint.route("/manage/<slug>/registrations/invite", methods=["GET", "POST"])
@login_required
def invite(slug):
    forum = get_managed_forum(slug)
    form = InvitationForm()
    if form.validate_on_submit():
        text = form.addresses.data or ""
        upload = form.csv_file.data
        if upload:
            text += "\n" + upload.read(CSV_LIMIT_BYTES).decode("utf-8-sig", errors="replace")
        found = rules.read_address_list(text)
        for rejected in found.rejected:
            form.addresses.errors.append(_("“%(text)s” is not an e-mail address; it was left out.", text=rejected))
        if not found.addresses:
            form.addresses.errors.append(_("No e-mail address found. Paste addresses or choose a CSV file."))
            return render_template("registration/invite.html", forum=forum, form=form), 422
        with commit_or_refuse(form) as outcome:
            invited, skipped = services.invite(current_user, forum, found.addresses)
        if not outcome.refused:
            flash(_("%(count)d invitations sent.", count=len(invited)), "success")
            if skipped:
                flash(
                    _(
                        "Invited or registered already, so not invited again: %(addresses)s",
                        addresses=", ".join(skipped),
                    ),
                    "info",
                )
            if found.rejected:
                return render_template("registration/invite.html", forum=forum, form=form), 422
            return redirect(url_for("registration.list_registrations", slug=forum.slug))
    return render_template("registration/invite.html", forum=forum, form=form), 422 if form.is_submitted() else 200


# --- Participant groups -----------------------------------------------------------------------


@blueprint.route("/manage/<slug>/groups", methods=["GET", "POST"])
@login_required
def list_groups(slug):
    forum = get_managed_forum(slug)
    form = GroupForm()
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            group = groups.save_group(
                current_user, forum, ParticipantGroup(forum_id=forum.id), form.name.data, form.kind.data
            )
        if not outcome.refused:
            flash(_("Group saved."), "success")
            return redirect(url_for("registration.show_group", slug=forum.slug, group_id=group.id))
    members = dict(
        db.session.execute(
            select(GroupMember.group_id, func.count())
            .join(ParticipantGroup)
            .where(ParticipantGroup.forum_id == forum.id)
            .group_by(GroupMember.group_id)
        ).all()
    )
    return render_template(
        "registration/groups.html",
        forum=forum,
        form=form,
        groups=forum.participant_groups,
        members=members,
        registered=_confirmed_by_group(forum),
    ), 422 if form.errors else 200


def _group_of(forum, group_id):
    return get_part_or_404(ParticipantGroup, group_id, forum)


@blueprint.route("/manage/<slug>/groups/<int:group_id>", methods=["GET", "POST"])
@login_required
def show_group(slug, group_id):
    forum = get_managed_forum(slug)
    group = _group_of(forum, group_id)
    form = GroupForm(obj=group)
    if not form.is_submitted():
        form.kind.data = group.kind.value
    if group.is_stakeholder_group:
        form = None
    elif form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            groups.save_group(current_user, forum, group, form.name.data, form.kind.data)
        if not outcome.refused:
            flash(_("Group saved."), "success")
            return redirect(url_for("registration.show_group", slug=forum.slug, group_id=group.id))
    member_form = MemberForm()
    member_form.organisation_id.choices = [(0, "—")] + [
        (organisation.id, str(organisation)) for organisation in services.organisations_for(forum)
    ]
    restriction_form = RestrictionForm()
    # A required select starts with an empty choice, so that nothing is chosen until the secretariat picks.
    restriction_form.session_id.choices = [("", _("Choose a session"))] + [
        typed_choice(session.id, numbered_title(session), forum.content_language)
        for session in forum.sessions
        if session.restricted_to_group_id != group.id
    ]
    return render_template(
        "registration/group.html",
        forum=forum,
        group=group,
        form=form,
        member_form=member_form,
        restriction_form=restriction_form,
        confirm=ConfirmForm(),
        restricted=[session for session in forum.sessions if session.restricted_to_group_id == group.id],
    ), 422 if form is not None and form.errors else 200


def _back_to_group(forum, group):
    return redirect(url_for("registration.show_group", slug=forum.slug, group_id=group.id))


@blueprint.route("/manage/<slug>/groups/<int:group_id>/members", methods=["POST"])
@login_required
def add_member(slug, group_id):
    forum = get_managed_forum(slug)
    group = _group_of(forum, group_id)
    form = MemberForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(error) for error in errors), "error")
        return _back_to_group(forum, group)
    with commit_or_refuse() as outcome:
        if form.email.data:
            groups.add_person(current_user, group, form.email.data, form.name.data or "")
        else:
            organisation = db.session.get(Organisation, form.organisation_id.data or 0)
            groups.add_organisation(current_user, group, organisation)
    if not outcome.refused:
        flash(_("Member added."), "success")
    return _back_to_group(forum, group)


@blueprint.route("/manage/<slug>/groups/<int:group_id>/members/<int:member_id>/remove", methods=["POST"])
@login_required
def remove_member(slug, group_id, member_id):
    forum = get_managed_forum(slug)
    group = _group_of(forum, group_id)
    member = db.session.get(GroupMember, member_id)
    if member is None or member.group_id != group.id:
        abort(404)
    require_button()
    with commit_or_refuse() as outcome:
        groups.remove_member(current_user, member)
    if not outcome.refused:
        flash(_("Member removed."), "success")
    return _back_to_group(forum, group)


@blueprint.route("/manage/<slug>/groups/<int:group_id>/sessions", methods=["POST"])
@login_required
def restrict_session(slug, group_id):
    forum = get_managed_forum(slug)
    group = _group_of(forum, group_id)
    form = RestrictionForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_part_or_404(ForumSession, form.session_id.data, forum)
    with commit_or_refuse() as outcome:
        groups.restrict_session(current_user, session, group)
    if not outcome.refused:
        flash(
            _("%(session)s is restricted to this group. The agenda shows it with the next release.", session=session),
            "success",
        )
    return _back_to_group(forum, group)


@blueprint.route("/manage/<slug>/groups/<int:group_id>/sessions/<int:session_id>/remove", methods=["POST"])
@login_required
def unrestrict_session(slug, group_id, session_id):
    forum = get_managed_forum(slug)
    group = _group_of(forum, group_id)
    session = get_part_or_404(ForumSession, session_id, forum)
    if session.restricted_to_group_id != group.id:
        abort(404)
    require_button()
    with commit_or_refuse() as outcome:
        groups.restrict_session(current_user, session, None)
    if not outcome.refused:
        flash(_("%(session)s is open to everyone again.", session=session), "success")
    return _back_to_group(forum, group)


@blueprint.route("/manage/<slug>/groups/<int:group_id>/delete", methods=["POST"])
@login_required
def delete_group(slug, group_id):
    forum = get_managed_forum(slug)
    group = _group_of(forum, group_id)
    require_button()
    if not is_confirmed():
        return ask_first(
            _("Delete the group %(name)s?", name=group_label(group.stakeholder, group.name)),
            [_("Its %(count)d members", count=len(group.members))] if group.members else [],
            url_for("registration.show_group", slug=forum.slug, group_id=group.id),
            _("Delete"),
        )
    with commit_or_refuse() as outcome:
        groups.delete_group(current_user, group)
    if outcome.refused:
        return _back_to_group(forum, group)
    flash(_("Group deleted."), "success")
    return redirect(url_for("registration.list_groups", slug=forum.slug))

"""The participants desk: the secretariat's participant list with its filters, counts, decisions and exports."""

from flask import Blueprint, abort, flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workshop.core.confirmation import ConfirmForm, is_confirmed
from workshop.core.labels import group_label
from workshop.core.names import numbered_title
from workshop.core.refusals import commit_or_refuse
from workshop.core.security import PERMISSIONS_POLICY
from workshop.core.templating import local_clock, typed_choice
from workshop.desk import attendance, charts, decisions, figures, listing, spreadsheets
from workshop.desk import services as desk_services
from workshop.desk.forms import AT_THE_FORUM, CheckInForm
from workshop.desk.rules import CheckedIn, Needs, as_query_args, public_figures, read_filter, read_seen_list
from workshop.extensions import db
from workshop.forums.access import get_forum_or_404, get_managed_forum, get_part_or_404
from workshop.forums.models import ParticipantGroup
from workshop.programme.models import ForumSession
from workshop.registration import services
from workshop.registration.models import Registration
from workshop.registration.rules import RegistrationStatus

blueprint = Blueprint("desk", __name__)

STATUS_VALUES = frozenset(status.value for status in RegistrationStatus)
# The check-in page may use the camera of the phone it runs on, for this site only.
CAMERA_FOR_THIS_SITE = PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", lambda rows, forum: spreadsheets.participants_csv(rows)),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda rows, forum: spreadsheets.participants_xlsx(rows, forum.slug),
    ),
}


def _filter():
    return read_filter(request.args, STATUS_VALUES)


@blueprint.route("/manage/<slug>/desk/participants")
@login_required
def list_participants(slug):
    forum = get_managed_forum(slug)
    participant_filter = _filter()
    registrations = listing.find_participants(forum, participant_filter)
    return render_template(
        "desk/participants.html",
        forum=forum,
        registrations=registrations,
        counts=listing.count(registrations),
        fingerprint=listing.fingerprint_of(registrations),
        chosen=participant_filter,
        query_args=as_query_args(participant_filter),
        groups=services.stakeholder_groups_of(forum),
        organisations=services.organisations_for(forum),
        statuses=list(RegistrationStatus),
        needs=list(Needs),
        checked_in=list(CheckedIn),
        confirm=ConfirmForm(),
    )


@blueprint.route("/manage/<slug>/desk/participants/decide", methods=["POST"])
@login_required
def decide_participants(slug):
    forum = get_managed_forum(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    decision = request.form.get("decision")
    if decision not in decisions.DECISIONS:
        abort(400)
    seen = read_seen_list(request.form, STATUS_VALUES)
    back = redirect(url_for("desk.list_participants", slug=forum.slug, **as_query_args(seen.participant_filter)))
    ticked = {int(value) for value in request.form.getlist("registration_ids") if value.isdigit() and len(value) <= 12}
    chosen = db.session.scalars(
        select(Registration).where(Registration.forum_id == forum.id, Registration.id.in_(ticked))
    ).all()
    if not chosen:
        flash(_("Tick the registrations to decide on first."), "error")
        return back
    group = _target_group(forum) if decision == "move" else None
    if decision == "move" and group is None:
        flash(_("Choose the group to move the ticked people to."), "error")
        return back
    if decision == "decline" and not is_confirmed():
        # Declining is final: ask first, on a page that names each person and carries the ticks and the view.
        return render_template(
            "desk/confirm_decline.html",
            forum=forum,
            chosen=chosen,
            seen=seen,
            query_args=as_query_args(seen.participant_filter),
        )
    with commit_or_refuse() as outcome:
        done = decisions.act_on_list(current_user, forum, seen, ticked, decision, group)
    if not outcome.refused:
        flash(_decided_message(decision, len(done), group), "success")
    return back


def _target_group(forum):
    """Return the stakeholder group the ticked people are to move to, or None if none of this forum's was chosen."""
    value = request.form.get("target_group", "")
    group = db.session.get(ParticipantGroup, int(value)) if value.isdigit() and len(value) <= 12 else None
    return group if group is not None and group.forum_id == forum.id and group.stakeholder is not None else None


def _decided_message(decision, count, group):
    if decision == "approve":
        return _("%(count)d registrations approved.", count=count)
    if decision == "decline":
        return _("%(count)d registrations declined.", count=count)
    return _(
        "%(count)d registrations moved to %(group)s.", count=count, group=group_label(group.stakeholder, group.name)
    )


@blueprint.route("/manage/<slug>/desk/participants.<any(csv, xlsx):kind>")
@login_required
def export_participants(slug, kind):
    forum = get_managed_forum(slug)
    participant_filter = _filter()
    registrations = listing.find_participants(forum, participant_filter)
    if not registrations:
        flash(_("Nothing to export: no participant matches these filters."), "error")
        return redirect(url_for("desk.list_participants", slug=forum.slug, **as_query_args(participant_filter)))
    content_type, render = EXPORTS[kind]
    body = render(listing.rows_of(registrations, forum.timezone), forum)
    filename = f"{forum.slug}-participants.{kind}"
    return (
        body,
        200,
        {
            "Content-Type": content_type,
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )


@blueprint.route("/manage/<slug>/desk/dashboard")
@login_required
def show_dashboard(slug):
    forum = get_managed_forum(slug)
    return render_template(
        "desk/dashboard.html",
        forum=forum,
        dashboard=figures.dashboard_of(forum),
        bar_chart=charts.bar_chart,
        line_chart=charts.line_chart,
    )


# --- Check-in at the door -------------------------------------------------------------------


def _check_in_form(forum):
    form = CheckInForm()
    sessions = db.session.scalars(
        select(ForumSession).where(ForumSession.forum_id == forum.id).order_by(ForumSession.starts_at, ForumSession.id)
    ).all()
    form.session_id.choices = [(AT_THE_FORUM, _("The forum's entrance"))] + [
        typed_choice(session.id, numbered_title(session), forum.content_language) for session in sessions
    ]
    if not form.is_submitted() and request.args.get("session", "").isdigit():
        form.session_id.data = int(request.args["session"])
    return form


@blueprint.route("/manage/<slug>/desk/check-in", methods=["GET", "POST"])
@login_required
def check_in(slug):
    forum = get_managed_forum(slug)
    form = _check_in_form(forum)
    if form.validate_on_submit():
        outcome, result = _scan(forum, form)
        if not outcome.refused:
            flash(_checked_in_message(result, forum), "warning" if _is_notable(result) else "success")
            return redirect(url_for("desk.check_in", slug=forum.slug, session=form.session_id.data or None))
    found = _search_confirmed(forum, request.args.get("q", ""))
    status = 422 if form.is_submitted() else 200
    response = make_response(
        render_template(
            "desk/check_in.html", forum=forum, form=form, found=found, badge_code_of=desk_services.badge_code_of
        ),
        status,
    )
    # The page reads badges with the phone's camera; every other page keeps it switched off.
    response.headers["Permissions-Policy"] = CAMERA_FOR_THIS_SITE
    return response


@blueprint.route("/manage/<slug>/desk/check-in.json", methods=["POST"])
@login_required
def check_in_scan(slug):
    """Check a scanned or typed code in for the page's queue: 200 with who it is, or 422 with why not."""
    forum = get_managed_forum(slug)
    form = _check_in_form(forum)
    if form.validate_on_submit():
        outcome, result = _scan(forum, form)
        if not outcome.refused:
            return jsonify(
                outcome=_outcome_name(result),
                message=_checked_in_message(result, forum),
                name=result.registration.name,
                group=_group_of(result.registration),
            )
    reasons = [str(message) for field in (form.code, form.session_id) for message in field.errors]
    return jsonify(outcome="refused", message=" ".join(reasons)), 422


def _scan(forum, form):
    """Check the form's code in where it says; return the outcome and, unless refused, what the desk tells."""
    session = None
    if form.session_id.data != AT_THE_FORUM:
        session = get_part_or_404(ForumSession, form.session_id.data, forum)
    result = None
    with commit_or_refuse(form) as outcome:
        result = desk_services.check_in(current_user, forum, form.code.data, session)
    return outcome, result


def _is_notable(result):
    return result.already_at is not None or not result.had_chosen


def _outcome_name(result):
    if result.already_at is not None:
        return "already"
    return "checked_in" if result.had_chosen else "no_place"


def _group_of(registration):
    return group_label(registration.group.stakeholder, registration.group.name) if registration.group else ""


def _checked_in_message(result, forum):
    registration = result.registration
    group = _group_of(registration)
    if result.already_at:
        return _(
            "Already checked in (at %(time)s): %(name)s, %(group)s.",
            time=local_clock(result.already_at, forum.timezone),
            name=registration.name,
            group=group,
        )
    if not result.had_chosen:
        return _(
            "Checked in: %(name)s, %(group)s. They had no place in this session; the desk notes it.",
            name=registration.name,
            group=group,
        )
    return _("Checked in: %(name)s, %(group)s.", name=registration.name, group=group)


def _search_confirmed(forum, text):
    """Return the confirmed people whose name holds the text (at most 20), for the desk officer to pick."""
    chosen = read_filter({"q": text, "status": RegistrationStatus.CONFIRMED.value}, STATUS_VALUES)
    return listing.find_participants(forum, chosen)[:20] if chosen.search else []


# --- Attendance figures ---------------------------------------------------------------------


@blueprint.route("/manage/<slug>/desk/attendance")
@login_required
def show_attendance(slug):
    forum = get_managed_forum(slug)
    return render_template(
        "desk/attendance.html",
        forum=forum,
        forum_figures=attendance.forum_figures(forum),
        session_figures=attendance.figures_per_session(forum),
        public=False,
    )


@blueprint.route("/f/<slug>/attendance")
def show_public_attendance(slug):
    forum = get_forum_or_404(slug)
    # Whoever may see the forum sees how many came; a count under five could name someone, so it is withheld.
    return render_template(
        "desk/attendance.html",
        forum=forum,
        forum_figures=public_figures(attendance.forum_figures(forum)),
        session_figures=[],
        public=True,
    )

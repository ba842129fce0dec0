"""The participants desk: the secretariat's participant list with its filters, counts, decisions and exports."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workshop.core.confirmation import ConfirmForm
from workshop.core.refusals import commit_or_refuse
from workshop.desk import listing, spreadsheets
from workshop.desk.rules import CheckedIn, Needs, as_query_args, read_filter
from workshop.extensions import db
from workshop.forums.access import get_managed_forum
from workshop.registration import services
from workshop.registration.models import Registration
from workshop.registration.rules import RegistrationStatus

blueprint = Blueprint("desk", __name__)

STATUS_VALUES = frozenset(status.value for status in RegistrationStatus)
DECISIONS = {"approve": services.approve, "decline": services.decline}
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
    decide = DECISIONS.get(request.form.get("decision")) or abort(400)
    back = redirect(url_for("desk.list_participants", slug=forum.slug, **_filter_of_form()))
    ticked = {int(value) for value in request.form.getlist("registration_ids") if value.isdigit()}
    chosen = db.session.scalars(
        select(Registration).where(Registration.forum_id == forum.id, Registration.id.in_(ticked))
    ).all()
    if not chosen:
        flash(_("Tick the registrations to decide on first."), "error")
        return back
    if len(chosen) != len(ticked):
        # A ticked registration was withdrawn since the list was shown: decide on none rather than on part.
        flash(_("The list has changed since you opened it. Look at it again and tick again."), "error")
        return back
    with commit_or_refuse() as outcome:
        decide(current_user, forum, chosen)
    if not outcome.refused:
        message = (
            _("%(count)d registrations approved.", count=len(chosen))
            if decide is services.approve
            else _("%(count)d registrations declined.", count=len(chosen))
        )
        flash(message, "success")
    return back


def _filter_of_form():
    """Return the filter the list was showing when its form was sent, to show it again."""
    return as_query_args(read_filter(request.form, STATUS_VALUES))


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

"""The public agenda and its changelog, and the secretariat's publishing screen."""

import hashlib
from itertools import pairwise

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from workshop.accounts.permissions import is_secretariat
from workshop.core.filecache import cached_bytes
from workshop.core.i18n import catalog_fingerprint
from workshop.core.refusals import commit_or_refuse
from workshop.core.site import site_url
from workshop.core.timezones import local_date, utcnow
from workshop.forums.access import get_forum_or_404, get_managed_forum
from workshop.publishing import services
from workshop.publishing.changes import compare_snapshots
from workshop.publishing.forms import PublishForm
from workshop.publishing.grid import grid_day, now_and_next
from workshop.publishing.layout import agenda_days, has_part_in
from workshop.publishing.signals import release_published
from workshop.publishing.snapshot import build_snapshot
from workshop.publishing.wording import describe_change

blueprint = Blueprint("publishing", __name__)


def _described_changes(before, after, zone):
    return [describe_change(change, zone) for change in compare_snapshots(before, after)]


@blueprint.route("/f/<slug>/agenda")
def show_agenda(slug):
    forum = get_forum_or_404(slug)
    release = services.latest_release(forum)
    return render_template(
        "publishing/agenda.html",
        forum=forum,
        release=release,
        agenda_days_html=_agenda_days_html(forum, release) if release else "",
        can_manage=is_secretariat(current_user, forum),
    )


def _agenda_days_html(forum, release):
    """Return the days of the agenda as HTML, rendered once per release, language and configured site address.

    The rest of the page depends on who reads it; this part, most of the work, does not.
    """
    language = f"{get_locale()}-{forum.content_language}-{catalog_fingerprint()}"
    site = hashlib.sha256(site_url().encode()).hexdigest()[:12]

    def render():
        snapshot = release.snapshot
        html = render_template(
            "publishing/_agenda_days.html", forum=forum, snapshot=snapshot, days=agenda_days(snapshot)
        )
        return html.encode()

    name = release.cache_name(
        f"agenda-{hashlib.sha256(release.cache_key.encode()).hexdigest()[:12]}-{language}-{site}.html"
    )
    body = cached_bytes(
        current_app.config["CACHE_DIR"], release.cache_folder, name, render, superseded=release.supersedes
    )
    # Our own autoescaping template wrote these bytes; they are as safe as the render they came from.
    return Markup(body.decode())  # nosec B704


@blueprint.route("/f/<slug>/agenda/grid")
def show_agenda_grid(slug):
    """Show the published agenda as a grid of rooms side by side, filtered by track and room, with now and next."""
    forum = get_forum_or_404(slug)
    release = services.latest_release(forum)
    track_id, room_id = request.args.get("track", type=int), request.args.get("room", type=int)

    def wanted(session):
        return track_id in (None, session["track_id"]) and room_id in (None, session["room_id"])

    snapshot = release.snapshot if release else None
    days = agenda_days(snapshot, wanted if track_id or room_id else None) if release else []
    room_order = [room["name"] for room in snapshot["rooms"]] if release else []
    now = utcnow()
    during = forum.start_date <= local_date(now, forum.timezone) <= forum.end_date
    return render_template(
        "publishing/agenda_grid.html",
        forum=forum,
        release=release,
        snapshot=snapshot,
        grid_days=[grid_day(day, room_order) for day in days],
        now_and_next=now_and_next(days, now) if during else None,
        track_id=track_id,
        room_id=room_id,
    )


@blueprint.route("/f/<slug>/sessions/<int:session_id>")
def show_session(slug, session_id):
    forum = get_forum_or_404(slug)
    release = services.latest_release(forum) or abort(404)
    session = release.snapshot["sessions"].get(str(session_id))
    cancelled = release.snapshot["cancelled"].get(str(session_id))
    if session is None and cancelled is None:
        abort(404)
    shown = session or cancelled
    return render_template(
        "publishing/session.html",
        forum=forum,
        release=release,
        session=shown,
        is_cancelled=session is None,
        may_read_brief=session is not None and _takes_part_or_manages(current_user, forum, session),
    )


def _takes_part_or_manages(user, forum, session):
    """Tell whether `user` has a part in this session or runs the forum; they get the session brief."""
    return user.is_authenticated and (is_secretariat(user, forum) or has_part_in(session, user.id))


@blueprint.route("/f/<slug>/agenda/changes")
def list_changes(slug):
    forum = get_forum_or_404(slug)
    releases = services.list_releases(forum)
    history = [
        (release, _described_changes(older.snapshot, release.snapshot, forum.timezone))
        for release, older in pairwise(releases)
    ]
    return render_template(
        "publishing/changes.html", forum=forum, history=history, first=releases[-1] if releases else None
    )


@blueprint.route("/manage/<slug>/releases", methods=["GET", "POST"])
@login_required
def manage_releases(slug):
    forum = get_managed_forum(slug)
    form = PublishForm(status=forum.status.value)
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            release = services.publish_release(current_user, forum, form.status.data, (form.note.data or "").strip())
        if not outcome.refused:
            release_published.send(current_app._get_current_object(), release=release)
            flash(_("Release %(number)d is published.", number=release.number), "success")
            return redirect(url_for("publishing.manage_releases", slug=forum.slug))
    latest = services.latest_release(forum)
    pending = _described_changes(latest.snapshot if latest else None, build_snapshot(forum), forum.timezone)
    return render_template(
        "publishing/releases.html",
        forum=forum,
        form=form,
        releases=services.list_releases(forum),
        pending=pending,
    )

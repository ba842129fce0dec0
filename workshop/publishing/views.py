"""The public agenda and its changelog, and the secretariat's publishing screen."""

import hashlib
from datetime import time, timedelta
from itertools import pairwise

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from workshop.accounts import services as account_services
from workshop.accounts.permissions import is_secretariat
from workshop.core.filecache import cached_bytes
from workshop.core.i18n import catalog_fingerprint
from workshop.core.reader_zone import is_offered_zone, zone_to_apply
from workshop.core.recent import RecentlyUsed
from workshop.core.refusals import commit_or_refuse
from workshop.core.site import site_url
from workshop.core.timezones import known_timezones, local_date, local_to_utc, utcnow
from workshop.forums.access import get_forum_or_404, get_managed_forum
from workshop.publishing import services
from workshop.publishing.changes import compare_snapshots
from workshop.publishing.forms import PublishForm, ReaderZoneForm
from workshop.publishing.grid import grid_day, now_and_next
from workshop.publishing.layout import agenda_days, has_part_in
from workshop.publishing.release_view import Snapshot
from workshop.publishing.signals import release_published
from workshop.publishing.snapshot import build_snapshot
from workshop.publishing.wording import describe_change

blueprint = Blueprint("publishing", __name__)
# The zone an anonymous reader chose to read agendas in; a signed-in reader's is saved on the account.
READER_ZONE_COOKIE = "workshop_reader_zone"
READER_ZONE_COOKIE_LIFETIME = timedelta(days=365)
# What releases changed, kept said per language: a few forums' changelogs in three languages.
KEPT_RELEASE_CHANGES = 500


def _changes_since(older, release, forum):
    """Return what `release` changed since `older`, said once per process in each language, then kept.

    Published releases never change, so neither does what is said of them, but saying it compares two
    parsed snapshots: 30 ms per release at 400 sessions, on every view of a public page that lists them all.
    """
    saying = (str(get_locale()), forum.timezone, forum.content_language, catalog_fingerprint())
    kept = current_app.extensions.setdefault("workshop.release_changes", RecentlyUsed(KEPT_RELEASE_CHANGES))
    return kept.get_or_make(
        (older.cache_key, release.cache_key, saying),
        lambda: tuple(_described_changes(Snapshot.from_stored(older), Snapshot.from_stored(release), forum)),
    )


def _described_changes(before, after, forum):
    """Say each change between two typed snapshots for a page: markup marking what the secretariat typed."""
    return [
        describe_change(change, forum.timezone, forum.content_language) for change in compare_snapshots(before, after)
    ]


@blueprint.route("/f/<slug>/agenda")
def show_agenda(slug):
    forum = get_forum_or_404(slug)
    release = services.latest_release(forum)
    clocks = _reader_clocks(forum)
    return render_template(
        "publishing/agenda.html",
        forum=forum,
        release=release,
        agenda_days_html=_agenda_days_html(forum, release, clocks["reader_zone"]) if release else "",
        can_manage=is_secretariat(current_user, forum),
        **clocks,
    )


def _reader_clocks(forum):
    """Return what a page needs to show the forum's times on the reader's clock, if they chose another zone.

    `zone_moment` is noon of the forum's first day: the moment the offsets of both zones are named at.
    """
    return {
        "reader_zone": zone_to_apply(_chosen_reader_zone(), forum.timezone, known_timezones()),
        "zone_moment": local_to_utc(forum.start_date, time(12), forum.timezone),
    }


def _chosen_reader_zone():
    """Return the zone the reader chose: saved on their account, or in a cookie of an anonymous browser."""
    if current_user.is_authenticated:
        return current_user.reader_timezone
    return request.cookies.get(READER_ZONE_COOKIE)


def _agenda_days_html(forum, release, reader_zone):
    """Return the days of the agenda as HTML, rendered once per release, language, reader's zone and site address.

    The rest of the page depends on who reads it; this part, most of the work, does not.
    """
    language = f"{get_locale()}-{forum.content_language}-{catalog_fingerprint()}"
    site = hashlib.sha256(site_url().encode()).hexdigest()[:12]
    zone = hashlib.sha256((reader_zone or "").encode()).hexdigest()[:12]

    def render():
        snapshot = Snapshot.from_stored(release)
        html = render_template(
            "publishing/_agenda_days.html",
            forum=forum,
            snapshot=snapshot,
            days=agenda_days(snapshot),
            reader_zone=reader_zone,
        )
        return html.encode()

    name = release.cache_name(
        f"agenda-{hashlib.sha256(release.cache_key.encode()).hexdigest()[:12]}-{language}-{zone}-{site}.html"
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
        return track_id in (None, session.track_id) and room_id in (None, session.room_id)

    snapshot = Snapshot.from_stored(release) if release else None
    days = agenda_days(snapshot, wanted if track_id or room_id else None) if release else []
    room_order = [room.name for room in snapshot.rooms] if release else []
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
        **_reader_clocks(forum),
    )


@blueprint.route("/f/<slug>/sessions/<int:session_id>")
def show_session(slug, session_id):
    forum = get_forum_or_404(slug)
    release = services.latest_release(forum) or abort(404)
    snapshot = Snapshot.from_stored(release)
    session = snapshot.sessions.get(session_id)
    cancelled = snapshot.cancelled.get(session_id)
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
        **_reader_clocks(forum),
    )


def _takes_part_or_manages(user, forum, session):
    """Tell whether `user` has a part in this session or runs the forum; they get the session brief."""
    return user.is_authenticated and (is_secretariat(user, forum) or has_part_in(session, user.id))


@blueprint.route("/f/<slug>/time-zone", methods=["GET", "POST"])
def choose_time_zone(slug):
    """Let a reader show the forum's times in their own zone (saved on their account, or in a cookie), or go back."""
    forum = get_forum_or_404(slug)
    form = ReaderZoneForm()
    back = _page_of_the_forum(forum, request.values.get("next"))
    if form.validate_on_submit():
        zone = None if form.use_forum_zone.data else form.zone.data
        with commit_or_refuse(form) as outcome:
            if current_user.is_authenticated:
                account_services.save_reader_timezone(current_user, zone)
        if not outcome.refused:
            return _after_choosing_zone(forum, zone, back)
    elif not form.is_submitted():
        form.zone.data = _zone_to_preselect(forum)
    form.next.data = back
    status = 422 if form.errors else 200
    return render_template(
        "publishing/time_zone.html", forum=forum, form=form, back=back, **_reader_clocks(forum)
    ), status


def _zone_to_preselect(forum):
    """Return the zone a link offered (the one the browser detected), else the reader's own, else the forum's."""
    offered = request.args.get("zone", "")
    if is_offered_zone(offered, known_timezones()):
        return offered
    return _chosen_reader_zone() or forum.timezone


def _after_choosing_zone(forum, zone, back):
    """Go back to the page the reader came from, keeping an anonymous reader's choice in a cookie."""
    shown = zone_to_apply(zone, forum.timezone, known_timezones())
    if shown:
        flash(_("Times are now shown in your time zone, %(zone)s.", zone=shown), "success")
    else:
        flash(_("Times are shown in the forum's own time zone, %(zone)s.", zone=forum.timezone), "success")
    response = redirect(back)
    if not current_user.is_authenticated:
        if zone:
            response.set_cookie(
                READER_ZONE_COOKIE,
                zone,
                max_age=READER_ZONE_COOKIE_LIFETIME,
                httponly=True,
                samesite="Lax",
                secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
            )
        else:
            response.delete_cookie(READER_ZONE_COOKIE)
    return response


def _page_of_the_forum(forum, path):
    """Return `path` if it is a page of this forum on this site (no open redirect), else the forum's agenda."""
    # Pages name themselves by their quoted path (request.full_path): anything else is not one of them.
    quoted = path and path.isascii() and path.isprintable() and " " not in path and "\\" not in path
    if quoted and path.startswith(f"/f/{forum.slug}/"):
        return path
    return url_for("publishing.show_agenda", slug=forum.slug)


@blueprint.route("/f/<slug>/agenda/changes")
def list_changes(slug):
    forum = get_forum_or_404(slug)
    releases = services.list_releases(forum)
    history = [(release, _changes_since(older, release, forum)) for release, older in pairwise(releases)]
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
    published = Snapshot.from_stored(latest) if latest else None
    pending = _described_changes(published, Snapshot.from_json(build_snapshot(forum)), forum)
    return render_template(
        "publishing/releases.html",
        forum=forum,
        form=form,
        releases=services.list_releases(forum),
        pending=pending,
    )

"""Send the exports of a published agenda: iCal feeds, PDF agendas and briefs, the JSON API.

Each view loads what it needs, checks access, answers 304 when the client's copy is current, and
only then asks an export function for the bytes.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workshop.accounts.models import ForumRole, User
from workshop.accounts.permissions import is_secretariat
from workshop.core.filecache import cached_bytes
from workshop.core.site import site_url
from workshop.desk.listing import badges_of, official_list
from workshop.desk.rules import as_query_args, read_badge_layout, read_filter
from workshop.desk.views import STATUS_VALUES
from workshop.exports import api, builds, ical, outcome_builds, recommendations
from workshop.exports.conditional import is_unchanged, last_published, release_etag, send_export
from workshop.exports.links import site_export_links
from workshop.exports.wording import language
from workshop.extensions import db
from workshop.forums.access import get_forum_or_404, get_managed_forum, get_part_or_404
from workshop.forums.logos import forum_face
from workshop.forums.models import Forum
from workshop.programme.models import Appointment, BlockItem, ForumDay, ForumSession, SessionItem, TimeBlock
from workshop.publishing.layout import has_part_in
from workshop.publishing.release_view import Snapshot
from workshop.publishing.services import latest_release
from workshop.registration.models import Registration
from workshop.registration.queries import selection_fingerprint, selection_of
from workshop.registration.rules import RegistrationStatus
from workshop.reports import services as report_services
from workshop.reports.outcome import traced_recommendations
from workshop.reports.permissions import can as can_read_report
from workshop.reports.workflow import Action

blueprint = Blueprint("exports", __name__)

CALENDAR_TYPE = builds.FEED.mimetype
PDF_TYPE = builds.PDF.mimetype
JSON_TYPE = builds.JSON.mimetype
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@blueprint.app_template_filter("webcal")
def as_webcal(url):
    """Turn an absolute http(s) feed URL into the webcal:// one that makes calendar apps subscribe."""
    return "webcal://" + url.split("://", 1)[1]


def pdf_module():
    """Return the PDF exports, importing WeasyPrint (about 45 MB) in the first worker that renders one."""
    from workshop.exports import pdf

    return pdf


def published_forum(slug):
    """Return a forum the current user may see and its latest release, or 404."""
    forum = get_forum_or_404(slug)
    return forum, latest_release(forum) or abort(404)


def send_unless_unchanged(kind, releases, build, mimetype, filename, private, person=None):
    """Answer 304 if the client has this export of these releases already, else send it, built at most once.

    An export of one forum's release is kept in that forum's cache folder until a later release's
    export replaces it; a person's feed (over several forums) in the person's folder, one at a time.
    """
    etag = release_etag(kind, releases, language())
    last_modified = last_published(releases)
    if is_unchanged(etag, last_modified):
        return send_export(None, mimetype, filename, etag, last_modified, private)
    extension = filename.rsplit(".", 1)[-1]
    cache_dir = current_app.config["CACHE_DIR"]
    if person is not None:
        body = cached_bytes(
            cache_dir, f"person-{person.id}", f"{etag}.{extension}", build, superseded=lambda name: True
        )
    else:
        [release] = releases
        body = cached_bytes(
            cache_dir,
            release.cache_folder,
            release.cache_name(f"{etag}.{extension}"),
            build,
            superseded=release.supersedes,
        )
    return send_export(body, mimetype, filename, etag, last_modified, private)


def send_prebuilt(forum, release, export, filename):
    """Send an export that a queue worker built; if it is not ready, queue its build and send the previous
    release's (marked as such) or, without one, say it is being prepared.

    A web worker never lays out these exports itself: under an immediate queue (tests, a single
    process) the build runs inside `request_build`, and is found right after it.
    """
    etag = release_etag(export.kind, [release], language())
    private = not forum.is_public
    if is_unchanged(etag, release.published_at):
        return send_export(None, export.mimetype, filename, etag, release.published_at, private)
    body = builds.stored_export(release, export, language())
    if body is None and builds.request_build(release, export, language()):
        body = builds.stored_export(release, export, language())
    if body is None:
        earlier = builds.previous_stored_export(release, export, language())
        if earlier is None:
            return being_prepared(release, export)
        return send_previous_release(release, export, filename, *earlier)
    return send_export(body, export.mimetype, filename, etag, release.published_at, private)


def send_previous_release(release, export, filename, previous, body):
    """Send the previous release's export while this one's is built, marked so that nobody takes it for current.

    Its file name and headers name its release and the latest one, and nothing may keep it: the
    reader's next request gets the latest release's export as soon as it is built.
    """
    stem, extension = filename.rsplit(".", 1)
    response = current_app.make_response(body)
    response.mimetype = export.mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}-release-{previous.number}.{extension}"'
    response.headers["Workshop-Release"] = str(previous.number)
    response.headers["Workshop-Latest-Release"] = str(release.number)
    response.headers["Cache-Control"] = "no-store"
    response.vary.update(("Accept-Language", "Cookie"))
    return response


def being_prepared(release, export):
    """Answer 503 with Retry-After: the export of this release is queued or being built right now."""
    description = _(
        "This export of release %(number)d is being prepared and will be ready in a few seconds. Please try again.",
        number=release.number,
    )
    return _being_prepared(description, export.retry_after_seconds)


def _being_prepared(description, retry_after_seconds):
    """Answer 503 with Retry-After and a page saying why."""
    page = render_template("errors/error.html", code=503, title=_("Being prepared"), description=description)
    response = current_app.make_response((page, 503))
    response.headers["Retry-After"] = str(retry_after_seconds)
    response.headers["Cache-Control"] = "no-store"
    return response


def send_forum_calendar(forum, release, kind, name, select_part, filename):
    """Send one forum's feed; `select_part` reads the snapshot only when the feed must be built."""
    return send_unless_unchanged(
        kind,
        [release],
        lambda: ical.calendar_bytes(name, [select_part()], site_export_links(), ical.app_event_cache()),
        CALENDAR_TYPE,
        filename,
        private=not forum.is_public,
    )


@blueprint.route("/f/<slug>/agenda.ics")
def agenda_calendar(slug):
    forum, release = published_forum(slug)
    return send_prebuilt(forum, release, builds.FEED, f"{forum.slug}.ics")


@blueprint.route("/f/<slug>/tracks/<int:track_id>.ics")
def track_calendar(slug, track_id):
    return _grouped_calendar(slug, "tracks", "track", track_id, ical.track_agenda)


@blueprint.route("/f/<slug>/rooms/<int:room_id>.ics")
def room_calendar(slug, room_id):
    return _grouped_calendar(slug, "rooms", "room", room_id, ical.room_agenda)


def _grouped_calendar(slug, collection, kind, group_id, select_agenda):
    """Send the feed of one track or room of the published agenda, or 404 if the release has none such."""
    forum, release = published_forum(slug)
    snapshot = Snapshot.from_stored(release)
    group = next((group for group in getattr(snapshot, collection) if group.id == group_id), None) or abort(404)

    def select_part():
        return select_agenda(snapshot, group_id)

    name = f"{forum.title} – {group.name}"
    filename = f"{forum.slug}-{kind}-{group_id}.ics"
    return send_forum_calendar(forum, release, f"{kind}-{group_id}.ics", name, select_part, filename)


@blueprint.route("/f/<slug>/sessions/<int:session_id>.ics")
def session_calendar(slug, session_id):
    forum, release = published_forum(slug)
    snapshot = Snapshot.from_stored(release)
    if session_id not in snapshot.sessions and session_id not in snapshot.cancelled:
        abort(404)

    def select_part():
        return ical.single_session(snapshot, session_id)

    return send_forum_calendar(
        forum, release, f"session-{session_id}.ics", forum.title, select_part, f"{forum.slug}-session-{session_id}.ics"
    )


@blueprint.route("/feeds/<token>.ics")
def personal_calendar(token):
    user = db.session.scalar(select(User).where(User.feed_token == token))
    if user is None or not user.is_active:
        abort(404)
    published = [(forum, latest_release(forum)) for forum in forums_with_a_part_for(user)]
    selections = {forum.id: selection_of(user, forum) for forum, release in published if release is not None}
    releases = [release for _forum, release in published if release is not None]
    fingerprints = ",".join(selection_fingerprint(selections[release.forum_id]) for release in releases)
    # Calendar clients send no cookies: write the feed in the person's own language if they chose one.
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang") in languages
    with force_locale(user.preferred_language if user.preferred_language in languages and not asked else language()):
        return send_unless_unchanged(
            f"person-{user.id}.ics|{fingerprints}",
            releases,
            lambda: ical.calendar_bytes(
                _("%(name)s – my sessions", name=user.name),
                [
                    ical.person_agenda(Snapshot.from_stored(release), user.id, selections[release.forum_id])
                    for release in releases
                ],
                site_export_links(),
                ical.app_event_cache(),
            ),
            CALENDAR_TYPE,
            "my-sessions.ics",
            private=True,
            person=user,
        )


def forums_with_a_part_for(user):
    """Return the forums where the person holds a role, has a place, has an appointment, or speaks."""
    forum_ids = (
        select(ForumRole.forum_id)
        .where(ForumRole.user_id == user.id)
        .union(
            select(Registration.forum_id).where(
                Registration.user_id == user.id, Registration.status == RegistrationStatus.CONFIRMED
            ),
            select(ForumSession.forum_id).join(Appointment).where(Appointment.user_id == user.id),
            select(ForumSession.forum_id).join(SessionItem).where(SessionItem.speaker_id == user.id),
            select(ForumDay.forum_id).join(TimeBlock).join(BlockItem).where(BlockItem.speaker_id == user.id),
        )
    )
    return db.session.scalars(select(Forum).where(Forum.id.in_(forum_ids)).order_by(Forum.start_date, Forum.id)).all()


@blueprint.route("/f/<slug>/agenda.pdf")
def agenda_pdf(slug):
    forum, release = published_forum(slug)
    return send_prebuilt(forum, release, builds.PDF, f"{forum.slug}-agenda.pdf")


@blueprint.route("/f/<slug>/my-agenda.pdf")
@login_required
def personal_agenda_pdf(slug):
    forum, release = published_forum(slug)
    person = {"id": current_user.id, "name": current_user.name}
    selection = selection_of(current_user, forum)
    return send_unless_unchanged(
        f"my-agenda.pdf|{current_user.id}|{current_user.name}|{selection_fingerprint(selection)}",
        [release],
        lambda: pdf_module().personal_agenda_pdf(
            Snapshot.from_stored(release),
            person,
            links=site_export_links(),
            static_folder=current_app.static_folder,
            selection=selection,
            face=forum_face(forum, inline=True),
        ),
        PDF_TYPE,
        f"{forum.slug}-my-agenda.pdf",
        private=True,
    )


@blueprint.route("/f/<slug>/sessions/<int:session_id>/brief.pdf")
@login_required
def session_brief_pdf(slug, session_id):
    forum, release = published_forum(slug)
    session = Snapshot.from_stored(release).sessions.get(session_id) or abort(404)
    if not (is_secretariat(current_user, forum) or has_part_in(session, current_user.id)):
        abort(403)
    return send_unless_unchanged(
        f"brief-{session_id}.pdf",
        [release],
        lambda: pdf_module().session_brief_pdf(
            Snapshot.from_stored(release),
            session_id,
            links=site_export_links(),
            static_folder=current_app.static_folder,
            written_in=forum.content_language,
        ),
        PDF_TYPE,
        f"{forum.slug}-session-{session_id}-brief.pdf",
        private=True,
    )


@blueprint.route("/manage/<slug>/desk/list-of-participants.pdf")
@login_required
def list_of_participants_pdf(slug):
    forum = get_managed_forum(slug)
    # Imported here for the reason pdf_module() gives: WeasyPrint loads in the first worker that renders.
    from workshop.exports.participants import list_of_participants_pdf as render_list

    body = render_list(forum, official_list(forum), static_folder=current_app.static_folder)
    return (
        body,
        200,
        {
            "Content-Type": PDF_TYPE,
            "Content-Disposition": f'attachment; filename="{forum.slug}-list-of-participants.pdf"',
            "Cache-Control": "private, no-store",
        },
    )


@blueprint.route("/manage/<slug>/desk/badges.pdf")
@login_required
def badges_pdf(slug):
    forum = get_managed_forum(slug)
    participant_filter = read_filter(request.args, STATUS_VALUES)
    badges = badges_of(forum, participant_filter)
    if not badges:
        flash(_("No badge to print: no confirmed participant matches these filters."), "error")
        return redirect(url_for("desk.list_participants", slug=forum.slug, **as_query_args(participant_filter)))
    from workshop.exports.badges import badges_pdf as render_badges  # WeasyPrint, as pdf_module() says

    layout = read_badge_layout(request.args.get("layout"))
    body = render_badges(
        forum, badges, layout, static_folder=current_app.static_folder, face=forum_face(forum, inline=True)
    )
    return _send_pdf(body, f"{forum.slug}-badges-{layout.value}.pdf")


@blueprint.route("/api/v1/forums/<slug>/agenda")
def agenda_json(slug):
    forum, release = published_forum(slug)
    response = send_prebuilt(forum, release, builds.JSON, f"{forum.slug}-agenda.json")
    response.headers.pop("Content-Disposition", None)
    if forum.is_public:
        # Organisers' websites read the agenda of a public forum from their own pages.
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@blueprint.route("/api/v1/openapi.json")
def openapi_json():
    return jsonify(api.openapi_document(site_url().rstrip("/")))


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report.pdf")
@login_required
def session_report_pdf(slug, session_id):
    forum = get_forum_or_404(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    report = report_services.report_of(session)
    if not can_read_report(current_user, session, Action.READ, report):
        abort(403)
    if report is None:
        abort(404)
    from workshop.exports import report_pdf  # WeasyPrint, imported by the first worker that renders a PDF

    body = report_pdf.session_report_pdf(
        report_services.printed_report(report),
        forum.title,
        static_folder=current_app.static_folder,
        face=forum_face(forum, inline=True),
    )
    return _send_pdf(body, f"{forum.slug}-session-{session_id}-report.pdf")


def _send_pdf(body, filename):
    """Send a PDF built for this request alone: never kept by a cache, it may be an unpublished draft."""
    return _send_private(body, PDF_TYPE, filename)


def _send_private(body, mimetype, filename):
    """Send a file only its reader may see, as an attachment no cache keeps."""
    response = make_response(body)
    response.mimetype = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@blueprint.route("/manage/<slug>/outcome.pdf")
@login_required
def outcome_pdf(slug):
    return _send_outcome(get_managed_forum(slug), outcome_builds.PDF)


@blueprint.route("/manage/<slug>/outcome.docx")
@login_required
def outcome_docx(slug):
    return _send_outcome(get_managed_forum(slug), outcome_builds.DOCX)


def _send_outcome(forum, outcome_file):
    """Send the outcome a queue worker built from the reports as they stand; else queue it and say it is being prepared."""
    body = outcome_builds.stored_outcome(forum, language(), outcome_file)
    if body is None and outcome_builds.request_outcome_build(forum, language()).state == "ready":
        body = outcome_builds.stored_outcome(forum, language(), outcome_file)
    if body is None:
        description = _(
            "The consolidated outcome is being prepared. Its page shows how far it has got; please try again."
        )
        return _being_prepared(description, outcome_builds.RETRY_AFTER_SECONDS)
    return _send_private(body, outcome_file.mimetype, f"{forum.slug}-outcome.{outcome_file.extension}")


@blueprint.route("/manage/<slug>/recommendations.<any(csv, xlsx):kind>")
@login_required
def outcome_recommendations(slug, kind):
    """Send the key recommendations alone, each traced to its session: small enough to build in the request."""
    forum = get_managed_forum(slug)
    traced = traced_recommendations(forum)
    if kind == "csv":
        body, mimetype = recommendations.recommendations_csv(traced), "text/csv; charset=utf-8"
    else:
        body, mimetype = recommendations.recommendations_xlsx(traced, forum.slug), XLSX_TYPE
    return _send_private(body, mimetype, f"{forum.slug}-recommendations.{kind}")

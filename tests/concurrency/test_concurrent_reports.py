"""A rapporteur and the secretariat who act on one report at the same moment: one wins, the other is told."""

from urllib.parse import urlsplit

from sqlalchemy import func, select

from tests.browser_forms import read_form
from tests.concurrency.conftest import all_at_once
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.programme.models import AppointmentRole
from workshop.reports.models import ReportRevision, SessionReport
from workshop.reports.workflow import ReportStatus

TIMEOUT = 120


def post_form(client, page_url, **changes):
    """Return a request that posts the form of `page_url`, opened now, with `changes` typed in."""
    path = urlsplit(page_url).path
    form = read_form(client.get(page_url, timeout=TIMEOUT).text, path, path)
    return lambda: client.post(page_url, data=form.data(**changes), allow_redirects=False, timeout=TIMEOUT)


def post(client, url, data=None):
    return lambda: client.post(url, data=data or {}, allow_redirects=False, timeout=TIMEOUT)


def reported_session(create_forum, create_day, create_block, create_session, create_user, appoint):
    forum = create_forum()
    session = create_session(forum, create_block(create_day(forum)), title="South-South cooperation")
    rapporteur = create_user(roles={forum: [ForumRoleName.RAPPORTEUR]})
    appoint(session, rapporteur, AppointmentRole.RAPPORTEUR)
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    return forum, session, rapporteur, secretariat


def test_two_people_saving_one_report_at_once_lose_nothing(
    live_url, signed_in, create_forum, create_day, create_block, create_session, create_user, appoint
):
    forum, session, rapporteur, secretariat = reported_session(
        create_forum, create_day, create_block, create_session, create_user, appoint
    )
    url = f"{live_url}/f/{forum.slug}/sessions/{session.id}/report/edit"
    first, second = signed_in(rapporteur), signed_in(secretariat)

    responses = all_at_once(
        [
            post_form(first, url, summary="The rapporteur's summary."),
            post_form(second, url, summary="The secretariat's."),
        ]
    )

    assert sorted(response.status_code for response in responses) == [302, 409]
    loser = max(responses, key=lambda response: response.status_code)
    assert "Someone else saved this after you opened it" in loser.text
    db.session.expire_all()
    [report] = db.session.scalars(select(SessionReport)).all()
    assert report.summary in ("The rapporteur's summary.", "The secretariat's.")
    path = urlsplit(url).path
    assert dict(read_form(loser.text, path, path).fields)["summary"] != report.summary
    assert db.session.scalar(select(func.count()).select_from(ReportRevision)) == 1


def test_returning_and_approving_one_report_at_once_leaves_one_decision(
    live_url, signed_in, create_forum, create_day, create_block, create_session, create_user, appoint
):
    forum, session, rapporteur, secretariat = reported_session(
        create_forum, create_day, create_block, create_session, create_user, appoint
    )
    base = f"{live_url}/f/{forum.slug}/sessions/{session.id}/report"
    writer = signed_in(rapporteur)
    post_form(writer, f"{base}/edit", summary="Ready for review.")()
    writer.post(f"{base}/submit", timeout=TIMEOUT)
    first, second = signed_in(secretariat), signed_in(create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))

    all_at_once([post(first, f"{base}/approve"), post(second, f"{base}/return", {"return-body": "Shorten it."})])

    db.session.expire_all()
    report = db.session.scalar(select(SessionReport))
    assert report.status in (ReportStatus.APPROVED, ReportStatus.RETURNED)
    returned_comments = [comment for comment in report.comments if comment.returned]
    assert len(returned_comments) == (1 if report.status == ReportStatus.RETURNED else 0)

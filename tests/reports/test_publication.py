"""Approved reports on the public session page: the secretariat's choice per report or for the whole forum."""

import pytest

from tests.reports.conftest import report_form
from tests.reports.test_outcome import approve
from workshop.extensions import db
from workshop.publishing.services import publish_release
from workshop.reports.models import ReportPublication, SessionReport


@pytest.fixture
def published_agenda(report_world):
    """Publish the forum's agenda, so that its session page is public."""
    publish_release(report_world.secretariat, report_world.forum, "final")
    db.session.commit()
    return report_world


def public_page(app, world):
    """Return the session page as an anonymous reader sees it."""
    with app.test_client() as anonymous:
        response = anonymous.get(
            app.url_for("publishing.show_session", slug=world.forum.slug, session_id=world.session.id)
        )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def publish(app, client, world, published=True):
    data = {"publication-published": "y"} if published else {}
    return client.post(world.url(app, "reports.publish_report"), data=data)


def test_an_approved_report_the_secretariat_publishes_shows_on_the_public_session_page(
    app, client, sign_in, published_agenda
):
    world = published_agenda
    approve(app, client, sign_in, world, world.session, world.rapporteur)
    assert "Improve current systems of negotiation." not in public_page(app, world)

    response = publish(app, client, world)

    assert response.status_code == 302
    page = public_page(app, world)
    assert "Session report" in page
    assert "Improve current systems of negotiation." in page
    assert "Women: 11" in page and "Total: 20" in page

    publish(app, client, world, published=False)
    assert "Improve current systems of negotiation." not in public_page(app, world)


def test_the_forum_s_choice_publishes_every_approved_report_and_no_draft(app, client, sign_in, published_agenda):
    world = published_agenda
    sign_in(client, world.rapporteur)
    client.post(world.url(app, "reports.edit_report"), data=report_form())
    sign_in(client, world.secretariat)

    assert (
        client.post(
            app.url_for("reports.set_forum_publication", slug=world.forum.slug),
            data={"publication-every_approved_report": "y"},
        ).status_code
        == 302
    )
    assert db.session.get(ReportPublication, world.forum.id).every_approved_report is True
    assert "Improve current systems of negotiation." not in public_page(app, world), "a draft stays private"

    client.post(world.url(app, "reports.submit_report"))
    client.post(world.url(app, "reports.approve_report"))
    assert "Improve current systems of negotiation." in public_page(app, world)

    client.post(world.url(app, "reports.reopen_report"))
    assert "Improve current systems of negotiation." not in public_page(app, world), "a reopened report is withdrawn"


def test_counts_under_five_are_hidden_on_the_public_page_and_the_total_that_would_betray_one(
    app, client, sign_in, published_agenda
):
    world = published_agenda
    approve(app, client, sign_in, world, world.session, world.rapporteur, women="4", men="9", other="", total="13")
    publish(app, client, world)

    page = public_page(app, world)
    secretariat_view = client.get(world.url(app, "reports.show_report")).get_data(as_text=True)

    assert "Women: fewer than 5" in page
    assert "Men: 9" in page
    assert "Total: fewer than 5" in page and "13" not in page.split("Session report")[1]
    assert "Women: 4" in secretariat_view, "the secretariat's own page shows every count"


def test_the_published_report_is_sanitised(app, client, sign_in, published_agenda):
    world = published_agenda
    approve(
        app,
        client,
        sign_in,
        world,
        world.session,
        world.rapporteur,
        summary="<script>alert(1)</script> [click](javascript:alert(1)) ![x](file:///etc/passwd) **kept**",
    )
    publish(app, client, world)

    page = public_page(app, world)

    assert "<strong>kept</strong>" in page
    report = page.split("Session report")[1]
    assert "<strong>kept</strong>" in report
    assert "<script>" not in report and "&lt;script&gt;" in report
    assert 'href="javascript' not in report and "<img" not in report


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_only_an_approved_report_can_be_published(app, client, sign_in, published_agenda, status):
    world = published_agenda
    sign_in(client, world.rapporteur)
    client.post(world.url(app, "reports.edit_report"), data=report_form())
    if status == "submitted":
        client.post(world.url(app, "reports.submit_report"))
    sign_in(client, world.secretariat)

    response = publish(app, client, world)

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.query(SessionReport).one().published is False
    assert "This cannot be done while the report is" in client.get(response.location).get_data(as_text=True)


def test_neither_the_rapporteur_nor_the_facilitator_publishes(app, client, sign_in, published_agenda):
    world = published_agenda
    approve(app, client, sign_in, world, world.session, world.rapporteur)
    for person in (world.rapporteur, world.facilitator):
        sign_in(client, person)
        assert publish(app, client, world).status_code == 403
        assert client.post(app.url_for("reports.set_forum_publication", slug=world.forum.slug)).status_code == 403
    assert db.session.query(SessionReport).one().published is False

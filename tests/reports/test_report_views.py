"""The rapporteur writes the report, the secretariat reviews it; bad input is refused at its field and loses nothing."""

from urllib.parse import urlsplit

from sqlalchemy import func, select

from tests.browser_forms import read_form
from tests.reports.conftest import report_form
from workshop.extensions import db
from workshop.reports.models import ReportRevision, SessionReport
from workshop.reports.workflow import ReportStatus


def saved_report(world):
    db.session.expire_all()
    return db.session.scalar(select(SessionReport).where(SessionReport.session_id == world.session.id))


def revision_count():
    return db.session.scalar(select(func.count()).select_from(ReportRevision))


def write(app, client, world, **overrides):
    return client.post(world.url(app, "reports.edit_report"), data=report_form(**overrides))


def test_the_form_is_filled_from_the_agenda(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)

    page = client.get(report_world.url(app, "reports.edit_report")).get_data(as_text=True)

    assert 'value="The role of South-South cooperation for development"' in page
    assert 'value="Track 3 – Redefining global governance"' in page
    assert 'value="Osvaldo Elissetche"' in page
    assert 'value="Asociación Civil Estudios y Proyectos"' in page
    assert 'value="oelissetche@eyp.org.ar"' in page
    assert 'value="Stephanie Childs"' in page
    assert 'value="Handy Acosta Cuellar"' in page
    assert "Stanley Kao, Director General, Taiwan" in page
    assert 'value="Engagement workshop"' in page
    assert "2:30" in page and "4:00" in page
    assert saved_report(report_world) is None


def test_saving_keeps_the_report_its_counts_and_recommendations_as_separate_items(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)

    response = write(app, client, report_world)

    assert response.status_code == 302
    report = saved_report(report_world)
    assert (report.women, report.men, report.other, report.total) == (11, 9, None, 20)
    assert [(item.text, item.addressee) for item in report.recommendations] == [
        ("Improve current systems of negotiation.", "HLF-4 negotiators"),
        ("Sustain cooperation networks over time.", ""),
    ]
    assert report.status == ReportStatus.DRAFT
    assert [revision.number for revision in report.revisions] == [1]


def test_an_empty_total_is_the_sum_of_its_parts(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)

    write(app, client, report_world, total="", other="2")

    assert saved_report(report_world).total == 22


def test_counts_that_exceed_the_total_are_refused_at_the_total_and_nothing_is_lost(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)

    response = write(app, client, report_world, women="15", total="20", summary="My long summary, typed once.")

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "add up to more than the total" in page
    assert "My long summary, typed once." in page
    assert saved_report(report_world) is None


def test_a_negative_count_is_refused_at_its_field(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)

    response = write(app, client, report_world, men="-1")

    assert response.status_code == 422
    assert "cannot be negative" in response.get_data(as_text=True)
    assert saved_report(report_world) is None


def test_markdown_with_script_javascript_links_and_file_images_is_sanitised(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)

    write(
        app,
        client,
        report_world,
        summary="<script>alert(1)</script> [click](javascript:alert(1)) ![x](file:///etc/passwd) ![y](https://evil.test/a.png) **kept**",
    )

    html = saved_report(report_world).summary_html
    assert "<script" not in html and 'href="javascript' not in html
    assert "<img" not in html and "src=" not in html
    assert "<strong>kept</strong>" in html


def test_a_save_over_a_newer_version_is_refused_and_keeps_what_was_typed(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)
    write(app, client, report_world)
    first_version = saved_report(report_world).version
    write(app, client, report_world, version=str(first_version), summary="Saved first by the secretariat.")

    response = write(app, client, report_world, version=str(first_version), summary="Typed by the rapporteur.")

    assert response.status_code == 409
    assert "Someone else saved this after you opened it" in response.get_data(as_text=True)
    assert "Typed by the rapporteur." in response.get_data(as_text=True)
    assert saved_report(report_world).summary == "Saved first by the secretariat."
    assert revision_count() == 2


def test_a_second_person_starting_the_same_report_is_told(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)
    write(app, client, report_world, summary="Started first.")

    response = write(app, client, report_world, summary="Started second, from an empty form.")

    assert response.status_code == 409
    assert saved_report(report_world).summary == "Started first."


def test_the_report_goes_through_return_revision_and_approval(app, client, sign_in, report_world):
    world = report_world
    sign_in(client, world.rapporteur)
    write(app, client, world)
    client.post(world.url(app, "reports.submit_report"))
    assert saved_report(world).status == ReportStatus.SUBMITTED

    sign_in(client, world.secretariat)
    refused = client.post(world.url(app, "reports.return_report"), data={"return-body": "  "})
    assert refused.status_code == 422 and saved_report(world).status == ReportStatus.SUBMITTED
    client.post(world.url(app, "reports.return_report"), data={"return-body": "Please name the presenters' countries."})
    assert saved_report(world).status == ReportStatus.RETURNED

    sign_in(client, world.rapporteur)
    page = client.get(world.url(app, "reports.show_report")).get_data(as_text=True)
    assert "Please name the presenters&#39; countries." in page
    write(app, client, world, version=str(saved_report(world).version), summary="A revised summary.")
    client.post(world.url(app, "reports.submit_report"))
    assert saved_report(world).status == ReportStatus.SUBMITTED

    sign_in(client, world.secretariat)
    client.post(world.url(app, "reports.approve_report"))
    report = saved_report(world)
    assert report.status == ReportStatus.APPROVED
    assert [revision.status for revision in report.revisions] == [ReportStatus.DRAFT, ReportStatus.RETURNED]
    history = client.get(world.url(app, "reports.show_report")).get_data(as_text=True)
    assert "A revised summary." in history and "The activity session focused on the role" in history


def test_an_approved_report_is_locked_until_reopened(app, client, sign_in, report_world):
    world = report_world
    sign_in(client, world.secretariat)
    write(app, client, world)
    client.post(world.url(app, "reports.submit_report"))
    client.post(world.url(app, "reports.approve_report"))
    version = saved_report(world).version

    response = write(app, client, world, version=str(version), summary="A late change.")

    assert response.status_code == 409
    assert "approved and locked" in response.get_data(as_text=True)
    assert "A late change." in response.get_data(as_text=True)
    assert saved_report(world).summary != "A late change."
    client.post(world.url(app, "reports.reopen_report"))
    assert saved_report(world).status == ReportStatus.DRAFT


def test_the_facilitator_reads_and_comments_but_does_not_edit(app, client, sign_in, report_world):
    world = report_world
    sign_in(client, world.rapporteur)
    write(app, client, world)
    sign_in(client, world.facilitator)

    assert client.get(world.url(app, "reports.show_report")).status_code == 200
    assert client.get(world.url(app, "reports.edit_report")).status_code == 403
    assert write(app, client, world, summary="Facilitator's version").status_code == 403
    assert client.post(world.url(app, "reports.submit_report")).status_code == 403
    client.post(world.url(app, "reports.comment_on_report"), data={"comment-body": "Add the third question."})

    assert [comment.body for comment in saved_report(world).comments] == ["Add the third question."]
    assert saved_report(world).summary != "Facilitator's version"


def test_a_rapporteur_of_another_session_or_a_participant_cannot_reach_the_report(app, client, sign_in, report_world):
    world = report_world
    for person in (world.other_rapporteur, world.participant):
        sign_in(client, person)
        assert client.get(world.url(app, "reports.show_report")).status_code == 403
        assert write(app, client, world).status_code == 403
    assert saved_report(world) is None


def test_the_board_lists_every_session_and_filters_by_track_and_status(
    app, client, sign_in, report_world, create_session, create_track
):
    world = report_world
    other = create_session(world.forum, world.session.block, "A plenary without a report", "16:00", "17:00")
    sign_in(client, world.rapporteur)
    write(app, client, world)
    client.post(world.url(app, "reports.submit_report"))
    sign_in(client, world.secretariat)
    board = app.url_for("reports.forum_board", slug=world.forum.slug)

    everything = client.get(board).get_data(as_text=True)
    submitted = client.get(f"{board}?status=submitted").get_data(as_text=True)
    missing = client.get(f"{board}?status=missing").get_data(as_text=True)
    track = client.get(f"{board}?track={world.session.track_id}").get_data(as_text=True)

    assert world.session.title in everything and other.title in everything
    assert world.session.title in submitted and other.title not in submitted
    assert other.title in missing and world.session.title not in missing
    assert world.session.title in track and other.title not in track
    assert "Handy Acosta Cuellar" in everything


def test_the_secretariat_sets_the_deadline_and_not_before_the_forum(app, client, sign_in, report_world):
    world = report_world
    sign_in(client, world.secretariat)
    url = app.url_for("reports.set_deadline", slug=world.forum.slug)

    refused = client.post(url, data={"due_on": "2030-10-01"})
    client.post(url, data={"due_on": "2030-12-01"})

    assert refused.status_code == 422 and "cannot be due before the forum starts" in refused.get_data(as_text=True)
    board = client.get(app.url_for("reports.forum_board", slug=world.forum.slug)).get_data(as_text=True)
    assert 'value="2030-12-01"' in board


def test_the_first_revision_is_the_start_and_later_ones_show_what_changed(app, client, sign_in, report_world):
    world = report_world
    sign_in(client, world.rapporteur)
    write(app, client, world)
    write(app, client, world, version=str(saved_report(world).version), outcomes="- A new outcome.")

    page = client.get(world.url(app, "reports.show_report")).get_data(as_text=True)

    assert "The first revision: the report as it was started." in page
    assert (
        '<li class="added"><ins><span class="visually-hidden">Added: </span>Outcomes: - A new outcome.</ins></li>'
        in page
    )


def test_a_report_saved_again_for_more_rows_keeps_every_recommendation_in_order(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)
    write(app, client, report_world)
    url = report_world.url(app, "reports.edit_report")
    form = read_form(client.get(url).get_data(as_text=True), action=urlsplit(url).path)
    typed = {"recommendations-2-text": "Endorse control mechanisms.", "recommendations-3-text": "Redefine cooperation."}

    assert client.post(url, data=form.data(**typed)).status_code == 302

    assert [item.text for item in saved_report(report_world).recommendations] == [
        "Improve current systems of negotiation.",
        "Sustain cooperation networks over time.",
        "Endorse control mechanisms.",
        "Redefine cooperation.",
    ]

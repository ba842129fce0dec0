"""The consolidated outcome opens with every key recommendation traced to its session, then participation, then the reports."""

import io

import pypdf

from tests.reports.conftest import report_form
from validate.language_of_parts import mislabelled_texts, typed_pattern
from workshop.programme.models import AppointmentRole
from workshop.reports.outcome import forum_totals
from workshop.reports.workflow import ParticipantCounts


def approve(app, client, sign_in, world, session, author, **fields):
    url = lambda endpoint: app.url_for(endpoint, slug=world.forum.slug, session_id=session.id)  # noqa: E731
    sign_in(client, author)
    client.post(url("reports.edit_report"), data=report_form(**fields))
    client.post(url("reports.submit_report"))
    sign_in(client, world.secretariat)
    client.post(url("reports.approve_report"))


def test_forum_totals_add_what_was_counted_and_leave_the_rest_unknown():
    totals = forum_totals([ParticipantCounts(11, 9, None, 20), ParticipantCounts(4, 3, 1, 8)])
    assert totals == ParticipantCounts(15, 12, 1, 28)
    assert forum_totals([ParticipantCounts(None, None, None, None)]) == ParticipantCounts(None, None, None, None)
    assert forum_totals([]) == ParticipantCounts(None, None, None, None)


def test_the_outcome_compiles_approved_reports_only_recommendations_first(
    app, client, sign_in, report_world, create_session, create_track, appoint
):
    world = report_world
    second_track = create_track(world.forum, "Track 1 – Evidence")
    other = create_session(
        world.forum, world.session.block, "Knowledge sharing", "16:00", "17:00", track=second_track, number="8"
    )
    appoint(other, world.other_rapporteur, AppointmentRole.RAPPORTEUR)
    draft = create_session(world.forum, world.session.block, "Still a draft", "17:00", "18:00", number="9")
    appoint(draft, world.other_rapporteur, AppointmentRole.RAPPORTEUR)
    approve(app, client, sign_in, world, world.session, world.rapporteur)
    approve(
        app,
        client,
        sign_in,
        world,
        other,
        world.other_rapporteur,
        title="Knowledge sharing",
        rapporteur="Olga Other",
        women="4",
        men="3",
        other="1",
        total="8",
        **{"recommendations-0-text": "Share what works.", "recommendations-1-text": ""},
    )
    sign_in(client, world.other_rapporteur)
    client.post(
        app.url_for("reports.edit_report", slug=world.forum.slug, session_id=draft.id),
        data=report_form(title="Still a draft", **{"recommendations-0-text": "Not approved yet."}),
    )
    sign_in(client, world.secretariat)

    page = client.get(app.url_for("reports.show_outcome", slug=world.forum.slug)).get_data(as_text=True)
    pdf = client.get(app.url_for("exports.outcome_pdf", slug=world.forum.slug))

    assert "Not approved yet." not in page
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    order = [
        "Key recommendations",
        "Improve current systems of negotiation.",
        "Session 7, The role of South-South cooperation for development; rapporteur: Handy Acosta Cuellar",
        "Share what works.",
        "Session 8, Knowledge sharing; rapporteur: Olga Other",
        "Participation",
        "Forum 15 12 1 28",
        "Track 3 – Redefining global governance",
        "Track 1 – Evidence",
    ]
    found = [text.find(part) for part in order]
    assert -1 not in found, [part for part, where in zip(order, found, strict=True) if where == -1]
    assert found == sorted(found)
    assert "Not approved yet." not in text
    assert "<svg" in page and "Participants by gender" in page


def test_the_outcome_page_marks_every_session_title_and_track_in_the_forums_language(
    app, client, sign_in, report_world
):
    world = report_world
    approve(app, client, sign_in, world, world.session, world.rapporteur)

    page = client.get(app.url_for("reports.show_outcome", slug=world.forum.slug), headers={"Accept-Language": "fr"})

    body = page.get_data(as_text=True)
    typed = typed_pattern({world.session.title, world.session.track.name})
    assert mislabelled_texts(body, typed, "en") == []
    assert body.count(f'<span lang="en">{world.session.title}</span>') >= 3, "traced, in the table and the report"
    assert f'<span lang="en">{world.session.track.name}</span>' in body

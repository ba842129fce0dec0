"""Rapporteurs whose report is missing or returned are mailed a few days before the deadline, once."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.reports.conftest import report_form
from workshop.extensions import db
from workshop.reports.models import ReportReminder
from workshop.reports.reminders import send_due_reminders

# The test forum ends on 7 November 2030: reports are due on the 21st; the 18th is three days before.
THREE_DAYS_BEFORE = datetime(2030, 11, 18, 15, 0, tzinfo=UTC)
FOUR_DAYS_BEFORE = datetime(2030, 11, 17, 15, 0, tzinfo=UTC)


def remind(now):
    sent = send_due_reminders(now)
    db.session.commit()
    return sent


def test_a_missing_report_is_reminded_three_days_before_the_deadline_once(app, smtp_sink, report_world):
    assert remind(FOUR_DAYS_BEFORE) == 0
    assert remind(THREE_DAYS_BEFORE) == 1
    assert remind(THREE_DAYS_BEFORE) == 0

    [message] = smtp_sink.messages
    assert message["To"] == report_world.rapporteur.email
    assert "Session 7. The role of South-South cooperation for development" in message["Subject"]
    assert "21 November 2030" in message["Subject"] or "November 21, 2030" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert f"/f/{report_world.forum.slug}/sessions/{report_world.session.id}/report" in body
    assert db.session.scalar(select(ReportReminder.sent_on)).isoformat() == "2030-11-18"


def test_a_submitted_report_is_not_chased_and_a_returned_one_is(app, client, sign_in, smtp_sink, report_world):
    world = report_world
    sign_in(client, world.rapporteur)
    client.post(world.url(app, "reports.edit_report"), data=report_form())
    client.post(world.url(app, "reports.submit_report"))

    assert remind(THREE_DAYS_BEFORE) == 0

    sign_in(client, world.secretariat)
    client.post(world.url(app, "reports.return_report"), data={"return-body": "Add the counts of the side event."})
    assert remind(THREE_DAYS_BEFORE) == 1
    assert [message["To"] for message in smtp_sink.messages] == [world.rapporteur.email]


def test_the_reminder_speaks_the_rapporteurs_language(app, smtp_sink, report_world):
    report_world.rapporteur.preferred_language = "es"
    db.session.commit()

    remind(THREE_DAYS_BEFORE)

    [message] = smtp_sink.messages
    assert message["Subject"].startswith("Su informe de")


@pytest.mark.parametrize(
    ("working_languages", "subject", "greeting", "day"),
    [
        ("es,en", "Su informe de", "Estimado/a", "21 de noviembre de 2030"),
        ("fr,es", "Votre rapport", "Bonjour", "21 novembre 2030"),
        ("", "Your report of", "Hello", "November 21, 2030"),
    ],
)
def test_a_rapporteur_who_chose_no_language_is_reminded_in_the_forums_first(
    app, smtp_sink, report_world, working_languages, subject, greeting, day
):
    report_world.rapporteur.preferred_language = ""
    report_world.forum.working_languages = working_languages
    db.session.commit()

    remind(THREE_DAYS_BEFORE)

    [message] = smtp_sink.messages
    assert message["Subject"].startswith(subject) and day in message["Subject"]
    assert message.get_body(("plain",)).get_content().startswith(greeting)
    assert day in message.get_body(("plain",)).get_content(), (
        "the date in the body is worded in the mail's language too"
    )

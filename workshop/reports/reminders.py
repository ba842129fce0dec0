"""Remind rapporteurs whose report is missing or returned, a few days before the forum's deadline and weekly after it."""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.core.locking import hold_named_lock
from workshop.core.queue import crontab, periodic_job
from workshop.core.site import site_url_for
from workshop.core.templating import local_day
from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.mail import send_forum_mail
from workshop.forums.models import Forum
from workshop.programme.rules import AppointmentRole
from workshop.reports.models import ReportReminder, SessionReport
from workshop.reports.services import forum_deadline, forum_today, sessions_with_rapporteurs
from workshop.reports.workflow import needs_reminder

LOCK_NAME = "report-reminders"


@periodic_job(crontab(minute="0", hour="7"))
def remind_late_rapporteurs():
    """Mail today's reminders of every forum, once a day."""
    send_due_reminders(utcnow())
    db.session.commit()


def send_due_reminders(now):
    """Queue a reminder to every rapporteur who is due one at `now`, and note it; return how many were queued.

    One sender at a time: two workers running this at once would each mail everyone.
    """
    hold_named_lock(LOCK_NAME)
    sent = 0
    for forum in db.session.scalars(select(Forum)):
        sent += _remind_in(forum, forum_today(forum, now))
    return sent


def _remind_in(forum, today):
    deadline = forum_deadline(forum)
    sessions = sessions_with_rapporteurs(forum)
    ids = [session.id for session in sessions]
    statuses = dict(
        db.session.execute(
            select(SessionReport.session_id, SessionReport.status).where(SessionReport.session_id.in_(ids))
        ).all()
    )
    reminders = {
        (reminder.session_id, reminder.user_id): reminder
        for reminder in db.session.scalars(select(ReportReminder).where(ReportReminder.session_id.in_(ids)))
    }
    sent = 0
    for session in sessions:
        for rapporteur in session.people_with(AppointmentRole.RAPPORTEUR):
            reminder = reminders.get((session.id, rapporteur.id))
            if not needs_reminder(statuses.get(session.id), deadline, today, reminder.sent_on if reminder else None):
                continue
            _mail_reminder(rapporteur, session, deadline, today)
            reminder = reminder or ReportReminder(session_id=session.id, user_id=rapporteur.id)
            reminder.sent_on = today
            db.session.add(reminder)
            sent += 1
    return sent


def _mail_reminder(rapporteur, session, deadline, today):
    day = LazyString(_day, deadline)
    send_forum_mail(
        rapporteur,
        _l("Your report of %(session)s is due on %(day)s", session=LazyString(str, session), day=day),
        "reports/mail/reminder.txt",
        session.forum,
        rapporteur=rapporteur,
        session=session,
        deadline=day,
        is_late=today > deadline,
        link=site_url_for("reports.show_report", slug=session.forum.slug, session_id=session.id),
    )


def _day(value):
    return local_day(value, None, "long")

"""The secretariat's dashboard: the forum's registrations and attendance read into the series `charts` draws."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from workshop.core.labels import group_label, label
from workshop.core.templating import country_name
from workshop.core.timezones import utc_to_local
from workshop.desk import charts
from workshop.desk.models import SessionAttendance
from workshop.extensions import db
from workshop.programme.models import ForumSession
from workshop.registration.models import Gender, Registration
from workshop.registration.rules import RegistrationStatus
from workshop.registration.services import stakeholder_groups_of


@dataclass(frozen=True)
class Dashboard:
    over_time: tuple
    by_status: tuple
    by_group: tuple
    by_gender: tuple
    by_country: tuple
    by_session: tuple
    sessions_without_check_ins: int

    @property
    def is_empty(self):
        return not self.over_time


def dashboard_of(forum):
    """Return the forum's figures: every registration ever made counts (a withdrawn one keeps what counts need)."""
    rows = db.session.execute(
        select(
            Registration.registered_at,
            Registration.status,
            Registration.group_id,
            Registration.gender,
            Registration.country_code,
        ).where(Registration.forum_id == forum.id)
    ).all()
    groups = stakeholder_groups_of(forum)
    group_counts = dict(charts.tally((row.group_id for row in rows), [group.id for group in groups]))
    by_session, without = _attendance_by_session(forum)
    return Dashboard(
        over_time=charts.daily_totals(utc_to_local(row.registered_at, forum.timezone).date() for row in rows),
        by_status=_named(charts.tally((row.status for row in rows), list(RegistrationStatus)), "registration_status"),
        by_group=tuple((group_label(group.stakeholder, group.name), group_counts[group.id]) for group in groups),
        by_gender=_named(charts.tally((row.gender for row in rows), [*Gender, None]), "gender"),
        by_country=_country_rows(charts.top_counts(row.country_code for row in rows if row.country_code)),
        by_session=by_session,
        sessions_without_check_ins=without,
    )


def _named(pairs, group):
    """Return counts under their names in the reader's language; no value at all reads "Not stated"."""
    return tuple((str(label(key, group)) if key is not None else _("Not stated"), count) for key, count in pairs)


def _attendance_by_session(forum):
    """Return the sessions people were checked in at, in programme order with their counts, and how many had none."""
    counts = dict(
        db.session.execute(
            select(SessionAttendance.session_id, func.count())
            .join(ForumSession, ForumSession.id == SessionAttendance.session_id)
            .where(ForumSession.forum_id == forum.id)
            .group_by(SessionAttendance.session_id)
        ).all()
    )
    sessions = db.session.execute(
        select(ForumSession.id, ForumSession.number, ForumSession.title)
        .where(ForumSession.forum_id == forum.id)
        .order_by(ForumSession.starts_at, ForumSession.id)
    ).all()
    attended = tuple(
        (" ".join(filter(None, (session.number, session.title))), counts[session.id])
        for session in sessions
        if session.id in counts
    )
    return attended, len(sessions) - len(attended)


def _country_rows(top_counts):
    """Return the top countries by name, and the rest as one row when there is a rest."""
    rows = [(country_name(code), count) for code, count in top_counts.top]
    return tuple(rows + ([(_("Other countries"), top_counts.others)] if top_counts.others else []))

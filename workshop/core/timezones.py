"""Aware datetimes: stored in UTC, shown in the forum's own time zone."""

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Store aware datetimes as UTC and give them back aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; attach a time zone first")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow():
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


@lru_cache(maxsize=1)
def known_timezones():
    """Return the IANA time zone names this machine knows, read once."""
    return frozenset(available_timezones())


def is_known_timezone(name):
    """Tell whether `name` is an IANA time zone this machine knows."""
    return name in known_timezones()


def local_to_utc(day, clock, zone_name):
    """Combine a forum-local date and wall-clock time into an aware UTC datetime."""
    return datetime.combine(day, clock, tzinfo=ZoneInfo(zone_name)).astimezone(UTC)


def utc_to_local(moment, zone_name):
    """Express an aware datetime in the forum's time zone."""
    return moment.astimezone(ZoneInfo(zone_name))


def local_date(moment, zone_name) -> date:
    """Return the forum-local calendar day of an aware datetime."""
    return utc_to_local(moment, zone_name).date()


def local_time(moment, zone_name) -> time:
    """Return the forum-local wall-clock time of an aware datetime."""
    return utc_to_local(moment, zone_name).time().replace(tzinfo=None)


def keep_wall_clock(moment, old_zone_name, new_zone_name):
    """Return the moment that shows, in the new zone, the wall-clock time `moment` showed in the old one."""
    local = utc_to_local(moment, old_zone_name)
    return local_to_utc(local.date(), local.time().replace(tzinfo=None), new_zone_name)

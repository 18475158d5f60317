"""Working days: the response to a request is due a number of working days after it arrives,
not counting weekends or bank holidays (England and Wales, kept in the BankHoliday table, which
editors can add to)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable


def is_working_day(day: datetime.date, holidays: set[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime.date, days: int, holidays: Iterable[datetime.date] = ()) -> datetime.date:
    """The date ``days`` working days after ``start`` (the day of arrival does not count, so a
    request sent on a Monday with 10 working days is due on the Monday two weeks later)."""
    if days < 0:
        raise ValueError("days must not be negative")
    closed = set(holidays)
    current = start
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_working_day(current, closed):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date, holidays: Iterable[datetime.date] = ()) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    closed = set(holidays)
    if end < start:
        return -working_days_between(end, start, closed)
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, closed):
            count += 1
    return count


# Bank holidays in England and Wales (GOV.UK), loaded by a data migration; add later years in the
# admin (Settings > Bank holidays) or with a new migration.
ENGLAND_AND_WALES = {
    datetime.date(2025, 1, 1): "New Year's Day",
    datetime.date(2025, 4, 18): "Good Friday",
    datetime.date(2025, 4, 21): "Easter Monday",
    datetime.date(2025, 5, 5): "Early May bank holiday",
    datetime.date(2025, 5, 26): "Spring bank holiday",
    datetime.date(2025, 8, 25): "Summer bank holiday",
    datetime.date(2025, 12, 25): "Christmas Day",
    datetime.date(2025, 12, 26): "Boxing Day",
    datetime.date(2026, 1, 1): "New Year's Day",
    datetime.date(2026, 4, 3): "Good Friday",
    datetime.date(2026, 4, 6): "Easter Monday",
    datetime.date(2026, 5, 4): "Early May bank holiday",
    datetime.date(2026, 5, 25): "Spring bank holiday",
    datetime.date(2026, 8, 31): "Summer bank holiday",
    datetime.date(2026, 12, 25): "Christmas Day",
    datetime.date(2026, 12, 28): "Boxing Day (substitute day)",
    datetime.date(2027, 1, 1): "New Year's Day",
    datetime.date(2027, 3, 26): "Good Friday",
    datetime.date(2027, 3, 29): "Easter Monday",
    datetime.date(2027, 5, 3): "Early May bank holiday",
    datetime.date(2027, 5, 31): "Spring bank holiday",
    datetime.date(2027, 8, 30): "Summer bank holiday",
    datetime.date(2027, 12, 27): "Christmas Day (substitute day)",
    datetime.date(2027, 12, 28): "Boxing Day (substitute day)",
    datetime.date(2028, 1, 3): "New Year's Day (substitute day)",
    datetime.date(2028, 4, 14): "Good Friday",
    datetime.date(2028, 4, 17): "Easter Monday",
    datetime.date(2028, 5, 1): "Early May bank holiday",
    datetime.date(2028, 5, 29): "Spring bank holiday",
    datetime.date(2028, 8, 28): "Summer bank holiday",
    datetime.date(2028, 12, 25): "Christmas Day",
    datetime.date(2028, 12, 26): "Boxing Day",
}

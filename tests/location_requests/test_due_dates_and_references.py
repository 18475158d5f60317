"""Working-day due dates and references that never repeat, even under concurrent submission."""

from __future__ import annotations

import datetime
import threading

import pytest

from django.db import connection, connections, transaction

from portal.location_requests import working_days
from portal.location_requests.models import BankHoliday, ReferenceSequence, due_date_for

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2026, 11, 23), 10, D(2026, 12, 7)),  # Monday: two weeks later
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday: the weekend does not count
        (D(2026, 11, 28), 1, D(2026, 11, 30)),  # sent on a Saturday
        (D(2026, 12, 21), 5, D(2026, 12, 30)),  # Christmas Day and the Boxing Day substitute skipped
        (D(2026, 3, 30), 10, D(2026, 4, 15)),  # Good Friday and Easter Monday skipped
        (D(2026, 11, 23), 0, D(2026, 11, 23)),
    ],
)
def test_add_working_days_skips_weekends_and_bank_holidays(start, days, due):
    assert working_days.add_working_days(start, days, working_days.ENGLAND_AND_WALES) == due


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        working_days.add_working_days(D(2026, 1, 5), -1)


def test_working_days_between_counts_both_ways():
    holidays = working_days.ENGLAND_AND_WALES
    assert working_days.working_days_between(D(2026, 12, 21), D(2026, 12, 30), holidays) == 5
    assert working_days.working_days_between(D(2026, 12, 30), D(2026, 12, 21), holidays) == -5


@pytest.mark.django_db
def test_bank_holidays_are_loaded_and_editable(settings):
    assert BankHoliday.objects.filter(date=D(2026, 12, 28)).exists()
    settings.LOCATION_REQUEST_RESPONSE_WORKING_DAYS = 1
    assert due_date_for(D(2026, 12, 1)) == D(2026, 12, 2)
    BankHoliday.objects.create(date=D(2026, 12, 2), name="Borough closure day")
    assert due_date_for(D(2026, 12, 1)) == D(2026, 12, 3)


@pytest.mark.django_db
def test_the_response_time_is_configurable(settings):
    settings.LOCATION_REQUEST_RESPONSE_WORKING_DAYS = 15
    assert due_date_for(D(2026, 11, 23)) == D(2026, 12, 14)


@pytest.mark.django_db
def test_references_count_up_within_a_year_and_restart_each_year():
    with transaction.atomic():
        first = ReferenceSequence.next_reference(2026)
        second = ReferenceSequence.next_reference(2026)
        other_year = ReferenceSequence.next_reference(2027)
    assert (first, second, other_year) == ("LRA-2026-00001", "LRA-2026-00002", "LRA-2027-00001")


# serialized_rollback as the browser tests have: the flush after a transactional test without it
# re-creates the fixed lists (post_migrate), which a later test's restored copy then collides with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_never_share_a_reference():
    """Eight threads, each with its own database connection, take references at the same moment.
    On PostgreSQL they truly overlap (row locks); SQLite serialises writers, which is also safe."""
    if connection.vendor == "sqlite":
        pytest.skip("the test SQLite database is in memory and cannot be shared between threads (runs on PostgreSQL)")
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def take() -> None:
        try:
            barrier.wait(timeout=10)
            for _ in range(5):
                with transaction.atomic():
                    results.append(ReferenceSequence.next_reference(2030))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 40
    assert len(set(results)) == 40
    assert sorted(results) == [f"LRA-2030-{n:05d}" for n in range(1, 41)]

"""Makes CI's PostgreSQL lane fail if it silently ran on SQLite."""

import os

import pytest

from django.db import connection


@pytest.mark.django_db
def test_database_backend_matches_the_lane():
    expected = "postgresql" if os.environ.get("REQUIRE_POSTGRES") == "1" else None
    if expected is None:
        assert connection.vendor in {"sqlite", "postgresql"}
        return
    assert connection.vendor == expected, "REQUIRE_POSTGRES=1 but the suite is not running on PostgreSQL"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)

"""Search analytics: only masked queries and daily counts are kept, and they are erased in time."""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest

from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from search.analytics import erase_older_than, mask, no_result_queries, record_search, top_queries
from search.models import SearchQueryDay

TODAY = datetime.date(2026, 3, 10)


# --- Masking ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Child Protection  Conference", "child protection conference"),
        ("  section 47   enquiry ", "section 47 enquiry"),
        ("LADO referral form", "lado referral form"),
        ("services in RM8", "services in rm8"),  # a postcode district names an area, not a home
        ("Wrażliwe dzieci", "wrażliwe dzieci"),
    ],
)
def test_mask_keeps_a_query_without_personal_details(typed, kept):
    assert mask(typed) == kept


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("J.Smith@school.example.org referral", "[email] referral"),
        ("worried about child at RM8 2AB", "worried about child at [postcode]"),
        ("rm82ab", "[postcode]"),
        ("EC1A 1BB housing", "[postcode] housing"),
        ("call 01708 433 222 today", "call [number] today"),
        ("+44 (0)7700-900123", "[number]"),
        ("born 12/03/2019", "born [number]"),
        ("case 123456", "case [number]"),
        ("year 2024 report", "year [number] report"),
        ("1234", "[number]"),
        ("section 47", "section 47"),
    ],
)
def test_mask_replaces_emails_postcodes_and_numbers(typed, kept):
    assert mask(typed) == kept


def test_mask_cuts_long_queries_after_masking():
    masked = mask("a" * 98 + " 07700900123")

    assert len(masked) <= 100
    assert not any(character.isdigit() for character in masked)


def test_mask_masks_digits_in_other_scripts():
    assert mask("০১৭০৮৪৩৩২২২") == "[number]"  # Bengali digits


# --- Counting --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_record_search_counts_per_day_and_masked_query():
    record_search("Ofsted", found=3, today=TODAY)
    record_search("  OFSTED ", found=3, today=TODAY)
    record_search("ofsted", found=0, today=TODAY)
    record_search("ofsted", found=1, today=TODAY + datetime.timedelta(days=1))
    record_search("call 07700 900123", found=0, today=TODAY)

    today = SearchQueryDay.objects.get(date=TODAY, query="ofsted")
    assert (today.searches, today.no_results) == (3, 1)
    tomorrow = SearchQueryDay.objects.get(date=TODAY + datetime.timedelta(days=1), query="ofsted")
    assert (tomorrow.searches, tomorrow.no_results) == (1, 0)
    assert SearchQueryDay.objects.get(date=TODAY, query="call [number]").no_results == 1
    assert not SearchQueryDay.objects.filter(query__contains="07700").exists()


@pytest.mark.django_db
def test_record_search_ignores_an_empty_query():
    record_search("   ", found=0, today=TODAY)

    assert not SearchQueryDay.objects.exists()


@pytest.mark.django_db
def test_record_search_keeps_nothing_about_who_searched():
    fields = {field.name for field in SearchQueryDay._meta.get_fields()}

    assert fields == {"id", "date", "query", "searches", "no_results"}


@pytest.mark.django_db
def test_record_search_never_raises_on_a_database_error(caplog):
    with mock.patch.object(SearchQueryDay.objects, "get_or_create", side_effect=DatabaseError("jane doe")):
        record_search("jane doe", found=0, today=TODAY)

    assert "Could not count a search: DatabaseError" in caplog.text
    assert "jane doe" not in caplog.text


@pytest.mark.django_db
def test_a_failed_count_leaves_the_callers_transaction_usable():
    def broken_query(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    with transaction.atomic():
        with mock.patch.object(SearchQueryDay.objects, "get_or_create", side_effect=broken_query):
            record_search("ofsted", found=1, today=TODAY)
        record_search("ofsted", found=1, today=TODAY)

    assert SearchQueryDay.objects.get(query="ofsted").searches == 1


# --- Reading the counts ----------------------------------------------------------------------------


def add(date, query, searches, no_results=0):
    SearchQueryDay.objects.create(date=date, query=query, searches=searches, no_results=no_results)


@pytest.fixture
def counts(db):
    add(TODAY, "ofsted", 5)
    add(TODAY - datetime.timedelta(days=1), "ofsted", 2)
    add(TODAY, "lado", 7, 1)
    add(TODAY, "early help", 7)
    add(TODAY, "ofstead", 3, 3)
    add(TODAY - datetime.timedelta(days=2), "ofstead", 1, 1)
    add(TODAY, "cin", 4, 2)
    add(TODAY - datetime.timedelta(days=40), "old news", 50, 50)


def test_top_queries_sum_the_days_most_first_then_alphabetically(counts):
    since = TODAY - datetime.timedelta(days=6)

    assert top_queries(since) == [
        ("early help", 7, 0),
        ("lado", 7, 1),
        ("ofsted", 7, 0),
        ("cin", 4, 2),
        ("ofstead", 4, 4),
    ]
    assert top_queries(since, limit=2) == [("early help", 7, 0), ("lado", 7, 1)]


def test_no_result_queries_order_by_searches_that_found_nothing(counts):
    since = TODAY - datetime.timedelta(days=6)

    assert no_result_queries(since) == [("ofstead", 4, 4), ("cin", 4, 2), ("lado", 7, 1)]
    assert no_result_queries(since, limit=1) == [("ofstead", 4, 4)]


def test_the_period_starts_on_the_day_given(counts):
    assert top_queries(TODAY) == [
        ("early help", 7, 0),
        ("lado", 7, 1),
        ("ofsted", 5, 0),
        ("cin", 4, 2),
        ("ofstead", 3, 3),
    ]
    assert ("old news", 50, 50) in no_result_queries(TODAY - datetime.timedelta(days=40))
    assert ("old news", 50, 50) not in no_result_queries(TODAY - datetime.timedelta(days=39))


# --- Erasing ---------------------------------------------------------------------------------------


def test_erase_older_than_deletes_only_old_days(counts):
    assert erase_older_than(30, today=TODAY) == 1
    assert not SearchQueryDay.objects.filter(query="old news").exists()
    assert SearchQueryDay.objects.count() == 7


def test_erase_command_keeps_13_months_by_default(db):
    today = timezone.localdate()
    add(today - datetime.timedelta(days=396), "too old", 1)
    add(today - datetime.timedelta(days=395), "just kept", 1)
    add(today, "today", 1)
    output = io.StringIO()

    call_command("erase_old_search_stats", stdout=output)

    assert "Erased 1 daily search count(s) older than 395 days." in output.getvalue()
    assert set(SearchQueryDay.objects.values_list("query", flat=True)) == {"just kept", "today"}


def test_erase_command_takes_a_number_of_days(db):
    today = timezone.localdate()
    add(today - datetime.timedelta(days=8), "last week", 1)
    add(today - datetime.timedelta(days=9), "before", 1)
    add(today, "today", 1)
    output = io.StringIO()

    call_command("erase_old_search_stats", "--days", "7", stdout=output)

    assert "Erased 2 daily search count(s) older than 7 days." in output.getvalue()
    assert list(SearchQueryDay.objects.values_list("query", flat=True)) == ["today"]
    with pytest.raises(CommandError):
        call_command("erase_old_search_stats", "--days", "0", stdout=io.StringIO())

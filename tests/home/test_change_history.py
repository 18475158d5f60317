"""Public change history: editors' change notes become 'what changed' entries when they publish,
shown on the page, on the recent updates page and on the home page."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from django.utils import dateformat, timezone

from portal.home.change_history import record_published_change
from portal.home.models import PageChange, RecentUpdatesPage, latest_changes
from tests.factories import (
    GuidancePageFactory,
    PageChangeFactory,
    RecentUpdatesPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """An aware datetime in the site's time zone (Europe/London)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def listed_changes(response) -> list[tuple[str, str, str]]:
    """(page title, kind, note) for each entry in the page's change list."""
    entries = []
    for item in soup_of(response).select("ul.change-list > li"):
        link = item.find("a")
        note = item.find("p")
        entries.append(
            (
                link.get_text(strip=True) if link else "",
                item.select_one(".tag").get_text(strip=True),
                note.get_text(strip=True) if note else "",
            )
        )
    return entries


@pytest.fixture
def guidance_page(guidance_index):
    return GuidancePageFactory(parent=guidance_index, slug="core-groups", title="Core group meetings")


# --- Recording changes on publish --------------------------------------------------------------


def test_first_publication_is_recorded_as_new(guidance_page, publish):
    publish(guidance_page)

    change = PageChange.objects.get(page=guidance_page)
    assert change.kind == PageChange.NEW
    assert change.note == ""
    assert change.revision == guidance_page.live_revision
    assert change.published_at == guidance_page.last_published_at


def test_first_publication_keeps_a_note_written_for_it(guidance_page, publish):
    publish(guidance_page, change_note="Replaces the 2019 procedure.")

    change = PageChange.objects.get(page=guidance_page)
    assert (change.kind, change.note) == (PageChange.NEW, "Replaces the 2019 procedure.")


def test_publishing_with_a_new_change_note_records_an_update(guidance_page, publish):
    publish(guidance_page)
    publish(guidance_page, change_note="Added the out-of-hours number.")

    latest = PageChange.objects.filter(page=guidance_page).first()
    assert PageChange.objects.filter(page=guidance_page).count() == 2
    assert latest.kind == PageChange.UPDATED
    assert latest.note == "Added the out-of-hours number."
    assert latest.revision == guidance_page.live_revision


def test_republishing_with_the_same_note_records_nothing(guidance_page, publish):
    publish(guidance_page, change_note="Added the out-of-hours number.")
    publish(guidance_page, change_note="Added the out-of-hours number.")
    publish(guidance_page, title="Core group meetings (typo fixed)")
    publish(guidance_page, change_note="  Added the out-of-hours number.  ")

    assert PageChange.objects.filter(page=guidance_page).count() == 1


def test_clearing_the_note_records_nothing(guidance_page, publish):
    publish(guidance_page, change_note="Added the out-of-hours number.")
    publish(guidance_page, change_note="")

    assert list(PageChange.objects.filter(page=guidance_page).values_list("kind", flat=True)) == [PageChange.NEW]


def test_each_distinct_note_is_recorded_in_order(guidance_page, publish):
    publish(guidance_page)
    for note in ["First change.", "Second change.", "First change."]:
        publish(guidance_page, change_note=note)

    notes = list(PageChange.objects.filter(page=guidance_page).values_list("note", flat=True))
    assert notes == ["First change.", "Second change.", "First change.", ""]


def test_standard_pages_have_a_history_too(home_page, publish):
    page = StandardPageFactory(parent=home_page, slug="about")
    publish(page)
    assert PageChange.objects.filter(page=page, kind=PageChange.NEW).exists()


def test_pages_without_review_fields_have_no_history(home_page, guidance_index, publish):
    publish(home_page)
    publish(guidance_index)
    publish(RecentUpdatesPageFactory(parent=home_page))

    assert not PageChange.objects.exists()
    assert record_published_change(home_page) is None


def test_scheduling_a_new_page_for_later_records_nothing_yet(guidance_index):
    # Wagtail sends page_published when a never-published page is scheduled; it is not live yet.
    page = GuidancePageFactory(parent=guidance_index, live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)

    page.save_revision().publish()

    page.refresh_from_db()
    assert not page.live
    assert not PageChange.objects.filter(page=page).exists()


def test_saving_a_draft_records_nothing(guidance_page):
    guidance_page.change_note = "Not published yet."
    guidance_page.save_revision()

    assert not PageChange.objects.exists()


# --- The guidance page's own history ---------------------------------------------------------------


def test_guidance_page_shows_what_changed_and_when_it_was_last_updated(client, guidance_page, publish):
    publish(guidance_page)
    publish(guidance_page, change_note="Added the out-of-hours number.")

    response = client.get(guidance_page.url)

    soup = soup_of(response)
    history = soup.select_one("section.change-history")
    assert history.h2.get_text() == "What changed"
    assert listed_changes(response) == [
        ("", "Updated", "Added the out-of-hours number."),
        ("", "New", "First published."),
    ]
    meta = soup.select_one(".page-meta").get_text(" ", strip=True)
    assert f"Last updated {dateformat.format(timezone.localtime(guidance_page.last_published_at), 'j F Y')}" in meta


def test_guidance_page_history_shows_the_five_latest_changes(client, guidance_page):
    for day in range(1, 8):
        PageChangeFactory(page=guidance_page, published_at=at(2025, 3, day), note=f"Change on day {day}.")

    notes = [note for _, _, note in listed_changes(client.get(guidance_page.url))]

    assert notes == [f"Change on day {day}." for day in (7, 6, 5, 4, 3)]


def test_unpublished_guidance_has_no_what_changed_section(client, guidance_page):
    response = client.get(guidance_page.url)

    assert response.status_code == 200
    assert soup_of(response).select_one("section.change-history") is None


# --- Recent updates page ----------------------------------------------------------------------------


@pytest.fixture
def updates_page(home_page):
    return RecentUpdatesPageFactory(parent=home_page, slug="recent-updates")


@pytest.fixture
def history(guidance_index, home_page):
    """Changes to three pages on known dates, around 1 September 2025."""
    thresholds = GuidancePageFactory(parent=guidance_index, title="Thresholds")
    neglect = GuidancePageFactory(parent=guidance_index, title="Neglect toolkit")
    about = StandardPageFactory(parent=home_page, title="About the partnership")
    PageChangeFactory(page=thresholds, kind=PageChange.NEW, note="", published_at=at(2025, 1, 10))
    PageChangeFactory(page=neglect, kind=PageChange.NEW, note="", published_at=at(2025, 3, 9))
    PageChangeFactory(page=thresholds, note="Late August update.", published_at=at(2025, 8, 31, 23, 59))
    PageChangeFactory(page=about, note="Just after midnight.", published_at=at(2025, 9, 1, 0, 30))
    PageChangeFactory(page=neglect, note="New checklist.", published_at=at(2025, 10, 2))
    return {"thresholds": thresholds, "neglect": neglect, "about": about}


def test_recent_updates_lists_changes_across_pages_newest_first(client, updates_page, history):
    response = client.get(updates_page.url)

    assert response.status_code == 200
    assert listed_changes(response) == [
        ("Neglect toolkit", "Updated", "New checklist."),
        ("About the partnership", "Updated", "Just after midnight."),
        ("Thresholds", "Updated", "Late August update."),
        ("Neglect toolkit", "New", "First published."),
        ("Thresholds", "New", "First published."),
    ]
    links = [a["href"] for a in soup_of(response).select("ul.change-list a")]
    assert links[0] == history["neglect"].url
    assert soup_of(response).select_one("ul.change-list time")["datetime"].startswith("2025-10-02")
    assert soup_of(response).select_one("#results-heading").get_text(strip=True) == "5 changes"


def test_recent_updates_filters_by_an_iso_date(client, updates_page, history):
    response = client.get(updates_page.url, {"since": "2025-09-01"})

    assert [note for _, _, note in listed_changes(response)] == ["New checklist.", "Just after midnight."]


def test_recent_updates_reads_day_month_year(client, updates_page, history):
    # 1/9/2025 is 1 September in the UK, not 9 January: the March change is left out.
    response = client.get(updates_page.url, {"since": "1/9/2025"})

    assert response.status_code == 200
    assert [note for _, _, note in listed_changes(response)] == ["New checklist.", "Just after midnight."]
    field = soup_of(response).select_one("input[name=since]")
    assert field["value"] == "1/9/2025"
    assert field.get("aria-invalid") is None
    assert "Show all changes" in response.content.decode()


@pytest.mark.parametrize("typed", ["01/09/2025", "1/9/25", "01-09-2025", "01 09 2025"])
def test_recent_updates_accepts_other_british_date_spellings(client, updates_page, history, typed):
    response = client.get(updates_page.url, {"since": typed})

    assert len(listed_changes(response)) == 2


def test_recent_updates_explains_a_date_it_cannot_read(client, updates_page, history):
    response = client.get(updates_page.url, {"since": "notadate"})

    assert response.status_code == 200
    soup = soup_of(response)
    assert "Enter the date as day/month/year, for example 1/9/2026." in soup.select_one(".error-summary").get_text()
    field = soup.select_one("input[name=since]")
    assert field["value"] == "notadate"
    # A text box keeps what was typed; a browser empties a type="date" box it cannot read.
    assert field["type"] == "text"
    assert field["aria-invalid"] == "true"
    # The listing still shows, unfiltered.
    assert len(listed_changes(response)) == 5


def test_recent_updates_refuses_a_future_date(client, updates_page, history):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.get(updates_page.url, {"since": tomorrow.isoformat()})

    assert response.status_code == 200
    assert "The date must be today or in the past." in soup_of(response).select_one(".error-summary").get_text()
    assert soup_of(response).select_one("input[name=since]")["value"] == tomorrow.isoformat()
    assert len(listed_changes(response)) == 5


def test_recent_updates_accepts_today(client, updates_page, guidance_index):
    page = GuidancePageFactory(parent=guidance_index)
    PageChangeFactory(page=page, published_at=timezone.now(), note="Today's change.")

    response = client.get(updates_page.url, {"since": timezone.localdate().isoformat()})

    assert soup_of(response).select_one(".error-summary") is None
    assert [note for _, _, note in listed_changes(response)] == ["Today's change."]


@pytest.mark.parametrize("typed", ["2025-02-30", "31/31/2025", "<script>", "9" * 200, "\x00"])
def test_recent_updates_never_fails_on_bad_dates(client, updates_page, history, typed):
    response = client.get(updates_page.url, {"since": typed})

    assert response.status_code == 200
    assert soup_of(response).select_one(".error-summary") is not None


def test_recent_updates_says_when_nothing_changed(client, updates_page, history):
    today = timezone.localdate().isoformat()

    response = client.get(updates_page.url, {"since": today})

    assert listed_changes(response) == []
    assert "Nothing has changed in this period." in response.content.decode()


def test_recent_updates_leaves_out_pages_that_are_no_longer_published(client, updates_page, history):
    history["neglect"].unpublish()

    response = client.get(updates_page.url)

    assert [title for title, _, _ in listed_changes(response)] == [
        "About the partnership",
        "Thresholds",
        "Thresholds",
    ]
    assert history["neglect"].public_changes.count() == 2  # kept, for when it is published again


def test_recent_updates_paginates(client, updates_page, history, monkeypatch):
    monkeypatch.setattr(RecentUpdatesPage, "page_size", 2)

    third = client.get(updates_page.url, {"page": "3"})

    assert [note for _, _, note in listed_changes(third)] == ["First published."]
    assert "Page 3 of 3" in third.content.decode()


def test_latest_changes_helper_orders_and_filters(history):
    history["about"].unpublish()

    notes = [change.note for change in latest_changes()]

    assert notes == ["New checklist.", "Late August update.", "", ""]


# --- Home page -------------------------------------------------------------------------------------


def test_home_page_shows_recently_updated_guidance(client, home_page, history):
    response = client.get(home_page.url)

    section = soup_of(response).select_one("section.latest-changes")
    assert section.h2.get_text() == "Recently updated guidance"
    assert listed_changes(response)[:3] == [
        ("Neglect toolkit", "Updated", "New checklist."),
        ("About the partnership", "Updated", "Just after midnight."),
        ("Thresholds", "Updated", "Late August update."),
    ]
    assert len(listed_changes(response)) == 5


def test_home_page_shows_at_most_five_changes(client, home_page, guidance_index):
    page = GuidancePageFactory(parent=guidance_index)
    for day in range(1, 9):
        PageChangeFactory(page=page, published_at=at(2025, 5, day), note=f"Day {day}.")

    notes = [note for _, _, note in listed_changes(client.get(home_page.url))]

    assert notes == [f"Day {day}." for day in (8, 7, 6, 5, 4)]


def test_home_page_without_changes_has_no_latest_section(client, home_page):
    assert soup_of(client.get(home_page.url)).select_one("section.latest-changes") is None


def test_publishing_through_wagtail_reaches_the_recent_updates_page(client, updates_page, guidance_index, publish):
    page = GuidancePageFactory(parent=guidance_index, title="Private fostering")
    publish(page)
    publish(page, change_note="New duty to notify.")

    assert listed_changes(client.get(updates_page.url)) == [
        ("Private fostering", "Updated", "New duty to notify."),
        ("Private fostering", "New", "First published."),
    ]

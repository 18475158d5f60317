"""Listing filters: guidance by topic and audience, leaflets by audience and language.

They are plain GET forms: they work without JavaScript, a bad value becomes a plain-language
message on the page and the listing still shows, and nothing a reader types causes a server error.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from portal.home.filters import GuidanceFilter, LeafletFilter
from portal.home.models import GuidanceIndexPage, GuidancePage, LeafletIndexPage, PortalDocument
from tests.factories import (
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    LeafletIndexPageFactory,
    PortalDocumentFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    {"topic": "no-such-topic"},
    {"audience": "aliens"},
    {"topic": "x" * 5000},
    {"topic": "<script>alert(1)</script>"},
    {"topic": "\x00"},
    {"topic": ["child-protection", "neglect"]},
    {"page": "abc"},
    {"page": "-1"},
    {"page": "99999999999999999999999"},
    {"language": "xx"},
    {"unknown": "1"},
]


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def result_titles(response) -> list[str]:
    return [h3.get_text(strip=True) for h3 in soup_of(response).select(".result-list h3")]


def option_labels(response, name: str) -> dict[str, str]:
    select = soup_of(response).select_one(f"select[name={name}]")
    return {option["value"]: option.get_text(strip=True) for option in select.select("option")}


@pytest.fixture
def library(guidance_index):
    """Four live guidance pages with known topics and audiences, plus pages that must never show."""
    protection = TopicFactory(name="Child protection", slug="child-protection")
    neglect = TopicFactory(name="Neglect", slug="neglect")
    TopicFactory(name="Unused topic", slug="unused")
    GuidancePageFactory(parent=guidance_index, title="Core groups", topics=[protection], audiences=["practitioners"])
    GuidancePageFactory(
        parent=guidance_index,
        title="Neglect toolkit",
        topics=[neglect, protection],
        audiences=["practitioners", "parents-and-carers"],
    )
    GuidancePageFactory(parent=guidance_index, title="Help at home", topics=[neglect], audiences=["parents-and-carers"])
    GuidancePageFactory(parent=guidance_index, title="Thresholds", topics=[], audiences=[])
    # Never listed or counted: a draft here, and a live page in another index.
    GuidancePageFactory(
        parent=guidance_index, title="Draft guidance", topics=[protection], audiences=["practitioners"], live=False
    )
    other_index = GuidanceIndexPageFactory(parent=guidance_index.get_parent(), slug="archive")
    GuidancePageFactory(parent=other_index, title="Archived guidance", topics=[protection], audiences=["practitioners"])
    return {"protection": protection, "neglect": neglect}


# --- Guidance index ------------------------------------------------------------------------------


def test_guidance_index_lists_its_live_pages_alphabetically(client, guidance_index, library):
    response = client.get(guidance_index.url)

    assert response.status_code == 200
    assert result_titles(response) == ["Core groups", "Help at home", "Neglect toolkit", "Thresholds"]
    assert soup_of(response).select_one("#results-heading").get_text(strip=True) == "4 guidance pages"


def test_guidance_index_filters_by_topic(client, guidance_index, library):
    response = client.get(guidance_index.url, {"topic": "neglect"})

    assert result_titles(response) == ["Help at home", "Neglect toolkit"]
    assert soup_of(response).select_one("select[name=topic] option[selected]")["value"] == "neglect"
    assert "Clear filters" in response.content.decode()


def test_guidance_index_filters_by_audience(client, guidance_index, library):
    response = client.get(guidance_index.url, {"audience": "parents-and-carers"})

    assert result_titles(response) == ["Help at home", "Neglect toolkit"]


def test_guidance_index_combines_topic_and_audience(client, guidance_index, library):
    response = client.get(guidance_index.url, {"topic": "child-protection", "audience": "parents-and-carers"})

    assert result_titles(response) == ["Neglect toolkit"]


def test_a_page_in_two_matching_topics_is_listed_once(client, guidance_index, library):
    response = client.get(guidance_index.url, {"topic": "child-protection", "audience": "practitioners"})

    assert result_titles(response) == ["Core groups", "Neglect toolkit"]


def test_guidance_index_shows_how_many_pages_each_option_has(client, guidance_index, library):
    response = client.get(guidance_index.url)

    # Only options that would find something, counting only this index's live pages.
    assert option_labels(response, "topic") == {
        "": "All topics",
        "child-protection": "Child protection (2)",
        "neglect": "Neglect (2)",
    }
    assert option_labels(response, "audience") == {
        "": "Everyone",
        "practitioners": "Practitioners (2)",
        "parents-and-carers": "Parents and carers (2)",
    }


def test_unknown_topic_explains_itself_and_still_lists_everything(client, guidance_index, library):
    response = client.get(guidance_index.url, {"topic": "no-such-topic"})

    assert response.status_code == 200
    soup = soup_of(response)
    summary = soup.select_one(".error-summary")
    assert summary is not None
    assert summary.get_text(" ", strip=True) == "There is a problem Choose a topic from the list."
    assert summary.a["href"] == "#id_topic"
    assert soup.select_one("#id_topic")["aria-invalid"] == "true"
    assert "id_topic-error" in soup.select_one("#id_topic")["aria-describedby"]
    assert result_titles(response) == ["Core groups", "Help at home", "Neglect toolkit", "Thresholds"]


def test_unknown_audience_explains_itself_in_plain_english(client, guidance_index, library):
    response = client.get(guidance_index.url, {"audience": "aliens", "topic": "neglect"})

    assert response.status_code == 200
    assert "Choose an audience from the list." in soup_of(response).select_one(".error-summary").get_text()
    # The valid part of the filter still applies.
    assert result_titles(response) == ["Help at home", "Neglect toolkit"]


def test_no_matches_says_so(client, guidance_index, library):
    GuidancePageFactory(parent=guidance_index, title="For children", audiences=["children-and-young-people"])

    response = client.get(guidance_index.url, {"topic": "neglect", "audience": "children-and-young-people"})

    assert response.status_code == 200
    assert result_titles(response) == []
    assert "No guidance matches these filters." in response.content.decode()


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(GuidanceIndexPage, "page_size", 2)
    monkeypatch.setattr(LeafletIndexPage, "page_size", 2)


def test_guidance_index_paginates_and_keeps_the_filter_in_page_links(client, guidance_index, small_pages):
    topic = TopicFactory(name="Neglect", slug="neglect")
    for letter in "ABCDE":
        GuidancePageFactory(parent=guidance_index, title=f"Guide {letter}", topics=[topic])

    first = client.get(guidance_index.url, {"topic": "neglect"})
    assert result_titles(first) == ["Guide A", "Guide B"]
    next_link = soup_of(first).select_one("a[rel=next]")["href"]
    assert next_link == "?topic=neglect&page=2"

    second = client.get(guidance_index.url + next_link)
    assert result_titles(second) == ["Guide C", "Guide D"]
    assert "Page 2 of 3" in second.content.decode()


def test_page_numbers_out_of_range_show_a_page_of_results(client, guidance_index, small_pages):
    for letter in "ABCDE":
        GuidancePageFactory(parent=guidance_index, title=f"Guide {letter}")

    expected = {"999": ["Guide E"], "-1": ["Guide E"], "abc": ["Guide A", "Guide B"], "": ["Guide A", "Guide B"]}
    for page, titles in expected.items():
        response = client.get(guidance_index.url, {"page": page})

        assert response.status_code == 200, page
        assert result_titles(response) == titles, page


def test_guidance_index_never_fails_on_bad_input(client, guidance_index, library):
    for query in HOSTILE_VALUES:
        response = client.get(guidance_index.url, query)

        assert response.status_code == 200, query
        assert result_titles(response), query


def test_guidance_filter_without_a_query_is_inactive():
    pages = GuidancePage.objects.none()
    unbound = GuidanceFilter({}, pages=pages)

    assert not unbound.is_bound
    assert not unbound.active
    assert unbound.cleaned == {}


def test_guidance_filter_counts_per_locale(guidance_index, library):
    from wagtail.models import Locale

    polish = Locale.objects.create(language_code="pl")
    TopicFactory(name="Zaniedbanie", slug="neglect", locale=polish)

    english = GuidanceFilter({}, pages=guidance_index.specific.guidance_pages(), locale=Locale.get_default())

    assert [slug for slug, _, _ in english.topic_options] == ["child-protection", "neglect"]


# --- Leaflets -------------------------------------------------------------------------------------


@pytest.fixture
def leaflets_page(home_page):
    return LeafletIndexPageFactory(parent=home_page, slug="leaflets")


@pytest.fixture
def leaflets(leaflets_page):
    PortalDocumentFactory(title="Keeping safe online", audiences=["children-and-young-people"], language="en-gb")
    PortalDocumentFactory(title="Bezpieczeństwo w sieci", audiences=["children-and-young-people"], language="pl")
    PortalDocumentFactory(title="What is early help?", audiences=["parents-and-carers"], language="en-gb")
    PortalDocumentFactory(
        title="Ce este ajutorul timpuriu?", audiences=["parents-and-carers", "children-and-young-people"], language="ro"
    )
    # Not leaflets: never listed or counted.
    PortalDocumentFactory(title="Multi-agency threshold guide", kind="guidance", audiences=["practitioners"])
    PortalDocumentFactory(title="Referral form", kind="form", audiences=["parents-and-carers"], language="pl")


def leaflet_titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup_of(response).select(".document-list > li > a")]


def test_leaflets_page_lists_only_leaflets(client, leaflets_page, leaflets):
    response = client.get(leaflets_page.url)

    assert response.status_code == 200
    assert leaflet_titles(response) == [
        "Bezpieczeństwo w sieci",
        "Ce este ajutorul timpuriu?",
        "Keeping safe online",
        "What is early help?",
    ]
    assert soup_of(response).select_one("#results-heading").get_text(strip=True) == "4 leaflets"


def test_leaflets_link_to_their_files(client, settings, tmp_path, leaflets_page):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    leaflet = PortalDocumentFactory(title="Keeping safe online", audiences=["children-and-young-people"])

    link = soup_of(client.get(leaflets_page.url)).select_one(".document-list a")
    download = client.get(link["href"])

    assert link.get_text(strip=True) == "Keeping safe online"
    assert link["href"] == leaflet.url
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_leaflets_filter_by_audience(client, leaflets_page, leaflets):
    response = client.get(leaflets_page.url, {"audience": "parents-and-carers"})

    assert leaflet_titles(response) == ["Ce este ajutorul timpuriu?", "What is early help?"]


def test_leaflets_filter_by_language(client, leaflets_page, leaflets):
    response = client.get(leaflets_page.url, {"language": "pl"})

    assert leaflet_titles(response) == ["Bezpieczeństwo w sieci"]


def test_leaflets_filter_by_audience_and_language(client, leaflets_page, leaflets):
    response = client.get(leaflets_page.url, {"audience": "children-and-young-people", "language": "ro"})

    assert leaflet_titles(response) == ["Ce este ajutorul timpuriu?"]


def test_leaflet_options_count_only_leaflets(client, leaflets_page, leaflets):
    response = client.get(leaflets_page.url)

    assert option_labels(response, "audience") == {
        "": "Everyone",
        "parents-and-carers": "Parents and carers (2)",
        "children-and-young-people": "Children and young people (3)",
    }
    assert option_labels(response, "language") == {
        "": "Any language",
        "en-gb": "English (2)",
        "pl": "Polish (1)",
        "ro": "Romanian (1)",
    }


def test_unknown_language_explains_itself_and_still_lists_leaflets(client, leaflets_page, leaflets):
    response = client.get(leaflets_page.url, {"language": "xx"})

    assert response.status_code == 200
    assert "Choose a language from the list." in soup_of(response).select_one(".error-summary").get_text()
    assert len(leaflet_titles(response)) == 4


def test_leaflets_paginate(client, leaflets_page, leaflets, small_pages):
    first = client.get(leaflets_page.url)
    second = client.get(leaflets_page.url, {"page": "2"})
    beyond = client.get(leaflets_page.url, {"page": "50"})

    assert len(leaflet_titles(first)) == 2
    assert leaflet_titles(second) == ["Keeping safe online", "What is early help?"]
    assert beyond.status_code == 200
    assert leaflet_titles(beyond) == leaflet_titles(second)


def test_leaflets_page_never_fails_on_bad_input(client, leaflets_page, leaflets):
    for query in HOSTILE_VALUES:
        response = client.get(leaflets_page.url, query)

        assert response.status_code == 200, query
        assert leaflet_titles(response), query


def test_leaflets_page_with_no_leaflets_says_so(client, leaflets_page):
    PortalDocumentFactory(title="Referral form", kind="form")

    response = client.get(leaflets_page.url)

    assert leaflet_titles(response) == []
    assert "No leaflets match these filters." in response.content.decode()


def test_leaflet_filter_results_are_distinct():
    PortalDocumentFactory(title="Both", audiences=["parents-and-carers", "children-and-young-people"])
    documents = PortalDocument.objects.filter(kind=PortalDocument.LEAFLET)

    results = LeafletFilter({"audience": "parents-and-carers"}, documents=documents).results

    assert [d.title for d in results] == ["Both"]

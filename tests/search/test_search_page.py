"""/search/ from the reader's side: results, facets, did-you-mean, no results, promotions, fallback."""

import logging
import re

import pytest

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchQueryDay

from .content import build_small_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    return build_small_site(home_page)


def text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_results_list_titles_types_and_marked_snippets(client, site):
    response = client.get("/search/", {"query": "core group"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/guidance/core-group-meetings/">Core group meetings</a>' in html
    assert "<mark>core</mark>" in html.lower()
    page = text(response)
    assert "Guidance and procedures" in page and "Glossary terms" in page
    assert re.search(r"\d+ results for “core group”", page)


def test_facet_links_narrow_and_widen_without_javascript(client, site):
    response = client.get("/search/", {"query": "conference"})
    html = response.content.decode()
    assert 'href="?query=conference&amp;content_type=leaflet"' in html
    narrowed = client.get("/search/", {"query": "conference", "content_type": "leaflet"})
    page = text(narrowed)
    assert "1 result for “conference”" in page
    assert "Remove filter: Type of content: Leaflets" in page
    assert 'href="?query=conference"' in narrowed.content.decode()  # the way back


def test_counts_are_shown_beside_facet_values(client, site):
    page = text(client.get("/search/", {"query": "conference"}))
    assert re.search(r"Guidance and procedures \( ?2 results ?\)", page)
    assert re.search(r"Leaflets \( ?1 result ?\)", page)


def test_misspelling_is_corrected_with_a_way_back(client, site):
    response = client.get("/search/", {"query": "confrence"})
    page = text(response)
    assert "Showing results for conference" in page
    assert "Search instead for “confrence”" in page
    assert 'href="?query=confrence&amp;exact=1"' in response.content.decode()
    exact = text(client.get("/search/", {"query": "confrence", "exact": "1"}))
    assert "Nothing matched “confrence”" in exact


def test_did_you_mean_when_results_exist(client, site):
    response = client.get("/search/", {"query": "protective"})
    assert "Did you mean protection ?" in text(response)
    assert 'href="?query=protection"' in response.content.decode()


def test_no_results_page_helps(client, site):
    page_html = client.get("/search/", {"query": "xylophone"}).content.decode()
    page = text(client.get("/search/", {"query": "xylophone"}))
    assert "Nothing matched “xylophone”" in page
    assert "check the spelling" in page
    assert f'href="{site.glossary_page.url}"' in page_html
    assert "999" in page


def test_bad_input_never_breaks_the_page(client, site):
    for params in (
        {"query": "core", "page": "abc"},
        {"query": "core", "page": "-5"},
        {"query": "core", "page": "99999999999999999999"},
        {"query": "core", "topic": "x" * 5000},
        {"query": "\x00<script>alert(1)</script>"},
        {"query": '"unbalanced (quotes AND'},
        {"query": "   "},
        {"content_type": "nothing-like-this"},
        {"query": "core\x00group", "topic": "\x00"},
        {"query": "\u202ecore\u200b group\x07"},
    ):
        response = client.get("/search/", params)
        assert response.status_code == 200, params
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_very_long_query_is_shortened_and_says_so(client, site):
    page = text(client.get("/search/", {"query": "conference " * 60}))
    assert "only the first 200 characters were used" in page


def test_pages_link_to_the_next_page_keeping_filters(client, site):
    from search import indexing
    from tests.factories import GuidancePageFactory

    for n in range(12):
        GuidancePageFactory(parent=site.guidance, title=f"Neglect guide {n}", summary="About neglect.")
    indexing.rebuild()
    html = client.get("/search/", {"query": "neglect", "content_type": "guidance"}).content.decode()
    assert 'href="?query=neglect&amp;content_type=guidance&amp;page=2"' in html
    second = text(client.get("/search/", {"query": "neglect", "content_type": "guidance", "page": 2}))
    assert "Page 2 of 2" in second


def test_searches_are_counted_without_identifying_anyone(client, site):
    client.get("/search/", {"query": "Core group"}, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="DistinctAgent/9")
    client.get("/search/", {"query": "xylophone"})
    client.get("/search/", {"query": "core group", "page": "2"})  # paging isn't a new search
    rows = {row.query: (row.searches, row.no_results) for row in SearchQueryDay.objects.all()}
    assert rows == {"core group": (1, 0), "xylophone": (1, 1)}
    stored = " ".join(f"{r.query}" for r in SearchQueryDay.objects.all())
    assert "203.0.113.77" not in stored and "DistinctAgent" not in stored


def test_promoted_result_comes_first_and_is_not_repeated(client, site):
    query = Query.objects.create(query_string="conference")
    SearchPromotion.objects.create(query=query, page=site.allegations, description="Editors' pick", sort_order=0)
    html = client.get("/search/", {"query": "Conference"}).content.decode()
    recommended = html.index("Recommended")
    assert html.index("Allegations against staff and volunteers") > recommended
    assert html.count('href="/guidance/allegations/"') == 1
    assert html.index("Editors&#x27; pick") < html.index("Child protection conferences")


def test_elasticsearch_unreachable_falls_back_to_the_database(client, site, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get("/search/", {"query": "core group"})
    assert response.status_code == 200
    assert "Core group meetings" in text(response)
    assert any("searching the database instead" in record.getMessage() for record in caplog.records)


def test_search_page_makes_no_third_party_requests(client, site):
    html = client.get("/search/", {"query": "core"}).content.decode()
    assert not re.search(r'(src|href)="https?://(?!testserver)', html)

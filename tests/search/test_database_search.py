"""The database backend: ranking, synonyms, facets, PDF text, snippets, did-you-mean, locales."""

import pytest

from wagtail.models import Locale, PageViewRestriction

from search import indexing
from search.backends import database
from search.models import SearchEntry, SearchWord, Synonym
from search.query import SearchRequest, parse
from tests.factories import GuidancePageFactory

from .content import build_small_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    return build_small_site(home_page)


def run(query, **kwargs):
    kwargs.setdefault("language", "en-gb")
    return database.search(SearchRequest(query=query, **kwargs))


def titles(response):
    return [hit.title for hit in response.hits]


def test_the_page_whose_title_is_the_query_comes_first(site):
    response = run("core group")
    assert response.backend == "database"
    assert titles(response)[0] in {"Core group meetings", "Core group"}
    assert set(titles(response)[:2]) == {"Core group meetings", "Core group"}


def test_results_satisfying_every_word_rank_above_those_satisfying_one(site):
    response = run("conference parents")
    # Both words: the conferences page (and the parents' guide); "conference" alone: the core group page.
    ranked = titles(response)
    assert ranked.index("Child protection conferences") < ranked.index("Core group meetings")


def test_abbreviation_finds_the_words_it_stands_for(site):
    # The allegations page says "designated officer", never "LADO".
    assert "LADO" not in site.allegations.summary
    assert "Allegations against staff and volunteers" in titles(run("LADO"))
    assert "Core group meetings" in titles(run("CP plan"))


def test_synonyms_are_editable_data(site):
    assert run("KS").total == 0
    Synonym.objects.create(phrases="KS, three houses")
    assert titles(run("KS")) == ["Three houses"]


def test_synonyms_of_one_language_do_not_apply_in_another(site):
    Synonym.objects.create(phrases="casa, three houses", language="ro")
    assert run("casa").total == 0
    assert [g.alternatives for g in parse("casa", "ro").groups] == [("casa", "three houses")]


def test_text_inside_a_pdf_is_found(site):
    response = run("advocate")
    assert titles(response) == ["Your conference: a guide for parents"]
    assert response.hits[0].content_type == "leaflet"
    assert response.hits[0].url == site.leaflet.url
    assert "<mark>advocate</mark>" in response.hits[0].snippet


def test_snippet_marks_the_words_and_escapes_the_text(site):
    response = run("supporter")
    snippet = response.hits[0].snippet
    assert "<mark>supporter</mark>" in snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet or "script" not in snippet


def test_facet_counts_and_filters(site):
    response = run("conference")
    facets = {facet.name: {v.value: v.count for v in facet.values} for facet in response.facets}
    assert facets["content_type"] == {"guidance": 2, "leaflet": 1}
    assert facets["audience"] == {"practitioners": 2, "parents-and-carers": 2}
    assert facets["topic"] == {"child-protection": 2}
    assert facets["section"]["guidance"] == 2

    filtered = run("conference", filters={"content_type": "leaflet"})
    assert titles(filtered) == ["Your conference: a guide for parents"]
    by_name = {facet.name: facet for facet in filtered.facets}
    # A facet's own selection doesn't narrow its counts, so the reader can switch value.
    assert {v.value: v.count for v in by_name["content_type"].values} == {"guidance": 2, "leaflet": 1}
    assert by_name["content_type"].selected.value == "leaflet"
    # Other facets count within the selection.
    assert {v.value: v.count for v in by_name["audience"].values} == {"parents-and-carers": 1}


def test_two_filters_combine(site):
    response = run("conference", filters={"audience": "practitioners", "topic": "child-protection"})
    assert set(titles(response)) == {"Core group meetings", "Child protection conferences"}
    response = run("conference", filters={"audience": "parents-and-carers", "content_type": "guidance"})
    assert titles(response) == ["Child protection conferences"]


def test_a_filter_value_that_does_not_exist_gives_no_results_not_an_error(site):
    response = run("conference", filters={"topic": "no-such-topic"})
    assert response.total == 0
    topic = next(f for f in response.facets if f.name == "topic")
    assert topic.selected.count == 0


def test_browsing_a_facet_without_words_lists_it_alphabetically(site):
    response = run("", filters={"content_type": "guidance"})
    assert titles(response) == sorted(titles(response), key=str.lower)
    assert response.total == 3


def test_misspelt_query_with_no_results_is_corrected(site):
    response = run("confrence")
    assert response.corrected_from == "confrence"
    assert response.query == "conference"
    assert "Child protection conferences" in titles(response)


def test_a_misspelt_word_beside_a_good_one_is_corrected(site):
    # "core" alone finds pages, but "grop" matches nothing anywhere: the corrected query is shown.
    response = run("core grop")
    assert (response.query, response.corrected_from) == ("core group", "core grop")
    assert set(titles(response)[:2]) == {"Core group meetings", "Core group"}


def test_did_you_mean_stands_beside_results_that_match_every_word(site):
    # The index stems "protective" like "protection", so the results stand; the word itself is
    # nowhere in the text, so the reader is offered the word that is.
    response = run("protective")
    assert response.total >= 1 and response.corrected_from is None
    assert response.suggestion == "protection"


def test_asking_for_exactly_what_was_typed_does_not_correct(site):
    response = database.search(SearchRequest(query="confrence", language="en-gb", correct=False))
    assert response.total == 0
    assert response.corrected_from is None


def test_known_words_and_plurals_are_not_corrected(site):
    assert run("conferences").suggestion is None
    assert run("meetings").suggestion is None


def test_pagination_and_clamping(site):
    for n in range(12):
        GuidancePageFactory(parent=site.guidance, title=f"Neglect guide {n}", summary="About neglect.")
    indexing.rebuild()
    first = run("neglect", page_size=5)
    assert first.total == 12 and len(first.hits) == 5 and first.num_pages == 3
    last = run("neglect", page=99, page_size=5)
    assert last.page == 3 and len(last.hits) == 2
    seen = {h.entry_id for p in (1, 2, 3) for h in run("neglect", page=p, page_size=5).hits}
    assert len(seen) == 12


def test_pages_in_another_language_are_not_mixed_in(site):
    polish = Locale.objects.create(language_code="pl")
    translated = site.core_group.copy_for_translation(polish, copy_parents=True)
    translated.title = "Spotkania grupy roboczej"
    translated.save_revision().publish()
    response = run("spotkania")
    assert response.total == 0
    polish_response = run("spotkania", language="pl")
    assert titles(polish_response) == ["Spotkania grupy roboczej"]
    # Documents belong to every language.
    assert "Your conference: a guide for parents" in titles(run("advocate", language="pl"))


def test_drafts_and_restricted_pages_are_not_indexed(site):
    GuidancePageFactory(parent=site.guidance, title="Secret draft about neglect", live=False)
    restricted = GuidancePageFactory(parent=site.guidance, title="Members only neglect guide")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    indexing.rebuild()
    assert run("neglect").total == 0


def test_home_page_is_not_a_result(site):
    assert not SearchEntry.objects.filter(source="page", source_id=site.home.pk).exists()


def test_vocabulary_counts_entries(site):
    # The conferences page, the core group page ("initial conference") and the leaflet.
    assert SearchWord.objects.get(word="conference").entries == 3
    indexing.remove_pages([site.conference.pk])
    assert SearchWord.objects.get(word="conference").entries == 2
    assert not SearchWord.objects.filter(word="supporter").exists()


def test_query_made_only_of_little_words_still_searches(site):
    assert parse("who is", "en-gb").groups
    run("who is")  # no error


def test_punctuation_and_fts_syntax_are_harmless(site):
    for query in ['"core', "core AND NOT group", "core*", "NEAR(core group)", "core:group", "(((", "-", "'"]:
        run(query)

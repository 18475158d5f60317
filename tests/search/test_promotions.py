"""Promoted results: what editors put first for a search, as readers in each language get it."""

from __future__ import annotations

import pytest

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, PageViewRestriction

from search.promotions import Promotion, promoted_results
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ofsted(home_page):
    return Query.objects.create(query_string="ofsted")


def promote(query, *, page=None, order=0, **fields):
    return SearchPromotion.objects.create(query=query, page=page, sort_order=order, **fields)


def test_a_live_public_page_is_promoted_for_the_normalised_query(home_page, ofsted):
    page = StandardPageFactory(parent=home_page, slug="inspections", title="Ofsted inspections")
    promote(ofsted, page=page, description="How inspections of children's services work.")

    results = promoted_results("  Ofsted ", "en-gb")

    assert results == [
        Promotion(
            title="Ofsted inspections",
            url=page.get_url(),
            description="How inspections of children's services work.",
            is_external=False,
        )
    ]
    assert results[0].url == "/inspections/"
    assert promoted_results("OFSTED", "en-gb") == results


def test_a_page_without_a_description_uses_its_search_description(home_page, ofsted):
    page = StandardPageFactory(parent=home_page, title="Ofsted", search_description="Inspections, in short.")
    promote(ofsted, page=page)

    assert promoted_results("ofsted", "en-gb")[0].description == "Inspections, in short."


def test_unpublished_and_view_restricted_pages_are_not_promoted(home_page, ofsted):
    draft = StandardPageFactory(parent=home_page, title="Draft", live=False)
    private = StandardPageFactory(parent=home_page, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    private_parent = StandardPageFactory(parent=home_page, title="Private section")
    PageViewRestriction.objects.create(page=private_parent, restriction_type=PageViewRestriction.PASSWORD, password="x")
    inside = StandardPageFactory(parent=private_parent, title="Inside a private section")
    public = StandardPageFactory(parent=home_page, title="Public")
    for order, page in enumerate([draft, private, inside, public]):
        promote(ofsted, page=page, order=order)

    assert [result.title for result in promoted_results("ofsted", "en-gb")] == ["Public"]


def test_external_links_are_promoted_in_the_editors_order(home_page, ofsted):
    page = StandardPageFactory(parent=home_page, title="Our Ofsted page")
    promote(ofsted, page=page, order=1)
    promote(
        ofsted,
        order=0,
        external_link_url="https://www.gov.uk/government/organisations/ofsted",
        external_link_text="Ofsted on GOV.UK",
        description="The inspectorate's own site.",
    )

    results = promoted_results("ofsted", "en-gb")

    assert results[0] == Promotion(
        title="Ofsted on GOV.UK",
        url="https://www.gov.uk/government/organisations/ofsted",
        description="The inspectorate's own site.",
        is_external=True,
    )
    assert [result.title for result in results] == ["Ofsted on GOV.UK", "Our Ofsted page"]


def publish_translation(page, locale, title):
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def test_the_readers_translation_of_a_promoted_page_is_used(home_page, ofsted):
    polish = Locale.objects.create(language_code="pl")
    page = StandardPageFactory(parent=home_page, slug="inspections", title="Ofsted inspections")
    publish_translation(home_page, polish, "Strona główna")
    translated = publish_translation(page, polish, "Inspekcje Ofsted")
    promote(ofsted, page=page)

    polish_results = promoted_results("ofsted", "pl")
    english_results = promoted_results("ofsted", "en-gb")

    assert [(r.title, r.url) for r in polish_results] == [("Inspekcje Ofsted", translated.get_url())]
    assert polish_results[0].url.startswith("/pl/")
    assert [(r.title, r.url) for r in english_results] == [("Ofsted inspections", "/inspections/")]
    # A language with no translation of the page gets the original.
    Locale.objects.create(language_code="ro")
    assert [r.title for r in promoted_results("ofsted", "ro")] == ["Ofsted inspections"]


def test_an_unpublished_translation_falls_back_to_the_original(home_page, ofsted):
    polish = Locale.objects.create(language_code="pl")
    page = StandardPageFactory(parent=home_page, title="Ofsted inspections")
    publish_translation(home_page, polish, "Strona główna")
    page.copy_for_translation(polish)  # a draft translation, not published
    promote(ofsted, page=page)

    assert [r.title for r in promoted_results("ofsted", "pl")] == ["Ofsted inspections"]


def test_a_search_without_promotions_finds_none_and_stores_nothing(home_page, ofsted):
    before = Query.objects.count()

    assert promoted_results("ofsted", "en-gb") == []  # a query with no promotions
    assert promoted_results("something nobody promoted", "en-gb") == []
    assert promoted_results("   ", "en-gb") == []
    assert Query.objects.count() == before

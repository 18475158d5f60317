"""Editors translate content with wagtail-localize; readers get it under a language prefix."""

import pytest

from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from tests.factories import GuidancePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish():
    return Locale.objects.create(language_code="pl")


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """wagtail-localize publishes translations on commit; run those callbacks inside the test."""

    def _translate(instance, locale):
        with django_capture_on_commit_callbacks(execute=True):
            translate_object(instance, [locale])

    return _translate


def test_default_locale_is_british_english():
    assert Locale.get_default().language_code == "en-gb"


def test_translated_guidance_page_is_served_under_its_language_prefix(client, guidance_index, polish, translate):
    topic = TopicFactory(name="Child protection", slug="child-protection")
    page = GuidancePageFactory(
        parent=guidance_index,
        slug="core-groups",
        title="Core group meetings",
        topics=[topic],
        audiences=["practitioners"],
    )
    for source in (guidance_index.get_parent(), guidance_index, page):
        translate(source, polish)

    translated = page.get_translation(polish)
    assert translated.live
    # Topics and audiences are synchronised, not re-entered per language.
    assert list(translated.topics.all()) == [topic]
    assert [a.slug for a in translated.audiences.all()] == ["practitioners"]

    response = client.get(translated.url)
    assert translated.url.startswith("/pl/")
    assert response.status_code == 200
    assert b'<html lang="pl"' in response.content
    # The English page is still served without a prefix.
    english = client.get(page.url)
    assert english.status_code == 200
    assert b'<html lang="en-gb"' in english.content


def test_english_pages_do_not_appear_in_another_languages_navigation(client, guidance_index, polish, translate):
    home = guidance_index.get_parent()
    translate(home, polish)
    polish_home = home.get_translation(polish)
    response = client.get(polish_home.url)
    assert response.status_code == 200
    # The English guidance index has not been translated, so the Polish menu does not offer it.
    assert guidance_index.url.encode() not in response.content.split(b"<main")[0]


def test_a_translated_page_links_to_its_other_languages(client, guidance_index, polish, translate):
    page = GuidancePageFactory(parent=guidance_index, slug="thresholds", title="Thresholds of need")
    for source in (guidance_index.get_parent(), guidance_index, page):
        translate(source, polish)
    translated = page.get_translation(polish)

    english = client.get(page.url).content.decode()
    polish_html = client.get(translated.url).content.decode()

    assert f'href="{translated.url}" lang="pl" hreflang="pl"' in english
    assert f'href="{page.url}" lang="en-gb" hreflang="en-gb"' in polish_html


def test_an_untranslated_page_offers_no_other_languages(client, guidance_index, polish):
    page = GuidancePageFactory(parent=guidance_index, slug="untranslated")
    assert b"language-switcher" not in client.get(page.url).content

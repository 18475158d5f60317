"""The Youth Hub: the quick exit on every page of it, its home page and its sections.

The quick exit is for a young person who needs to leave the site in a hurry. Youth Hub page types
always show it (editors cannot turn it off); a glossary shows it when its editor turns it on;
practitioner pages in the toolkit never show it.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from django.conf import settings

from portal.toolkit.models import SupportServiceIndexPage, YouthHubIndexPage, YouthHubPage
from tests.toolkit.factories import (
    EngagementDirectoryPageFactory,
    GlossaryPageFactory,
    PracticeBriefingIndexPageFactory,
    PracticeBriefingPageFactory,
    SupportServiceIndexPageFactory,
    ToolkitIndexPageFactory,
    ToolkitResourcePageFactory,
    YouthHubIndexPageFactory,
    YouthHubPageFactory,
    text_block,
)

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def quick_exit(response):
    assert response.status_code == 200
    return soup_of(response).select_one("[data-quick-exit]")


@pytest.fixture
def hub(home_page):
    return YouthHubIndexPageFactory(parent=home_page, slug="youth-hub", introduction="Help for young people.")


def test_every_youth_hub_page_type_shows_the_quick_exit(client, home_page, hub):
    page = YouthHubPageFactory(parent=hub, slug="feelings")
    pages = [
        hub,
        page,
        YouthHubPageFactory(parent=page, slug="worries"),  # nested
        SupportServiceIndexPageFactory(parent=hub, slug="get-support"),
        SupportServiceIndexPageFactory(parent=home_page, slug="support"),  # outside the hub, still for young people
        GlossaryPageFactory(parent=hub, slug="words", show_quick_exit=True),
    ]

    for page in pages:
        control = quick_exit(client.get(page.url))

        assert control is not None, page.url
        link = control.select_one("a[data-quick-exit-link]")
        assert link["href"] == settings.QUICK_EXIT_URL, page.url
        assert link.get_text() == "Leave this page"
        assert control["data-quick-exit-url"] == settings.QUICK_EXIT_URL
        assert "Press the Shift key 3 times" in control.get_text()


def test_the_quick_exit_comes_first_on_the_page(client, hub):
    soup = soup_of(client.get(hub.url))

    # Right after the skip link, before the header, so it is the first thing a keyboard reaches.
    first = [el for el in soup.body.find_all(recursive=False) if el.name][:2]
    assert first[0]["class"] == ["skip-link"]
    assert first[1].get("data-quick-exit") is not None


def test_youth_hub_types_cannot_turn_the_quick_exit_off():
    for page_type in (YouthHubIndexPage, YouthHubPage, SupportServiceIndexPage):
        assert page_type.show_quick_exit is True
        assert "show_quick_exit" not in {field.name for field in page_type._meta.get_fields()}, page_type


def test_a_glossary_in_the_youth_hub_always_shows_the_quick_exit(client, home_page, hub):
    in_hub_off = GlossaryPageFactory(parent=hub, slug="words", show_quick_exit=False)
    top_level = GlossaryPageFactory(parent=home_page, slug="glossary")
    top_level_on = GlossaryPageFactory(parent=home_page, slug="glossary-for-young-people", show_quick_exit=True)

    assert top_level.show_quick_exit is False  # off unless an editor turns it on
    # Every Youth Hub page has the quick exit, whatever the field says.
    assert quick_exit(client.get(in_hub_off.url)) is not None
    assert quick_exit(client.get(top_level.url)) is None
    assert quick_exit(client.get(top_level_on.url)) is not None


def test_toolkit_pages_do_not_show_the_quick_exit(client, home_page):
    toolkit = ToolkitIndexPageFactory(parent=home_page, slug="toolkit")
    briefings = PracticeBriefingIndexPageFactory(parent=toolkit, slug="briefings")
    pages = [
        toolkit,
        ToolkitResourcePageFactory(parent=toolkit, slug="resource"),
        briefings,
        PracticeBriefingPageFactory(parent=briefings, slug="briefing"),
        GlossaryPageFactory(parent=toolkit, slug="terms"),
        EngagementDirectoryPageFactory(parent=toolkit, slug="directory"),
        home_page,
    ]

    for page in pages:
        assert quick_exit(client.get(page.url)) is None, page.url


def test_youth_hub_pages_use_the_youth_hub_look(client, hub):
    for page in (hub, YouthHubPageFactory(parent=hub), SupportServiceIndexPageFactory(parent=hub)):
        assert "youth-hub" in soup_of(client.get(page.url)).body["class"], page.url


def test_youth_hub_home_lists_its_live_sections(client, hub):
    YouthHubPageFactory(parent=hub, slug="feelings", title="Feelings", introduction="When things feel too much.")
    SupportServiceIndexPageFactory(parent=hub, slug="get-support", title="Get support", introduction="")
    GlossaryPageFactory(parent=hub, slug="words", title="Words explained", introduction="What words mean.")
    YouthHubPageFactory(parent=hub, slug="draft", title="Draft section", live=False)
    hub.body = [text_block("<p>You can talk to someone.</p>")]
    hub.save()

    soup = soup_of(client.get(hub.url))

    assert soup.h1.get_text() == "Youth Hub"
    assert soup.select_one(".lead").get_text() == "Help for young people."
    cards = [
        (card.h2.a.get_text(), card.h2.a["href"], card.p.get_text() if card.p else "")
        for card in soup.select(".card-grid .card")
    ]
    assert cards == [
        ("Feelings", "/youth-hub/feelings/", "When things feel too much."),
        ("Get support", "/youth-hub/get-support/", ""),
        ("Words explained", "/youth-hub/words/", "What words mean."),
    ]
    assert "You can talk to someone." in soup.select_one("main").get_text()


def test_youth_hub_page_shows_its_body(client, hub):
    page = YouthHubPageFactory(
        parent=hub,
        title="Staying safe online",
        introduction="Tips for apps and games.",
        body=[
            {"type": "heading", "value": {"text": "If someone asks for photos", "level": "h2"}},
            text_block("<p>You can block and report them.</p>"),
        ],
    )

    soup = soup_of(client.get(page.url))

    article = soup.select_one("article.content")
    assert article.h1.get_text() == "Staying safe online"
    assert article.select_one(".lead").get_text() == "Tips for apps and games."
    assert article.select_one("h2#if-someone-asks-for-photos").get_text() == "If someone asks for photos"
    assert "You can block and report them." in article.get_text()


def test_draft_youth_hub_page_is_not_found(client, hub):
    draft = YouthHubPageFactory(parent=hub, slug="draft", live=False)

    assert client.get(hub.url + "draft/").status_code == 404
    assert not draft.live

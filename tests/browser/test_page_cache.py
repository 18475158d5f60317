"""The page cache as a reader meets it in a real browser: pages come from the cache, the contrast
choice still follows the reader (with and without JavaScript), and an editor's change is seen on
the next load."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then (or fails them under REQUIRE_BROWSER=1)
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONTRAST_HIGH = re.compile(r"(^|\s)contrast-high(\s|$)")


@pytest.fixture(autouse=True)
def _page_cache_on(settings, shell_pages):
    from wagtail.models import Site

    from portal.home.models import PartnershipSettings

    # Made on a site's first page view otherwise, which is itself a change (a new generation).
    PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    settings.PAGE_CACHE_SECONDS = 600


def cache_state(response) -> str | None:
    return response.headers.get("x-page-cache")


def remembered(response) -> bool:
    """The contrast toggle's background request has been answered (its cookie is set)."""
    return urlsplit(response.url).path == "/preferences/contrast/" and response.status == 204


def test_the_contrast_choice_follows_the_reader_through_the_cache(page, shell_pages, site_url, network_log):
    url = site_url(shell_pages.guidance)
    assert cache_state(page.goto(url)) == "miss"
    assert cache_state(page.reload()) == "hit"
    button = page.get_by_role("button", name="High contrast")

    with page.expect_response(remembered):
        button.click()  # switches at once, remembered in the background
    expect(page.locator("html")).to_have_class(CONTRAST_HIGH)
    assert cache_state(page.reload()) == "miss"  # the high-contrast copy is a page of its own
    assert cache_state(page.reload()) == "hit"
    expect(page.locator("html")).to_have_class(CONTRAST_HIGH)
    expect(button).to_have_attribute("aria-pressed", "true")

    with page.expect_response(remembered):
        button.click()
    expect(page.locator("html")).not_to_have_class(CONTRAST_HIGH)
    assert cache_state(page.reload()) == "hit"  # the standard copy from the first visit
    expect(page.locator("html")).not_to_have_class(CONTRAST_HIGH)
    expect(button).to_have_attribute("aria-pressed", "false")
    assert network_log.problems() == []


def test_without_javascript_the_toggle_works_on_cached_pages(nojs_page, shell_pages, site_url):
    url = site_url(shell_pages.guidance)
    nojs_page.goto(url)
    assert cache_state(nojs_page.reload()) == "hit"

    with nojs_page.expect_navigation():
        nojs_page.get_by_role("button", name="High contrast").click()

    assert nojs_page.url == url
    expect(nojs_page.locator("html")).to_have_class(CONTRAST_HIGH)
    with nojs_page.expect_navigation():
        nojs_page.get_by_role("button", name="High contrast").click()
    expect(nojs_page.locator("html")).not_to_have_class(CONTRAST_HIGH)
    assert cache_state(nojs_page.reload()) == "hit"


def test_an_editors_change_is_on_the_next_load(page, shell_pages, site_url):
    url = site_url(shell_pages.guidance)
    page.goto(url)
    assert cache_state(page.reload()) == "hit"

    guidance = shell_pages.guidance
    guidance.title = "Core group meetings: who comes and when"
    guidance.save_revision().publish()

    response = page.reload()
    assert cache_state(response) == "miss"
    expect(page.get_by_role("heading", level=1)).to_have_text("Core group meetings: who comes and when")

"""The site search (/search/) in a real browser: searching and narrowing by keyboard alone, the same
without JavaScript (plain links and GET forms, with pagination), the spelling correction and the
"did you mean" link, phone-sized screens, and axe's WCAG 2.2 AA checks on each kind of results page,
in the normal colours and in high contrast.

The content is the search tests' small site (tests/search/content.py), built and indexed before the
browser opens. Every test here uses a page, so conftest.py fails it if anything was fetched from a
host other than the live server (see ``pytest_runtest_call`` there)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then (or fails them under REQUIRE_BROWSER=1)
    expect = None

from wagtail.models import Site

from portal.home.models import PartnershipSettings
from search import indexing
from tests.browser.conftest import PHONE
from tests.browser.test_axe import CONTRAST_URL, audit, axe  # noqa: F401 (fixtures used below)
from tests.browser.test_site_shell import A11Y_PROBLEMS
from tests.factories import GuidancePageFactory
from tests.search.content import SmallSite, build_small_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARTNERSHIP_EMAIL = "safeguarding@partnership.example"
PARTNERSHIP_PHONE = "01632 960 000"
NEGLECT_GUIDES = 12  # one more page than fits (10 a page), and two more for a second page of 2
CONTRAST_HIGH = re.compile(r"(^|\s)contrast-high(\s|$)")


# --- Content ----------------------------------------------------------------------------------------


@pytest.fixture
def small_site(home_page) -> SmallSite:
    """The search tests' small site, indexed, with the partnership's contacts in every footer."""
    site = build_small_site(home_page)
    PartnershipSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"partnership_email": PARTNERSHIP_EMAIL, "partnership_phone": PARTNERSHIP_PHONE},
    )
    return site


@pytest.fixture
def paged_site(small_site) -> SmallSite:
    """The small site with twelve more guidance pages about neglect: two pages of results."""
    for number in range(NEGLECT_GUIDES):
        GuidancePageFactory(
            parent=small_site.guidance,
            title=f"Neglect guide {number}",
            slug=f"neglect-guide-{number}",
            summary="About neglect.",
        )
    indexing.rebuild()
    return small_site


# --- Helpers ----------------------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {tag: "body", id: "", href: null, text: "", outline: "none", boxShadow: "none", focusVisible: false};
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        href: el.getAttribute("href"),
        text: (el.textContent || el.value || "").replace(/\\s+/g, " ").trim().slice(0, 80),
        outline: style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0 ? "none" : style.outlineWidth,
        boxShadow: style.boxShadow,
        focusVisible: el.matches(":focus-visible"),
    };
}"""


def tab_to(page, target, limit: int = 60) -> list[dict[str, Any]]:
    """Press Tab until the locator ``target`` has the focus; return every element focused on the way
    (the target last). Fails, listing where the focus went, if it is not reached."""
    trail = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        trail.append(page.evaluate(FOCUSED))
        if target.evaluate("el => el === document.activeElement"):
            return trail
    pytest.fail(
        f"Tab pressed {limit} times on {page.url} without reaching {target}; focus went to:\n  "
        + "\n  ".join(f"<{item['tag']}> {item['text']!r}" for item in trail),
        pytrace=False,
    )


def assert_focus_visible(trail: list[dict[str, Any]]) -> None:
    """Each element the keyboard reached showed where the focus was: :focus-visible matched, and it
    drew an outline or a box shadow (links get a shadow under a yellow background, controls an
    outline)."""
    for item in trail:
        assert item["focusVisible"], f"not :focus-visible: {item}"
        assert item["outline"] != "none" or item["boxShadow"] != "none", f"no focus indicator on {item}"


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def results_heading(page):
    return page.locator("#search-results-heading")


def result_titles(page):
    return page.locator(".search-results ol.result-list > li h3")


def facet(page, heading: str):
    """The group of facet links under ``heading`` ("Type of content", "Section", ...)."""
    return page.get_by_role("navigation", name="Narrow your results").get_by_role("region", name=heading)


def facet_link(page, heading: str, label: str):
    """The link that selects ``label`` in the facet ``heading``: its name is the label, then the count
    ("Guidance and procedures (2 results)"; Chromium adds a space after the visually hidden word)."""
    return facet(page, heading).get_by_role("link", name=re.compile(rf"^{re.escape(label)} \(\d+ results? ?\)$"))


def facet_name(label: str, count: int) -> re.Pattern:
    """The accessible name of a facet link: its label and its count, in words."""
    noun = "result" if count == 1 else "results"
    return re.compile(rf"^{re.escape(label)} \({count} {noun} ?\)$")


def remove_filter(page, heading: str, label: str):
    return page.get_by_role("link", name=f"Remove filter: {heading}: {label}", exact=True)


def widths(page) -> dict[str, int]:
    return page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")


# --- Keyboard only ----------------------------------------------------------------------------------


def test_search_narrow_and_widen_by_keyboard_alone(page, small_site, site_url):
    page.goto(site_url(small_site.home))
    header_search = page.get_by_role("searchbox", name="Search the portal")
    trail = tab_to(page, header_search, limit=20)
    assert trail[0]["text"] == "Skip to main content", trail
    assert_focus_visible(trail)

    page.keyboard.type("core group")
    press_enter_and_wait(page)
    assert urlsplit(page.url).path == "/search/"
    assert query_of(page) == {"query": ["core group"]}
    expect(results_heading(page)).to_have_text("2 results for “core group”")
    expect(result_titles(page)).to_have_text(["Core group meetings", "Core group"])
    # The search box on the results page and the header's keep what was typed.
    expect(page.get_by_label("What are you looking for?")).to_have_value("core group")
    expect(header_search).to_have_value("core group")

    # Narrow: Tab to the facet link and follow it with Enter.
    guidance = facet_link(page, "Type of content", "Guidance and procedures")
    expect(guidance).to_have_accessible_name(facet_name("Guidance and procedures", 1))
    trail = tab_to(page, guidance)
    assert_focus_visible(trail)
    press_enter_and_wait(page)
    assert query_of(page) == {"query": ["core group"], "content_type": ["guidance"]}
    expect(results_heading(page)).to_have_text("1 result for “core group”")
    expect(result_titles(page)).to_have_text(["Core group meetings"])
    selected = facet(page, "Type of content").locator("a[aria-current='true']")
    expect(selected).to_have_accessible_name("Selected: Guidance and procedures (1) remove")
    expect(facet(page, "Type of content").get_by_role("link", name=re.compile("^Glossary terms"))).to_be_visible()

    # Widen again: the "Remove filter" link is reachable by Tab and brings the wider results back.
    remove = remove_filter(page, "Type of content", "Guidance and procedures")
    expect(remove).to_be_visible()
    trail = tab_to(page, remove)
    assert_focus_visible(trail)
    focused = trail[-1]
    assert focused["boxShadow"] != "none", focused  # links: a dark bar under a yellow background
    assert page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"
    press_enter_and_wait(page)
    assert query_of(page) == {"query": ["core group"]}
    expect(results_heading(page)).to_have_text("2 results for “core group”")
    expect(result_titles(page)).to_have_text(["Core group meetings", "Core group"])
    expect(page.locator(".search-selected")).to_have_count(0)
    expect(facet(page, "Type of content").locator("a[aria-current]")).to_have_count(0)

    # The search page's own form works by keyboard too: a new query, submitted with Enter.
    box = page.get_by_label("What are you looking for?")
    tab_to(page, box)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("conference")
    press_enter_and_wait(page)
    assert query_of(page) == {"query": ["conference"]}
    expect(results_heading(page)).to_have_text("3 results for “conference”")


# --- Without JavaScript -----------------------------------------------------------------------------


def test_search_facets_and_pages_without_javascript(nojs_page, paged_site, site_url, network_log):
    page = nojs_page
    page.goto(site_url(paged_site.home))
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)no-js(\s|$)"))
    page.get_by_role("searchbox", name="Search the portal").fill("conference")
    press_enter_and_wait(page)  # the header's form is a plain GET form
    assert query_of(page) == {"query": ["conference"]}
    expect(results_heading(page)).to_have_text("3 results for “conference”")
    expect(facet_link(page, "Type of content", "Guidance and procedures")).to_have_accessible_name(
        facet_name("Guidance and procedures", 2)
    )
    expect(facet_link(page, "Type of content", "Leaflets")).to_have_accessible_name(facet_name("Leaflets", 1))

    click_and_wait(page, facet_link(page, "Type of content", "Leaflets"))
    assert query_of(page) == {"query": ["conference"], "content_type": ["leaflet"]}
    expect(results_heading(page)).to_have_text("1 result for “conference”")
    expect(result_titles(page)).to_have_text(["Your conference: a guide for parents"])

    click_and_wait(page, remove_filter(page, "Type of content", "Leaflets"))
    assert query_of(page) == {"query": ["conference"]}
    expect(results_heading(page)).to_have_text("3 results for “conference”")

    # The selected facet value is itself a link that removes it.
    click_and_wait(page, facet_link(page, "Type of content", "Guidance and procedures"))
    expect(results_heading(page)).to_have_text("2 results for “conference”")
    click_and_wait(page, facet(page, "Type of content").locator("a[aria-current='true']"))
    expect(results_heading(page)).to_have_text("3 results for “conference”")

    # Two pages of results, the filter kept from page to page.
    box = page.get_by_label("What are you looking for?")
    box.fill("neglect")
    with page.expect_navigation():
        page.get_by_role("search").filter(has=box).get_by_role("button", name="Search").click()
    assert query_of(page) == {"query": ["neglect"]}
    total = NEGLECT_GUIDES
    expect(results_heading(page)).to_have_text(f"{total} results for “neglect”")
    click_and_wait(page, facet_link(page, "Type of content", "Guidance and procedures"))
    expect(results_heading(page)).to_have_text(f"{total} results for “neglect”")
    pages = page.get_by_role("navigation", name="Pages of results")
    expect(pages).to_contain_text("Page 1 of 2")
    expect(result_titles(page)).to_have_count(10)
    first_page = result_titles(page).all_inner_texts()
    expect(pages.get_by_role("link", name="Previous")).to_have_count(0)

    click_and_wait(page, pages.get_by_role("link", name="Next"))
    assert query_of(page) == {"query": ["neglect"], "content_type": ["guidance"], "page": ["2"]}
    expect(pages).to_contain_text("Page 2 of 2")
    expect(result_titles(page)).to_have_count(total - 10)
    second_page = result_titles(page).all_inner_texts()
    assert not set(first_page) & set(second_page), (first_page, second_page)
    assert sorted(first_page + second_page) == sorted(f"Neglect guide {n}" for n in range(total))
    expect(page.locator(".search-results ol.result-list")).to_have_attribute("start", "11")
    expect(pages.get_by_role("link", name="Next")).to_have_count(0)
    expect(facet(page, "Type of content").locator("a[aria-current='true']")).to_contain_text("Guidance and procedures")

    click_and_wait(page, pages.get_by_role("link", name="Previous"))
    assert query_of(page) == {"query": ["neglect"], "content_type": ["guidance"], "page": ["1"]}
    expect(result_titles(page)).to_have_text(first_page)

    # Only the pages asked for, with GET (nothing sent in the background, no form posted).
    searches = [request for request in network_log.requests if "/search/" in request]
    assert searches and all(request.startswith("GET ") for request in searches), searches
    assert not network_log.foreign


# --- Spelling -----------------------------------------------------------------------------------------


def test_a_misspelling_is_corrected_with_a_way_back_to_what_was_typed(page, small_site, site_url):
    page.goto(site_url("/search/"))
    expect(results_heading(page)).to_have_count(0)  # no search yet: only the form
    page.get_by_label("What are you looking for?").fill("confrence")
    press_enter_and_wait(page)
    assert query_of(page) == {"query": ["confrence"]}

    correction = page.get_by_role("status").filter(has_text="Showing results for")
    expect(correction).to_have_text("Showing results for conference. Search instead for “confrence”")
    expect(correction.locator("strong")).to_have_text("conference")
    expect(results_heading(page)).to_have_text("3 results for “conference”")
    expect(result_titles(page)).to_contain_text(["Child protection conferences"])
    # The facets narrow the corrected search, not the misspelt one.
    click_and_wait(page, facet_link(page, "Type of content", "Leaflets"))
    assert query_of(page) == {"query": ["conference"], "content_type": ["leaflet"]}
    expect(results_heading(page)).to_have_text("1 result for “conference”")
    expect(page.locator(".search-correction")).to_have_count(0)
    page.go_back()

    click_and_wait(page, page.get_by_role("link", name="Search instead for “confrence”"))
    assert query_of(page) == {"query": ["confrence"], "exact": ["1"]}
    expect(page.locator(".search-correction")).to_have_count(0)
    expect(results_heading(page)).to_have_count(0)
    empty = page.get_by_role("region", name="Nothing matched “confrence”")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("check the spelling")
    expect(empty.get_by_role("link", name="glossary of safeguarding terms")).to_be_visible()


def test_did_you_mean_searches_for_the_suggestion(page, small_site, site_url):
    # "protective" finds pages (the index stems it like "protection") but is not itself in them,
    # so the results stand and the word that is there is offered.
    page.goto(site_url("/search/"))
    page.get_by_label("What are you looking for?").fill("protective")
    press_enter_and_wait(page)
    suggestion = page.locator(".search-suggestion")
    expect(suggestion).to_have_text("Did you mean protection?")
    expect(results_heading(page)).to_contain_text("for “protective”")  # what was typed still ran

    click_and_wait(page, suggestion.get_by_role("link", name="protection", exact=True))
    assert query_of(page) == {"query": ["protection"]}
    expect(results_heading(page)).to_contain_text("for “protection”")
    expect(page.locator(".search-suggestion, .search-correction")).to_have_count(0)
    expect(page.get_by_label("What are you looking for?")).to_have_value("protection")


def test_a_word_that_matches_nothing_beside_one_that_does_is_corrected(page, small_site, site_url):
    page.goto(site_url("/search/"))
    page.get_by_label("What are you looking for?").fill("core grop")
    press_enter_and_wait(page)
    expect(page.locator(".search-correction")).to_contain_text("Showing results for core group")
    expect(results_heading(page)).to_have_text("2 results for “core group”")
    expect(result_titles(page)).to_contain_text(["Core group meetings"])
    click_and_wait(page, page.get_by_role("link", name="Search instead for “core grop”"))
    assert query_of(page) == {"query": ["core grop"], "exact": ["1"]}
    expect(page.locator(".search-correction")).to_have_count(0)


def test_no_results_page_offers_the_glossary_and_the_contacts(page, small_site, site_url):
    page.goto(site_url("/search/?query=xylophone"))
    expect(page.locator(".search-facets")).to_have_count(0)
    expect(results_heading(page)).to_have_count(0)
    empty = page.get_by_role("region", name="Nothing matched “xylophone”")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("check the spelling")
    expect(empty).to_contain_text("contact the partnership: the details are at the bottom of this page")
    expect(empty.locator(".notice--urgent")).to_contain_text("call the police on 999")

    # "At the bottom of this page" is true: the partnership's contacts are in the footer.
    footer = page.get_by_role("contentinfo")
    contacts = footer.get_by_role("region", name="Contact the partnership")
    expect(contacts.get_by_role("link", name=PARTNERSHIP_EMAIL)).to_have_attribute(
        "href", f"mailto:{PARTNERSHIP_EMAIL}"
    )
    expect(contacts.get_by_role("link", name=PARTNERSHIP_PHONE)).to_have_attribute(
        "href", "tel:" + PARTNERSHIP_PHONE.replace(" ", "")
    )

    click_and_wait(page, empty.get_by_role("link", name="glossary of safeguarding terms"))
    assert page.url == site_url(small_site.glossary_page)
    expect(page.get_by_role("heading", level=1)).to_have_text(small_site.glossary_page.title)


# --- Phone-sized screens ------------------------------------------------------------------------------


LONG_QUERY = "https://www.example.org/safeguarding/procedures/child-protection-conference-minutes-template"


def test_results_fit_a_phone(phone_page, small_site, site_url):
    page = phone_page
    for query in (
        "?query=conference",
        "?query=conference&content_type=leaflet",
        "?query=confrence",
        "?query=core+grop",
        "?query=xylophone",
        "?" + urlencode({"query": LONG_QUERY}),  # a pasted address: one long unbroken word
    ):
        page.goto(site_url("/search/" + query))
        size = widths(page)
        # A phone widens its layout viewport (innerWidth) to fit content that is too wide.
        assert size["inner"] == PHONE["width"] and size["scroll"] <= size["inner"], f"{page.url} is too wide: {size}"

    # The facets come first, above the results (one column), and each one fits the screen.
    page.goto(site_url("/search/?query=conference"))
    facets = page.get_by_role("navigation", name="Narrow your results").bounding_box()
    results = page.locator("#search-results").bounding_box()
    assert facets is not None and results is not None
    assert facets["y"] + facets["height"] <= results["y"], (facets, results)
    for box in (facets, results):
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    # Readable and easy to tap: not shrunk, not clipped, at least 24 CSS pixels tall (WCAG 2.5.8).
    links = page.locator(".search-facet a")
    assert links.count() >= 6
    for link in links.all():
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        assert box["height"] >= 24, (link.inner_text(), box)
        font_size = float(link.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
        assert font_size >= 16, (link.inner_text(), font_size)
        assert link.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), link.inner_text()

    # The header's search box is there, fits and works on a phone.
    header_search = page.get_by_role("searchbox", name="Search the portal")
    box = header_search.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    header_search.fill("core group")
    press_enter_and_wait(page)
    expect(results_heading(page)).to_have_text("2 results for “core group”")
    assert widths(page)["scroll"] <= PHONE["width"]


# --- Accessibility: axe (WCAG 2.2 AA) and the smoke check ---------------------------------------------

SEARCH_PAGES = [
    ("no search yet", "/search/"),
    ("results with facets", "/search/?query=conference"),
    ("filtered", "/search/?query=conference&content_type=leaflet"),
    ("corrected", "/search/?query=confrence"),
    ("did you mean", "/search/?query=core+grop"),
    ("no results", "/search/?query=xylophone"),
    ("no results for what was typed", "/search/?query=confrence&exact=1"),
    ("no results with a filter", "/search/?query=xylophone&content_type=leaflet"),
]


def _audit_search_pages(page, site_url, checker, suffix: str = "") -> None:
    """Open each kind of search page, run the smoke check and hand the page to axe."""
    for name, path in SEARCH_PAGES:
        response = page.goto(site_url(path))
        assert response is not None and response.status == 200, path
        assert page.evaluate(A11Y_PROBLEMS) == [], path
        checker(page, name + suffix)


def test_search_pages_pass_axe(page, small_site, site_url, audit):  # noqa: F811
    _audit_search_pages(page, site_url, audit)
    # A page reached by following links (the facet chosen, then the filter removed): same checks.
    page.goto(site_url("/search/?query=core+group"))
    click_and_wait(page, facet_link(page, "Type of content", "Guidance and procedures"))
    audit(page, "filtered by a click")
    audit.assert_clean()


def test_search_pages_pass_axe_on_a_phone(phone_page, small_site, site_url, audit):  # noqa: F811
    _audit_search_pages(phone_page, site_url, audit, suffix=", phone")
    audit.assert_clean()


def test_search_pages_pass_axe_in_high_contrast(page, small_site, site_url, audit):  # noqa: F811
    """The contrast toggle pressed as a reader would, then every kind of search page in high contrast
    (the server renders the choice from the cookie)."""
    page.goto(site_url("/search/?query=conference"))
    with page.expect_response(lambda response: urlsplit(response.url).path == CONTRAST_URL) as posted:
        page.get_by_role("button", name="High contrast").click()
    assert posted.value.status == 204
    page.reload()
    expect(page.locator("html")).to_have_class(CONTRAST_HIGH)
    _audit_search_pages(page, site_url, audit, suffix=", high contrast")
    expect(page.locator("html")).to_have_class(CONTRAST_HIGH)  # still on, on the last page too
    # The highlighted words use the high-contrast palette (cyan), not the normal yellow.
    page.goto(site_url("/search/?query=conference"))
    mark = page.locator(".result__snippet mark").first
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(0, 255, 255)"
    audit.assert_clean()

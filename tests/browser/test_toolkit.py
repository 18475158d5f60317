"""The toolkit, the glossary and the Youth Hub in a real browser: the live checkbox filter (with the
mouse, with the keyboard and without JavaScript), the quick exit across the Youth Hub, glossary
links landing on their definition, phone-sized screens and the accessibility smoke check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then (or fails them under REQUIRE_BROWSER=1)
    expect = None

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_site_shell import A11Y_PROBLEMS
from tests.toolkit.factories import (
    GlossaryPageFactory,
    GlossaryTermFactory,
    SupportServiceFactory,
    SupportServiceIndexPageFactory,
    ToolkitIndexPageFactory,
    ToolkitResourcePageFactory,
    YouthHubIndexPageFactory,
    YouthHubPageFactory,
    text_block,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Short waits: every update here is a request to the local live server.
QUICK_MS = 5_000

# Six resources: title -> (stages, age ranges, format). Listed in title order, as the page lists them.
RESOURCES = {
    "Acting on what we heard": (["act"], ["11-14"], "briefing"),
    "Feedback letter template": (["feed-back"], ["15-17"], "template"),
    "Listening to babies and toddlers": (["listen"], ["0-4"], "video"),
    "Mind of my own app guide": (["ask"], ["15-17"], "guide"),
    "Three houses": (["listen"], ["5-10", "11-14"], "activity"),
    "Wishes and feelings cards": (["ask", "listen"], ["11-14"], "activity"),
}
ALL_TITLES = sorted(RESOURCES)
LISTEN_TITLES = ["Listening to babies and toddlers", "Three houses", "Wishes and feelings cards"]
LISTEN_AGED_11_TO_14 = ["Three houses", "Wishes and feelings cards"]
SAFETY_PLAN = "safety-plan"


@dataclass
class Toolkit:
    index: Any
    resource: Any


@pytest.fixture
def toolkit(home_page) -> Toolkit:
    index = ToolkitIndexPageFactory(parent=home_page, slug="toolkit")
    pages = {
        title: ToolkitResourcePageFactory(
            parent=index,
            title=title,
            slug=re.sub(r"\W+", "-", title.lower()),
            stages=stages,
            ages=ages,
            resource_format=resource_format,
        )
        for title, (stages, ages, resource_format) in RESOURCES.items()
    }
    return Toolkit(index=index, resource=pages["Three houses"])


@dataclass
class YouthHub:
    index: Any
    page: Any
    support: Any
    glossary: Any


GLOSSARY = [
    ("Advocate", "advocate"),
    ("Bail", "bail"),
    ("Care leaver", "care-leaver"),
    ("Child in need", "child-in-need"),
    ("Disclosure", "disclosure"),
    ("Early help", "early-help"),
    ("Foster carer", "foster-carer"),
    ("Grooming", "grooming"),
    ("Independent visitor", "independent-visitor"),
    ("Kinship care", "kinship-care"),
    ("LADO", "lado"),
    ("Multi-agency", "multi-agency"),
    ("Neglect", "neglect"),
    ("Outreach worker", "outreach-worker"),
    ("Personal education plan", "personal-education-plan"),
    ("Referral", "referral"),
    ("Safety plan", SAFETY_PLAN),
    ("Target", "target"),
    ("Youth offending team", "youth-offending-team"),
    ("Zero tolerance", "zero-tolerance"),
]


@pytest.fixture
def youth_hub(home_page) -> YouthHub:
    index = YouthHubIndexPageFactory(parent=home_page, slug="youth-hub", title="Youth Hub")
    page = YouthHubPageFactory(
        parent=index,
        slug="social-workers",
        title="When a social worker visits",
        introduction="What happens and who you can talk to.",
        body=[
            text_block(
                "<p>A social worker visits to check that you are OK and to listen to you.</p>"
                "<p>They might write a safety plan with you and the adults you live with.</p>"
            )
        ],
    )
    support = SupportServiceIndexPageFactory(parent=index, slug="get-support", title="Get support")
    SupportServiceFactory(name="Childline", helps_with="Anything that worries you.", topics=["abuse"])
    SupportServiceFactory(name="Kooth", helps_with="Online counselling.", topics=["mental-health"], min_age=11)
    glossary = GlossaryPageFactory(parent=index, slug="words", title="Words explained")
    for term, slug in GLOSSARY:
        # Long enough definitions that the A to Z is several screens tall.
        GlossaryTermFactory(
            term=term,
            slug=slug,
            plain_definition=f"What {term.lower()} means. " + "A sentence or two in plain words for you. " * 6,
        )
    return YouthHub(index=index, page=page, support=support, glossary=glossary)


@pytest.fixture
def exit_url(settings, site_url) -> str:
    """No external network here, so the quick exit goes to a page of the live server instead."""
    settings.QUICK_EXIT_URL = site_url("/healthz/")
    return settings.QUICK_EXIT_URL


# --- Helpers ------------------------------------------------------------------------------------


def _filters(page):
    return page.locator("form[data-live-filter]")


def _label(page, text: str):
    """The label of a filter checkbox, found by its text without the count: "Listen" for "Listen (3)"."""
    return _filters(page).locator("label").filter(has_text=re.compile(rf"^{re.escape(text)} \(\d+\)$"))


def _checkbox(page, text: str):
    return _filters(page).get_by_label(re.compile(rf"^{re.escape(text)} \(\d+\)$"))


def _results(page):
    return page.locator("[data-live-results]")


def _expect_results(page, titles: list[str]) -> None:
    noun = "resource" if len(titles) == 1 else "resources"
    expect(_results(page).locator("h2")).to_have_text(f"{len(titles)} {noun}", timeout=QUICK_MS)
    expect(_results(page).locator(".result-list > li h3")).to_have_text(titles, timeout=QUICK_MS)


def _expect_labels(page, labels: list[str]) -> None:
    for text in labels:
        expect(_filters(page).get_by_text(text, exact=True)).to_have_count(1, timeout=QUICK_MS)


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _widths(page) -> dict:
    return page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")


# --- Live filter with JavaScript --------------------------------------------------------------------


def test_live_filter_updates_results_counts_url_and_status_without_navigating(page, toolkit, site_url, network_log):
    url = site_url(toolkit.index)
    page.goto(url)
    _expect_results(page, ALL_TITLES)
    _expect_labels(page, ["Ask (2)", "Listen (3)", "Act (1)", "Feed back (1)", "11 to 14 (3)", "15 to 17 (2)"])
    page.evaluate("window.__marker = 1")
    requests_before = len(network_log.requests)

    _label(page, "Listen").click()
    _label(page, "11 to 14").click()

    _expect_results(page, LISTEN_AGED_11_TO_14)
    # Same document: the page's JavaScript state survived, and nothing but the fetches was sent.
    assert page.evaluate("window.__marker") == 1
    assert _query(page) == {"stage": ["listen"], "age": ["11-14"]}
    assert urlsplit(page.url).path == urlsplit(url).path
    fetched = [request for request in network_log.requests[requests_before:] if "/static/" not in request]
    assert fetched == [f"GET {url}?stage=listen", f"GET {url}?stage=listen&age=11-14"], fetched
    # Each facet's counts take the other facets into account.
    _expect_labels(page, ["Ask (1)", "Listen (2)", "Act (1)", "Feed back (0)"])
    _expect_labels(page, ["Under 5 (1)", "5 to 10 (1)", "11 to 14 (2)", "15 to 17 (0)"])
    expect(_checkbox(page, "Listen")).to_be_checked()
    expect(_checkbox(page, "11 to 14")).to_be_checked()
    expect(_checkbox(page, "11 to 14")).to_be_focused()
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    expect(page.locator("[data-live-status]")).to_have_text("2 resources")
    expect(page.locator("[data-live-status]")).to_have_attribute("aria-live", "polite")
    expect(_results(page)).not_to_have_attribute("aria-busy", "true")
    assert page.evaluate(A11Y_PROBLEMS) == []

    # The address can be shared or reloaded: the server renders the same state.
    page.reload()
    assert page.evaluate("window.__marker") is None
    assert _query(page) == {"stage": ["listen"], "age": ["11-14"]}
    _expect_results(page, LISTEN_AGED_11_TO_14)
    expect(_checkbox(page, "Listen")).to_be_checked()
    expect(_checkbox(page, "11 to 14")).to_be_checked()
    expect(_checkbox(page, "Ask")).not_to_be_checked()
    _expect_labels(page, ["Ask (1)", "Listen (2)", "11 to 14 (2)"])

    # Unticking both brings the whole list back, still without a navigation.
    page.evaluate("window.__marker = 2")
    _label(page, "11 to 14").click()
    _expect_results(page, LISTEN_TITLES)
    _label(page, "Listen").click()
    _expect_results(page, ALL_TITLES)
    assert page.evaluate("window.__marker") == 2
    assert page.url == url
    _expect_labels(page, ["Ask (2)", "Listen (3)", "11 to 14 (3)", "15 to 17 (2)"])
    expect(page.locator("[data-live-status]")).to_have_text("6 resources")
    expect(_filters(page).locator("input:checked")).to_have_count(0)
    expect(page.locator("[data-clear-filters]")).to_be_hidden()


def test_results_stay_beside_the_filters_on_a_wide_screen(page, toolkit, site_url):
    """The live status region sits between the form and the results in the layout's grid; it must
    not take a grid cell and push the results under the filters."""
    page.goto(site_url(toolkit.index))
    form, results = _filters(page).bounding_box(), _results(page).bounding_box()
    assert form is not None and results is not None
    assert results["x"] >= form["x"] + form["width"], (form, results)
    assert abs(results["y"] - form["y"]) < 50, (form, results)


def test_live_filter_by_keyboard(page, toolkit, site_url):
    page.goto(site_url(toolkit.index))
    ask = _checkbox(page, "Ask")
    for _ in range(40):
        page.keyboard.press("Tab")
        if ask.evaluate("el => el === document.activeElement"):
            break
    expect(ask).to_be_focused()
    assert ask.evaluate("el => el.matches(':focus-visible')")

    page.keyboard.press("Space")
    expect(ask).to_be_checked()
    _expect_results(page, ["Mind of my own app guide", "Wishes and feelings cards"])
    expect(ask).to_be_focused()
    assert _query(page) == {"stage": ["ask"]}

    # On to the next box, and on to the "Apply filters" button.
    page.keyboard.press("Tab")
    expect(_checkbox(page, "Listen")).to_be_focused()
    page.keyboard.press("Space")
    _expect_results(page, ["Listening to babies and toddlers", "Mind of my own app guide", *LISTEN_AGED_11_TO_14])
    apply = page.get_by_role("button", name="Apply filters")
    for _ in range(30):
        page.keyboard.press("Tab")
        if apply.evaluate("el => el === document.activeElement"):
            break
    expect(apply).to_be_focused()
    assert apply.evaluate("el => el.matches(':focus-visible')")


# --- Without JavaScript -----------------------------------------------------------------------------


def test_filters_without_javascript_submit_with_the_button(nojs_page, toolkit, site_url):
    page = nojs_page
    url = site_url(toolkit.index)
    page.goto(url)
    _checkbox(page, "Listen").check()
    _checkbox(page, "11 to 14").check()
    _expect_results(page, ALL_TITLES)  # nothing happens until the button is pressed

    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    assert urlsplit(page.url).path == urlsplit(url).path
    assert _query(page) == {"stage": ["listen"], "age": ["11-14"]}
    _expect_results(page, LISTEN_AGED_11_TO_14)
    expect(_checkbox(page, "Listen")).to_be_checked()
    expect(_checkbox(page, "11 to 14")).to_be_checked()
    _expect_labels(page, ["Ask (1)", "Listen (2)", "11 to 14 (2)", "15 to 17 (0)"])

    with page.expect_navigation():
        page.get_by_role("link", name="Clear filters").click()
    assert page.url == url
    _expect_results(page, ALL_TITLES)


def test_a_bad_filter_value_without_javascript_links_to_the_checkboxes(nojs_page, toolkit, site_url):
    page = nojs_page
    page.goto(site_url(toolkit.index) + "?stage=bogus")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    _expect_results(page, ALL_TITLES)  # the bad value is ignored, not a server error

    summary.get_by_role("link", name="Choose a stage from the list.").click()
    first_stage = _checkbox(page, "Ask")
    expect(first_stage).to_be_focused()
    assert page.url.endswith("#id_stage_0")
    box = first_stage.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_a_live_update_clears_the_error_from_a_bad_address(page, toolkit, site_url):
    """Regression: the error summary and the stage group's error stayed on screen (and the group
    stayed described by the error) after a tick had replaced the bad address with a good one."""
    page.goto(site_url(toolkit.index) + "?stage=bogus")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    stages = page.get_by_role("group", name="Stage")
    expect(stages).to_have_attribute("aria-describedby", "id_stage-error")

    _label(page, "Listen").click()
    _expect_results(page, LISTEN_TITLES)
    assert _query(page) == {"stage": ["listen"]}
    expect(summary).to_have_count(0)
    expect(page.locator(".error-message")).to_have_count(0)
    expect(page.locator(".form-group--error")).to_have_count(0)
    expect(stages).not_to_have_attribute("aria-describedby", re.compile(".*"))
    expect(_checkbox(page, "Listen")).to_be_focused()
    assert page.evaluate(A11Y_PROBLEMS) == []


# --- Youth Hub --------------------------------------------------------------------------------------


def test_quick_exit_on_every_youth_hub_page(page, youth_hub, site_url, exit_url):
    for wagtail_page in (youth_hub.index, youth_hub.page, youth_hub.support, youth_hub.glossary):
        url = site_url(wagtail_page)
        page.goto(url)
        link = page.get_by_role("link", name="Leave this page")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", exit_url)
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(exit_url, timeout=QUICK_MS)


def test_support_services_age_error_keeps_what_was_typed(nojs_page, youth_hub, site_url):
    page = nojs_page
    page.goto(site_url(youth_hub.support))
    age = page.get_by_label("How old are you?")
    age.fill("abc")
    with page.expect_navigation():
        page.get_by_role("button", name="Show services").click()

    assert _query(page).get("age") == ["abc"]
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Enter your age as a number, like 14.")
    expect(age).to_have_value("abc")
    expect(age).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".result-list .service h3")).to_have_count(2)  # every service still shows
    summary.get_by_role("link", name="Enter your age as a number, like 14.").click()
    expect(age).to_be_focused()


# --- Glossary links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_glossary_link_lands_on_its_definition(new_page, youth_hub, site_url, size):
    if size == "phone":
        page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    else:
        page = new_page(viewport=DESKTOP)
    page.goto(site_url(youth_hub.page))
    # Screen readers hear that it leads to a definition; sighted readers see only the term.
    link = page.get_by_role("link", name="safety plan (glossary definition)", exact=True)
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", re.compile(rf"#{SAFETY_PLAN}$"))
    hint = link.locator(".visually-hidden")
    expect(hint).to_have_text(" (glossary definition)")
    hint_box = hint.bounding_box()
    assert hint_box is not None and hint_box["width"] <= 1 and hint_box["height"] <= 1

    link.click()
    page.wait_for_url(site_url(youth_hub.glossary) + f"#{SAFETY_PLAN}", timeout=QUICK_MS)
    entry = page.locator(f"#{SAFETY_PLAN}")
    expect(entry).to_contain_text("Safety plan")
    assert entry.evaluate("el => el.matches(':target')")
    style = entry.evaluate("el => { const s = getComputedStyle(el); return [s.outlineStyle, s.backgroundColor]; }")
    assert style == ["solid", "rgb(243, 242, 241)"], style
    assert page.evaluate("window.scrollY") > 0  # it really had to scroll

    viewport = page.viewport_size
    box = entry.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < viewport["height"] and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    # The term itself is on screen and not hidden under the sticky quick-exit bar.
    _expect_below_the_quick_exit(page, entry.locator("dt"))

    # The A to Z letters land below the bar too.
    page.get_by_role("navigation", name="Glossary letters").get_by_role("link", name="Y", exact=True).click()
    page.wait_for_url(re.compile(r"#letter-y$"), timeout=QUICK_MS)
    _expect_below_the_quick_exit(page, page.get_by_role("heading", name="Y", exact=True))


def _expect_below_the_quick_exit(page, target) -> None:
    """`target` is on screen, and not under the sticky quick-exit bar (taller on a phone)."""
    box = target.bounding_box()
    bar = page.locator("[data-quick-exit]").bounding_box()
    assert box is not None and bar is not None
    assert bar["y"] + bar["height"] <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"], (
        bar,
        box,
    )


# --- Phone-sized screens ----------------------------------------------------------------------------


def test_toolkit_glossary_and_youth_hub_fit_a_phone(phone_page, toolkit, youth_hub, site_url):
    for wagtail_page in (toolkit.index, youth_hub.glossary, youth_hub.page):
        phone_page.goto(site_url(wagtail_page))
        widths = _widths(phone_page)
        assert widths["inner"] == 375
        assert widths["scroll"] <= widths["inner"], f"{phone_page.url} scrolls sideways: {widths}"

    # WCAG 2.2 target size (minimum): the A to Z letters are at least 24 by 24 CSS pixels.
    phone_page.goto(site_url(youth_hub.glossary))
    letters = phone_page.get_by_role("navigation", name="Glossary letters").get_by_role("link")
    expect(letters).to_have_count(len({term[0] for term, _slug in GLOSSARY}))
    for letter in letters.all():
        box = letter.bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24, (letter.inner_text(), box)


# --- Accessibility smoke check ----------------------------------------------------------------------


def test_accessibility_smoke_check(page, toolkit, youth_hub, site_url):
    urls = [
        site_url(toolkit.index),
        site_url(toolkit.index) + "?stage=listen&age=11-14",
        site_url(toolkit.index) + "?stage=bogus",
        site_url(toolkit.resource),
        site_url(youth_hub.glossary),
        site_url(youth_hub.index),
        site_url(youth_hub.page),
        site_url(youth_hub.support),
        site_url(youth_hub.support) + "?age=abc",
    ]
    problems = {}
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        found = page.evaluate(A11Y_PROBLEMS)
        if found:
            problems[url] = found
    assert not problems, problems

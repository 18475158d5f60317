"""The site shell in a real browser: contrast toggle, quick exit, keyboard use, print, phones, and a
small accessibility smoke check. Each test runs with and, where it matters, without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then (or fails them under REQUIRE_BROWSER=1)
    expect = None

from django.utils import dateformat, timezone, translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONTRAST_HIGH = re.compile(r"(^|\s)contrast-high(\s|$)")
CONTRAST_URL = "/preferences/contrast/"


def _html_classes(page) -> list[str]:
    return (page.locator("html").get_attribute("class") or "").split()


# --- Contrast toggle ------------------------------------------------------------------------------


def test_contrast_toggle_with_javascript_switches_at_once_and_is_remembered(page, shell_pages, site_url):
    url = site_url(shell_pages.about)
    page.goto(url)
    button = page.get_by_role("button", name="High contrast")
    assert "js" in _html_classes(page)
    assert "contrast-high" not in _html_classes(page)
    expect(button).to_have_attribute("aria-pressed", "false")
    page.evaluate("window.__marker = 1")

    with page.expect_response(lambda response: urlsplit(response.url).path == CONTRAST_URL) as posted:
        button.click()
        # Switched by the script in the same turn as the click, before the server has answered.
        assert page.evaluate("document.documentElement.classList.contains('contrast-high')")
    assert posted.value.request.method == "GET"
    assert posted.value.status == 204
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    # No navigation: same URL, and the page's JavaScript state survived.
    assert page.url == url
    assert page.evaluate("window.__marker") == 1
    assert {"name": "contrast", "value": "high"}.items() <= _cookie(page, "contrast").items()

    page.reload()
    assert page.evaluate("window.__marker") is None  # it really was reloaded
    assert "contrast-high" in _html_classes(page)  # rendered by the server from the cookie
    expect(button).to_have_attribute("aria-pressed", "true")

    with page.expect_response(lambda response: urlsplit(response.url).path == CONTRAST_URL) as posted:
        button.click()
        assert not page.evaluate("document.documentElement.classList.contains('contrast-high')")
    assert posted.value.status == 204
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.url == url

    page.reload()
    assert "contrast-high" not in _html_classes(page)
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def _cookie(page, name: str) -> dict:
    return next((cookie for cookie in page.context.cookies() if cookie["name"] == name), {})


def test_contrast_toggle_falls_back_to_sending_the_form_when_the_background_save_fails(
    page, shell_pages, site_url, network_log
):
    """Regression: the fallback used to send the toggle's already-flipped value, undoing the choice."""
    url = site_url(shell_pages.about)
    page.goto(url)

    def fail_background_save(route, request) -> None:
        if request.headers.get("x-requested-with") == "fetch":
            route.abort("connectionfailed")
        else:
            route.fallback()

    page.route(f"**{CONTRAST_URL}?*", fail_background_save)
    with page.expect_navigation():
        page.get_by_role("button", name="High contrast").click()
    network_log.expect_console_error(CONTRAST_URL)  # the failed background request

    assert page.url == url
    expect(page.locator("html")).to_have_class(CONTRAST_HIGH)
    expect(page.get_by_role("button", name="High contrast")).to_have_attribute("aria-pressed", "true")
    assert _cookie(page, "contrast").get("value") == "high"


def test_contrast_toggle_without_javascript_sends_the_form_and_returns_to_the_same_page(
    nojs_page, shell_pages, site_url, network_log
):
    url = site_url(shell_pages.guidance)
    nojs_page.goto(url)
    assert "no-js" in _html_classes(nojs_page)
    button = nojs_page.get_by_role("button", name="High contrast")
    expect(button).to_have_attribute("aria-pressed", "false")

    with nojs_page.expect_navigation():
        button.click()
    assert nojs_page.url == url
    assert any(request.startswith(f"GET {site_url(CONTRAST_URL)}?") for request in network_log.requests)
    expect(nojs_page.locator("html")).to_have_class(CONTRAST_HIGH)
    expect(button).to_have_attribute("aria-pressed", "true")

    with nojs_page.expect_navigation():
        button.click()
    assert nojs_page.url == url
    expect(nojs_page.locator("html")).not_to_have_class(CONTRAST_HIGH)
    expect(button).to_have_attribute("aria-pressed", "false")


# --- Quick exit -------------------------------------------------------------------------------


@pytest.fixture
def exit_url(settings, site_url) -> str:
    """No external network here, so the quick exit goes to a page of the live server instead."""
    settings.QUICK_EXIT_URL = site_url("/healthz/")
    return settings.QUICK_EXIT_URL


def _open_child_page_after_home(page, shell_pages, site_url) -> tuple[str, str]:
    home_url, child_url = site_url(shell_pages.home), site_url(shell_pages.for_young_people)
    page.goto(home_url)
    page.goto(child_url)
    return home_url, child_url


def test_quick_exit_link_leaves_and_replaces_the_page_in_history(page, shell_pages, site_url, exit_url):
    home_url, child_url = _open_child_page_after_home(page, shell_pages, site_url)
    link = page.get_by_role("link", name="Leave this page")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", exit_url)
    expect(page.get_by_text("Press the Shift key 3 times")).to_be_visible()
    # It stays on screen when the reader scrolls (a short window, so that there is something to scroll).
    page.set_viewport_size({"width": 1280, "height": 400})
    assert page.evaluate("document.documentElement.scrollHeight > window.innerHeight + 200")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert page.evaluate("window.scrollY") > 200
    box = link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 400

    history_length = page.evaluate("history.length")
    link.click()
    page.wait_for_url(exit_url)
    assert page.evaluate("history.length") == history_length  # location.replace, not a new entry
    page.go_back()
    assert page.url == home_url != child_url


def test_quick_exit_after_shift_pressed_three_times(page, shell_pages, site_url, exit_url):
    home_url, child_url = _open_child_page_after_home(page, shell_pages, site_url)
    history_length = page.evaluate("history.length")

    # Shift twice then another key does not leave, and starts the count again.
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert page.url == child_url
    assert page.locator(".quick-exit-overlay").count() == 0

    page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert page.evaluate("history.length") == history_length
    page.go_back()
    assert page.url == home_url != child_url


def test_quick_exit_without_javascript_is_a_plain_link(nojs_page, shell_pages, site_url, exit_url):
    _open_child_page_after_home(nojs_page, shell_pages, site_url)
    # The Shift-key hint is only true with JavaScript, so it is hidden without it.
    expect(nojs_page.get_by_text("Press the Shift key 3 times")).to_be_hidden()
    nojs_page.get_by_role("link", name="Leave this page").click()
    nojs_page.wait_for_url(exit_url)
    expect(nojs_page.locator("body")).to_have_text("ok")


def test_quick_exit_is_absent_where_not_turned_on(page, shell_pages, site_url, exit_url):
    for wagtail_page in (shell_pages.home, shell_pages.about, shell_pages.guidance):
        page.goto(site_url(wagtail_page))
        expect(page.locator("[data-quick-exit]")).to_have_count(0)
        expect(page.get_by_role("link", name="Leave this page")).to_have_count(0)
    # Shift three times does nothing on these pages either.
    url = page.url
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert page.url == url


# --- Keyboard ---------------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute("href"),
        text: el.textContent.trim(),
        contrast: el.hasAttribute("data-contrast-button"),
        inNav: !!el.closest(".site-nav"),
        outline: style.outlineStyle === "none" ? "none" : style.outlineWidth,
        boxShadow: style.boxShadow,
        focusVisible: el.matches(":focus-visible"),
    };
}"""


@pytest.mark.parametrize("which", ["about", "for_young_people"])
def test_skip_link_is_first_and_moves_focus_to_the_main_content(page, shell_pages, site_url, which):
    page.goto(site_url(getattr(shell_pages, which)))
    skip_link = page.get_by_role("link", name="Skip to main content")
    box = skip_link.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # off screen until focused

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    viewport = page.viewport_size
    assert box is not None
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"]
    # Nothing (such as the sticky quick-exit bar) covers it.
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert skip_link.evaluate("(el, [x, y]) => el.contains(document.elementFromPoint(x, y))", centre)

    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    assert page.url.endswith("#main-content")


def test_quick_exit_is_next_in_the_tab_order_after_the_skip_link(page, shell_pages, site_url):
    page.goto(site_url(shell_pages.for_young_people))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Leave this page")).to_be_focused()


def test_header_controls_are_reachable_by_tab_with_a_visible_focus(page, shell_pages, site_url):
    page.goto(site_url(shell_pages.about))
    nav_hrefs = set(page.locator(".site-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert len(nav_hrefs) >= 2  # guidance, about, young people

    reached = []
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        reached.append(focused)
        if focused["inNav"] and nav_hrefs <= {item["href"] for item in reached if item["inNav"]}:
            break

    assert reached[0]["text"] == "Skip to main content"
    assert any(item["contrast"] for item in reached), reached
    assert nav_hrefs <= {item["href"] for item in reached if item["inNav"]}, reached
    for item in reached:
        assert item["focusVisible"], item
        assert item["outline"] != "none" or item["boxShadow"] != "none", f"no focus indicator on {item}"


# --- Print ------------------------------------------------------------------------------------


def _today_as_printed() -> str:
    with translation.override("en-gb"):
        return dateformat.format(timezone.localdate(), "j F Y")


def test_print_shows_the_notice_and_hides_the_navigation(page, shell_pages, site_url):
    page.goto(site_url(shell_pages.for_young_people))
    notice = page.locator("[data-print-notice]")
    expect(notice).to_be_hidden()

    page.emulate_media(media="print")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Printed on")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.get_by_role("button", name="High contrast")).to_be_hidden()
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.get_by_role("link", name="Leave this page")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()

    page.emulate_media(media="screen")
    expect(notice).to_be_hidden()
    expect(page.locator(".site-nav")).to_be_visible()


def test_printed_guidance_says_today_and_where_to_find_the_current_version(page, shell_pages, site_url):
    url = site_url(shell_pages.guidance)
    page.goto(url)
    page.emulate_media(media="print")
    notice = page.locator("[data-print-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(f"Printed on {_today_as_printed()}.")
    expect(notice).to_contain_text(url)
    # The browser rewrites the date as it prints (a page may have been open since yesterday); it
    # must agree with the server's format.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(notice.locator("[data-print-date]")).to_have_text(_today_as_printed())


# --- Phone-sized screens ------------------------------------------------------------------------


def test_no_horizontal_scroll_on_a_phone(phone_page, shell_pages, site_url):
    for wagtail_page in (shell_pages.home, shell_pages.for_young_people, shell_pages.guidance):
        phone_page.goto(site_url(wagtail_page))
        widths = phone_page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
        assert widths["inner"] == 375
        assert widths["scroll"] <= widths["inner"], f"{phone_page.url} scrolls sideways: {widths}"
    # The quick exit fits on screen.
    box = phone_page.get_by_role("link", name="Leave this page")
    phone_page.goto(site_url(shell_pages.for_young_people))
    rect = box.bounding_box()
    assert rect is not None and rect["x"] >= 0 and rect["x"] + rect["width"] <= 375


# --- Accessibility smoke check ----------------------------------------------------------------

A11Y_PROBLEMS = """() => {
    const problems = [];
    const byId = (id) => document.getElementById(id);
    const labelledBy = (el) => (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
        .map((id) => (byId(id) ? byId(id).textContent : "")).join(" ").trim();
    const ariaName = (el) => (el.getAttribute("aria-label") || "").trim() || labelledBy(el);

    if (!(document.documentElement.getAttribute("lang") || "").trim()) problems.push("<html> has no lang");
    if (!document.title.trim()) problems.push("empty <title>");
    const h1s = document.querySelectorAll("h1");
    if (h1s.length !== 1) problems.push(`${h1s.length} <h1> elements, expected 1`);
    if (document.querySelectorAll("main").length !== 1) problems.push("expected exactly one <main>");
    document.querySelectorAll("img").forEach((img) => {
        if (!img.hasAttribute("alt")) problems.push(`<img> without alt: ${img.getAttribute("src")}`);
    });
    document.querySelectorAll("input, select, textarea").forEach((el) => {
        if (["hidden", "submit", "button", "reset", "image"].includes(el.type)) return;
        const label = [...(el.labels || [])].some((l) => l.textContent.trim()) || ariaName(el) || el.title;
        if (!label) problems.push(`form control without a label: ${el.outerHTML.slice(0, 120)}`);
    });
    document.querySelectorAll("button, a[href], input[type=submit]").forEach((el) => {
        const name = el.textContent.trim() || el.value || ariaName(el) || el.querySelector("img[alt]:not([alt=''])");
        if (!name) problems.push(`control without an accessible name: ${el.outerHTML.slice(0, 120)}`);
    });
    const seen = new Set();
    document.querySelectorAll("[id]").forEach((el) => {
        if (seen.has(el.id)) problems.push(`duplicate id "${el.id}"`);
        seen.add(el.id);
    });
    document.querySelectorAll("[aria-labelledby], [aria-describedby], label[for]").forEach((el) => {
        const refs = [el.getAttribute("aria-labelledby"), el.getAttribute("aria-describedby"), el.getAttribute("for")];
        refs.filter(Boolean).join(" ").split(/\\s+/).filter(Boolean).forEach((id) => {
            if (!byId(id)) problems.push(`reference to missing id "${id}" from ${el.outerHTML.slice(0, 80)}`);
        });
    });
    return problems;
}"""


def test_accessibility_smoke_check(page, shell_pages, site_url, network_log):
    urls = [
        site_url(shell_pages.home),
        site_url(shell_pages.about),
        site_url(shell_pages.for_young_people),
        site_url(shell_pages.guidance_index),
        site_url(shell_pages.guidance),
        site_url("/search/?query=meetings"),
    ]
    problems = {}
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        found = page.evaluate(A11Y_PROBLEMS)
        if found:
            problems[url] = found
    assert not problems, problems


def test_not_found_page_passes_the_smoke_check(page, shell_pages, site_url, network_log):
    response = page.goto(site_url("/no-such-page/"))
    assert response is not None and response.status == 404
    # Chromium reports the 404 document itself on the console; that one is expected.
    network_log.expect_console_error("status of 404")
    assert page.evaluate(A11Y_PROBLEMS) == []

"""The pupils' report form end to end in headless Chromium, on a phone-sized screen: one complete
secondary and one complete primary report by keyboard alone, the path without JavaScript (a
postcode instead of the map), errors, the quick exit, and the layout and accessibility smoke check
on every page a pupil sees."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then (or fails them under REQUIRE_BROWSER=1)
    expect = None

from portal.reporting import cells, choices
from portal.reporting.models import PupilReport
from tests.browser.test_site_shell import A11Y_PROBLEMS
from tests.reporting.factories import CENTRE, SchoolFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REFERENCE_RE = re.compile(r"^R-[A-Z2-9]{4}-[A-Z2-9]{4}$")
SECONDARY_CODE = "EBK-BROOK"
PRIMARY_CODE = "EBK-PARK"
DETAILS = "The path by the canal is dark and older boys wait there after school."


# --- Fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def secondary_school(db):
    return SchoolFactory(
        name="Brook Academy",
        urn="900001",
        phase=choices.SECONDARY,
        join_code=SECONDARY_CODE,
        lead_email="dsl@brook.example",
    )


@pytest.fixture
def primary_school(db):
    return SchoolFactory(
        name="Parkside Primary",
        urn="900002",
        phase=choices.PRIMARY,
        join_code=PRIMARY_CODE,
        lead_email="dsl@parkside.example",
    )


@pytest.fixture
def exit_url(settings, site_url) -> str:
    """No external network here, so the quick exit goes to a page of the live server instead."""
    settings.QUICK_EXIT_URL = site_url("/healthz/")
    return settings.QUICK_EXIT_URL


# --- Keyboard helpers ---------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {tag: "body", id: "", name: "", type: "", label: "", text: "", checked: false};
    // A label's words as a screen reader hears them: without its decorative (aria-hidden) icons.
    const words = (label) => {
        const copy = label.cloneNode(true);
        copy.querySelectorAll("[aria-hidden='true']").forEach((hidden) => hidden.remove());
        return copy.textContent.replace(/\\s+/g, " ").trim();
    };
    const labels = el.labels ? [...el.labels].map(words) : [];
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        name: el.getAttribute("name") || "",
        type: el.getAttribute("type") || "",
        label: labels.join(" "),
        text: (el.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 80),
        checked: !!el.checked,
    };
}"""


def focused(page) -> dict[str, Any]:
    return page.evaluate(FOCUSED)


def _describe(item: dict[str, Any]) -> str:
    words = item["label"] or item["text"] or item["name"] or item["id"]
    return f"<{item['tag']}{' ' + item['type'] if item['type'] else ''}> {words!r}"


def tab_to(page, target: str | Callable[[dict[str, Any]], bool], limit: int = 60, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches ``target``: a CSS selector, or a
    predicate given a description of the focused element (see ``FOCUSED``). Fails, listing where
    the focus went, if it is not reached within ``limit`` presses."""
    key = "Shift+Tab" if backwards else "Tab"
    trail = []
    for _ in range(limit):
        page.keyboard.press(key)
        if isinstance(target, str):
            if page.evaluate("(selector) => !!document.activeElement?.matches(selector)", target):
                return focused(page)
            trail.append(_describe(focused(page)))
        else:
            item = focused(page)
            if target(item):
                return item
            trail.append(_describe(item))
    pytest.fail(
        f"{key} pressed {limit} times on {page.url} without reaching {target!r}; focus went to:\n  "
        + "\n  ".join(trail),
        pytrace=False,
    )


@dataclass(frozen=True)
class Focus:
    """A predicate for ``tab_to`` that names itself in failure messages."""

    description: str
    test: Callable[[dict[str, Any]], bool]

    def __call__(self, item: dict[str, Any]) -> bool:
        return self.test(item)

    def __repr__(self) -> str:
        return self.description


def labelled(text: str) -> Focus:
    """A form control whose label (without decorative icons) is exactly ``text``."""
    return Focus(f"the control labelled {text!r}", lambda item: item["label"] == text)


def control(text: str) -> Focus:
    """A button or link whose text is exactly ``text``."""
    return Focus(f"the button or link {text!r}", lambda item: item["tag"] in {"button", "a"} and item["text"] == text)


def press_and_wait(page, key: str = "Enter") -> None:
    """Press a key that navigates (a link, a submit button, Enter in a text box) and wait for the
    next page to load."""
    with page.expect_navigation():
        page.keyboard.press(key)


def tab_to_button_and_press(page, text: str) -> None:
    tab_to(page, control(text))
    press_and_wait(page)


def choose_by_arrows(page, name: str, label: str) -> None:
    """Tab into the radio group ``name`` and move through it with the arrow keys to ``label``."""
    tab_to(page, f'input[type="radio"][name="{name}"]')
    for _ in range(12):
        item = focused(page)
        assert item["name"] == name, f"focus left the radio group {name}: {_describe(item)}"
        if item["label"] == label:
            if not item["checked"]:
                page.keyboard.press("Space")
            break
        page.keyboard.press("ArrowDown")
    item = focused(page)
    assert item["label"] == label and item["checked"], f"wanted {label!r} chosen, focus is on {item}"
    assert page.locator(f'input[name="{name}"]:checked').count() == 1


def tick(page, label: str) -> None:
    """Tab to the checkbox labelled ``label`` and press Space."""
    tab_to(page, labelled(label))
    assert not focused(page)["checked"], f"{label!r} was already ticked"
    page.keyboard.press("Space")
    item = focused(page)
    assert item["label"] == label and item["checked"], f"wanted {label!r} ticked, focus is on {item}"


def type_into(page, label: str, text: str) -> None:
    tab_to(page, labelled(label))
    page.keyboard.type(text)


# --- Layout and accessibility, page by page -----------------------------------------------------


@dataclass
class Audit:
    """Runs the layout check and the accessibility smoke check on each page it is shown, and keeps
    what it found, so that a walk through the form reports every page at once."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)

    def __call__(self, page, name: str) -> None:
        self.pages.append(name)
        found = list(page.evaluate(A11Y_PROBLEMS))
        widths = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
        if widths["scroll"] > widths["inner"]:
            found.append(f"scrolls sideways on a phone: {widths}")
        if found:
            self.problems[f"{name} ({page.url})"] = found

    def assert_clean(self) -> None:
        assert not self.problems, "problems on the form's pages:\n" + "\n".join(
            f"  {where}: {found}" for where, found in self.problems.items()
        )


def _step(page) -> str:
    match = re.search(r"/step/([a-z-]+)/$", urlsplit(page.url).path)
    return match.group(1) if match else page.url


def expect_step(page, step: str) -> None:
    assert _step(page) == step, f"expected the {step!r} step, on {page.url}"
    expect(page.locator("form[data-report-step]")).to_have_attribute("data-report-step", step)


def answers_on_check_page(page) -> dict[str, str]:
    rows = page.locator(".summary-list__row")
    keys = rows.locator(".summary-list__key").all_inner_texts()
    values = rows.locator(".summary-list__value").all_inner_texts()
    return {key.strip(): value.strip() for key, value in zip(keys, values, strict=True)}


def start_by_keyboard(page, report_page, site_url, audit: Audit) -> None:
    page.goto(site_url(report_page))
    audit(page, "start")
    start = tab_to(page, 'a.button--start[role="button"]')
    assert start["text"] == "Start now"
    press_and_wait(page)
    expect_step(page, "school")


def send_by_keyboard(page) -> str:
    """On the check page: send, and return the reference the confirmation shows."""
    tab_to_button_and_press(page, "Send my report")
    assert page.url.endswith("/sent/"), page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. Your report has been sent")
    reference = page.locator(".reference").inner_text().strip()
    assert REFERENCE_RE.match(reference), reference
    return reference


# --- A complete secondary report, by keyboard ------------------------------------------------------

PANE_TRANSFORM = "() => document.querySelector('.leaflet-map-pane').style.transform"


def _pan_map(page, key: str, expected: str) -> None:
    """Press an arrow key on the focused map and wait for Leaflet's pan animation to finish."""
    page.keyboard.press(key)
    page.wait_for_function(f"(t) => ({PANE_TRANSFORM})() === t", arg=expected, timeout=5_000)


def test_secondary_report_by_keyboard_on_a_phone(phone_page, report_page, secondary_school, site_url, mailoutbox):
    page = phone_page
    audit = Audit()
    start_by_keyboard(page, report_page, site_url, audit)

    # Your school: the code, then Enter in the box sends the step.
    audit(page, "school")
    type_into(page, "Your school's code", SECONDARY_CODE)
    press_and_wait(page)

    # Where: arrow keys within the radio group.
    expect_step(page, "where")
    audit(page, "where")
    choose_by_arrows(page, "where-context", "On my way to or from school")
    tab_to_button_and_press(page, "Continue")

    # The place: pan the map with the arrow keys and put the pin in the middle.
    expect_step(page, "map-place")
    expect(page.locator("[data-report-map]")).to_be_visible()
    expect(page.locator(".leaflet-container")).to_be_visible()
    audit(page, "map-place")
    latitude, longitude = page.locator("#id_map-place-latitude"), page.locator("#id_map-place-longitude")
    status = page.locator("[data-map-status]")
    expect(latitude).to_have_value("")
    expect(status).to_have_text("")
    tab_to(page, ".leaflet-container")
    assert page.evaluate(PANE_TRANSFORM) in ("", "translate3d(0px, 0px, 0px)")
    _pan_map(page, "ArrowRight", "translate3d(-80px, 0px, 0px)")
    _pan_map(page, "ArrowDown", "translate3d(-80px, -80px, 0px)")
    tab_to(page, control("Put the pin in the middle of the map"))
    page.keyboard.press("Enter")
    expect(status).to_have_text("Pin placed. You can move it by tapping somewhere else.")
    expect(latitude).to_have_value(re.compile(r"^51\.\d+$"))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    pin = (float(latitude.input_value()), float(longitude.input_value()))
    # The map was centred on the school and panned east and south before the pin went in.
    assert pin[0] < CENTRE[0] and pin[1] > CENTRE[1], pin
    tab_to_button_and_press(page, "Continue")

    # What worries you: two boxes ticked with Space, one of them urgent.
    expect_step(page, "worries")
    audit(page, "worries")
    expect(page.locator(".choices__icon")).to_have_count(0)  # icons are for primary pupils
    tick(page, "Groups or gangs hanging around")
    tick(page, "Knives or other weapons")
    tab_to_button_and_press(page, "Continue")

    # How unsafe, and when.
    expect_step(page, "feeling")
    audit(page, "feeling")
    choose_by_arrows(page, "feeling-feeling", "Unsafe")
    tick(page, "After school")
    choose_by_arrows(page, "feeling-days", "School days")
    tab_to_button_and_press(page, "Continue")

    # Anything else (optional).
    expect_step(page, "details")
    audit(page, "details")
    type_into(page, "Is there anything else you want to tell us? (optional)", DETAILS)
    tab_to_button_and_press(page, "Continue")

    # A trusted adult: the name and class appear only after choosing yes.
    expect_step(page, "trusted-adult")
    audit(page, "trusted-adult")
    name_box, class_box = page.get_by_label("Your first name"), page.get_by_label("Your class or form")
    expect(name_box).to_be_hidden()
    expect(class_box).to_be_hidden()
    tab_to(page, 'input[name="trusted-adult-wants_trusted_adult"]')
    assert focused(page)["label"] == "Yes, I would like to talk to someone"
    expect(name_box).to_be_hidden()  # focus alone does not choose
    page.keyboard.press("Space")
    expect(page.get_by_label("Yes, I would like to talk to someone")).to_be_checked()
    expect(name_box).to_be_visible()
    expect(class_box).to_be_visible()
    audit(page, "trusted-adult, yes chosen")
    type_into(page, "Your first name", "Sam")
    type_into(page, "Your class or form", "9B")
    # Shift+Tab goes back the way it came.
    tab_to(page, labelled("Your first name"), limit=5, backwards=True)
    tab_to_button_and_press(page, "Continue")

    # Check your answers.
    expect_step(page, "check")
    audit(page, "check")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before you send them")
    answers = answers_on_check_page(page)
    assert answers == {
        "School": "Brook Academy",
        "Where": "On my way to or from school",
        "The place": "A pin on the map",
        "What worries you": "Groups or gangs hanging around, Knives or other weapons",
        "How unsafe": "Unsafe",
        "When": "After school, School days",
        "Anything else": DETAILS,
        "Talk to a trusted adult": "Yes: Sam, 9B",
    }, answers
    expect(page.get_by_role("link", name=re.compile(r"^Change"))).to_have_count(len(answers))

    reference = send_by_keyboard(page)
    audit(page, "sent")

    report = PupilReport.objects.get()
    assert report.reference == reference
    assert report.school == secondary_school
    assert report.age_group == choices.SECONDARY
    assert report.context == choices.ROUTE
    assert report.cell and cells.is_valid_cell(report.cell)
    assert cells.resolution_of(report.cell) == 10
    assert report.cell == cells.snap(*pin)
    assert report.route_cells == []
    assert sorted(report.categories) == ["groups", "weapons"]
    assert report.feeling == 2
    assert report.times_of_day == ["after-school"] and report.days == "weekdays"
    assert report.details == DETAILS
    assert report.urgent is True
    assert report.wants_trusted_adult is True
    assert (report.contact_name, report.contact_class) == ("Sam", "9B")

    # The urgent notice went to the school's safeguarding lead, without the pupil's words.
    assert len(mailoutbox) == 1, [message.subject for message in mailoutbox]
    notice = mailoutbox[0]
    assert notice.to == ["dsl@brook.example"]
    assert notice.subject == "Urgent pupil report for Brook Academy"
    assert reference in notice.body
    assert DETAILS not in notice.body and "Sam" not in notice.body

    assert audit.pages == [
        "start",
        "school",
        "where",
        "map-place",
        "worries",
        "feeling",
        "details",
        "trusted-adult",
        "trusted-adult, yes chosen",
        "check",
        "sent",
    ]
    audit.assert_clean()


# --- A complete primary report, by keyboard --------------------------------------------------------


def test_primary_report_by_keyboard_on_a_phone(phone_page, report_page, primary_school, site_url, mailoutbox):
    page = phone_page
    audit = Audit()
    start_by_keyboard(page, report_page, site_url, audit)

    audit(page, "school")
    type_into(page, "Your school's code", PRIMARY_CODE.lower())
    press_and_wait(page)

    # No age question at a primary school.
    expect_step(page, "where")
    expect(page.locator("body")).to_have_class(re.compile(r"\bpage-report--primary\b"))
    audit(page, "where")
    choose_by_arrows(page, "where-context", "At home")
    tab_to_button_and_press(page, "Continue")

    # Where at home: the house diagram, a room chosen with the arrow keys.
    expect_step(page, "home-place")
    audit(page, "home-place")
    house = page.locator(".house")
    expect(house).to_be_visible()
    expect(house.locator(".house__room")).to_have_count(len(choices.HOME_ROOMS))
    kitchen = page.locator(".house__room--kitchen")
    unchosen_background = kitchen.evaluate("el => getComputedStyle(el).backgroundColor")
    choose_by_arrows(page, "home-place-home_room", "Kitchen")
    expect(kitchen.locator("input")).to_be_checked()
    expect(house.locator("input:checked")).to_have_count(1)
    chosen = kitchen.evaluate(
        """el => ({background: getComputedStyle(el).backgroundColor, colour: getComputedStyle(el).color,
                   outline: getComputedStyle(el).outlineStyle})"""
    )
    other = page.locator(".house__room--bathroom").evaluate("el => getComputedStyle(el).backgroundColor")
    assert chosen["background"] != unchosen_background and chosen["background"] != other, chosen
    assert chosen["colour"] == "rgb(255, 255, 255)", chosen
    assert chosen["outline"] == "solid", chosen  # the focused room shows where the keyboard is
    tab_to_button_and_press(page, "Continue")

    # What makes you feel unsafe: primary wording, each with an icon.
    expect_step(page, "worries")
    audit(page, "worries")
    expect(page.get_by_role("heading", level=1)).to_have_text("What makes you feel unsafe?")
    primary_worries = choices.worry_choices(choices.PRIMARY)
    expect(page.locator(".choices--icons .choices__item")).to_have_count(len(primary_worries))
    expect(page.locator(".choices__icon")).to_have_count(len(primary_worries))
    hurt = page.locator(".choices__item").filter(has_text="Someone hurts me at home")
    expect(hurt).to_have_count(1)
    expect(hurt.locator(".choices__icon")).to_have_text("🏠")
    expect(hurt.locator(".choices__icon")).to_have_attribute("aria-hidden", "true")
    expect(page.get_by_text("Knives or other weapons")).to_have_count(0)
    expect(page.get_by_text("Someone hurting me at home")).to_have_count(0)  # the secondary words
    tick(page, "Someone hurts me at home")
    tab_to_button_and_press(page, "Continue")

    expect_step(page, "feeling")
    audit(page, "feeling")
    choose_by_arrows(page, "feeling-feeling", "Very unsafe")
    tab_to_button_and_press(page, "Continue")

    expect_step(page, "details")
    audit(page, "details")
    tab_to_button_and_press(page, "Continue")  # optional: left empty

    expect_step(page, "trusted-adult")
    audit(page, "trusted-adult")
    choose_by_arrows(page, "trusted-adult-wants_trusted_adult", "No, thank you")
    expect(page.get_by_label("Your first name")).to_be_hidden()
    tab_to_button_and_press(page, "Continue")

    expect_step(page, "check")
    audit(page, "check")
    answers = answers_on_check_page(page)
    assert answers == {
        "School": "Parkside Primary",
        "Where": "At home",
        "Where at home": "Kitchen",
        "What worries you": "Someone hurts me at home",
        "How unsafe": "Very unsafe",
        "When": "Not given",
        "Anything else": "Not given",
        "Talk to a trusted adult": "No",
    }, answers

    reference = send_by_keyboard(page)
    audit(page, "sent")

    report = PupilReport.objects.get()
    assert report.reference == reference
    assert report.school == primary_school
    assert report.age_group == choices.PRIMARY
    assert report.context == choices.HOME
    assert report.home_room == "kitchen"
    assert report.cell == "" and report.route_cells == []
    assert report.categories == ["hurt-at-home"]
    assert report.urgent is True
    assert report.wants_trusted_adult is False and report.contact_name == ""
    assert [message.to for message in mailoutbox] == [["dsl@parkside.example"]]
    audit.assert_clean()


# --- Without JavaScript ---------------------------------------------------------------------------


def test_report_without_javascript_uses_a_postcode(nojs_page, report_page, secondary_school, postcode, site_url):
    page = nojs_page
    page.goto(site_url(report_page))
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()

    page.get_by_label("Your school's code").fill(SECONDARY_CODE)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect_step(page, "where")
    page.get_by_label("Where I live or hang out (my neighbourhood)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    # No map and none of its buttons: a postcode or words instead.
    expect_step(page, "map-place")
    expect(page.locator("[data-report-map]")).to_be_hidden()
    expect(page.get_by_role("button", name="Put the pin in the middle of the map")).to_be_hidden()
    expect(page.locator(".leaflet-container")).to_have_count(0)
    expect(page.get_by_role("heading", name="Type a postcode or tell us where it is")).to_be_visible()
    page.get_by_label("Postcode").fill("eb1 1aa")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    expect_step(page, "worries")
    page.get_by_label("Bullying or being picked on").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect_step(page, "feeling")
    page.get_by_label("A bit unsafe").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect_step(page, "details")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    # Without JavaScript every question shows at once, so the name fields are there from the start;
    # a name typed while choosing "No" is not kept.
    expect_step(page, "trusted-adult")
    expect(page.get_by_label("Your first name")).to_be_visible()
    expect(page.get_by_label("Your class or form")).to_be_visible()
    page.get_by_label("No, thank you").check()
    page.get_by_label("Your first name").fill("Sam")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    expect_step(page, "check")
    answers = answers_on_check_page(page)
    assert answers["The place"] == "Postcode EB1 1AA"
    assert answers["Talk to a trusted adult"] == "No"
    with page.expect_navigation():
        page.get_by_role("button", name="Send my report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. Your report has been sent")
    reference = page.locator(".reference").inner_text().strip()

    report = PupilReport.objects.get()
    assert report.reference == reference
    assert report.context == choices.NEIGHBOURHOOD
    assert report.cell == cells.snap(postcode.latitude, postcode.longitude)
    assert report.urgent is False
    assert report.wants_trusted_adult is False and report.contact_name == ""


# --- Errors -----------------------------------------------------------------------------------------


def test_errors_are_summarised_linked_to_their_field_and_keep_what_was_typed(
    phone_page, report_page, secondary_school, site_url
):
    page = phone_page
    page.goto(site_url(report_page) + "step/school/")
    title = page.title()
    tab_to_button_and_press(page, "Continue")  # nothing entered

    expect_step(page, "school")
    assert page.title() == f"Error: {title}"
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    # At the top: before the form, and on screen without scrolling.
    assert summary.evaluate("el => !!(el.compareDocumentPosition(document.querySelector('form.report-form')) & 4)")
    box = summary.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], box
    message = "Enter your school's code, or choose your school from the list."
    expect(summary.get_by_role("link")).to_have_text([message])
    code_box = page.get_by_label("Your school's code")
    expect(code_box).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_school-join_code-error")).to_contain_text(message)

    # The summary's link takes the keyboard to the field.
    link = tab_to(page, "[data-error-summary] a", limit=3)
    assert link["text"] == message
    page.keyboard.press("Enter")
    expect(code_box).to_be_focused()
    assert page.url.endswith("#id_school-join_code")

    # A wrong code: explained, and still in the box to correct.
    page.keyboard.type("NOPE-123")
    press_and_wait(page)
    expect(summary).to_contain_text("We could not find a school with that code.")
    expect(code_box).to_have_value("NOPE-123")
    expect(code_box).to_have_attribute("aria-describedby", "id_school-join_code-hint id_school-join_code-error")
    assert page.evaluate(A11Y_PROBLEMS) == []

    # Corrected, it goes on.
    summary.get_by_role("link", name="We could not find a school with that code.").click()
    expect(code_box).to_be_focused()
    code_box.fill(SECONDARY_CODE)
    press_and_wait(page)
    expect_step(page, "where")
    expect(page.locator("[data-error-summary]")).to_have_count(0)


def test_error_summary_takes_the_focus_again_after_an_error_link_was_followed(
    phone_page, report_page, secondary_school, site_url
):
    page = phone_page
    page.goto(site_url(report_page) + "step/school/")
    tab_to_button_and_press(page, "Continue")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    tab_to(page, "[data-error-summary] a", limit=3)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your school's code")).to_be_focused()

    page.keyboard.type("NOPE-123")
    press_and_wait(page)
    expect(page.locator("[data-error-summary]")).to_contain_text("We could not find a school with that code.")
    expect(page.locator("[data-error-summary]")).to_be_focused(timeout=2_000)


# --- Quick exit -------------------------------------------------------------------------------------


def test_quick_exit_with_shift_three_times_on_a_report_step(
    phone_page, report_page, secondary_school, site_url, exit_url
):
    page = phone_page
    start_url = site_url(report_page)
    page.goto(start_url)
    page.goto(start_url + "step/school/")
    tab_to(page, "#id_school-join_code")
    page.keyboard.type(SECONDARY_CODE)
    press_and_wait(page)
    expect_step(page, "where")
    step_url = page.url
    link = page.get_by_role("link", name="Leave this page")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", exit_url)
    history_length = page.evaluate("history.length")

    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    expect(page.locator("body")).to_have_text("ok")
    assert page.evaluate("history.length") == history_length  # the step was replaced, not added to
    page.go_back()
    assert page.url == start_url + "step/school/" != step_url

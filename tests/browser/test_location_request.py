"""A care provider's location risk assessment request end to end in headless Chromium, on a desktop
screen: the whole form from the first step to the confirmation (with the map pin), the officer's
outcome reaching the private status page from the acknowledgement email's link, a wrong link that
reveals nothing, the "more information" round trip, and the form without JavaScript (the postcode
alone)."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then (or fails them under REQUIRE_BROWSER=1)
    expect = None

from django.utils import timezone
from django.utils.dateformat import format as format_date

from portal.location_requests import choices, services
from portal.location_requests.models import LocationRequest, LocationRequestMessage
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REFERENCE_RE = re.compile(r"^LRA-\d{4}-\d{5}$")
STATUS_LINK_RE = re.compile(r"https?://[^/\s]+(/location-request/status/[^/\s]+/)")
REASONS = "The flat is beside the station underpass, where pupils often report groups and drug dealing after dark."
RECOMMENDATIONS = "Plan routes that avoid the underpass after dark and agree a safety plan with the police team."
QUESTION = "Which school will the young person attend, and how will they travel there?"
ANSWER = "Canalside Academy, on the number 12 bus with a member of staff for the first month."


# --- Fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", email="officer@council.example", is_staff=True)


# --- Helpers ------------------------------------------------------------------------------------


def expect_step(page, step: str) -> None:
    assert urlsplit(page.url).path.endswith(f"/step/{step}/"), f"expected the {step!r} step, on {page.url}"
    expect(page.locator("form[data-request-step]")).to_have_attribute("data-request-step", step)


def click_and_wait(page, name: str):
    """Click the button ``name``, wait for the next page and return its response."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=name, exact=True).click()
    return navigation.value


def fill_organisation(page) -> None:
    expect_step(page, "organisation")
    page.get_by_label("Name of your organisation").fill("Riverside Supported Living")
    page.get_by_label("Supported accommodation").check()
    page.get_by_label("Ofsted URN (if you have one)").fill("sc 123456")
    page.get_by_label("Your full name").fill("Pat Lee")
    page.get_by_label("Your role").fill("Registered manager")
    page.get_by_label("Email address").fill("pat@riverside.example")
    page.get_by_label("Phone number").fill("01632 960 123")
    click_and_wait(page, "Continue")


def fill_address(page, postcode: str = "eb1 1aa") -> None:
    expect_step(page, "address")
    page.get_by_label("Address line 1").fill("Flat 3, 14 Station Road")
    page.get_by_label("Town or city").fill("Eastbrook")
    page.get_by_label("Postcode").fill(postcode)


def fill_placement_to_declaration(page) -> None:
    expect_step(page, "placement")
    page.get_by_label("A flat").check()
    page.get_by_label("How many young people will live there?").fill("1")
    page.get_by_label("Youngest age").fill("16")
    page.get_by_label("Oldest age").fill("17")
    start = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Planned start date").fill(start.isoformat())
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Their initials").fill("J.D.")
    page.get_by_label("Their age").fill("16")
    click_and_wait(page, "Continue")

    expect_step(page, "concerns")
    page.get_by_label("Going missing").check()
    page.get_by_label("Exploitation (criminal or sexual)").check()
    page.get_by_label("Notes on the concerns (optional)").fill("Has gone missing twice this year.")
    click_and_wait(page, "Continue")

    expect_step(page, "research")
    page.get_by_label("Local police team").fill("Spoke to the Safer Neighbourhood Team.")
    page.get_by_label("Transport links").fill("Two bus routes and the station.")
    click_and_wait(page, "Continue")

    expect_step(page, "declaration")
    page.get_by_label("The information I have given is accurate to the best of my knowledge.").check()
    page.get_by_label(re.compile(r"^I understand the partnership may share this information")).check()
    click_and_wait(page, "Continue")


def answers_on_check_page(page) -> dict[str, str]:
    rows = page.locator(".summary-list__row")
    keys = rows.locator(".summary-list__key").all_inner_texts()
    values = rows.locator(".summary-list__value").all_inner_texts()
    return {key.strip(): value.strip() for key, value in zip(keys, values, strict=True)}


def send(page) -> str:
    """On the check page: send, and return the reference the confirmation shows."""
    expect_step(page, "check")
    click_and_wait(page, "Send the request")
    assert urlsplit(page.url).path.endswith("/sent/"), page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")
    reference = page.locator(".reference").inner_text().strip()
    assert REFERENCE_RE.match(reference), reference
    return reference


def status_path(message) -> str:
    """The path of the private status link in an email (the email names the configured site)."""
    match = STATUS_LINK_RE.search(message.body)
    assert match, message.body
    return match.group(1)


def make_request(**overrides) -> LocationRequest:
    fields = {
        "organisation_name": "Willow Foster Care",
        "organisation_type": "fostering-agency",
        "ofsted_urn": "SC654321",
        "contact_name": "Grace Adebayo",
        "contact_role": "Supervising social worker",
        "contact_email": "grace@willow.example",
        "contact_phone": "01632 960 767",
        "address_line_1": "41 Canal Street",
        "town": "Eastbrook",
        "postcode": "EB6 3HR",
        "location": "SRID=4326;POINT(0.1837 51.5774)",
        "accommodation_type": "supported-lodgings",
        "number_of_young_people": 1,
        "age_from": 16,
        "age_to": 16,
        "planned_start": timezone.localdate() + datetime.timedelta(days=30),
        "research": {"schools": "Canalside Academy is at the end of the street."},
        "declared_accurate": True,
        "agreed_to_sharing": True,
        **overrides,
    }
    request, created = services.submit_request(fields, "browser-test-key")
    assert created
    return request


# --- The whole request, then the outcome --------------------------------------------------------


def test_a_provider_sends_a_request_and_reads_the_officers_outcome(
    page, request_page, postcode, officer, site_url, mailoutbox, network_log
):
    page.goto(site_url(request_page))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a location risk assessment")
    expect(page.get_by_text("Research the area yourself first.")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Start your request").click()

    fill_organisation(page)

    # The address, with a pin on the map: first in the middle, then moved by clicking the map.
    fill_address(page)
    latitude, longitude = page.locator("#id_address-latitude"), page.locator("#id_address-longitude")
    status = page.locator("[data-map-status]")
    expect(page.locator("[data-report-map]")).to_be_visible()
    expect(page.locator(".leaflet-container")).to_be_visible()
    expect(latitude).to_have_value("")
    page.get_by_role("button", name="Put the pin in the middle of the map").click()
    expect(status).to_have_text("Pin placed. You can move it by clicking somewhere else.")
    expect(latitude).to_have_value(re.compile(r"^51\.\d{6}$"))
    expect(longitude).to_have_value(re.compile(r"^0\.\d{6}$"))
    middle = (float(latitude.input_value()), float(longitude.input_value()))
    canvas = page.locator("[data-report-map-canvas]")
    box = canvas.bounding_box()
    assert box is not None
    canvas.click(position={"x": box["width"] / 2 + 60, "y": box["height"] / 2 + 40})
    expect(latitude).not_to_have_value(str(middle[0]))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    pin = (float(latitude.input_value()), float(longitude.input_value()))
    assert pin[0] < middle[0] and pin[1] > middle[1], (middle, pin)  # below and right of the middle
    click_and_wait(page, "Continue")

    fill_placement_to_declaration(page)

    answers = answers_on_check_page(page)
    assert answers["Organisation"] == "Riverside Supported Living"
    assert answers["Ofsted URN"] == "SC123456"
    assert answers["Address"] == "Flat 3, 14 Station Road\nEastbrook\nEB1 1AA"
    assert answers["On the map"] == "Pin placed"
    assert answers["Young person being placed"] == "JD, aged 16"
    assert answers["Concerns"] == "Exploitation (criminal or sexual), Going missing"

    # The confirmation: the reference and the date the response is due.
    reference = send(page)
    request = LocationRequest.objects.get()
    assert request.reference == reference
    due = format_date(request.due_date, "l j F Y")
    expect(page.locator("main")).to_contain_text(f"We will respond by {due}.")
    expect(page.get_by_text("An officer will look at the area around the address.")).to_be_visible()
    assert request.status == choices.SUBMITTED
    assert (request.latitude, request.longitude) == pin
    assert request.location == f"SRID=4326;POINT({pin[1]} {pin[0]})"
    assert (request.young_person_initials, request.young_person_age) == ("JD", 16)

    # Sending it again (Back, then the button once more) stores nothing new.
    page.go_back()
    click_and_wait(page, "Send the request")
    assert LocationRequest.objects.count() == 1

    # The acknowledgement email carries the private link.
    assert [message.to for message in mailoutbox] == [["pat@riverside.example"]]
    acknowledgement = mailoutbox[0]
    assert reference in acknowledgement.subject
    link = status_path(acknowledgement)

    # The officer takes the request and asks a question; the provider sees it at the link.
    services.assign(request, officer, user=officer)
    services.change_status(request, choices.IN_ASSESSMENT, user=officer)
    services.change_status(request, choices.MORE_INFORMATION, user=officer, message=QUESTION)
    assert QUESTION in mailoutbox[-1].body and status_path(mailoutbox[-1])
    page.goto(site_url(link))
    expect(page.locator(".summary-list")).to_contain_text("More information needed")
    expect(page.locator("ol.result-list")).to_contain_text("The officer asked")
    expect(page.locator("ol.result-list")).to_contain_text(QUESTION)
    expect(page.get_by_label("Your answer")).to_be_visible()

    # The officer records the outcome.
    request.refresh_from_db()
    request.risk_rating = choices.HIGH
    request.outcome_reasons = REASONS
    request.recommendations = RECOMMENDATIONS
    request.save()
    services.change_status(request, choices.COMPLETED, user=officer)
    outcome_email = mailoutbox[-1]
    assert outcome_email.to == ["pat@riverside.example"] and "outcome" in outcome_email.subject
    outcome_token = status_path(outcome_email).rstrip("/").rsplit("/", 1)[-1]
    assert LocationRequest.for_token(outcome_token) == request

    # The provider opens the link from the email and reads the outcome.
    response = page.goto(site_url(link))
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Location risk assessment request {reference}")
    expect(page.locator(".summary-list")).to_contain_text("Completed")
    outcome = page.locator("section[aria-labelledby='outcome-heading']")
    expect(outcome.get_by_role("heading", name="The assessment")).to_be_visible()
    expect(outcome.locator(".tag--high")).to_have_text("High")
    expect(outcome).to_contain_text(REASONS)
    expect(outcome).to_contain_text(RECOMMENDATIONS)
    expect(outcome).to_contain_text(f"Completed on {format_date(timezone.localdate(), 'j F Y')}.")
    expect(page.get_by_label("Your answer")).to_have_count(0)  # nothing to add once it is completed

    # A wrong link is a plain 404 that says nothing about the request.
    token = link.rstrip("/").rsplit("/", 1)[-1]
    tampered = token[:-3] + ("xyz" if not token.endswith("xyz") else "abc")
    for wrong in (f"/location-request/status/{tampered}/", "/location-request/status/not-a-real-token/"):
        response = page.goto(site_url(wrong))
        assert response is not None and response.status == 404, wrong
        html = page.content()
        for secret in (reference, "Riverside", "Station Road", "EB1 1AA", "Risk rating", "Completed", REASONS):
            assert secret not in html, (wrong, secret)
        assert "High" not in page.locator("main").inner_text()
    network_log.expect_console_error("status of 404")  # Chromium logs the 404 document itself


# --- More information ---------------------------------------------------------------------------


def test_the_provider_answers_the_officers_question_on_the_status_page(page, home_page, officer, site_url, mailoutbox):
    request = make_request()
    services.assign(request, officer, user=officer)
    services.change_status(request, choices.IN_ASSESSMENT, user=officer)
    services.change_status(request, choices.MORE_INFORMATION, user=officer, message=QUESTION)
    question_email = mailoutbox[-1]
    assert question_email.to == ["grace@willow.example"] and QUESTION in question_email.body

    page.goto(site_url(status_path(question_email)))
    expect(page.locator(".summary-list")).to_contain_text("More information needed")
    thread = page.locator("ol.result-list")
    expect(thread.locator("li")).to_have_count(1)
    expect(thread).to_contain_text("The officer asked")
    expect(thread).to_contain_text(QUESTION)
    expect(page.get_by_role("heading", name="Add the information the officer asked for")).to_be_visible()

    # An empty answer: a plain error, and nothing stored.
    response = click_and_wait(page, "Send")
    assert response is not None and response.status == 200, response and response.status
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter the information the officer asked for.")
    expect(page.get_by_label("Your answer")).to_have_attribute("aria-invalid", "true")
    request.refresh_from_db()
    assert request.status == choices.MORE_INFORMATION
    assert request.messages.count() == 1

    page.get_by_label("Your answer").fill(ANSWER)
    click_and_wait(page, "Send")
    assert urlsplit(page.url).query == "sent=1"
    expect(page.get_by_role("status")).to_contain_text("Thank you. We have your information")
    expect(page.locator(".summary-list")).to_contain_text("In assessment")
    expect(thread.locator("li")).to_have_count(2)
    expect(thread.locator("li").nth(1)).to_contain_text("You answered")
    expect(thread.locator("li").nth(1)).to_contain_text(ANSWER)
    expect(page.get_by_label("Your answer")).to_have_count(0)

    request.refresh_from_db()
    assert request.status == choices.IN_ASSESSMENT
    answer = request.messages.last()
    assert (answer.sender, answer.text) == (LocationRequestMessage.FROM_PROVIDER, ANSWER)
    assert mailoutbox[-1].to == ["officer@council.example"]


# --- Without JavaScript -------------------------------------------------------------------------


def test_without_javascript_the_postcode_alone_places_the_address(
    nojs_page, request_page, postcode, site_url, mailoutbox
):
    page = nojs_page
    page.goto(site_url(request_page))
    with page.expect_navigation():
        page.get_by_role("button", name="Start your request").click()
    fill_organisation(page)

    # No map and none of its buttons: the postcode is enough.
    fill_address(page, postcode="eb11aa")
    expect(page.locator("[data-report-map]")).to_be_hidden()
    expect(page.get_by_role("button", name="Put the pin in the middle of the map")).to_be_hidden()
    expect(page.locator(".leaflet-container")).to_have_count(0)
    click_and_wait(page, "Continue")

    fill_placement_to_declaration(page)
    answers = answers_on_check_page(page)
    assert answers["Address"] == "Flat 3, 14 Station Road\nEastbrook\nEB1 1AA"
    assert answers["On the map"] == "From the postcode"

    reference = send(page)
    request = LocationRequest.objects.get()
    assert request.reference == reference
    assert request.postcode == "EB1 1AA"
    assert (request.latitude, request.longitude) == (postcode.latitude, postcode.longitude)
    assert [message.to for message in mailoutbox] == [["pat@riverside.example"]]

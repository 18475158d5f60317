"""The provider's request form from the provider's side: every step's errors, nothing lost, check
your answers, sending, the confirmation and the acknowledgement email."""

from __future__ import annotations

import datetime
import re

import pytest

from django.core import mail
from django.utils import timezone

from portal.location_requests.models import LocationRequest
from tests.location_requests.walker import STEPS, RequestWalker, complete_request, default_answers
from tests.reporting.factories import PostcodeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def walker(client, request_page):
    return RequestWalker(client, request_page)


def html_of(response) -> str:
    return response.content.decode()


def to_step(walker, target: str) -> None:
    answers = default_answers()
    walker.get("organisation")
    for step in STEPS:
        if step == target:
            return
        walker.answer(step, answers[step])


def test_start_page_explains_and_links_to_the_first_step(client, request_page):
    html = html_of(client.get(request_page.url))
    assert "Care providers use this form" in html
    assert "We will respond within 10 working days." in html
    assert 'href="/location-request/step/organisation/"' in html


# --- Organisation ----------------------------------------------------------------------------------


def test_organisation_step_lists_every_missing_answer(walker):
    walker.get("organisation")
    html = html_of(walker.post("organisation", {}))
    for message in (
        "Enter the name of your organisation.",
        "Choose the type of organisation.",
        "Enter your full name.",
        "Enter your role.",
        "Enter your email address.",
        "Enter a phone number.",
    ):
        assert message in html
    assert "There is a problem" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_email", "pat-at-provider", "Enter an email address in the correct format"),
        ("contact_phone", "123", "Enter a UK phone number, like 01632 960 123."),
        ("ofsted_urn", "AB12", "Enter the Ofsted URN as 6 to 8 digits"),
    ],
)
def test_organisation_step_explains_badly_formed_answers_and_keeps_them(walker, field, value, message):
    walker.get("organisation")
    answers = {**default_answers()["organisation"], field: value}
    html = html_of(walker.post("organisation", answers))
    assert message in html
    assert f'value="{value}"' in html
    assert 'value="Brookside Supported Living"' in html  # the rest is kept too


# --- Address ------------------------------------------------------------------------------------------


def test_postcode_format_error_gives_an_example_and_keeps_the_address(walker):
    to_step(walker, "address")
    html = html_of(walker.post("address", {"address_line_1": "12 Mill Road", "town": "Eastbrook", "postcode": "EB1"}))
    assert "Enter a full UK postcode, like EB1 2AB." in html
    assert 'value="12 Mill Road"' in html and 'value="EB1"' in html


def test_address_step_offers_a_map_with_javascript_only(walker):
    to_step(walker, "address")
    html = html_of(walker.get("address"))
    assert "data-report-map" in html and " hidden>" in html
    assert "vendor/leaflet/leaflet.js" in html


def test_without_a_pin_the_postcode_places_the_address(walker):
    PostcodeFactory(postcode="EB1 1AA", latitude=51.58, longitude=0.19)
    complete_request(walker)
    request = LocationRequest.objects.get()
    assert request.postcode == "EB1 1AA"
    assert (request.latitude, request.longitude) == (51.58, 0.19)


def test_a_pin_wins_over_the_postcode(walker):
    PostcodeFactory(postcode="EB1 1AA", latitude=51.58, longitude=0.19)
    complete_request(walker, {"address": {"latitude": "51.5701", "longitude": "0.1702"}})
    request = LocationRequest.objects.get()
    assert (request.latitude, request.longitude) == (51.5701, 0.1702)
    assert request.location == "SRID=4326;POINT(0.170200 51.570100)"


def test_an_unknown_postcode_is_accepted_without_a_place(walker):
    complete_request(walker, {"address": {"postcode": "EB9 9ZZ"}})
    request = LocationRequest.objects.get()
    assert request.postcode == "EB9 9ZZ" and request.location == "" and request.latitude is None


# --- Placement ---------------------------------------------------------------------------------------


def test_placement_errors(walker):
    to_step(walker, "placement")
    answers = {
        **default_answers()["placement"],
        "age_from": "17",
        "age_to": "15",
        "number_of_young_people": "0",
        "planned_start": "31/02/2027",
    }
    html = html_of(walker.post("placement", answers))
    assert "The oldest age must be the same as or more than the youngest age." in html
    assert "Enter at least 1." in html
    assert "Enter the planned start date as a real date" in html


def test_a_start_date_long_past_is_refused(walker):
    to_step(walker, "placement")
    long_ago = (timezone.localdate() - datetime.timedelta(days=800)).isoformat()
    html = html_of(walker.post("placement", {**default_answers()["placement"], "planned_start": long_ago}))
    assert "The planned start date must be within the last year or in the future." in html


def test_a_name_instead_of_initials_is_refused(walker):
    to_step(walker, "placement")
    html = html_of(walker.post("placement", {**default_answers()["placement"], "young_person_initials": "Jordan"}))
    assert "Enter initials only (up to 3 letters, like JD), never a name." in html


def test_a_specific_young_person_needs_initials_and_age(walker):
    to_step(walker, "placement")
    answers = {**default_answers()["placement"], "young_person_initials": "", "young_person_age": ""}
    html = html_of(walker.post("placement", answers))
    assert "Enter the young person&#x27;s initials." in html and "Enter the young person&#x27;s age." in html


def test_initials_are_dropped_when_no_specific_young_person_is_placed(walker):
    complete_request(walker, {"placement": {"specific_young_person": "no"}})
    request = LocationRequest.objects.get()
    assert request.young_person_initials == "" and request.young_person_age is None


# --- Concerns, research, declaration -------------------------------------------------------------------


def test_other_concern_needs_a_note(walker):
    to_step(walker, "concerns")
    html = html_of(walker.post("concerns", {"concerns": ["other"]}))
    assert "Tell us about the other concern." in html


def test_research_needs_at_least_one_answer(walker):
    to_step(walker, "research")
    html = html_of(walker.post("research", {"research_notes": "nothing much"}))
    assert "Tell us about at least one part of your own research" in html
    assert "nothing much" in html


def test_declaration_must_be_confirmed(walker):
    to_step(walker, "declaration")
    html = html_of(walker.post("declaration", {}))
    assert "Confirm that the information is accurate." in html
    assert "Confirm that you understand how the information will be shared." in html


# --- Check your answers and sending ---------------------------------------------------------------------


def test_check_page_shows_every_section_with_change_links(walker):
    html = html_of(complete_request(walker, send=False))
    assert "Check your answers before sending your request" in html
    for text in (
        "Brookside Supported Living",
        "SC123456",
        "EB1 1AA",
        "JD, aged 16",
        "Going missing",
        "Two bus routes.",
    ):
        assert text in html
    for step in ("organisation", "address", "placement", "concerns", "research"):
        assert f'href="/location-request/step/{step}/"' in html


def test_a_change_from_the_check_page_returns_to_it(walker):
    complete_request(walker, send=False)
    walker.get("concerns")
    assert walker.answer("concerns", {"concerns": ["gangs"]}) == "check"


def test_answers_survive_going_back(walker):
    complete_request(walker, send=False)
    html = html_of(walker.get("organisation"))
    assert 'value="Brookside Supported Living"' in html
    assert 'value="pat@provider.example"' in html


def test_sending_stores_the_request_with_a_reference_and_due_date(walker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = complete_request(walker)
    html = html_of(response)
    request = LocationRequest.objects.get()
    assert re.fullmatch(r"LRA-\d{4}-\d{5}", request.reference)
    assert request.reference in html
    assert request.due_date.strftime("%-d %B %Y") in html
    assert request.ofsted_urn == "SC123456" and request.young_person_initials == "JD"
    assert request.concerns == ["missing", "exploitation"]
    assert request.research == {"police_team": "Spoke to the Safer Neighbourhood Team.", "transport": "Two bus routes."}
    assert request.declared_accurate and request.agreed_to_sharing
    [email] = mail.outbox
    assert email.to == ["pat@provider.example"]
    assert request.reference in email.subject
    assert f"/location-request/status/{request.status_token}/" in email.body
    assert request.due_date.strftime("%-d %B %Y") in email.body


def test_team_is_told_when_a_team_address_is_set(walker, settings, django_capture_on_commit_callbacks):
    settings.LOCATION_REQUEST_TEAM_EMAIL = "lra-team@council.example"
    with django_capture_on_commit_callbacks(execute=True):
        complete_request(walker)
    assert sorted(email.to[0] for email in mail.outbox) == ["lra-team@council.example", "pat@provider.example"]


def test_a_double_submit_creates_one_request(walker):
    complete_request(walker, send=False)
    first = walker.post("check", {})
    second = walker.post("check", {})
    walker.client.get(first["Location"])
    done = walker.client.get(second["Location"])
    assert LocationRequest.objects.count() == 1
    assert done["Location"].endswith("/location-request/sent/")


def test_racing_submissions_from_one_form_create_one_request(walker, client):
    complete_request(walker, send=False)
    walker.post("check", {})
    saved = dict(client.session.items())
    client.get(walker.step_url("done"))
    session = client.session
    session.update(saved)
    session.save()
    client.get(walker.step_url("done"))
    assert LocationRequest.objects.count() == 1


def test_two_requests_get_consecutive_references(client, request_page):
    from django.test import Client

    complete_request(RequestWalker(client, request_page))
    complete_request(RequestWalker(Client(), request_page))
    numbers = sorted(int(ref[-5:]) for ref in LocationRequest.objects.values_list("reference", flat=True))
    assert numbers[1] == numbers[0] + 1


def test_rubbish_posted_to_any_step_never_gives_a_server_error(walker):
    walker.get("organisation")
    for step in [*STEPS, "check", "done"]:
        response = walker.client.post(
            walker.step_url(step),
            {f"{walker.prefix}-current_step": step, f"{step}-latitude": "nan", f"{step}-age_from": "x" * 300},
        )
        assert response.status_code < 500, step

"""Defects a review found in the request form, each with a test that fails if it comes back."""

from __future__ import annotations

import re

import pytest

from portal.location_requests.models import LocationRequest
from tests.location_requests.walker import STEPS, RequestWalker, complete_request, default_answers

pytestmark = pytest.mark.django_db


def test_a_tampered_step_on_the_request_form_is_sent_back(client, request_page):
    walker = RequestWalker(client, request_page)
    walker.get("organisation")
    response = client.post(walker.step_url("organisation"), {f"{walker.prefix}-current_step": "bogus"})
    assert response.status_code == 302
    assert response["Location"].endswith("/location-request/step/organisation/")


def test_an_overlong_provider_email_is_a_form_error_not_a_lost_request(client, request_page):
    long_email = "a" * 250 + "@example.org"
    walker = RequestWalker(client, request_page)
    walker.get("organisation")
    response = walker.post("organisation", {**default_answers()["organisation"], "contact_email": long_email})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_a_pin_near_the_meridian_keeps_its_place(client, request_page):
    complete_request(RequestWalker(client, request_page), {"address": {"latitude": "51.5", "longitude": "0.00001"}})
    request = LocationRequest.objects.get()
    assert request.longitude == pytest.approx(0.00001) and request.latitude == pytest.approx(51.5)


def test_error_summary_links_land_on_a_real_element(client, request_page):
    walker = RequestWalker(client, request_page)
    answers = default_answers()
    walker.get("organisation")
    for step in STEPS[:-1]:
        walker.answer(step, answers[step])
    html = walker.post("declaration", {}).content.decode()
    for anchor in re.findall(r'<li><a href="#([^"]+)"', html):
        assert f'id="{anchor}"' in html, anchor

"""The area-profile panel on a request's admin page: suppressed counts of pupils' reports around the
address within a chosen radius, in tables, with a small self-hosted map as an extra."""

from __future__ import annotations

from unittest import mock

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse

from portal.location_requests.models import LocationRequest
from portal.location_requests.roles import OFFICERS
from portal.reporting import choices as reporting_choices
from portal.reporting.area import AreaProfileError, area_profile
from tests.factories import UserFactory
from tests.location_requests.factories import LocationRequestFactory
from tests.reporting.factories import CENTRE, SchoolFactory, make_report

pytestmark = pytest.mark.django_db

FAR = (51.6150, 0.2710)  # several kilometres from the request's address


def edit_url(obj: LocationRequest) -> str:
    return reverse("location_requests_admin:edit", args=[obj.pk])


@pytest.fixture
def officer_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="area-officer", groups=[OFFICERS]))
    return client


@pytest.fixture
def request_obj() -> LocationRequest:
    return LocationRequestFactory(location=f"SRID=4326;POINT({CENTRE[1]} {CENTRE[0]})")


@pytest.fixture
def reports() -> None:
    """Seven reports about bullying at the address, two about roads and drugs (too few to show),
    and three far away that no radius here reaches."""
    school = SchoolFactory(urn="820001", phase=reporting_choices.SECONDARY)
    for _ in range(7):
        make_report(school, point=CENTRE, categories=["bullying"])
    for _ in range(2):
        make_report(school, point=CENTRE, categories=["roads", "drugs"])
    for _ in range(3):
        make_report(school, point=FAR, categories=["roads"])


def panel(response) -> BeautifulSoup:
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find(id="area-profile")
    assert heading is not None
    return heading.find_parent("section")


def table_rows(section: BeautifulSoup, caption: str) -> dict[str, str]:
    for table in section.find_all("table"):
        if table.caption and table.caption.get_text(strip=True) == caption:
            return {
                row.find("th").get_text(strip=True): row.find("td").get_text(strip=True)
                for row in table.select("tbody tr")
                if row.find("th")
            }
    raise AssertionError(f"no table {caption!r}")


def test_counts_are_shown_suppressed(officer_client, request_obj, reports):
    section = panel(officer_client.get(edit_url(request_obj)))
    text = section.get_text(" ", strip=True)

    assert "Reports within 500 m of the address" in text
    # 9 reports, shown rounded to the nearest 5 (outside a school, every count is).
    assert "10" in section.find("strong").get_text()
    worries = table_rows(section, "Reports by worry")
    assert worries[str(reporting_choices.worry_label("bullying"))] == "5"
    # Once any worry is hidden, zeros are hidden too (a listed zero beside a hidden count would narrow
    # it down), so the hidden ones (roads and drugs among them) are one row after the shown ones.
    others = len(reporting_choices.WORRIES) - 1
    assert list(worries) == [str(reporting_choices.worry_label("bullying")), f"{others} other worries"]
    assert worries[f"{others} other worries"] == "fewer than 5 each, or none"
    assert str(reporting_choices.worry_label("roads")) not in worries
    where = table_rows(section, "Reports by where")
    assert where[str(dict(reporting_choices.CONTEXTS)[reporting_choices.NEIGHBOURHOOD])] == "10"
    months = table_rows(section, "Reports by month")
    assert len(months) == 12
    assert list(months.values())[-1] == "10"
    direction = area_profile(request_obj.latitude, request_obj.longitude, 500).direction_label
    assert f"Trend (the last three full months against the three before): {direction}" in text
    assert "also stands for a number held back" in text


def test_a_small_total_is_fewer_than_five(officer_client, request_obj):
    school = SchoolFactory(urn="820002")
    for _ in range(2):
        make_report(school, point=CENTRE, categories=["bullying"])

    section = panel(officer_client.get(edit_url(request_obj)))

    assert section.find("strong").get_text(strip=True) == "fewer than 5"
    worries = table_rows(section, "Reports by worry")
    assert worries == {f"{len(reporting_choices.WORRIES)} other worries": "fewer than 5 each, or none"}
    assert "2" not in worries.values()


def test_no_reports_says_so(officer_client, request_obj):
    section = panel(officer_client.get(edit_url(request_obj)))

    assert section.find("strong").get_text(strip=True) == "0"
    assert "No reports in this area." in section.get_text(" ", strip=True)


@pytest.mark.parametrize(("radius", "label"), [("250", "250 m"), ("1000", "1 km"), ("2000", "2 km")])
def test_the_radius_is_chosen_in_the_query_string(officer_client, request_obj, radius, label):
    with mock.patch("portal.location_requests.admin_views.area_profile", wraps=area_profile) as profile:
        section = panel(officer_client.get(edit_url(request_obj), {"radius": radius}))

    profile.assert_called_once_with(request_obj.latitude, request_obj.longitude, int(radius))
    assert f"Reports within {label} of the address" in section.get_text(" ", strip=True)
    assert section.find("input", attrs={"name": "radius", "value": radius}).has_attr("checked")
    assert section.select_one("[data-area-map]")["data-radius"] == radius


@pytest.mark.parametrize("radius", ["", "5", "99999", "far"])
def test_any_other_radius_falls_back_to_500_m(officer_client, request_obj, radius):
    with mock.patch("portal.location_requests.admin_views.area_profile", wraps=area_profile) as profile:
        response = officer_client.get(edit_url(request_obj), {"radius": radius})

    assert response.status_code == 200
    profile.assert_called_once_with(request_obj.latitude, request_obj.longitude, 500)
    section = panel(response)
    assert section.find("input", attrs={"name": "radius", "value": "500"}).has_attr("checked")
    assert "Reports within 500 m of the address" in section.get_text(" ", strip=True)
    assert not section.select(".error-message")


def test_a_wider_radius_reaches_further(officer_client, reports):
    near_far = LocationRequestFactory(location="SRID=4326;POINT(0.2600 51.6100)")  # about 1 km from FAR

    small = panel(officer_client.get(edit_url(near_far), {"radius": "250"}))
    large = panel(officer_client.get(edit_url(near_far), {"radius": "2000"}))

    assert small.find("strong").get_text(strip=True) == "0"
    assert large.find("strong").get_text(strip=True) == "fewer than 5"


def test_without_a_location_the_panel_points_to_the_location_field(officer_client):
    obj = LocationRequestFactory(location="")
    assert obj.latitude is None

    with mock.patch("portal.location_requests.admin_views.area_profile") as profile:
        section = panel(officer_client.get(edit_url(obj)))

    profile.assert_not_called()
    text = section.get_text(" ", strip=True)
    assert "no location on the map" in text
    assert section.find("a", href="#location") is not None
    assert section.select_one("[data-area-map]") is None


def test_an_area_profile_error_is_a_message_not_a_crash(officer_client, request_obj):
    error = AreaProfileError({"radius": "The radius must be a number of metres from 50 to 5000."})
    with mock.patch("portal.location_requests.admin_views.area_profile", side_effect=error):
        response = officer_client.get(edit_url(request_obj))

    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "The area profile could not be made: The radius must be a number of metres from 50 to 5000." in text
    assert "No area profile can be shown for this location." in panel(response).get_text(" ", strip=True)


def test_the_map_is_self_hosted_and_an_extra(officer_client, request_obj, settings):
    settings.MAP_TILE_URL = ""

    response = officer_client.get(edit_url(request_obj))

    html = response.content.decode()
    section = panel(response)
    map_element = section.select_one("[data-area-map]")
    assert map_element["data-lat"] == f"{CENTRE[0]:.6f}" and map_element["data-lng"] == f"{CENTRE[1]:.6f}"
    assert map_element["data-radius"] == "500"
    assert map_element["data-overlay"]  # the partnership's sketch map, since there is no tile server
    # Hidden until the script has drawn it: the tables are the content.
    assert map_element.find_parent(attrs={"data-area-map-panel": True}).has_attr("hidden")
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "unpkg" not in html and "openstreetmap" not in html.lower()

"""The area profile a location risk assessment reads: counts around a point, always suppressed and
rounded to the nearest 5."""

from __future__ import annotations

import math
from datetime import date

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse

from portal.reporting import cells, choices
from portal.reporting.area import (
    FALLING,
    RISING,
    STEADY,
    TOO_FEW,
    AreaProfileError,
    add_months,
    area_profile,
    resolution_for_radius,
)
from tests.factories import UserFactory
from tests.reporting.factories import CENTRE, NEARBY, SchoolFactory, make_report_on

TODAY = date(2025, 6, 15)
FAR = (51.6150, 0.2710)
AREA_PROFILE = reverse("reporting_api:area_profile")


@pytest.fixture
def school(db):
    return SchoolFactory(urn="810001", phase=choices.SECONDARY)


def send(count: int, school, day: date = date(2025, 6, 1), **kwargs) -> None:
    for _ in range(count):
        make_report_on(day, school, **kwargs)


def distance_to_nearby() -> float:
    return cells.distance_m(cells.LatLng(*CENTRE), cells.LatLng(*NEARBY))


# --- Checking the input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "kwargs", "name", "message"),
    [
        ((51.5, 0.1, 49), {}, "radius", "The radius must be a number of metres from 50 to 5000."),
        ((51.5, 0.1, 5001), {}, "radius", "from 50 to 5000"),
        ((51.5, 0.1, math.nan), {}, "radius", "from 50 to 5000"),
        ((51.5, 0.1, "far"), {}, "radius", "from 50 to 5000"),
        ((91, 0.1, 500), {}, "lat", "The latitude must be a number from -90 to 90."),
        ((math.inf, 0.1, 500), {}, "lat", "from -90 to 90"),
        ((None, 0.1, 500), {}, "lat", "from -90 to 90"),
        ((51.5, -181, 500), {}, "lng", "The longitude must be a number from -180 to 180."),
        ((51.5, True, 500), {}, "lng", "from -180 to 180"),
        ((51.5, 0.1, 500), {"months": 0}, "months", "whole number from 1 to 60"),
        ((51.5, 0.1, 500), {"months": 6.5}, "months", "whole number from 1 to 60"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(db, args, kwargs, name, message):
    with pytest.raises(ValueError, match="must be") as caught:
        area_profile(*args, **kwargs)
    assert isinstance(caught.value, AreaProfileError)
    assert list(caught.value.errors) == [name]
    assert message in caught.value.errors[name]


def test_the_limits_themselves_are_allowed(db):
    assert area_profile(-90, -180, 50, today=TODAY).total == 0
    assert area_profile(51.5, 0.1, 5000, today=TODAY).total == 0


# --- Counting -------------------------------------------------------------------------------------


def test_counts_reports_within_the_radius_only(school):
    send(3, school, categories=["bullying"])
    send(2, school, categories=["bullying", "roads"])
    send(4, school, point=NEARBY, categories=["fighting"])
    send(5, school, point=FAR, categories=["weapons"])
    assert 500 < distance_to_nearby() < 1000

    close = area_profile(*CENTRE, 300, today=TODAY)
    assert close.total == 5
    # roads (2) is hidden, and bullying with it, or roads could be worked out from the total.
    assert (close.by_category["bullying"], close.by_category["roads"]) == (None, None)
    # With a hidden worry, worries nobody reported are hidden too (a zero would say "none").
    assert close.by_category["weapons"] is None and close.by_category["fighting"] is None
    assert list(close.by_category) == [worry.slug for worry in choices.WORRIES]

    wider = area_profile(*CENTRE, 1000, today=TODAY)
    assert wider.total == 10  # 9, rounded
    assert (wider.by_category["bullying"], wider.by_category["fighting"], wider.by_category["roads"]) == (5, None, None)
    assert wider.by_category["weapons"] is None


def test_a_total_below_the_threshold_is_hidden(school):
    send(4, school)
    profile = area_profile(*CENTRE, 300, today=TODAY)
    assert profile.total is None
    assert profile.by_category["bullying"] is None
    assert profile.by_context["neighbourhood"] is None


def test_a_route_through_several_cells_counts_once(school):
    route = cells.snap_route([CENTRE, NEARBY])
    assert len(route) > 3
    send(4, school, point=None, context=choices.ROUTE, route_cells=route, categories=["roads"])
    # Four pupils, however many cells each route crosses: still fewer than five, so hidden.
    assert area_profile(*CENTRE, 1000, today=TODAY).total is None
    send(1, school, point=None, context=choices.ROUTE, route_cells=route, categories=["roads", "dark-lonely"])
    profile = area_profile(*CENTRE, 1000, today=TODAY)
    assert profile.total == 5
    assert profile.by_context == {"school": 0, "neighbourhood": 0, "route": 5}  # nothing hidden: zeros shown
    # dark-lonely (1) is hidden, and roads with it, or 1 could be worked out from the total.
    assert (profile.by_category["roads"], profile.by_category["dark-lonely"]) == (None, None)
    send(6, school, point=None, context=choices.ROUTE, route_cells=route, categories=["groups"])
    assert area_profile(*CENTRE, 1000, today=TODAY).by_category["groups"] == 5  # 6, rounded


def test_a_route_that_only_passes_the_edge_of_the_area_counts(school):
    route = cells.snap_route([NEARBY, FAR])
    send(5, school, point=None, context=choices.ROUTE, route_cells=route, categories=["groups"])
    near = cells.centre(cells.snap(*NEARBY))
    assert area_profile(near.lat, near.lng, 200, today=TODAY).total == 5
    assert area_profile(*CENTRE, 200, today=TODAY).total == 0


def test_counts_by_context_leave_out_home_and_online(school):
    send(5, school, point=None, context=choices.SCHOOL_GROUNDS)
    send(6, school)
    send(5, school, point=None, context=choices.HOME, categories=["shouting-at-home"])
    send(5, school, point=None, context=choices.ONLINE, categories=["online-harms"])
    profile = area_profile(*CENTRE, 400, today=TODAY)
    assert profile.by_context == {"school": 5, "neighbourhood": 5, "route": 0}  # 5, 6 and 0
    assert profile.total == 10  # 11
    assert profile.by_category["shouting-at-home"] == 0


def test_only_the_chosen_months_count(school):
    send(5, school, day=date(2024, 6, 30))  # 12 months before June 2025 began
    send(5, school, day=date(2024, 7, 1))
    profile = area_profile(*CENTRE, 300, today=TODAY)
    assert (profile.date_from, profile.date_to) == (date(2024, 7, 1), TODAY)
    assert profile.total == 5
    assert area_profile(*CENTRE, 300, today=TODAY, months=13).total == 10


def test_a_small_radius_still_holds_the_cell_of_the_point(school):
    send(5, school)
    corner = cells.boundary_geojson(cells.snap(*CENTRE))[0]
    lng, lat = corner
    inside = (lat + (CENTRE[0] - lat) * 0.1, lng + (CENTRE[1] - lng) * 0.1)  # near a corner of the cell
    assert cells.snap(*inside) == cells.snap(*CENTRE)
    assert area_profile(*inside, 50, today=TODAY).total == 5


def test_big_radii_count_in_coarser_cells(school):
    assert resolution_for_radius(2000) == 10
    assert resolution_for_radius(2001) == 9
    send(5, school)
    send(5, school, point=NEARBY)
    profile = area_profile(*CENTRE, 3000, today=TODAY)
    assert profile.resolution == 9
    assert profile.total == 10


# --- The trend ------------------------------------------------------------------------------------


def test_monthly_trend_and_direction(school):
    send(5, school, day=date(2025, 1, 10))
    send(10, school, day=date(2025, 4, 2))
    send(5, school, day=date(2025, 6, 3))  # this month: in the trend, not in the direction
    profile = area_profile(*CENTRE, 300, today=TODAY)
    assert [month for month, _count in profile.monthly] == [add_months(date(2024, 7, 1), n) for n in range(12)]
    counts = dict(profile.monthly)
    assert (counts[date(2025, 1, 1)], counts[date(2025, 4, 1)], counts[date(2025, 6, 1)]) == (5, 10, 5)
    assert counts[date(2025, 2, 1)] == 0
    assert profile.direction == RISING
    assert profile.direction_label == "Rising"


@pytest.mark.parametrize(
    ("earlier", "recent", "direction"),
    [(5, 10, RISING), (0, 5, RISING), (10, 5, FALLING), (5, 0, FALLING), (8, 9, STEADY), (5, 5, STEADY),
     (0, 0, STEADY), (2, 8, TOO_FEW), (8, 3, TOO_FEW)],
)  # fmt: skip
def test_direction_compares_the_last_three_full_months_with_the_three_before(school, earlier, recent, direction):
    send(earlier, school, day=date(2025, 2, 14))  # December to February
    send(recent, school, day=date(2025, 5, 31))  # March to May
    assert area_profile(*CENTRE, 300, today=TODAY).direction == direction


def test_too_short_a_trend_has_no_direction(school):
    send(10, school, day=date(2025, 5, 1))
    assert area_profile(*CENTRE, 300, today=TODAY, months=6).direction == TOO_FEW


def test_a_small_month_is_hidden_with_the_next_smallest(school):
    send(5, school, day=date(2025, 1, 10))
    send(3, school, day=date(2025, 2, 10))
    send(9, school, day=date(2025, 4, 10))
    counts = dict(area_profile(*CENTRE, 300, today=TODAY).monthly)
    assert (counts[date(2025, 1, 1)], counts[date(2025, 2, 1)], counts[date(2025, 4, 1)]) == (None, None, 10)  # 9
    assert counts[date(2025, 3, 1)] is None  # a zero beside hidden months is hidden too


def test_as_dict_is_ready_for_json(school):
    send(5, school)
    data = area_profile(*CENTRE, 300, today=TODAY).as_dict()
    assert data["total"] == 5
    assert data["monthly"][-1] == {"month": "2025-06", "count": 5}
    assert data["date_from"] == "2024-07-01"
    assert data["suppression_threshold"] == 5
    assert data["direction"] == STEADY  # nothing in either period: zeros may be shown
    assert data["direction_label"] == "Steady"


# --- Through the API ------------------------------------------------------------------------------


@pytest.fixture
def analyst(db):
    user = UserFactory(username="area-analyst")
    user.user_permissions.add(Permission.objects.get(codename="view_hotspots", content_type__app_label="reporting"))
    return user


def test_the_api_returns_the_profile(client, analyst, school):
    for _ in range(5):
        make_report_on(date.today(), school)
    for _ in range(2):
        make_report_on(date.today(), school)
    client.force_login(analyst)
    response = client.get(AREA_PROFILE, {"lat": CENTRE[0], "lng": CENTRE[1], "radius": "500"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["total"] == 5  # 7, rounded
    assert data["radius_m"] == 500
    assert (data["rounded_to"], data["suppression_threshold"]) == (5, 5)
    assert "rounded to the nearest 5" in data["note"]


def test_the_api_counts_around_the_centre_of_the_points_resolution_8_cell(client, analyst, school):
    client.force_login(analyst)
    centre = cells.centre(cells.snap(*CENTRE, 8))
    for lat, lng in (CENTRE, (centre.lat + 0.0005, centre.lng - 0.0005)):
        assert cells.snap(lat, lng, 8) == cells.snap(*CENTRE, 8)
        data = client.get(AREA_PROFILE, {"lat": lat, "lng": lng, "radius": "250"}).json()
        assert (data["latitude"], data["longitude"]) == (centre.lat, centre.lng)


@pytest.mark.parametrize("radius", ["300", "425", "427", "499.9", "250.5", "5000"])
def test_the_api_takes_only_the_offered_radii(client, analyst, radius):
    client.force_login(analyst)
    response = client.get(AREA_PROFILE, {"lat": "51.5", "lng": "0.1", "radius": radius})
    assert response.status_code == 400
    assert response.json()["errors"] == {"radius": "The radius must be one of 250, 500, 1000, 2000 metres."}
    for radius in ("250", "500", "1000", "2000", "1000.0"):
        assert client.get(AREA_PROFILE, {"lat": "51.5", "lng": "0.1", "radius": radius}).status_code == 200


def test_school_staff_without_the_permission_may_not_read_area_profiles(client, school):
    lead = UserFactory(username="area-lead")
    school.staff.add(lead)
    client.force_login(lead)
    response = client.get(AREA_PROFILE, {"lat": "51.5", "lng": "0.1", "radius": "500"})
    assert response.status_code == 403
    assert "permission" in response.json()["error"]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"lat": "", "lng": "0.1", "radius": "500"}, ["lat"]),
        ({"lat": "north", "lng": "0.1", "radius": "500"}, ["lat"]),
        ({"lat": "51.5", "lng": "200", "radius": "500"}, ["lng"]),
        ({"lat": "51.5", "lng": "0.1", "radius": "10"}, ["radius"]),
        ({"lat": "51.5", "lng": "0.1"}, ["radius"]),
        ({"lat": "nan", "lng": "inf", "radius": "1e9"}, ["lat", "lng", "radius"]),
    ],
)
def test_the_api_refuses_bad_parameters_with_messages(client, analyst, params, names):
    client.force_login(analyst)
    response = client.get(AREA_PROFILE, params)
    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == sorted(names)

"""Differencing: suppression is per question, so two questions that differ by one report could be
set side by side to single out a child. These tests replay a reviewer's three attacks and check
that they no longer reveal anything:

1. two date ranges a day apart (the hotspot API, the themes page): dates now cover whole months,
   so the two answers are the same;
2. two area profiles 425 m and 427 m wide: only 250 m, 500 m, 1 km and 2 km are taken, around the
   centre of the point's resolution-8 cell;
3. a school's own exact count against the borough's: staff without the map permission may not ask
   about the borough, and for anyone who may, the borough's count is rounded to the nearest 5, so
   it reads the same whether the other schools sent 1, 2 or 3 reports.

Also the rules themselves (``suppression.round_count``, ``shown_count``, ``shown_breakdown``,
``whole_months``)."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.reporting import cells, choices, suppression
from portal.reporting.roles import ANALYSTS
from tests.factories import UserFactory
from tests.reporting.factories import CENTRE, NEARBY, SchoolFactory, make_report_on
from tests.reporting.test_hotspots import hotspot_permission

pytestmark = pytest.mark.django_db

HOTSPOTS = reverse("reporting_api:hotspots")
HOTSPOTS_CSV = reverse("reporting_api:hotspots_csv")
AREA = reverse("reporting_api:area_profile")
PAGE = reverse("reporting_hotspots:index")
AROUND = "0.170,51.570,0.200,51.585"


@pytest.fixture
def school_a():
    return SchoolFactory(name="A", urn="800001")


@pytest.fixture
def school_b():
    return SchoolFactory(name="B", urn="800002", phase=choices.PRIMARY)


@pytest.fixture
def analyst():
    user = UserFactory(username="analyst")
    user.user_permissions.add(hotspot_permission())
    return user


@pytest.fixture
def lead_a(school_a):
    user = UserFactory(username="lead-a")
    school_a.staff.add(user)
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown_cells(client: Client, **params) -> list[tuple[int, dict]]:
    response = client.get(HOTSPOTS, {"bbox": AROUND, "zoom": "16", **params})
    assert response.status_code == 200, response.content
    return [(f["properties"]["count"], f["properties"]["categories"]) for f in response.json()["features"]]


# --- The rules --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "rounded"),
    [(0, 0), (5, 5), (6, 5), (7, 5), (8, 10), (9, 10), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (1003, 1005)],
)
def test_counts_are_rounded_to_the_nearest_five(count, rounded):
    assert suppression.round_count(count) == rounded


def test_a_shown_count_is_hidden_below_the_threshold_rounded_above_and_exact_for_the_school():
    assert [suppression.shown_count(n, exact=False) for n in (0, 1, 4, 5, 7, 8)] == [0, None, None, 5, 5, 10]
    assert [suppression.shown_count(n, exact=True) for n in (0, 1, 4, 7)] == [0, 1, 4, 7]


def test_rounding_and_threshold_follow_the_settings(settings):
    settings.REPORTING_ROUNDING = 10
    settings.REPORTING_SUPPRESSION_THRESHOLD = 10
    assert [suppression.shown_count(n, exact=False) for n in (9, 10, 14, 15, 24)] == [None, 10, 10, 20, 20]


def test_in_a_breakdown_with_a_hidden_part_zeros_are_hidden_too():
    parts = {"a": 12, "b": 2, "c": 6, "d": 0}
    # b (2) is hidden, c (the next smallest) with it, and d's zero too.
    assert suppression.shown_breakdown(parts, exact=False) == {"a": 10, "b": None, "c": None, "d": None}
    assert suppression.shown_breakdown({"a": 12, "c": 6, "d": 0}, exact=False) == {"a": 10, "c": 5, "d": 0}
    assert suppression.shown_breakdown(parts, exact=True) == parts


def test_shown_breakdown_is_suppress_breakdown_then_round_count_for_any_parts():
    """``shown_breakdown`` writes out ``suppress`` and ``round_count`` for speed (the map calls it
    for every cell); over many random breakdowns and settings it must give what the rules say."""
    import random

    rng = random.Random(7)  # noqa: S311 - repeatable test data
    for _ in range(2000):
        minimum, step = rng.choice([(5, 5), (1, 1), (10, 10), (3, 5), (5, 1)])
        parts = {f"w{n}": rng.choice([0, 0, 1, 2, 4, 5, 6, 7, 12, 13, 40, 997]) for n in range(rng.randint(1, 19))}
        expected = suppression.suppress_breakdown(parts, minimum)
        any_hidden = None in expected.values()
        expected = {
            key: None if value is None or (any_hidden and value == 0) else suppression.round_count(value, step)
            for key, value in expected.items()
        }
        assert suppression.shown_breakdown(parts, exact=False, minimum=minimum, step=step) == expected, parts
        count = rng.choice([0, 1, 4, 5, 7, 8, 12, 13, 1002])
        shown = suppression.suppress(count, minimum)
        assert suppression.shown_count(count, exact=False, minimum=minimum, step=step) == (
            None if shown is None else suppression.round_count(shown, step)
        )


def test_shown_breakdown_reads_the_settings_when_not_given_them(settings):
    settings.REPORTING_ROUNDING = 10
    settings.REPORTING_SUPPRESSION_THRESHOLD = 3
    assert suppression.shown_breakdown({"a": 14, "b": 3, "c": 0}, exact=False) == {"a": 10, "b": 10, "c": 0}
    assert suppression.shown_breakdown({"a": 14, "b": 2, "c": 3}, exact=False) == {"a": 10, "b": None, "c": None}


@pytest.mark.parametrize(
    ("date_from", "date_to", "start", "end"),
    [
        (date(2025, 1, 15), date(2025, 3, 19), date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 3, 1), date(2025, 3, 31), date(2025, 3, 1), date(2025, 3, 31)),
        (date(2024, 2, 29), date(2024, 2, 29), date(2024, 2, 1), date(2024, 2, 29)),
        (date(2025, 2, 3), date(2025, 2, 3), date(2025, 2, 1), date(2025, 2, 28)),
        (date(2024, 12, 31), date(2024, 12, 31), date(2024, 12, 1), date(2024, 12, 31)),
        (date.min, date.max, date.min, date.max),
    ],
)
def test_date_ranges_widen_to_whole_calendar_months(date_from, date_to, start, end):
    assert suppression.whole_months(date_from, date_to) == (start, end)


# --- Attack 1: two date ranges a day apart -------------------------------------------------------


@pytest.fixture
def march(school_b):
    """Five of school B's pupils about bullying on 1 to 5 March, and one more, about drugs too, on
    20 March, all in one cell."""
    for day in range(1, 6):
        make_report_on(date(2025, 3, day), school_b, point=CENTRE, categories=["bullying"])
    make_report_on(date(2025, 3, 20), school_b, point=CENTRE, categories=["drugs", "bullying"])


def test_the_map_answers_a_day_apart_are_the_same(analyst, march, school_b):
    client = client_for(analyst)
    for filters in ({"school": school_b.pk}, {}):
        before = shown_cells(client, date_from="2025-01-01", date_to="2025-03-19", **filters)
        after = shown_cells(client, date_from="2025-01-01", date_to="2025-03-20", **filters)
        assert before == after
        # Both count all of March: 6 reports, shown as 5; drugs (1) hidden, and bullying with it.
        assert before == [(5, {worry.slug: None for worry in choices.WORRIES})]
    # Nor does the CSV export differ.
    exports = [
        client.get(HOTSPOTS_CSV, {"bbox": AROUND, "zoom": "16", "date_from": "2025-01-01", "date_to": to}).content
        for to in ("2025-03-19", "2025-03-20")
    ]
    assert exports[0].replace(b"2025-03-19", b"") == exports[1].replace(b"2025-03-20", b"")


def test_even_within_one_month_one_more_report_rarely_changes_what_is_shown(analyst, school_b):
    client = client_for(analyst)
    shown = []
    for day in range(1, 9):
        make_report_on(date(2025, 3, day), school_b, point=CENTRE, categories=["bullying"])
        shown.append([count for count, _categories in shown_cells(client, date_from="2025-03-01")])
    # 1 to 8 reports: nothing, then 5 for 5, 6 and 7: the sixth and seventh cannot be seen arriving.
    assert shown == [[], [], [], [], [5], [5], [5], [10]]


def test_another_schools_lead_gets_nothing_about_school_b(lead_a, march, school_b):
    client = client_for(lead_a)
    for to in ("2025-03-19", "2025-03-20"):
        response = client.get(HOTSPOTS, {"bbox": AROUND, "zoom": "16", "school": school_b.pk, "date_to": to})
        assert response.status_code == 403
        assert "only see your own school" in response.json()["error"]


def test_the_themes_page_answers_a_day_apart_are_the_same(school_b):
    """The reviewer's second form of the attack: a report at home, in the themes tables."""
    analyst = UserFactory(username="themes-analyst", groups=[ANALYSTS])
    for day in range(1, 6):
        make_report_on(
            date(2025, 3, day),
            school_b,
            point=None,
            context=choices.HOME,
            home_room="kitchen",
            categories=["shouting-at-home"],
        )
    make_report_on(
        date(2025, 3, 20),
        school_b,
        point=None,
        context=choices.HOME,
        home_room="bedroom",
        categories=["hurt-at-home", "shouting-at-home"],
    )
    client = client_for(analyst)
    pages = []
    for to in ("2025-03-19", "2025-03-20"):
        params = {"school": school_b.pk, "context": choices.HOME, "date_from": "2025-01-01", "date_to": to}
        soup = BeautifulSoup(client.get(PAGE, params).content, "html.parser")
        pages.append(
            {
                table: {row["data-key"]: row.td.get_text(strip=True) for row in soup.select(f"#{table} tbody tr")}
                for table in ("themes-by-worry", "themes-by-context", "themes-by-age-group", "trend-by-month")
            }
            | {"intro": soup.select_one("#hotspot-themes-title").find_next("p").get_text(" ", strip=True)}
        )
    assert pages[0] == pages[1]
    assert "1 January 2025 to 31 March 2025" in pages[0]["intro"]
    assert pages[0]["themes-by-worry"]["hurt-at-home"] == "fewer than 5 or withheld"


# --- Attack 2: two circles a metre apart -----------------------------------------------------------


def test_nearly_equal_radii_are_refused(analyst, school_a, school_b):
    today = timezone.localdate()
    for _ in range(5):
        make_report_on(today, school_a, point=CENTRE, categories=["bullying"])
    make_report_on(today, school_b, point=NEARBY, categories=["weapons"])
    client = client_for(analyst)
    centre = cells.centre(cells.snap(*CENTRE))
    distance = cells.distance_m(centre, cells.centre(cells.snap(*NEARBY)))
    for radius in (distance - 1, distance + 1):
        response = client.get(AREA, {"lat": centre.lat, "lng": centre.lng, "radius": f"{radius:.1f}"})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["radius"]


def test_points_in_one_coarse_cell_get_the_same_profile(analyst, school_a):
    coarse = cells.snap(*CENTRE, 8)
    centre = cells.centre(coarse)
    today = timezone.localdate()
    for _ in range(7):  # at the centre of the coarse cell, so that even 250 m around it holds them
        make_report_on(today, school_a, point=(centre.lat, centre.lng), categories=["bullying"])
    client = client_for(analyst)
    points = [CENTRE, (centre.lat, centre.lng), (centre.lat - 0.0008, centre.lng + 0.0008)]
    assert {cells.snap(lat, lng, 8) for lat, lng in points} == {coarse}
    for radius in ("250", "500", "1000", "2000"):
        answers = [client.get(AREA, {"lat": lat, "lng": lng, "radius": radius}).json() for lat, lng in points]
        assert answers[0] == answers[1] == answers[2]
        assert answers[0]["total"] == 5  # 7, rounded


# --- Attack 3: a school's exact count against the borough's ----------------------------------------


@pytest.fixture
def own_four(school_a):
    """Four of school A's pupils in March 2025, in one cell."""
    for day in range(1, 5):
        make_report_on(date(2025, 3, day), school_a, point=CENTRE, categories=["bullying"])


BASE = {"date_from": "2025-01-01", "date_to": "2025-03-31"}


def test_a_lead_may_not_ask_for_the_borough(lead_a, own_four, school_a, school_b):
    make_report_on(date(2025, 3, 20), school_b, point=CENTRE, categories=["weapons"])
    client = client_for(lead_a)
    assert shown_cells(client, **BASE, school=school_a.pk) == [(4, {"bullying": 4})]
    assert client.get(HOTSPOTS, {"bbox": AROUND, "zoom": "16", **BASE}).status_code == 403
    assert client.get(HOTSPOTS_CSV, {"bbox": AROUND, "zoom": "16", **BASE}).status_code == 403


def test_the_borough_reads_the_same_whether_other_schools_sent_one_two_or_three(own_four, school_a, school_b):
    """Someone who may see both (staff of school A with the map permission) still cannot tell from
    the difference how many reports came from elsewhere."""
    reader = UserFactory(username="lead-and-analyst")
    reader.user_permissions.add(hotspot_permission())
    school_a.staff.add(reader)
    client = client_for(reader)
    assert shown_cells(client, **BASE, school=school_a.pk) == [(4, {"bullying": 4})]  # exact

    borough = []
    for day in (20, 21, 22):
        make_report_on(date(2025, 3, day), school_b, point=CENTRE, categories=["weapons"])
        borough.append(shown_cells(client, **BASE))
    hidden = {worry.slug: None for worry in choices.WORRIES}
    assert borough == [[(5, hidden)]] * 3  # 5, 6 and 7 reports all read 5: the difference is not 1

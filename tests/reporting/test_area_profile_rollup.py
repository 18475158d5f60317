"""The area profiles the API answers about, counted in advance (``AreaProfileRollup``).

The API takes only the centre of a resolution-8 cell and four radii, so those profiles are kept
as rows, in step with the reports, and read in one query. These tests check, with a few hundred
random reports made through the real submission path, that a profile read from the rows is exactly
the profile counted afresh around the same centre (and the counts worked out from the reports
themselves), after removals and a rebuild too, and that the migration fills the rows the same way.
"""

from __future__ import annotations

import importlib
import random
from collections import Counter
from datetime import date
from types import SimpleNamespace
from unittest import mock

import h3
import pytest

from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.reporting import area, cells, choices, rollups
from portal.reporting.models import AreaProfileRollup, PupilReport, ReportRouteCell
from tests.factories import UserFactory
from tests.reporting.factories import CENTRE, SchoolFactory, make_report_on
from tests.reporting.test_monthly_rollups import LAST_DAY, area_from_reports, make_random_reports

TODAY = date(2025, 6, 30)  # after the newest random report (LAST_DAY)
AREA_PROFILE = reverse("reporting_api:area_profile")


@pytest.fixture
def random_reports(db) -> list[PupilReport]:
    return make_random_reports()


def centres_near_the_reports() -> list[str]:
    """The resolution-8 cells within three rings of the reports' middle: 37 cells, about 5 km across."""
    return sorted(h3.grid_disk(cells.snap(*CENTRE, area.CENTRE_RESOLUTION), 3))


def rows() -> dict[tuple, int]:
    values = AreaProfileRollup.objects.values_list("centre", "radius_m", "month", "context", "category", "count")
    return {tuple(row[:5]): row[5] for row in values}


def rows_from_reports() -> dict[tuple, int]:
    """What the table should hold, from every stored report and ``area_keys_for``."""
    counts: Counter = Counter()
    for report in PupilReport.objects.all():
        counts.update(
            (key.centre, key.radius_m, key.month, key.context, key.category) for key in rollups.area_keys_for(report)
        )
    return dict(counts)


def as_raw(profile: area.AreaProfile) -> dict:
    return {
        "total": profile.total,
        "by_category": profile.by_category,
        "by_context": profile.by_context,
        "monthly": profile.monthly,
    }


def from_rows_only(centre: str, radius: int, today: date = TODAY) -> area.AreaProfile:
    """``profile_around_cell``, failing if it counts afresh instead of reading the rows."""
    with mock.patch.object(area, "_counts", side_effect=AssertionError("counted afresh")):
        return area.profile_around_cell(centre, radius, today=today)


def check_every_centre(settings) -> int:
    """Every centre near the reports at every offered radius: the rows' profile equals the profile
    counted afresh, suppressed or not. Returns how many of them hold reports."""
    with_reports = 0
    for centre in centres_near_the_reports():
        middle = cells.centre(centre)
        for radius in area.PRECOMPUTED_RADII_M:
            settings.REPORTING_SUPPRESSION_THRESHOLD, settings.REPORTING_ROUNDING = 5, 5
            assert from_rows_only(centre, radius) == area.area_profile(middle.lat, middle.lng, radius, today=TODAY)
            settings.REPORTING_SUPPRESSION_THRESHOLD, settings.REPORTING_ROUNDING = 1, 1
            precomputed = from_rows_only(centre, radius)
            assert precomputed == area.area_profile(middle.lat, middle.lng, radius, today=TODAY), (centre, radius)
            with_reports += bool(precomputed.total)
    return with_reports


# --- The rows ----------------------------------------------------------------------------------


def test_the_rows_are_each_mapped_report_counted_in_every_circle_that_reaches_it(random_reports):
    stored = rows()
    assert stored == rows_from_reports()
    assert {key[1] for key in stored} == set(area.PRECOMPUTED_RADII_M)
    assert {key[3] for key in stored} == {choices.NEIGHBOURHOOD, choices.ROUTE, choices.SCHOOL_GROUNDS}
    assert all(key[2].day == 1 and cells.resolution_of(key[0]) == area.CENTRE_RESOLUTION for key in stored)
    assert all(count > 0 for count in stored.values())


def test_a_profile_read_from_the_rows_is_the_profile_counted_afresh(random_reports, settings):
    assert check_every_centre(settings) > 60, "most circles near the reports should hold some"


def test_and_the_counts_worked_out_from_the_reports_themselves(random_reports, settings):
    settings.REPORTING_SUPPRESSION_THRESHOLD, settings.REPORTING_ROUNDING = 1, 1
    rng = random.Random(3)  # noqa: S311 - repeatable test data
    routes_counted = 0
    for centre in rng.sample(centres_near_the_reports(), 12):
        middle = cells.centre(centre)
        for radius in area.PRECOMPUTED_RADII_M:
            expected = area_from_reports(middle.lat, middle.lng, radius, TODAY)
            assert as_raw(from_rows_only(centre, radius)) == expected, (centre, radius)
            routes_counted += expected["by_context"][choices.ROUTE]
    assert routes_counted > 20


def test_a_route_through_many_cells_of_a_circle_counts_once(db, settings):
    settings.REPORTING_SUPPRESSION_THRESHOLD, settings.REPORTING_ROUNDING = 1, 1
    school = SchoolFactory(urn="730001", phase=choices.SECONDARY)
    route = cells.snap_route([CENTRE, (CENTRE[0] + 0.004, CENTRE[1] + 0.006)])
    assert len(route) > 4
    make_report_on(date(2025, 6, 2), school, point=None, context=choices.ROUTE, route_cells=route, categories=["roads"])
    centre = cells.snap(*CENTRE, area.CENTRE_RESOLUTION)
    profile = from_rows_only(centre, 2000)
    assert profile.total == 1 and profile.by_context[choices.ROUTE] == 1 and profile.by_category["roads"] == 1
    assert AreaProfileRollup.objects.get(centre=centre, radius_m=2000, category="").count == 1


def test_home_and_online_reports_are_in_no_circle(db):
    school = SchoolFactory(urn="730002", phase=choices.SECONDARY)
    for context in (choices.HOME, choices.ONLINE):
        make_report_on(date(2025, 6, 2), school, point=None, context=context)
    assert not AreaProfileRollup.objects.exists()


def test_removing_reports_and_a_rebuild_keep_the_rows_in_step(random_reports, settings):
    rng = random.Random(4)  # noqa: S311 - repeatable test data
    for report in rng.sample(random_reports, 60):
        rollups.remove_report(report)
        report.delete()
    stored = rows()
    assert stored == rows_from_reports()
    assert not AreaProfileRollup.objects.filter(count__lte=0).exists()
    check_every_centre(settings)
    rollups.rebuild()
    assert rows() == stored


def test_the_migration_fills_the_rows_from_what_is_stored(random_reports):
    expected = rows()
    AreaProfileRollup.objects.all().delete()
    migration = importlib.import_module("portal.reporting.migrations.0003_area_profile_rollup")
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert rows() == expected


# --- Which circles reach a cell -----------------------------------------------------------------


@pytest.mark.parametrize("radius", area.PRECOMPUTED_RADII_M)
def test_the_circles_reaching_a_cell_are_those_whose_area_holds_it(radius):
    """Against the definition, by brute force: every resolution-8 centre in a wide disk, its area
    drawn as ``area_profile`` draws it."""
    rng = random.Random(radius)  # noqa: S311 - repeatable test data
    resolution = area.resolution_for_radius(radius)
    middle_of_one = cells.centre(cells.snap(*CENTRE, area.CENTRE_RESOLUTION))
    points = [(middle_of_one.lat, middle_of_one.lng)]  # reached by its own circle at least
    points += [(CENTRE[0] + rng.uniform(-0.02, 0.02), CENTRE[1] + rng.uniform(-0.03, 0.03)) for _ in range(6)]
    reached = 0
    for point in points:
        cell = cells.snap(*point, resolution)
        expected = set()
        for candidate in h3.grid_disk(cells.snap(*point, area.CENTRE_RESOLUTION), 9):
            middle = cells.centre(candidate)
            drawn = set(cells.cells_within(middle.lat, middle.lng, radius, resolution))
            drawn.add(cells.snap(middle.lat, middle.lng, resolution))
            if cell in drawn:
                expected.add(candidate)
        assert area.centres_reaching([cell], radius) == expected, (point, radius)
        reached += len(expected)
    assert reached >= len(points) if radius >= 500 else reached > 0


def test_a_memo_gives_the_same_circles():
    memo: dict = {}
    route = cells.snap_route([CENTRE, (CENTRE[0] + 0.003, CENTRE[1] + 0.004)])
    for radius in area.PRECOMPUTED_RADII_M:
        first = area.centres_reaching(route, radius, memo)
        assert area.centres_reaching(route, radius, memo) == first == area.centres_reaching(route, radius)
    assert len(memo) == len(route) * len(area.PRECOMPUTED_RADII_M)


# --- When the rows are not read ---------------------------------------------------------------------


def test_other_radii_and_cells_are_counted_afresh(random_reports, settings):
    settings.REPORTING_SUPPRESSION_THRESHOLD, settings.REPORTING_ROUNDING = 1, 1
    centre = cells.snap(*CENTRE, area.CENTRE_RESOLUTION)
    middle = cells.centre(centre)
    assert area.profile_around_cell(centre, 300, today=TODAY) == area.area_profile(
        middle.lat, middle.lng, 300, today=TODAY
    )
    fine = cells.snap(*CENTRE, 9)
    fine_middle = cells.centre(fine)
    assert area.profile_around_cell(fine, 1000, today=TODAY) == area.area_profile(
        fine_middle.lat, fine_middle.lng, 1000, today=TODAY
    )


def test_a_day_before_the_newest_report_is_counted_afresh(random_reports, settings):
    """The rows are whole months; on a day before the newest report, the days after it must be
    left out, which only counting afresh can do."""
    settings.REPORTING_SUPPRESSION_THRESHOLD, settings.REPORTING_ROUNDING = 1, 1
    centre = cells.snap(*CENTRE, area.CENTRE_RESOLUTION)
    middle = cells.centre(centre)
    earlier = LAST_DAY.replace(day=LAST_DAY.day - 5)
    profile = area.profile_around_cell(centre, 2000, today=earlier)
    assert profile == area.area_profile(middle.lat, middle.lng, 2000, today=earlier)
    assert as_raw(profile) == area_from_reports(middle.lat, middle.lng, 2000, earlier)


# --- Through the API ------------------------------------------------------------------------------


def test_the_api_reads_the_rows_and_no_route_cell(random_reports, client, settings):
    settings.REPORTING_SUPPRESSION_THRESHOLD, settings.REPORTING_ROUNDING = 1, 1
    analyst = UserFactory()
    analyst.user_permissions.add(Permission.objects.get(codename="view_hotspots"))
    client.force_login(analyst)
    with (
        mock.patch("django.utils.timezone.localdate", return_value=TODAY),
        CaptureQueriesContext(connection) as captured,
    ):
        response = client.get(AREA_PROFILE, {"lat": CENTRE[0], "lng": CENTRE[1], "radius": "1000"})
    assert response.status_code == 200, response.content
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert f'"{AreaProfileRollup._meta.db_table}"' in sql
    assert f'"{ReportRouteCell._meta.db_table}"' not in sql
    middle = cells.centre(cells.snap(*CENTRE, area.CENTRE_RESOLUTION))
    expected = area_from_reports(middle.lat, middle.lng, 1000, TODAY)
    body = response.json()
    assert body["total"] == expected["total"] > 0
    assert body["by_context"] == expected["by_context"]

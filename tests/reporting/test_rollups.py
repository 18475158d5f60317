"""The rollup table against the reports: every count the map reads must equal a count made straight
from the reports, at every resolution and for every worry."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from django.db.models import Sum

from portal.reporting import cells, choices, rollups
from portal.reporting.models import HotspotRollup, PupilReport
from tests.reporting.factories import CENTRE, NEARBY, SchoolFactory, make_report, make_report_on

FAR = (51.6150, 0.2710)  # another part of the borough, several kilometres away
DAY = date(2025, 3, 14)


@pytest.fixture
def varied_reports(db) -> list[PupilReport]:
    """Reports of every shape: pins, routes through several cells, school grounds, home, online,
    several worries, no worry, two age groups, three schools, three days."""
    secondary = SchoolFactory(urn="700001", phase=choices.SECONDARY)
    primary = SchoolFactory(urn="700002", phase=choices.PRIMARY, location=f"SRID=4326;POINT({FAR[1]} {FAR[0]})")
    all_through = SchoolFactory(urn="700003", phase=choices.ALL_THROUGH)
    long_route = cells.snap_route([CENTRE, NEARBY])
    short_route = cells.snap_route([NEARBY, (NEARBY[0] + 0.002, NEARBY[1])])
    far_route = cells.snap_route([FAR, (FAR[0] - 0.01, FAR[1] - 0.02)])
    made = [
        make_report_on(DAY, secondary, categories=["bullying"]),
        make_report_on(DAY, secondary, categories=["bullying", "groups", "drugs"]),
        make_report_on(DAY, secondary, point=NEARBY, categories=["harassment"]),
        make_report_on(DAY, secondary, point=None, context=choices.ROUTE, route_cells=long_route, categories=["roads"]),
        make_report_on(
            DAY + timedelta(days=1),
            secondary,
            point=None,
            context=choices.ROUTE,
            route_cells=long_route,
            categories=["roads", "dark-lonely"],
        ),
        make_report_on(DAY, secondary, point=None, context=choices.ROUTE, route_cells=short_route, categories=[]),
        make_report_on(DAY, primary, point=None, context=choices.ROUTE, route_cells=far_route, categories=["roads"]),
        make_report_on(DAY, primary, point=FAR, categories=["fighting", "scary-adult"]),
        make_report_on(DAY, primary, point=None, context=choices.SCHOOL_GROUNDS, categories=["bullying"]),
        make_report_on(DAY, primary, point=None, context=choices.HOME, categories=["shouting-at-home"]),
        make_report_on(DAY, secondary, point=None, context=choices.ONLINE, categories=["online-harms"]),
        make_report_on(DAY, all_through, age_group=choices.PRIMARY, categories=["bullying", "online"]),
        make_report_on(DAY, all_through, age_group=choices.SECONDARY, categories=["bullying"]),
        make_report_on(DAY + timedelta(days=30), all_through, point=FAR, categories=["weapons", "bullying"]),
    ]
    assert len(long_route) > 3, "the long route should cross several cells"
    return made


def counts_from_reports(reports) -> Counter:
    """(resolution, cell, category) -> number of reports, worked out from the reports themselves."""
    counts: Counter = Counter()
    for report in reports:
        worries = ["", *set(report.categories)]
        for category in worries:
            counts[(0, "", category)] += 1
        mapped = report.context in choices.MAPPED_CONTEXTS
        places = (report.route_cells or [report.cell]) if mapped and report.cell else []
        for resolution in cells.MAP_RESOLUTIONS:
            for cell in {cells.ancestor(place, resolution) for place in places}:
                for category in worries:
                    counts[(resolution, cell, category)] += 1
    return counts


def counts_from_rollups() -> Counter:
    rows = HotspotRollup.objects.values("resolution", "cell", "category").annotate(total=Sum("count"))
    return Counter({(row["resolution"], row["cell"], row["category"]): row["total"] for row in rows})


def rollup_rows() -> list[tuple]:
    return sorted(
        HotspotRollup.objects.values_list(
            "resolution",
            "cell",
            "latitude",
            "longitude",
            "category",
            "context",
            "age_group",
            "school_id",
            "day",
            "count",
        )
    )


def test_rollups_equal_counts_made_from_the_reports(varied_reports):
    assert counts_from_rollups() == counts_from_reports(PupilReport.objects.all())


def test_every_resolution_and_worry_is_covered(varied_reports):
    keys = counts_from_rollups()
    assert {resolution for resolution, _cell, _category in keys} == {0, *cells.MAP_RESOLUTIONS}
    assert {"", "bullying", "roads", "online-harms", "shouting-at-home"} <= {category for *_rest, category in keys}


def test_a_route_counts_once_per_cell_and_once_in_a_shared_parent(varied_reports):
    route = next(r for r in varied_reports if r.context == choices.ROUTE and r.categories == ["roads"])
    counts = counts_from_rollups()
    for cell in route.route_cells:
        assert counts[(10, cell, "")] >= 1
    parent = cells.ancestor(route.route_cells[0], 5)
    assert all(cells.ancestor(cell, 5) == parent for cell in route.route_cells)
    # Two reports along the long route and the short one, plus the pins nearby: each once, not per cell.
    in_parent = [r for r in PupilReport.objects.all() if parent in {cells.ancestor(c, 5) for c in r.map_cells}]
    assert counts[(5, parent, "")] == len(in_parent)
    assert counts[(5, parent, "roads")] == sum("roads" in r.categories for r in in_parent)


def test_home_and_online_reports_are_counted_but_never_on_the_map(varied_reports):
    counts = counts_from_rollups()
    assert counts[(0, "", "")] == len(varied_reports)
    assert counts[(0, "", "shouting-at-home")] == 1
    assert not HotspotRollup.objects.filter(resolution__gt=0, category="shouting-at-home").exists()
    assert not HotspotRollup.objects.filter(resolution__gt=0, context__in=[choices.HOME, choices.ONLINE]).exists()


def test_rows_keep_context_age_group_school_and_day(varied_reports):
    by_day = dict(
        HotspotRollup.objects.filter(resolution=0, category="").values_list("day").annotate(total=Sum("count"))
    )
    assert by_day == dict(Counter(report.submitted_on for report in varied_reports))
    by_age = dict(
        HotspotRollup.objects.filter(resolution=0, category="").values_list("age_group").annotate(total=Sum("count"))
    )
    assert by_age == dict(Counter(report.age_group for report in varied_reports))
    by_school = dict(
        HotspotRollup.objects.filter(resolution=10, category="bullying")
        .values_list("school_id")
        .annotate(total=Sum("count"))
    )
    expected = Counter(r.school_id for r in varied_reports if "bullying" in r.categories and r.map_cells)
    assert by_school == dict(expected)


def test_cell_centres_are_stored_with_the_rows(varied_reports):
    for row in HotspotRollup.objects.filter(resolution__gt=0):
        centre = cells.centre(row.cell)
        assert (row.latitude, row.longitude) == (centre.lat, centre.lng)
        assert cells.resolution_of(row.cell) == row.resolution


def test_rebuild_gives_identical_rows(varied_reports):
    before = rollup_rows()
    written = rollups.rebuild()
    assert rollup_rows() == before
    assert written == len(before)


def test_remove_report_takes_it_out_of_every_count(varied_reports):
    route = next(r for r in varied_reports if r.context == choices.ROUTE and r.categories == ["roads", "dark-lonely"])
    rollups.remove_report(route)
    route.delete()
    assert counts_from_rollups() == counts_from_reports(PupilReport.objects.all())
    # Rows that fell to zero are gone, not kept at 0.
    assert not HotspotRollup.objects.filter(count__lte=0).exists()
    assert not HotspotRollup.objects.filter(category="dark-lonely").exists()


def test_adding_a_report_to_an_existing_row_adds_one(db):
    school = SchoolFactory(urn="700010")
    make_report(school, categories=["bullying"])
    make_report(school, categories=["bullying"])
    row = HotspotRollup.objects.get(resolution=10, cell=cells.snap(*CENTRE), category="bullying")
    assert row.count == 2

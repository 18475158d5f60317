"""The monthly map rollup and the route cells against the daily rollup and the reports themselves.

The hotspot map and the area profile now read whole months from ``MonthlyHotspotRollup`` and count
route reports from ``ReportRouteCell``. These tests make a few hundred random reports through the
real submission path and check, for random views, date ranges and circles, that every answer
equals one worked out in Python from the reports alone, and that it stays so after reports are
removed and after a rebuild.
"""

from __future__ import annotations

import importlib
import random
from collections import Counter, defaultdict
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from django.apps import apps
from django.db import connection
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.test.utils import CaptureQueriesContext

from portal.reporting import area, cells, choices, rollups
from portal.reporting.hotspots import (
    DatabaseHotspots,
    HotspotCell,
    HotspotQuery,
    calendar_spans,
    cells_in_view,
    plan_days,
)
from portal.reporting.models import (
    HotspotRollup,
    MonthlyHotspotRollup,
    MonthlyHotspotTotal,
    PeriodHotspotTotal,
    PupilReport,
    ReportRouteCell,
)
from tests.reporting.factories import CENTRE, SchoolFactory, make_report_on

FIRST_DAY, LAST_DAY = date(2024, 11, 20), date(2025, 6, 20)
SPREAD_DEGREES = 0.02  # reports within about 2 km of the centre, so cells are shared


def _point(rng: random.Random) -> tuple[float, float]:
    return (CENTRE[0] + rng.gauss(0, SPREAD_DEGREES / 2), CENTRE[1] + rng.gauss(0, SPREAD_DEGREES))


@pytest.fixture
def random_reports(db) -> list[PupilReport]:
    return make_random_reports()


def make_random_reports() -> list[PupilReport]:
    """240 reports from a fixed seed: three schools, both age groups, every context, routes of
    several cells, one to three worries (or none), on days over eight months."""
    rng = random.Random(20261126)  # noqa: S311 - repeatable test data
    schools = [
        SchoolFactory(urn="720001", phase=choices.SECONDARY),
        SchoolFactory(urn="720002", phase=choices.PRIMARY),
        SchoolFactory(urn="720003", phase=choices.ALL_THROUGH),
    ]
    worries = {
        age: [slug for slug, _label in choices.worry_choices(age)] for age in (choices.PRIMARY, choices.SECONDARY)
    }
    days = (LAST_DAY - FIRST_DAY).days
    made = []
    for _ in range(240):
        school = rng.choice(schools)
        age = rng.choice(school.age_groups)
        context = rng.choices(
            [choices.NEIGHBOURHOOD, choices.ROUTE, choices.SCHOOL_GROUNDS, choices.HOME, choices.ONLINE],
            [45, 25, 15, 8, 7],
        )[0]
        kwargs: dict = {"point": _point(rng)}
        if context == choices.ROUTE:
            start = _point(rng)
            end = (start[0] + rng.uniform(-0.01, 0.01), start[1] + rng.uniform(-0.015, 0.015))
            kwargs = {"point": None, "route_cells": cells.snap_route([start, end])}
        elif context in (choices.HOME, choices.ONLINE):
            kwargs = {"point": None}
        day = FIRST_DAY + timedelta(days=rng.randint(0, days))
        categories = rng.sample(worries[age], rng.choice([0, 1, 1, 1, 2, 3]))
        made.append(make_report_on(day, school, age_group=age, context=context, categories=categories, **kwargs))
    assert sum(report.context == choices.ROUTE and len(report.map_cells) > 2 for report in made) > 20
    return made


# --- What the tables should hold, from the reports ---------------------------------------------------


def monthly_from_daily() -> dict[tuple, int]:
    rows = (
        HotspotRollup.objects.filter(resolution__gt=0)
        .annotate(month=TruncMonth("day"))
        .values_list("resolution", "cell", "latitude", "longitude", "category", "context", "age_group", "month")
        .annotate(total=Sum("count"))
    )
    return {(*row[:7], _as_date(row[7])): row[8] for row in rows}


def monthly_rows() -> dict[tuple, int]:
    rows = MonthlyHotspotRollup.objects.values_list(
        "resolution", "cell", "latitude", "longitude", "category", "context", "age_group", "month", "count"
    )
    return {tuple(row[:8]): row[8] for row in rows}


def totals_from_monthly() -> dict[tuple, int]:
    rows = MonthlyHotspotRollup.objects.values_list("resolution", "cell", "month", "category").annotate(Sum("count"))
    return {tuple(row[:4]): row[4] for row in rows}


def total_rows() -> dict[tuple, int]:
    rows = MonthlyHotspotTotal.objects.values_list("resolution", "cell", "month", "category", "count")
    return {tuple(row[:4]): row[4] for row in rows}


def periods_from_totals() -> dict[tuple, int]:
    """The monthly totals summed by calendar quarter (3) and year (12), worked out here."""
    periods: Counter[tuple] = Counter()
    for (resolution, cell, month, category), count in total_rows().items():
        quarter = date(month.year, {1: 1, 2: 1, 3: 1, 4: 4, 5: 4, 6: 4, 7: 7, 8: 7, 9: 7}.get(month.month, 10), 1)
        periods[(resolution, cell, 3, quarter, category)] += count
        periods[(resolution, cell, 12, date(month.year, 1, 1), category)] += count
    return dict(periods)


def period_rows() -> dict[tuple, int]:
    rows = PeriodHotspotTotal.objects.values_list("resolution", "cell", "months", "start", "category", "count")
    return {tuple(row[:5]): row[5] for row in rows}


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def route_cells_from_reports() -> set[tuple]:
    expected = set()
    for report in PupilReport.objects.filter(context=choices.ROUTE):
        worries = " ".join(sorted(set(report.categories)))
        for resolution in cells.MAP_RESOLUTIONS:
            for cell in {cells.ancestor(place, resolution) for place in report.map_cells}:
                expected.add((report.pk, resolution, cell, report.submitted_on, worries))
    return expected


def route_cell_rows() -> set[tuple]:
    rows = ReportRouteCell.objects.values_list("report_id", "resolution", "cell", "day", "categories")
    assert rows.count() == len(set(rows)), "a route cell is stored twice"
    return set(rows)


def hotspots_from_reports(query: HotspotQuery) -> list[HotspotCell]:
    """The hotspot answer worked out from the reports, without any rollup."""
    totals: Counter[str] = Counter()
    breakdown: dict[str, Counter[str]] = defaultdict(Counter)
    for report in PupilReport.objects.all():
        if not query.date_from <= report.submitted_on <= query.date_to:
            continue
        if (query.context and report.context != query.context) or (
            query.age_group and report.age_group != query.age_group
        ):
            continue
        if query.school is not None and report.school_id != query.school:
            continue
        if query.category and query.category not in report.categories:
            continue
        for cell in cells.cells_at(report.map_cells, query.resolution):
            if query.contains(cells.centre(cell)):
                totals[cell] += 1
                for worry in set(report.categories):
                    if not query.category or worry == query.category:
                        breakdown[cell][worry] += 1
    return [
        HotspotCell(cell=cell, centre=cells.centre(cell), count=totals[cell], categories=dict(breakdown[cell]))
        for cell in sorted(totals)
    ]


def area_from_reports(lat: float, lng: float, radius: float, today: date, months: int = 12) -> dict:
    """The area profile's raw counts worked out from the reports."""
    first = area.add_months(today.replace(day=1), -(months - 1))
    resolution = area.resolution_for_radius(radius)
    zone = set(cells.cells_within(lat, lng, radius, resolution)) | {cells.snap(lat, lng, resolution)}
    by_category: Counter[str] = Counter()
    by_context: Counter[str] = Counter()
    by_month: Counter[date] = Counter()
    for report in PupilReport.objects.all():
        if not first <= report.submitted_on <= today:
            continue
        if zone.isdisjoint(cells.cells_at(report.map_cells, resolution)):
            continue
        by_context[report.context] += 1
        by_month[report.submitted_on.replace(day=1)] += 1
        by_category.update(set(report.categories))
    month_starts = [area.add_months(first, n) for n in range(months)]
    return {
        "total": sum(by_context.values()),
        "by_category": {worry.slug: by_category[worry.slug] for worry in choices.WORRIES},
        "by_context": {slug: by_context[slug] for slug, _label in choices.CONTEXTS if slug in choices.MAPPED_CONTEXTS},
        "monthly": [(month, by_month[month]) for month in month_starts],
    }


def exact_area(lat: float, lng: float, radius: float, today: date, settings) -> dict:
    """``area_profile`` with every count shown as it is (threshold 1, no rounding)."""
    settings.REPORTING_SUPPRESSION_THRESHOLD = 1
    settings.REPORTING_ROUNDING = 1
    profile = area.area_profile(lat, lng, radius, today=today)
    return {
        "total": profile.total,
        "by_category": profile.by_category,
        "by_context": profile.by_context,
        "monthly": profile.monthly,
    }


def random_ranges(rng: random.Random, count: int) -> list[tuple[date, date]]:
    """Whole months (what every reader without exact counts asks for), and any days at all: one
    day, part of a month, across a new year, longer than the data."""
    ranges = [
        (date(2024, 11, 1), date(2025, 6, 30)),
        (date(2025, 1, 1), date(2025, 1, 31)),
        (date(2024, 12, 1), date(2025, 2, 28)),
        (date(2025, 3, 14), date(2025, 3, 14)),
        (date(2025, 2, 2), date(2025, 2, 27)),
        (date(2024, 12, 31), date(2025, 1, 1)),
        (date(2024, 1, 1), date(2026, 1, 1)),
    ]
    while len(ranges) < count:
        first = FIRST_DAY + timedelta(days=rng.randint(-20, 200))
        last = first + timedelta(days=rng.choice([0, 3, 17, 29, 45, 90, 200]))
        if rng.random() < 0.4:
            first, last = first.replace(day=1), (last.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(1)
        ranges.append((first, last))
    return ranges


def random_queries(rng: random.Random, count: int) -> list[HotspotQuery]:
    schools = list(PupilReport.objects.values_list("school_id", flat=True).distinct().order_by("school_id"))
    queries = []
    for first, last in random_ranges(rng, count):
        zoom = rng.choice([9, 11, 13, 14, 15, 16, 17])
        half = rng.uniform(0.004, 0.05)
        lat, lng = _point(rng)
        filters: dict = {}
        roll = rng.random()
        if roll < 0.2:
            filters["category"] = rng.choice(["bullying", "roads", "groups", "fighting", "dark-lonely"])
        elif roll < 0.3:
            filters["context"] = rng.choice(sorted(choices.MAPPED_CONTEXTS))
        elif roll < 0.4:
            filters["age_group"] = rng.choice([choices.PRIMARY, choices.SECONDARY])
        elif roll < 0.55:
            filters["school"] = rng.choice(schools)
        queries.append(
            HotspotQuery(
                south=lat - half,
                west=lng - half * 1.6,
                north=lat + half,
                east=lng + half * 1.6,
                zoom=zoom,
                date_from=first,
                date_to=last,
                **filters,
            )
        )
    return queries


def check_everything(rng: random.Random, settings) -> None:
    assert monthly_rows() == monthly_from_daily()
    assert total_rows() == totals_from_monthly()
    assert period_rows() == periods_from_totals()
    assert route_cell_rows() == route_cells_from_reports()
    found_any = 0
    for query in random_queries(rng, 60):
        expected = hotspots_from_reports(query)
        assert DatabaseHotspots().cells(query) == expected, query
        found_any += bool(expected)
    assert found_any > 40, "most views should hold some reports"
    for today in (date(2025, 6, 30), date(2025, 6, 10), date(2025, 3, 14), date(2025, 1, 31)):
        for radius in (50, 250, 1000, 2000, 3000, 5000):
            lat, lng = _point(rng)
            expected = area_from_reports(lat, lng, radius, today)
            assert exact_area(lat, lng, radius, today, settings) == expected, (lat, lng, radius, today)


# --- The tests ---------------------------------------------------------------------------------------


def test_the_monthly_rows_are_the_daily_rows_summed_by_month(random_reports):
    rows = monthly_rows()
    assert rows == monthly_from_daily()
    assert {key[0] for key in rows} == set(cells.MAP_RESOLUTIONS)
    assert not {key[5] for key in rows} & {choices.HOME, choices.ONLINE}  # never on the map
    assert all(key[7].day == 1 for key in rows)
    # Several schools' reports and several days' share a row: the table is smaller.
    assert len(rows) < HotspotRollup.objects.filter(resolution__gt=0).count()


def test_the_monthly_totals_are_the_monthly_rows_summed_over_context_and_age_group(random_reports):
    totals = total_rows()
    assert totals == totals_from_monthly()
    assert len(totals) < MonthlyHotspotRollup.objects.count()


def test_the_period_totals_are_the_monthly_totals_summed_by_quarter_and_by_year(random_reports):
    periods = period_rows()
    assert periods == periods_from_totals()
    # The reports span November 2024 to June 2025: four quarters and two years.
    assert {(months, start) for _r, _c, months, start, _w in periods} == {
        (3, date(2024, 10, 1)),
        (3, date(2025, 1, 1)),
        (3, date(2025, 4, 1)),
        (12, date(2024, 1, 1)),
        (12, date(2025, 1, 1)),
    }


def test_route_cells_are_the_route_reports_cells_at_each_resolution(random_reports):
    assert route_cell_rows() == route_cells_from_reports()
    assert not ReportRouteCell.objects.exclude(report__context=choices.ROUTE).exists()


def test_hotspots_and_area_profiles_equal_counts_from_the_reports(random_reports, settings):
    check_everything(random.Random(1), settings)  # noqa: S311 - repeatable test data


def test_and_still_after_reports_are_removed_and_after_a_rebuild(random_reports, settings):
    rng = random.Random(2)  # noqa: S311 - repeatable test data
    for report in rng.sample(random_reports, 60):
        rollups.remove_report(report)
        report.delete()
    assert not MonthlyHotspotRollup.objects.filter(count__lte=0).exists()
    assert not HotspotRollup.objects.filter(count__lte=0).exists()
    check_everything(rng, settings)
    assert not MonthlyHotspotTotal.objects.filter(count__lte=0).exists()
    assert not PeriodHotspotTotal.objects.filter(count__lte=0).exists()
    tables = (monthly_rows(), total_rows(), period_rows(), route_cell_rows(), HotspotRollup.objects.count())
    rollups.rebuild()
    assert (monthly_rows(), total_rows(), period_rows(), route_cell_rows(), HotspotRollup.objects.count()) == tables
    check_everything(rng, settings)


def test_the_migration_fills_both_tables_from_what_is_stored(random_reports):
    expected = (monthly_rows(), total_rows(), route_cell_rows())
    for model in (MonthlyHotspotRollup, MonthlyHotspotTotal, ReportRouteCell):
        model.objects.all().delete()
    migration = importlib.import_module("portal.reporting.migrations.0002_monthly_rollups_and_route_cells")
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert (monthly_rows(), total_rows(), route_cell_rows()) == expected


def test_the_migration_fills_the_period_totals_from_the_monthly_totals(random_reports):
    expected = period_rows()
    assert expected
    PeriodHotspotTotal.objects.all().delete()
    migration = importlib.import_module("portal.reporting.migrations.0004_period_hotspot_totals")
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert period_rows() == expected


def test_whole_months_without_a_school_read_only_the_monthly_rows(random_reports):
    """The point of the tables: a reader without exact counts (whole months, no school) never
    reaches the daily rows, and without a context or age group filter reads the monthly totals; a
    school's own staff, reading their school, read the daily rows."""
    view = {"south": 51.55, "west": 0.13, "north": 51.60, "east": 0.23, "zoom": 13}
    models = (HotspotRollup, MonthlyHotspotRollup, MonthlyHotspotTotal, PeriodHotspotTotal)
    tables = [model._meta.db_table for model in models]

    def tables_read(**kwargs) -> tuple[bool, ...]:
        with CaptureQueriesContext(connection) as captured:
            found = DatabaseHotspots().cells(HotspotQuery(**view, **kwargs))
        assert found
        sql = " ".join(query["sql"] for query in captured.captured_queries)
        return tuple(f'"{table}"' in sql for table in tables)

    whole = {"date_from": date(2024, 7, 1), "date_to": date(2025, 6, 30)}  # four whole quarters
    assert tables_read(**whole) == (False, False, False, True)
    assert tables_read(**whole, category="bullying") == (False, False, False, True)
    months = {"date_from": date(2024, 11, 1), "date_to": date(2025, 5, 31)}  # 2 months, a quarter, 2 months
    assert tables_read(**months) == (False, False, True, True)
    assert tables_read(date_from=date(2025, 2, 1), date_to=date(2025, 3, 31)) == (False, False, True, False)
    assert tables_read(**whole, category="bullying", context=choices.NEIGHBOURHOOD) == (False, True, False, False)
    assert tables_read(**whole, age_group=choices.SECONDARY) == (False, True, False, False)
    assert tables_read(date_from=date(2025, 1, 3), date_to=date(2025, 6, 30)) == (True, False, False, True)
    school = random_reports[0].school_id
    assert tables_read(**whole, school=school) == (True, False, False, False)


def test_a_view_read_a_chunk_of_cells_at_a_time_gives_the_same_answer(random_reports, monkeypatch):
    """On a database with a limit on query parameters (SQLite), the cells in view are read a chunk
    at a time, each chunk from every table the range needs in one statement."""
    view = {"south": CENTRE[0] - 0.02, "west": CENTRE[1] - 0.04, "north": CENTRE[0] + 0.02, "east": CENTRE[1] + 0.04}
    school = random_reports[0].school_id
    for zoom, dates, school_filter in (
        (16, (date(2024, 11, 1), date(2025, 5, 31)), None),  # monthly and period totals
        (16, (date(2024, 11, 5), date(2025, 6, 20)), None),  # and daily rows added and taken away
        (15, (date(2024, 12, 1), date(2025, 6, 30)), school),  # a school's own daily rows
    ):
        query = HotspotQuery(**view, zoom=zoom, date_from=dates[0], date_to=dates[1], school=school_filter)
        assert len(cells_in_view(query)) > 250
        whole = DatabaseHotspots().cells(query)
        monkeypatch.setattr(connection.features, "max_query_params", 150)
        with CaptureQueriesContext(connection) as captured:
            chunked = DatabaseHotspots().cells(query)
        monkeypatch.undo()
        assert len(captured.captured_queries) >= 3
        assert chunked == whole == hotspots_from_reports(query)
        assert whole


def test_area_profiles_read_no_report(random_reports, settings):
    with CaptureQueriesContext(connection) as captured:
        exact_area(*CENTRE, 2000, date(2025, 6, 30), settings)
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert f'"{PupilReport._meta.db_table}"' not in sql
    assert len(captured.captured_queries) == 2  # the monthly rows and the route cells
    with CaptureQueriesContext(connection) as captured:
        exact_area(*CENTRE, 2000, date(2025, 6, 20), settings)  # and the daily rows after the 20th
    assert len(captured.captured_queries) == 3


@pytest.mark.parametrize("seed", range(3))
def test_a_day_plan_covers_each_day_of_the_range_exactly_once(seed):
    rng = random.Random(seed)  # noqa: S311 - repeatable test data
    for _ in range(300):
        first = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        last = first + timedelta(days=rng.choice([0, 1, 2, 14, 27, 28, 30, 31, 59, 61, 364, 365, 800]))
        if rng.random() < 0.3:
            first = first.replace(day=1)
        plan = plan_days(first, last)
        covered: Counter[date] = Counter()
        if plan.months:
            month = plan.months[0]
            while month <= plan.months[1]:
                day = month
                while day.month == month.month:
                    covered[day] += 1
                    day += timedelta(days=1)
                month = day
        for sign, spans in ((1, plan.add), (-1, plan.subtract)):
            for start, end in spans:
                for offset in range((end - start).days + 1):
                    covered[start + timedelta(days=offset)] += sign
        wanted = Counter(first + timedelta(days=n) for n in range((last - first).days + 1))
        assert +covered == wanted and -covered == Counter(), (first, last, plan)
        # Never more daily days than the range has, and none at all for whole months.
        daily_days = sum((end - start).days + 1 for start, end in (*plan.add, *plan.subtract))
        assert daily_days <= (last - first).days + 1
        if first.day == 1 and (last + timedelta(days=1)).day == 1:
            assert (plan.add, plan.subtract) == ((), ())


def _month_list(first: date, last: date) -> list[date]:
    months = []
    while first <= last:
        months.append(first)
        first = (first + timedelta(days=31)).replace(day=1)
    return months


def _fewest_blocks(months: list[date]) -> int:
    """The fewest calendar years, quarters and months that make up ``months`` exactly, by trying
    every way (a dynamic programme over the months from the end)."""
    best = [0] * (len(months) + 1)
    for start in range(len(months) - 1, -1, -1):
        options = []
        for size, aligned in ((12, months[start].month == 1), (3, months[start].month in (1, 4, 7, 10)), (1, True)):
            if aligned and start + size <= len(months):
                options.append(1 + best[start + size])
        best[start] = min(options)
    return best[0]


@pytest.mark.parametrize("seed", range(3))
def test_calendar_spans_count_each_month_once_in_the_fewest_whole_periods(seed):
    rng = random.Random(seed)  # noqa: S311 - repeatable test data
    for _ in range(300):
        first = date(2019 + rng.randint(0, 6), rng.randint(1, 12), 1)
        last = _month_list(first, date(2040, 1, 1))[rng.choice([0, 1, 2, 3, 5, 11, 12, 13, 14, 23, 25, 40, 70])]
        spans = calendar_spans(first, last)
        covered: list[date] = []
        blocks = 0
        for size, start, end in spans:
            assert size in (1, 3, 12)
            for block in _month_list(start, end)[::size]:
                assert (block.month - 1) % size == 0, (first, last, spans)  # a calendar quarter or year
                covered += _month_list(block, _month_list(block, date(2041, 1, 1))[size - 1])
                blocks += 1
        assert covered == _month_list(first, last), (first, last, spans)
        assert blocks == _fewest_blocks(_month_list(first, last)), (first, last, spans)
        assert all(a[0] != b[0] for a, b in zip(spans, spans[1:], strict=False))  # runs are merged


def test_calendar_spans_of_the_maps_default_year():
    assert calendar_spans(date(2025, 12, 1), date(2026, 12, 1)) == [
        (1, date(2025, 12, 1), date(2025, 12, 1)),
        (12, date(2026, 1, 1), date(2026, 1, 1)),
    ]
    assert calendar_spans(date(2026, 2, 1), date(2027, 2, 1)) == [
        (1, date(2026, 2, 1), date(2026, 3, 1)),
        (3, date(2026, 4, 1), date(2026, 10, 1)),
        (1, date(2027, 1, 1), date(2027, 2, 1)),
    ]
    assert calendar_spans(date(2024, 1, 1), date(2026, 3, 1)) == [
        (12, date(2024, 1, 1), date(2025, 1, 1)),
        (3, date(2026, 1, 1), date(2026, 1, 1)),
    ]
    assert calendar_spans(date(1, 1, 1), date(1, 1, 1)) == [(1, date(1, 1, 1), date(1, 1, 1))]
    assert calendar_spans(date(9999, 1, 1), date(9999, 12, 1)) == [(12, date(9999, 1, 1), date(9999, 1, 1))]
    assert calendar_spans(date(2026, 3, 1), date(2026, 2, 1)) == []


def test_a_day_plan_at_the_ends_of_the_calendar():
    assert plan_days(date.min, date(1, 1, 31)) == plan_days(date(1, 1, 1), date(1, 1, 31))
    assert plan_days(date(9999, 12, 1), date.max).months == (date(9999, 12, 1), date(9999, 12, 1))
    assert plan_days(date(9999, 12, 5), date.max).subtract == ((date(9999, 12, 1), date(9999, 12, 4)),)
    assert plan_days(date(2025, 3, 2), date(2025, 3, 1)).months is None


def test_postgresql_connections_run_without_jit_and_with_more_work_mem(db):
    """The connection options the big aggregates were measured with (portal/settings/base.py)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's own settings")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] == "32MB"

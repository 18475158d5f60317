"""Keeping the hotspot rollups in step with the reports.

Every report adds one to a row per (resolution, cell, worry, context, age group, school, day) it
touches: at each map resolution, once per distinct cell (so a route drawn through five cells adds
one to each of those cells, and one to their shared parent), for each of its worries and for
"any worry" (category ""). A row at resolution 0 with no cell counts every report, mapped or not.

The map's rows (resolutions 5 to 10) are also counted by calendar month, without the school and
the day (:class:`MonthlyHotspotRollup`), and by month without context and age group either
(:class:`MonthlyHotspotTotal`), which is what the hotspot map and the area profile read for whole
months; the totals are also summed by calendar quarter and year (:class:`PeriodHotspotTotal`), so
the map reads a year in fewer rows. A route report also gets one :class:`ReportRouteCell` row per map resolution and distinct
cell, so the area profile can count each route once, however many of its cells are in the area.
Every mapped report also counts once in each of the API's fixed circles that reaches it
(:class:`AreaProfileRollup`, :func:`area_keys_for`), so those profiles are read, not counted.

``add_report`` runs inside the transaction that saves the report, as one upsert statement per
table, with rows in a fixed order (daily, monthly, monthly total, period total, then area profile
rows, each sorted by key) so that concurrent reports never deadlock each other. ``remove_report``
and ``rebuild`` keep all six tables in step in the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import F

from . import area, cells, choices
from .models import (
    AreaProfileRollup,
    HotspotRollup,
    MonthlyHotspotRollup,
    MonthlyHotspotTotal,
    PeriodHotspotTotal,
    PupilReport,
    ReportRouteCell,
)

ALL = HotspotRollup.ALL_CATEGORIES
# The fields a report's rollups are made from (for ``.only()`` when reading many reports).
REPORT_FIELDS = ("id", "categories", "context", "age_group", "school_id", "submitted_on", "cell", "route_cells")


@dataclass(frozen=True, order=True)
class RollupKey:
    resolution: int
    cell: str
    category: str
    context: str
    age_group: str
    school_id: int
    day: date


@dataclass(frozen=True, order=True)
class MonthlyKey:
    resolution: int
    cell: str
    month: date  # the first day of the month
    category: str
    context: str
    age_group: str


@dataclass(frozen=True, order=True)
class TotalKey:
    resolution: int
    cell: str
    month: date  # the first day of the month
    category: str


@dataclass(frozen=True, order=True)
class PeriodKey:
    resolution: int
    cell: str
    months: int  # 3 for a calendar quarter, 12 for a calendar year
    start: date  # the first day of the quarter or year
    category: str


@dataclass(frozen=True, order=True)
class AreaKey:
    centre: str  # a resolution-8 cell
    radius_m: int
    month: date  # the first day of the month
    context: str
    category: str


@dataclass(frozen=True, order=True)
class RouteCellRow:
    report_id: int
    resolution: int
    cell: str
    day: date
    categories: str  # the report's worries, sorted, separated by spaces


def keys_for(report: PupilReport) -> list[RollupKey]:
    """Every rollup row one report counts in, each once."""
    categories = [ALL, *sorted(set(report.categories))]
    keys: list[RollupKey] = []
    common = {"context": report.context, "age_group": report.age_group, "school_id": report.school_id}
    for category in categories:
        keys.append(RollupKey(0, "", category, day=report.submitted_on, **common))
    map_cells = report.map_cells
    for resolution in cells.MAP_RESOLUTIONS:
        for cell in cells.cells_at(map_cells, resolution):
            for category in categories:
                keys.append(RollupKey(resolution, cell, category, day=report.submitted_on, **common))
    return keys


def monthly_key(key: RollupKey) -> MonthlyKey:
    """The monthly row a daily map row is summed into (no school, no day)."""
    return MonthlyKey(key.resolution, key.cell, key.day.replace(day=1), key.category, key.context, key.age_group)


def total_key(key: MonthlyKey) -> TotalKey:
    """The monthly total a monthly row is summed into (no context, no age group)."""
    return TotalKey(key.resolution, key.cell, key.month, key.category)


def period_keys(key: TotalKey) -> tuple[PeriodKey, PeriodKey]:
    """The quarter and the year total a monthly total is summed into."""
    quarter = key.month.replace(month=(key.month.month - 1) // 3 * 3 + 1)
    return (
        PeriodKey(key.resolution, key.cell, PeriodHotspotTotal.QUARTER, quarter, key.category),
        PeriodKey(key.resolution, key.cell, PeriodHotspotTotal.YEAR, key.month.replace(month=1), key.category),
    )


def period_counts(totals: Iterable[tuple[TotalKey, int]]) -> Counter[PeriodKey]:
    """Monthly totals (key, count) summed by calendar quarter and year."""
    counts: Counter[PeriodKey] = Counter()
    for key, count in totals:
        for period in period_keys(key):
            counts[period] += count
    return counts


def monthly_keys_for(report: PupilReport) -> list[MonthlyKey]:
    """Every monthly rollup row one report counts in, each once: its map rows by month."""
    return [monthly_key(key) for key in keys_for(report) if key.resolution > 0]


@dataclass(frozen=True)
class ReportForKeys:
    """The fields of a report its area keys are made from, for code that reads reports without the
    model class (a migration's historical models have no ``map_cells``)."""

    context: str
    cell: str
    route_cells: list[str]
    categories: list[str]
    submitted_on: date

    map_cells = PupilReport.map_cells  # the model's own rule


def area_keys_for(report: PupilReport | ReportForKeys, memo: dict | None = None) -> list[AreaKey]:
    """Every area profile row one report counts in, each once: for each offered radius, each
    centre whose circle reaches one of its cells (``area.centres_reaching``; ``memo`` is passed on),
    for "any worry" and for each of its worries."""
    map_cells = report.map_cells
    if not map_cells:
        return []
    month = report.submitted_on.replace(day=1)
    return list(_area_keys(tuple(map_cells), month, report.context, tuple(sorted(set(report.categories))), memo))


def _area_keys(
    map_cells: tuple[str, ...], month: date, context: str, worries: tuple[str, ...], memo: dict | None
) -> Iterable[AreaKey]:
    for radius in area.PRECOMPUTED_RADII_M:
        for centre in sorted(area.centres_reaching(map_cells, radius, memo)):
            for category in (ALL, *worries):
                yield AreaKey(centre, radius, month, context, category)


class AreaCounter:
    """Counts many reports into area profile rows (:func:`area_keys_for`), working out the
    circles once for reports with the same cells, month, context and worries, and once per cell."""

    def __init__(self) -> None:
        self.groups: Counter[tuple] = Counter()
        self.memo: dict = {}

    def add(self, report: PupilReport | ReportForKeys) -> None:
        map_cells = report.map_cells
        if map_cells:
            month = report.submitted_on.replace(day=1)
            self.groups[(tuple(map_cells), month, report.context, tuple(sorted(set(report.categories))))] += 1

    def counts(self) -> Counter[AreaKey]:
        counts: Counter[AreaKey] = Counter()
        for group, reports in self.groups.items():
            for key in _area_keys(*group, self.memo):
                counts[key] += reports
        return counts


def route_cells_for(report: PupilReport) -> list[RouteCellRow]:
    """The route-cell rows of a saved route report (none for any other report)."""
    if report.context != choices.ROUTE:
        return []
    map_cells = report.map_cells
    if not map_cells:
        return []
    if report.pk is None:
        raise ValueError("A route report must be saved before its cells are written.")
    worries = " ".join(sorted(set(report.categories)))
    return [
        RouteCellRow(report.pk, resolution, cell, report.submitted_on, worries)
        for resolution in cells.MAP_RESOLUTIONS
        for cell in cells.cells_at(map_cells, resolution)
    ]


class _Centres(dict):
    """Cell centres, each worked out once per batch."""

    def __missing__(self, cell: str) -> cells.LatLng:
        point = self[cell] = cells.centre(cell)
        return point


def _add_counts(model: type, columns: Sequence[str], conflict: Sequence[str], rows: list[tuple]) -> None:
    """``INSERT ... ON CONFLICT DO UPDATE`` adding each row's count (its last value) to the row
    already there. ``rows`` are written in the order given (sorted by key, so that concurrent
    reports take row locks in one order and never deadlock)."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join((*columns, 'count'))}) "  # noqa: S608 - names from the model, values bound
        f"VALUES ({', '.join(['%s'] * (len(columns) + 1))}) "
        f"ON CONFLICT ({', '.join(conflict)}) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _upsert(counts: Counter[RollupKey], centres: _Centres | None = None) -> None:
    centres = _Centres() if centres is None else centres
    rows = []
    for key in sorted(counts):
        point = centres[key.cell] if key.cell else None
        rows.append(
            (
                key.resolution,
                key.cell,
                point.lat if point else None,
                point.lng if point else None,
                key.category,
                key.context,
                key.age_group,
                key.school_id,
                key.day,
                counts[key],
            )
        )
    _add_counts(
        HotspotRollup,
        ("resolution", "cell", "latitude", "longitude", "category", "context", "age_group", "school_id", "day"),
        ("resolution", "cell", "category", "context", "age_group", "school_id", "day"),
        rows,
    )


def _upsert_monthly(counts: Counter[MonthlyKey], centres: _Centres | None = None) -> None:
    centres = _Centres() if centres is None else centres
    rows = []
    for key in sorted(counts):
        point = centres[key.cell]
        row = (key.resolution, key.cell, point.lat, point.lng, key.category, key.context, key.age_group, key.month)
        rows.append((*row, counts[key]))
    _add_counts(
        MonthlyHotspotRollup,
        ("resolution", "cell", "latitude", "longitude", "category", "context", "age_group", "month"),
        ("resolution", "cell", "month", "category", "context", "age_group"),
        rows,
    )


def _upsert_totals(counts: Counter[TotalKey]) -> None:
    _add_counts(
        MonthlyHotspotTotal,
        ("resolution", "cell", "month", "category"),
        ("resolution", "cell", "month", "category"),
        [(key.resolution, key.cell, key.month, key.category, counts[key]) for key in sorted(counts)],
    )


def _upsert_periods(counts: Counter[PeriodKey]) -> None:
    columns = ("resolution", "cell", "months", "start", "category")
    _add_counts(
        PeriodHotspotTotal,
        columns,
        columns,
        [(key.resolution, key.cell, key.months, key.start, key.category, counts[key]) for key in sorted(counts)],
    )


def _upsert_area(counts: Counter[AreaKey]) -> None:
    columns = ("centre", "radius_m", "month", "context", "category")
    _add_counts(
        AreaProfileRollup,
        columns,
        columns,
        [(key.centre, key.radius_m, key.month, key.context, key.category, counts[key]) for key in sorted(counts)],
    )


def _insert_route_cells(rows: list[RouteCellRow]) -> None:
    ReportRouteCell.objects.bulk_create(
        [
            ReportRouteCell(
                report_id=row.report_id,
                resolution=row.resolution,
                cell=row.cell,
                day=row.day,
                categories=row.categories,
            )
            for row in rows
        ],
        batch_size=1000,
    )


def _write(reports: Iterable[PupilReport]) -> int:
    """Count reports in all six tables. Returns the number of daily rows written."""
    daily: Counter[RollupKey] = Counter()
    areas = AreaCounter()
    routes: list[RouteCellRow] = []
    for report in reports:
        daily.update(keys_for(report))
        areas.add(report)
        routes.extend(route_cells_for(report))
    monthly: Counter[MonthlyKey] = Counter()
    for key, count in daily.items():
        if key.resolution > 0:
            monthly[monthly_key(key)] += count
    totals: Counter[TotalKey] = Counter()
    for key, count in monthly.items():
        totals[total_key(key)] += count
    centres = _Centres()
    _upsert(daily, centres)
    _upsert_monthly(monthly, centres)
    _upsert_totals(totals)
    _upsert_periods(period_counts(totals.items()))
    _upsert_area(areas.counts())
    _insert_route_cells(sorted(routes))
    return len(daily)


def add_report(report: PupilReport) -> None:
    """Count a newly saved report. Call inside the transaction that saved it."""
    _write([report])


def add_reports(reports: Iterable[PupilReport]) -> None:
    """Count many saved reports at once (demo data, rebuilds, benchmarks)."""
    _write(reports)


def _count_down(model: type, keys: Iterable[RollupKey | MonthlyKey | TotalKey | PeriodKey | AreaKey]) -> None:
    """One report less in each row of ``model`` named by ``keys`` (their fields are its columns)."""
    for key in keys:
        model.objects.filter(**asdict(key)).update(count=F("count") - 1)


@transaction.atomic
def remove_report(report: PupilReport) -> None:
    """Take a report out of the counts (before it is deleted, e.g. as spam or at the end of its
    retention period)."""
    keys = keys_for(report)
    _count_down(HotspotRollup, keys)
    monthly = sorted({monthly_key(key) for key in keys if key.resolution > 0})
    _count_down(MonthlyHotspotRollup, monthly)
    totals = sorted({total_key(key) for key in monthly})
    _count_down(MonthlyHotspotTotal, totals)
    _count_down(PeriodHotspotTotal, sorted(period for key in totals for period in period_keys(key)))
    # Only this report's rows went down, so only they can have reached zero.
    HotspotRollup.objects.filter(
        resolution__in=[0, *cells.MAP_RESOLUTIONS], day=report.submitted_on, count__lte=0
    ).delete()
    if monthly:
        touched = {"resolution__in": cells.MAP_RESOLUTIONS, "cell__in": {key.cell for key in monthly}}
        month = report.submitted_on.replace(day=1)
        MonthlyHotspotRollup.objects.filter(**touched, month=month, count__lte=0).delete()
        MonthlyHotspotTotal.objects.filter(**touched, month=month, count__lte=0).delete()
        starts = {period.start for period in period_keys(totals[0])}
        PeriodHotspotTotal.objects.filter(**touched, start__in=starts, count__lte=0).delete()
    areas = area_keys_for(report)
    _count_down(AreaProfileRollup, areas)
    if areas:
        AreaProfileRollup.objects.filter(
            centre__in={key.centre for key in areas}, month=report.submitted_on.replace(day=1), count__lte=0
        ).delete()
    if report.pk is not None:
        ReportRouteCell.objects.filter(report_id=report.pk).delete()


@transaction.atomic
def rebuild() -> int:
    """Recount every rollup (daily, monthly, monthly and period totals, area profiles and route
    cells) from the reports. Returns the number of daily rows written."""
    HotspotRollup.objects.all().delete()
    MonthlyHotspotRollup.objects.all().delete()
    MonthlyHotspotTotal.objects.all().delete()
    PeriodHotspotTotal.objects.all().delete()
    AreaProfileRollup.objects.all().delete()
    ReportRouteCell.objects.all().delete()
    return _write(PupilReport.objects.only(*REPORT_FIELDS).order_by("pk").iterator(chunk_size=2000))

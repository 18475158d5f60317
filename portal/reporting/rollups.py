"""Keeping the hotspot rollups in step with the reports.

Every report adds one to a row per (resolution, cell, worry, context, age group, school, day) it
touches: at each map resolution, once per distinct cell (so a route drawn through five cells adds
one to each of those cells, and one to their shared parent), for each of its worries and for
"any worry" (category ""). A row at resolution 0 with no cell counts every report, mapped or not.

``add_report`` runs inside the transaction that saves the report, as one upsert statement per
batch, with rows in a fixed order so that concurrent reports never deadlock each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import F

from . import cells
from .models import HotspotRollup, PupilReport

ALL = HotspotRollup.ALL_CATEGORIES


@dataclass(frozen=True, order=True)
class RollupKey:
    resolution: int
    cell: str
    category: str
    context: str
    age_group: str
    school_id: int
    day: date


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


def _upsert(counts: Counter[RollupKey]) -> None:
    if not counts:
        return
    table = connection.ops.quote_name(HotspotRollup._meta.db_table)
    sql = (
        f"INSERT INTO {table} (resolution, cell, latitude, longitude, category, context, age_group, school_id, day, count) "  # noqa: S608 - table name from the model, values bound
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (resolution, cell, category, context, age_group, school_id, day) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    rows = []
    for key in sorted(counts):
        point = cells.centre(key.cell) if key.cell else None
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
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def add_report(report: PupilReport) -> None:
    """Count a newly saved report. Call inside the transaction that saved it."""
    _upsert(Counter(keys_for(report)))


def add_reports(reports: Iterable[PupilReport]) -> None:
    """Count many reports at once (demo data, rebuilds, benchmarks)."""
    counts: Counter[RollupKey] = Counter()
    for report in reports:
        counts.update(keys_for(report))
    _upsert(counts)


@transaction.atomic
def remove_report(report: PupilReport) -> None:
    """Take a report out of the counts (before it is deleted, e.g. as spam or at the end of its
    retention period)."""
    for key in keys_for(report):
        HotspotRollup.objects.filter(
            resolution=key.resolution,
            cell=key.cell,
            category=key.category,
            context=key.context,
            age_group=key.age_group,
            school_id=key.school_id,
            day=key.day,
        ).update(count=F("count") - 1)
    HotspotRollup.objects.filter(count__lte=0).delete()


@transaction.atomic
def rebuild() -> int:
    """Recount every rollup from the reports. Returns the number of rows written."""
    HotspotRollup.objects.all().delete()
    counts: Counter[RollupKey] = Counter()
    for report in PupilReport.objects.only(
        "categories", "context", "age_group", "school_id", "submitted_on", "cell", "route_cells"
    ).iterator(chunk_size=2000):
        counts.update(keys_for(report))
    _upsert(counts)
    return len(counts)

"""The hotspot map and area profile on a million synthetic reports: rollups against raw rows.

    /tmp/venv/bin/python bench/hotspots.py --reports 20000            # small first: a minute or two
    /tmp/venv/bin/python bench/hotspots.py                            # 1,000,000 reports
    /tmp/venv/bin/python bench/hotspots.py --reuse                    # measure again, same data
    /tmp/venv/bin/python bench/hotspots.py --drop                     # and drop the database after

It makes a PostgreSQL database (``bench_hotspots`` unless ``--db-name``), migrates it and fills it
with ``--reports`` synthetic reports from a fixed seed: ``--schools`` schools spread over
``REPORTING_MAP_BOUNDS``, reports clustered around a few hundred places (and a thin background
everywhere), over the last ``--days`` days, in every context (route reports a minority, home and
online never on the map), each made by ``submission.build_report`` (the anonymity rules) and
saved with ``bulk_create``, a day at a time. The rollups are counted with ``rollups.keys_for``,
the app's own definition of the rows a report counts in (see "Writing the rollups" below). The
database is kept, so ``--reuse`` measures again without generating (about 4 GB at a million).

Then, with the same seed each time:

(a) p50/p95/p99 of ``DatabaseHotspots().cells`` over a few hundred random map views (screen-sized
    boxes at zooms 10 to 17, so resolutions 6 to 10; a year, 3 months or 1 month; no filter, or a
    worry, a context, an age group or a school), asked as the app asks them: widened to whole
    calendar months (``HotspotQuery.in_whole_months``), except for the school filter, which stands
    for a school's own staff, who see exact counts for any days; the same views with their day
    ranges as drawn (part-months at the ends, as every view was measured before the monthly
    rollup); and the API view (``/api/reporting/hotspots/``, Django's test client, signed in as an
    analyst) for a subset;
(b) the same for ``area.area_profile`` at radii from 100 m to 5 km;
(b2) area profiles as the API asks them (``area.profile_around_cell``: the centre of a
    resolution-8 cell, at the four offered radii, read from ``AreaProfileRollup``), each also counted
    afresh with ``area.area_profile`` side by side and asserted equal; and a subset through the API
    view (``/api/reporting/area-profile/``);
(c) for a subset of the same queries, the same answers computed from the PupilReport rows (SQL
    over the reports in the date range and filters, each report's cell or route snapped to the
    query's resolution in Python), asserted equal to the rollup answer before suppression (for the
    area profile: with the suppression threshold and the rounding set to 1, which shows every count), each raw
    query timed right after its rollup query, so the ratio raw / rollup is measured side by side.

Writing the rollups: ``rollups.add_reports`` (one ``INSERT ... ON CONFLICT`` per row and table,
through ``executemany``) is the app's way and is used with ``--rollup-writer upsert``. The default,
``copy``, counts the same keys (``rollups.keys_for``, with the cell centres from ``cells.centre``
as ``_upsert`` does) for one whole day of reports at a time and writes them with ``COPY``; since
the day is part of every row's key, no two days' rows can collide, so no upsert is needed. The
monthly rows and monthly totals (``rollups.monthly_key`` and ``rollups.total_key`` of the same
keys) are summed in Python over a calendar month and written with ``COPY`` when the month ends,
and the route cells (``rollups.route_cells_for``) with each day. The first day is written both
ways, in a transaction that is rolled back, and the rows of all four tables are asserted identical
before the rest is loaded; after the load, the monthly table is asserted equal to the daily one
summed by month, and the totals to the monthly table summed, in SQL. Results go to
bench/results/<time>-hotspots.json.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_P95_MS = 30.0
META_TABLE = "bench_hotspots_meta"
# How a report's context is chosen: route reports a minority; home and online never on the map.
CONTEXT_WEIGHTS = (("neighbourhood", 40), ("school", 25), ("route", 12), ("home", 12), ("online", 11))
# Screen-sized map views: a 1280 x 800 pixel map at these zooms (Web Mercator tiles of 256 px).
ZOOMS = (10, 12, 13, 14, 15, 16, 17)
SCREEN_W, SCREEN_H = 1280, 800
RADII = (100, 250, 500, 1000, 2000, 5000)
OFFERED_RADII = (250, 500, 1000, 2000)  # the radii the API and the officer's panel offer


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def stats_ms(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 2),
        "p95_ms": round(percentile(values, 0.95), 2),
        "p99_ms": round(percentile(values, 0.99), 2),
        "max_ms": round(max(values), 2),
    }


# --- The database ---------------------------------------------------------------------------------


def database_exists(maintenance_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def recreate_database(maintenance_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"created PostgreSQL database {name}")


def drop_database(maintenance_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    log(f"dropped PostgreSQL database {name}")


def django_env(database_url: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-hotspots-not-secret",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": "",  # the database backend is what is measured
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
    }


def migrate(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "migrate", "--noinput"],
        cwd=BASE_DIR,
        env={**{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}, **env},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"migrate failed:\n{result.stderr[-3000:]}")


def django_setup(env: dict[str, str]) -> None:
    for key in [k for k in os.environ if k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "REPORTING_"))]:
        del os.environ[key]
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def read_meta() -> dict[str, Any] | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [META_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT data FROM {META_TABLE}")  # noqa: S608 - constant table name
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def write_meta(meta: dict[str, Any]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (data text)")
        cursor.execute(f"DELETE FROM {META_TABLE}")  # noqa: S608
        cursor.execute(f"INSERT INTO {META_TABLE} (data) VALUES (%s)", [json.dumps(meta)])  # noqa: S608


# --- Synthetic reports ----------------------------------------------------------------------------

REFERENCE_SPACE = 31**8
REFERENCE_STEP = 1_000_003  # prime, so i * step mod 31**8 never repeats for i < 31**8


def reference_for(index: int) -> str:
    """A unique, reproducible reference for the index-th synthetic report (same shape as the
    app's random ones)."""
    from portal.reporting.models import REFERENCE_ALPHABET

    value = (index * REFERENCE_STEP + 7_777_777) % REFERENCE_SPACE
    chars = []
    for _ in range(8):
        value, digit = divmod(value, 31)
        chars.append(REFERENCE_ALPHABET[digit])
    body = "".join(chars)
    return f"R-{body[:4]}-{body[4:]}"


@dataclass
class Cluster:
    lat: float
    lng: float
    sigma_m: float
    weight: float
    schools: list[Any]
    worries: dict[str, list[str]]  # age group -> the worries most reported here


def metres_to_degrees(lat: float, north_m: float, east_m: float) -> tuple[float, float]:
    return north_m / 111_320, east_m / (111_320 * math.cos(math.radians(lat)))


def make_world(rng: random.Random, school_count: int) -> tuple[list[Any], list[Cluster]]:
    """Schools spread over the map's box (inside its middle 80 %), and about five places per
    school where reports cluster, each with its own spread, weight and favourite worries."""
    from django.conf import settings

    from portal.reporting import choices
    from portal.reporting.models import School

    south, west, north, east = settings.REPORTING_MAP_BOUNDS
    pad_lat, pad_lng = (north - south) * 0.1, (east - west) * 0.1
    inner = (south + pad_lat, west + pad_lng, north - pad_lat, east - pad_lng)
    schools = []
    for number in range(school_count):
        roll = rng.random()
        phase = choices.PRIMARY if roll < 0.6 else choices.SECONDARY if roll < 0.94 else choices.ALL_THROUGH
        lat, lng = rng.uniform(inner[0], inner[2]), rng.uniform(inner[1], inner[3])
        schools.append(
            School(
                name=f"Bench School {number + 1:03d}",
                urn=f"99{number + 1:04d}",
                phase=phase,
                location=f"SRID=4326;POINT({lng:.6f} {lat:.6f})",
                lead_name="Bench Lead",
                lead_email=f"lead{number + 1}@example.org",
                join_code=f"BEN-{number + 1:03d}",
            )
        )
    for school in schools:
        school.save()  # save() sets latitude and longitude from the location
    clusters = []
    worry_slugs = {
        age: [slug for slug, _ in choices.worry_choices(age)] for age in (choices.PRIMARY, choices.SECONDARY)
    }
    for _ in range(school_count * 5):
        lat, lng = rng.uniform(inner[0], inner[2]), rng.uniform(inner[1], inner[3])
        nearest = sorted(schools, key=lambda s: (s.latitude - lat) ** 2 + (s.longitude - lng) ** 2)[:4]
        clusters.append(
            Cluster(
                lat=lat,
                lng=lng,
                sigma_m=rng.uniform(60, 500),
                weight=rng.paretovariate(1.2),  # a few places get most of the reports
                schools=nearest,
                worries={age: rng.sample(slugs, 3) for age, slugs in worry_slugs.items()},
            )
        )
    return schools, clusters


class ReportMaker:
    """Makes one day's reports, reproducibly (the random generator is seeded by the day)."""

    def __init__(self, seed: int, schools: list[Any], clusters: list[Cluster]):
        from django.conf import settings

        from portal.reporting import choices

        self.seed = seed
        self.schools = schools
        self.clusters = clusters
        self.cluster_weights = list(itertools.accumulate(c.weight for c in clusters))
        self.bounds = settings.REPORTING_MAP_BOUNDS
        self.worries = {
            age: [slug for slug, _ in choices.worry_choices(age)] for age in (choices.PRIMARY, choices.SECONDARY)
        }
        self.areas = [slug for slug, _ in choices.SCHOOL_AREAS]
        self.rooms = [slug for slug, _ in choices.HOME_ROOMS]
        self.online = [slug for slug, _ in choices.ONLINE_PLACES]
        self.times = [slug for slug, _ in choices.TIMES_OF_DAY]

    def _point(self, rng: random.Random, lat: float, lng: float, sigma_m: float) -> tuple[float, float]:
        south, west, north, east = self.bounds
        dlat, dlng = metres_to_degrees(lat, rng.gauss(0, sigma_m), rng.gauss(0, sigma_m))
        return min(north, max(south, lat + dlat)), min(east, max(west, lng + dlng))

    def day(self, day_index: int, count: int, day: date, first_index: int) -> list[Any]:
        from portal.reporting import cells, choices
        from portal.reporting.submission import ReportDraft, build_report

        rng = random.Random(self.seed * 100_003 + day_index)
        south, west, north, east = self.bounds
        contexts = [c for c, _w in CONTEXT_WEIGHTS]
        context_weights = [w for _c, w in CONTEXT_WEIGHTS]
        reports = []
        for number in range(count):
            background = rng.random() < 0.08
            cluster = None if background else rng.choices(self.clusters, cum_weights=self.cluster_weights)[0]
            school = rng.choice(self.schools) if cluster is None or rng.random() < 0.15 else rng.choice(cluster.schools)
            age = school.phase if school.phase != choices.ALL_THROUGH else rng.choice(["primary", "secondary"])
            context = rng.choices(contexts, context_weights)[0]
            worries = self.worries[age]
            if cluster is not None and rng.random() < 0.7:
                picked = {rng.choice(cluster.worries[age])}
                if rng.random() < 0.4:
                    picked.add(rng.choice(worries))
            else:
                picked = set(rng.sample(worries, rng.randint(1, 3)))
            cell, route, place_fields = "", [], {}
            if context == choices.NEIGHBOURHOOD:
                if cluster is None:
                    lat, lng = rng.uniform(south, north), rng.uniform(west, east)
                else:
                    lat, lng = self._point(rng, cluster.lat, cluster.lng, cluster.sigma_m)
                cell = cells.snap(lat, lng)
            elif context == choices.ROUTE:
                # From near the school towards the place, a few taps along the way.
                target = (cluster.lat, cluster.lng) if cluster else (rng.uniform(south, north), rng.uniform(west, east))
                start = self._point(rng, school.latitude, school.longitude, 150)
                taps = rng.randint(2, 5)
                share = rng.uniform(0.3, 1.0)  # part of the way only, so routes stay short
                points = []
                for tap in range(taps):
                    f = share * tap / (taps - 1)
                    lat = start[0] + (target[0] - start[0]) * f
                    lng = start[1] + (target[1] - start[1]) * f
                    points.append(self._point(rng, lat, lng, 40))
                route = cells.snap_route(points)
                cell = route[0]
            elif context == choices.SCHOOL_GROUNDS:
                place_fields["school_area"] = rng.choice(self.areas)
            elif context == choices.HOME:
                place_fields["home_room"] = rng.choice(self.rooms)
            else:
                place_fields["online_place"] = rng.choice(self.online)
            draft = ReportDraft(
                reference=reference_for(first_index + number),
                school=school,
                age_group=age,
                context=context,
                categories=sorted(picked),
                feeling=rng.randint(1, 4),
                cell=cell,
                route_cells=route,
                times_of_day=rng.sample(self.times, rng.randint(0, 2)),
                days=rng.choice(["", "weekdays", "weekends", "any-day"]),
                wants_trusted_adult=False,
                **place_fields,
            )
            report = build_report(draft)
            report.submitted_on = day
            reports.append(report)
        return reports


def day_counts(total: int, days: int, rng: random.Random) -> list[int]:
    """Reports per day: fewer at weekends and in August, more in the dark months; sums to total."""
    end = date.today()
    weights = []
    for index in range(days):
        day = end - timedelta(days=days - 1 - index)
        weight = 1.0 + 0.3 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365)
        weight *= 0.5 if day.weekday() >= 5 else 1.0
        weight *= 0.4 if day.month == 8 else 1.0
        weights.append(weight * rng.uniform(0.85, 1.15))
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in range(total - sum(counts)):
        counts[index % days] += 1
    return counts


# --- Writing the rollups --------------------------------------------------------------------------

ROLLUP_COLUMNS = (
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


MONTHLY_COLUMNS = ("resolution", "cell", "latitude", "longitude", "category", "context", "age_group", "month", "count")
TOTAL_COLUMNS = ("resolution", "cell", "month", "category", "count")
PERIOD_COLUMNS = ("resolution", "cell", "months", "start", "category", "count")
ROUTE_CELL_COLUMNS = ("report_id", "resolution", "cell", "day", "categories")
CENTRES: dict[str, Any] = {}


def centre(cell: str) -> Any:
    from portal.reporting import cells

    point = CENTRES.get(cell)
    if point is None:
        point = CENTRES[cell] = cells.centre(cell)
    return point


def rollup_rows(reports: list[Any], monthly: Counter | None = None) -> list[tuple]:
    """The daily rows ``rollups.add_reports`` would write for these reports, from the same keys;
    their map rows are also added up by month into ``monthly``."""
    from portal.reporting import rollups

    counts: Counter = Counter()
    for report in reports:
        counts.update(rollups.keys_for(report))
    if monthly is not None:
        for key, count in counts.items():
            if key.resolution > 0:
                monthly[rollups.monthly_key(key)] += count
    rows = []
    for key, count in counts.items():
        point = centre(key.cell) if key.cell else None
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
                count,
            )
        )
    return rows


def copy_rows(model: Any, columns: tuple[str, ...], rows: list[tuple]) -> int:
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
    return len(rows)


def copy_area_profiles() -> int:
    """Count every stored report into ``AreaProfileRollup`` with ``rollups.AreaCounter`` (what
    ``rollups.add_reports`` and the migration do) and write the rows with COPY. Returns the rows."""
    from django.db import connection

    from portal.reporting import choices, rollups
    from portal.reporting.models import AreaProfileRollup, PupilReport

    AreaProfileRollup.objects.all().delete()  # the migration filled it while the table was empty
    counter = rollups.AreaCounter()
    fields = ("context", "cell", "route_cells", "categories", "submitted_on")
    mapped = PupilReport.objects.filter(context__in=choices.MAPPED_CONTEXTS).order_by()
    with connection.cursor():  # one server-side cursor, read a chunk at a time
        for values in mapped.values_list(*fields).iterator(chunk_size=20_000):
            counter.add(rollups.ReportForKeys(*values))
    columns = ("centre", "radius_m", "month", "context", "category", "count")
    counts = counter.counts()
    return copy_rows(
        AreaProfileRollup,
        columns,
        [(k.centre, k.radius_m, k.month, k.context, k.category, n) for k, n in sorted(counts.items())],
    )


def copy_period_totals(totals: Counter | None = None) -> int:
    """The monthly totals summed by calendar quarter and year (``rollups.period_counts``, what
    ``rollups.add_reports`` and the migration use), written with COPY: from ``totals`` (a Counter of
    ``rollups.TotalKey``) when given, otherwise from every monthly total stored. Returns the rows."""
    from django.db import connection

    from portal.reporting import rollups
    from portal.reporting.models import MonthlyHotspotTotal, PeriodHotspotTotal

    if totals is None:
        stored = MonthlyHotspotTotal.objects.values_list(*TOTAL_COLUMNS).order_by()
        with connection.cursor():  # one server-side cursor, read a chunk at a time
            counts = rollups.period_counts(
                (rollups.TotalKey(*row[:4]), row[4]) for row in stored.iterator(chunk_size=50_000)
            )
    else:
        counts = rollups.period_counts(totals.items())
    return copy_rows(
        PeriodHotspotTotal,
        PERIOD_COLUMNS,
        [(k.resolution, k.cell, k.months, k.start, k.category, n) for k, n in sorted(counts.items())],
    )


def copy_rollups(reports: list[Any], timings: Counter | None = None, monthly: Counter | None = None) -> int:
    """COPY one day's daily rollup rows and route cells; add its monthly counts to ``monthly``."""
    from portal.reporting import rollups
    from portal.reporting.models import HotspotRollup, ReportRouteCell

    started = time.perf_counter()
    rows = rollup_rows(reports, monthly)
    routes = [
        (r.report_id, r.resolution, r.cell, r.day, r.categories) for p in reports for r in rollups.route_cells_for(p)
    ]
    if timings is not None:
        timings["rollup_keys_python"] += time.perf_counter() - started
    copy_rows(ReportRouteCell, ROUTE_CELL_COLUMNS, routes)
    if timings is not None:
        timings["route_cell_rows"] += len(routes)
    return copy_rows(HotspotRollup, ROLLUP_COLUMNS, rows)


def copy_monthly(monthly: Counter, totals: Counter | None = None) -> int:
    """COPY the monthly rows and monthly totals of one or more whole calendar months (no other
    month's rows may be in the tables yet, since the month is part of the key); the totals are
    also added to ``totals``."""
    from portal.reporting import rollups
    from portal.reporting.models import MonthlyHotspotRollup, MonthlyHotspotTotal

    rows = []
    month_totals: Counter = Counter()
    for key, count in monthly.items():
        point = centre(key.cell)
        rows.append(
            (key.resolution, key.cell, point.lat, point.lng, key.category, key.context, key.age_group, key.month, count)
        )
        month_totals[rollups.total_key(key)] += count
    if totals is not None:
        totals.update(month_totals)
    copy_rows(
        MonthlyHotspotTotal,
        TOTAL_COLUMNS,
        [(key.resolution, key.cell, key.month, key.category, count) for key, count in month_totals.items()],
    )
    return copy_rows(MonthlyHotspotRollup, MONTHLY_COLUMNS, rows)


def table_rows() -> dict[str, set[tuple]]:
    from portal.reporting.models import (
        HotspotRollup,
        MonthlyHotspotRollup,
        MonthlyHotspotTotal,
        PeriodHotspotTotal,
        ReportRouteCell,
    )

    return {
        "daily": set(HotspotRollup.objects.values_list(*ROLLUP_COLUMNS)),
        "monthly": set(MonthlyHotspotRollup.objects.values_list(*MONTHLY_COLUMNS)),
        "monthly_totals": set(MonthlyHotspotTotal.objects.values_list(*TOTAL_COLUMNS)),
        "period_totals": set(PeriodHotspotTotal.objects.values_list(*PERIOD_COLUMNS)),
        "route_cells": set(ReportRouteCell.objects.values_list("report__reference", *ROUTE_CELL_COLUMNS[1:])),
    }


def copy_day(reports: list[Any]) -> None:
    monthly: Counter = Counter()
    totals: Counter = Counter()
    copy_rollups(reports, monthly=monthly)
    copy_monthly(monthly, totals)
    copy_period_totals(totals)


def verify_writers(reports: list[Any]) -> dict[str, Any]:
    """Save one day's reports and write their rollups with ``rollups.add_reports`` and with COPY,
    each in a transaction rolled back, and compare the rows (route cells by the report's reference,
    since the two saves give the reports different ids); also time both."""
    from django.db import transaction

    from portal.reporting import rollups
    from portal.reporting.models import PupilReport

    class Rollback(Exception):
        pass

    found: dict[str, Any] = {}
    for name, write in (("upsert", rollups.add_reports), ("copy", copy_day)):
        with contextlib.suppress(Rollback), transaction.atomic():
            PupilReport.objects.bulk_create(reports, batch_size=2000)
            started = time.perf_counter()
            write(reports)
            found[f"{name}_seconds"] = round(time.perf_counter() - started, 3)
            found[name] = table_rows()
            raise Rollback
        for report in reports:  # rolled back: to be saved again
            report.pk = None
            report._state.adding = True
    same = found["upsert"] == found["copy"]
    if not same:
        differ = {table: len(rows ^ found["copy"][table]) for table, rows in found["upsert"].items()}
        raise AssertionError(f"COPY and rollups.add_reports disagree: rows differ {differ}")
    return {
        "reports": len(reports),
        "rows": {table: len(rows) for table, rows in found["copy"].items()},
        "upsert_seconds": found["upsert_seconds"],
        "copy_seconds": found["copy_seconds"],
        "identical": same,
    }


@contextlib.contextmanager
def rollup_indexes_deferred() -> Any:
    """Drop the rollup tables' indexes and unique constraints (not the primary keys) for the bulk
    load and build them again afterwards, from their own definitions: building an index once by
    sorting is several times faster than updating it row by row. Re-adding the unique constraints
    checks, again, that no two rows share a key."""
    from django.db import connection

    from portal.reporting.models import (
        HotspotRollup,
        MonthlyHotspotRollup,
        MonthlyHotspotTotal,
        PeriodHotspotTotal,
        ReportRouteCell,
    )

    dropped = []
    with connection.cursor() as cursor:
        for model in (HotspotRollup, MonthlyHotspotRollup, MonthlyHotspotTotal, PeriodHotspotTotal, ReportRouteCell):
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'u'",
                [table],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
                [table, table],
            )
            indexes = cursor.fetchall()
            for name, _definition in constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            dropped.append((table, constraints, indexes))
    yield
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")  # this session only
        for table, constraints, indexes in dropped:
            for name, definition in constraints:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for _name, definition in indexes:
                cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
    rebuilt = sum(len(c) + len(i) for _t, c, i in dropped)
    log(f"rebuilt {rebuilt} constraint(s) and index(es) in {time.monotonic() - started:.0f}s")


def check_monthly_equals_daily() -> dict[str, Any]:
    """The monthly table against the daily one summed by month, the monthly totals against the
    monthly table summed, and the quarter and year totals against the monthly totals summed, in
    SQL, row for row."""
    from django.db import connection

    from portal.reporting import cells
    from portal.reporting.models import HotspotRollup, MonthlyHotspotRollup, MonthlyHotspotTotal

    started = time.perf_counter()
    columns = "resolution, cell, latitude, longitude, category, context, age_group"
    summed = (
        f"SELECT {columns}, date_trunc('month', day)::date AS month, sum(count)::bigint AS count "  # noqa: S608
        f"FROM {HotspotRollup._meta.db_table} WHERE resolution = ANY(%s) "
        f"GROUP BY {columns}, date_trunc('month', day)"
    )
    monthly = f"SELECT {columns}, month, count::bigint FROM {MonthlyHotspotRollup._meta.db_table}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM ({summed} EXCEPT ALL {monthly}) a), "  # noqa: S608
            f"(SELECT count(*) FROM ({monthly} EXCEPT ALL {summed}) b)",
            [list(cells.MAP_RESOLUTIONS), list(cells.MAP_RESOLUTIONS)],
        )
        missing, extra = cursor.fetchone()
    if missing or extra:
        raise AssertionError(f"the monthly rollup differs from the daily one: {missing} rows missing, {extra} extra")
    summed = (
        "SELECT resolution, cell, month, category, sum(count)::bigint "  # noqa: S608
        f"FROM {MonthlyHotspotRollup._meta.db_table} GROUP BY resolution, cell, month, category"
    )
    totals = f"SELECT resolution, cell, month, category, count::bigint FROM {MonthlyHotspotTotal._meta.db_table}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM ({summed} EXCEPT ALL {totals}) a), "  # noqa: S608
            f"(SELECT count(*) FROM ({totals} EXCEPT ALL {summed}) b)"
        )
        missing, extra = cursor.fetchone()
    if missing or extra:
        raise AssertionError(f"the monthly totals differ from the monthly rows: {missing} rows missing, {extra} extra")
    check_periods_equal_totals()
    return {"equal": True, "seconds": round(time.perf_counter() - started, 1)}


def check_periods_equal_totals() -> None:
    """The quarter and year totals against the monthly totals summed by quarter and year, in SQL."""
    from django.db import connection

    from portal.reporting.models import MonthlyHotspotTotal, PeriodHotspotTotal

    summed = (
        "SELECT * FROM ("
        + " UNION ALL ".join(
            f"SELECT resolution, cell, {months} AS months, date_trunc('{unit}', month)::date AS start, category, "  # noqa: S608
            f"sum(count)::bigint FROM {MonthlyHotspotTotal._meta.db_table} "
            f"GROUP BY resolution, cell, date_trunc('{unit}', month), category"
            for months, unit in ((3, "quarter"), (12, "year"))
        )
        + ") AS summed"
    )
    periods = (
        "SELECT resolution, cell, months, start, category, count::bigint "  # noqa: S608
        f"FROM {PeriodHotspotTotal._meta.db_table}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM ({summed} EXCEPT ALL {periods}) a), "  # noqa: S608
            f"(SELECT count(*) FROM ({periods} EXCEPT ALL {summed}) b)"
        )
        missing, extra = cursor.fetchone()
    if missing or extra:
        raise AssertionError(f"the period totals differ from the monthly totals: {missing} rows missing, {extra} extra")


def periods_filled_by_migration() -> dict[str, Any]:
    """After ``migrate`` filled ``PeriodHotspotTotal`` on a database made before it: check it against
    the monthly totals and analyse it, as a build would."""
    from django.db import connection

    from portal.reporting.models import PeriodHotspotTotal

    log("checking the period totals the migration filled against the monthly totals")
    started = time.perf_counter()
    check_periods_equal_totals()
    table = connection.ops.quote_name(PeriodHotspotTotal._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("SELECT pg_total_relation_size(%s)", [PeriodHotspotTotal._meta.db_table])
        size = cursor.fetchone()[0]
    return {
        "period_total_rows": PeriodHotspotTotal.objects.count(),
        "period_totals_check": {"equal": True, "seconds": round(time.perf_counter() - started, 1)},
        "period_totals_mb": round(size / 2**20),
    }


def generate(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection, transaction

    from portal.reporting import rollups
    from portal.reporting.models import (
        HotspotRollup,
        MonthlyHotspotRollup,
        MonthlyHotspotTotal,
        PeriodHotspotTotal,
        PupilReport,
        ReportRouteCell,
    )

    rng = random.Random(args.seed)
    started = time.monotonic()
    schools, clusters = make_world(rng, args.schools)
    maker = ReportMaker(args.seed, schools, clusters)
    counts = day_counts(args.reports, args.days, rng)
    end = date.today()
    timings = Counter()
    made = rows = 0
    verification = None
    log(f"generating {args.reports:,} reports over {args.days} days for {len(schools)} schools, {len(clusters)} places")
    deferred = contextlib.ExitStack()
    monthly: Counter = Counter()  # the current month's monthly rows (COPY writer)
    for index, count in enumerate(counts):
        day = end - timedelta(days=args.days - 1 - index)
        t0 = time.perf_counter()
        reports = maker.day(index, count, day, made)
        t1 = time.perf_counter()
        if verification is None:
            verification = verify_writers(reports)
            log(f"rollup writers agree on day 1: {verification}")
            if args.rollup_writer == "copy":  # upserts need the unique constraint
                deferred.enter_context(rollup_indexes_deferred())
        with transaction.atomic():
            t2 = time.perf_counter()
            PupilReport.objects.bulk_create(reports, batch_size=2000)
            t3 = time.perf_counter()
            if args.rollup_writer == "upsert":
                rollups.add_reports(reports)
                written = 0
            else:
                written = copy_rollups(reports, timings, monthly)
                last_of_month = index == len(counts) - 1 or (day + timedelta(days=1)).day == 1
                if last_of_month:
                    copy_monthly(monthly)
                    monthly.clear()
            t4 = time.perf_counter()
        timings["build"] += t1 - t0
        timings["bulk_create"] += t3 - t2
        timings["rollups"] += t4 - t3
        made += count
        rows += written
        if index % 30 == 0 or index == len(counts) - 1:
            elapsed = time.monotonic() - started
            log(f"  day {index + 1}/{len(counts)}: {made:,} reports in {elapsed:.0f}s ({made / elapsed:,.0f}/s)")
    if args.rollup_writer == "copy":
        log("summing the monthly totals by quarter and year (PeriodHotspotTotal)")
        t7 = time.perf_counter()
        copy_period_totals()
        timings["period_totals"] += time.perf_counter() - t7
    t5 = time.perf_counter()
    deferred.close()
    timings["rollup_indexes"] += time.perf_counter() - t5
    log("counting the area profiles the API answers about (AreaProfileRollup)")
    t6 = time.perf_counter()
    area_rows = copy_area_profiles()
    timings["area_profile_rows"] += time.perf_counter() - t6
    log("VACUUM ANALYZE")
    models = (
        PupilReport,
        HotspotRollup,
        MonthlyHotspotRollup,
        MonthlyHotspotTotal,
        ReportRouteCell,
        PeriodHotspotTotal,
    )
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["pg_total_relation_size(%s)"] * len(models)),
            [model._meta.db_table for model in models],
        )
        report_bytes, rollup_bytes, monthly_bytes, total_bytes, route_bytes, period_bytes = cursor.fetchone()
    log("checking the monthly rollup against the daily one")
    monthly_check = check_monthly_equals_daily()
    return {
        "reports": args.reports,
        "seed": args.seed,
        "schools": args.schools,
        "days": args.days,
        "end_day": end.isoformat(),
        "rollup_writer": args.rollup_writer,
        "generation_seconds": round(time.monotonic() - started, 1),
        "phase_seconds": {k: round(v, 1) for k, v in timings.items()},
        "rollup_rows": HotspotRollup.objects.count(),
        "monthly_rows": MonthlyHotspotRollup.objects.count(),
        "monthly_total_rows": MonthlyHotspotTotal.objects.count(),
        "period_total_rows": PeriodHotspotTotal.objects.count(),
        "route_cell_rows": ReportRouteCell.objects.count(),
        "area_profile_rows": area_rows,
        "route_reports": PupilReport.objects.filter(context="route").count(),
        "mapped_reports": PupilReport.objects.on_map().count(),
        "table_mb": {
            "reports": round(report_bytes / 2**20),
            "rollups": round(rollup_bytes / 2**20),
            "monthly_rollups": round(monthly_bytes / 2**20),
            "monthly_totals": round(total_bytes / 2**20),
            "route_cells": round(route_bytes / 2**20),
            "period_totals": round(period_bytes / 2**20),
        },
        "index_mb": index_sizes(),
        "writer_check": verification,
        "monthly_check": monthly_check,
    }


def index_sizes() -> dict[str, int]:
    from django.db import connection

    from portal.reporting.models import (
        HotspotRollup,
        MonthlyHotspotRollup,
        MonthlyHotspotTotal,
        PeriodHotspotTotal,
        ReportRouteCell,
    )

    models = (HotspotRollup, MonthlyHotspotRollup, MonthlyHotspotTotal, PeriodHotspotTotal, ReportRouteCell)
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelname, pg_relation_size(indexrelid) FROM pg_stat_user_indexes "
            "WHERE relname = ANY(%s) ORDER BY indexrelname",
            [tables],
        )
        return {name: round(size / 2**20) for name, size in cursor.fetchall()}


# --- Queries --------------------------------------------------------------------------------------


def random_view(rng: random.Random, clusters: list[tuple[float, float]], end: date, zoom: int | None = None) -> Any:
    """A screen-sized map view somewhere in the borough, with a date range and perhaps a filter."""
    from django.conf import settings

    from portal.reporting import choices
    from portal.reporting.hotspots import HotspotQuery

    zoom = zoom if zoom is not None else rng.choice(ZOOMS)
    south, west, north, east = settings.REPORTING_MAP_BOUNDS
    lat, lng = rng.choice(clusters) if rng.random() < 0.7 else (rng.uniform(south, north), rng.uniform(west, east))
    width = SCREEN_W * 360 / (256 * 2**zoom)
    height = SCREEN_H * 360 / (256 * 2**zoom) * math.cos(math.radians(lat))
    span = rng.choice([365, 365, 90, 30])
    date_to = end if rng.random() < 0.8 else end - timedelta(days=rng.randint(0, 180))
    filters: dict[str, Any] = {}
    roll = rng.random()
    if roll < 0.2:
        filters["category"] = rng.choice(["bullying", "fighting", "dark-lonely", "groups", "roads", "drugs"])
    elif roll < 0.3:
        filters["context"] = rng.choice(sorted(choices.MAPPED_CONTEXTS))
    elif roll < 0.4:
        filters["age_group"] = rng.choice([choices.PRIMARY, choices.SECONDARY])
    elif roll < 0.5:
        filters["school"] = rng.choice(SCHOOL_IDS)
    return HotspotQuery(
        south=max(-90.0, lat - height / 2),
        west=lng - width / 2,
        north=min(90.0, lat + height / 2),
        east=lng + width / 2,
        zoom=zoom,
        date_from=date_to - timedelta(days=span - 1),
        date_to=date_to,
        **filters,
    )


SCHOOL_IDS: list[int] = []


def describe(query: Any) -> str:
    filters = [f"{k}={getattr(query, k)}" for k in ("category", "context", "age_group", "school") if getattr(query, k)]
    days = (query.date_to - query.date_from).days + 1
    return f"z{query.zoom}/r{query.resolution} {days}d {' '.join(filters) or 'no filter'}"


def as_the_app_asks(query: Any) -> Any:
    """The view as the app's callers send it: whole calendar months, unless it is filtered to a
    school (which here stands for that school's own staff, who see exact counts for any days)."""
    return query if query.school is not None else query.in_whole_months()


def query_kind(query: Any) -> str:
    filtered = any(getattr(query, k) for k in ("category", "context", "age_group", "school"))
    days = (query.date_to - query.date_from).days + 1
    return f"r{query.resolution} {'year' if days > 300 else f'{days}d'}{' filtered' if filtered else ''}"


def raw_hotspots(query: Any) -> list[Any]:
    """The hotspot answer from the PupilReport rows: the reports in the date range and filters,
    grouped in SQL by (cell, route, worries), each group's cells snapped to the query's resolution
    and kept when the cell's centre is in the box, in Python."""
    from django.db import connection

    from portal.reporting import cells, choices
    from portal.reporting.hotspots import HotspotCell
    from portal.reporting.models import PupilReport

    table = connection.ops.quote_name(PupilReport._meta.db_table)
    where = ["submitted_on BETWEEN %s AND %s", "cell <> ''"]
    params: list[Any] = [query.date_from, query.date_to]
    if query.context:
        where.append("context = %s")
        params.append(query.context)
    else:
        where.append("context = ANY(%s)")
        params.append(sorted(choices.MAPPED_CONTEXTS))
    if query.age_group:
        where.append("age_group = %s")
        params.append(query.age_group)
    if query.school is not None:
        where.append("school_id = %s")
        params.append(query.school)
    if query.category:
        where.append("categories @> %s::jsonb")
        params.append(json.dumps([query.category]))
    sql = (
        f"SELECT cell, route_cells, categories, count(*) FROM {table} "  # noqa: S608 - table name from the model
        f"WHERE {' AND '.join(where)} GROUP BY cell, route_cells, categories"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        groups = cursor.fetchall()
    totals: Counter[str] = Counter()
    breakdown: dict[str, Counter[str]] = defaultdict(Counter)
    inside: dict[str, bool] = {}
    for cell, route, categories, n in groups:
        route = json.loads(route) if isinstance(route, str) else route
        categories = json.loads(categories) if isinstance(categories, str) else categories
        for parent in cells.cells_at(route or [cell], query.resolution):
            shown = inside.get(parent)
            if shown is None:
                shown = inside[parent] = query.contains(cells.centre(parent))
            if not shown:
                continue
            totals[parent] += n
            for category in set(categories):
                if not query.category or category == query.category:
                    breakdown[parent][category] += n
    return [
        HotspotCell(cell=c, centre=cells.centre(c), count=totals[c], categories=dict(breakdown.get(c, {})))
        for c in sorted(totals)
        if totals[c] > 0
    ]


def raw_area(lat: float, lng: float, radius: float, today: date, months: int = 12) -> dict[str, Any]:
    """The area profile's counts (before suppression) from the PupilReport rows: reports in the
    months whose cell, or any cell of whose route, is in the area at the profile's resolution."""
    import h3

    from django.db import connection

    from portal.reporting import area, cells, choices
    from portal.reporting.models import PupilReport

    month_starts = [area.add_months(today.replace(day=1), -offset) for offset in reversed(range(months))]
    resolution = area.resolution_for_radius(radius)
    zone = set(cells.cells_within(lat, lng, radius, resolution))
    zone.add(cells.snap(lat, lng, resolution))
    storage = cells.storage_resolution()
    stored = (
        sorted({child for c in zone for child in h3.cell_to_children(c, storage)})
        if resolution < storage
        else sorted(zone)
    )
    table = connection.ops.quote_name(PupilReport._meta.db_table)
    sql = (
        "SELECT cell, route_cells, categories, context, date_trunc('month', submitted_on)::date, count(*) "  # noqa: S608
        f"FROM {table} WHERE submitted_on BETWEEN %s AND %s AND context = ANY(%s) AND cell <> '' "
        "AND (cell = ANY(%s) OR (context = %s AND route_cells ?| %s)) GROUP BY 1, 2, 3, 4, 5"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [month_starts[0], today, sorted(choices.MAPPED_CONTEXTS), stored, choices.ROUTE, stored])
        groups = cursor.fetchall()
    by_category: Counter[str] = Counter()
    by_context: Counter[str] = Counter()
    by_month: Counter[date] = Counter()
    for cell, route, categories, context, month, n in groups:
        route = json.loads(route) if isinstance(route, str) else route
        categories = json.loads(categories) if isinstance(categories, str) else categories
        if not zone.intersection(cells.cells_at(route or [cell], resolution)):
            continue
        by_context[context] += n
        by_month[month] += n
        for category in set(categories):
            by_category[category] += n
    return {
        "total": sum(by_context.values()),
        "by_category": {w.slug: by_category.get(w.slug, 0) for w in choices.WORRIES},
        "by_context": {s: by_context.get(s, 0) for s, _l in choices.CONTEXTS if s in choices.MAPPED_CONTEXTS},
        "monthly": [(m, by_month.get(m, 0)) for m in month_starts],
    }


def unsuppressed_area(lat: float, lng: float, radius: float, today: date) -> dict[str, Any]:
    """``area.area_profile`` with the suppression threshold at 1 and rounding to 1, which shows
    every count as it is."""
    from django.test import override_settings

    from portal.reporting import area

    with override_settings(REPORTING_SUPPRESSION_THRESHOLD=1, REPORTING_ROUNDING=1):
        profile = area.area_profile(lat, lng, radius, today=today)
    return {
        "total": profile.total,
        "by_category": profile.by_category,
        "by_context": profile.by_context,
        "monthly": profile.monthly,
    }


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def explain(call: Callable[[], Any]) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of each SQL query ``call`` makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            # Long lists of cells or days: say how long, not what.
            plans.append(re.sub(r"'\{([^}]{120,})\}'", lambda m: f"'{{<{m.group(1).count(',') + 1} items>}}'", plan))
    return plans


def compare_with_months_only(backend: Any, queries: list[Any]) -> dict[str, Any]:
    """Each view answered as the app answers it (whole years and quarters from the period totals,
    the months left over from the monthly totals) and straight after that from the monthly totals
    alone (as before ``PeriodHotspotTotal``), asserted equal: the ratio is measured side by side."""
    from portal.reporting import hotspots
    from portal.reporting.models import MonthlyHotspotTotal

    def months_only(first: date, last: date) -> list[Any]:
        return [MonthlyHotspotTotal.objects.filter(month__gte=first, month__lte=last)]

    app_ms: list[float] = []
    before_ms: list[float] = []
    for query in queries:
        ms, found = timed(lambda q=query: backend.cells(q))
        app_way, hotspots._whole_months = hotspots._whole_months, months_only
        try:
            old_ms, old = timed(lambda q=query: backend.cells(q))
        finally:
            hotspots._whole_months = app_way
        if found != old:
            raise AssertionError(f"period totals and monthly totals disagree for {describe(query)}")
        app_ms.append(ms)
        before_ms.append(old_ms)
    return {
        "with_periods": stats_ms(app_ms),
        "months_only": stats_ms(before_ms),
        "ratio_median": round(statistics.median(b / a for a, b in zip(app_ms, before_ms, strict=True)), 2),
        "ratio_total": round(sum(before_ms) / sum(app_ms), 2),
    }


def measure(args: argparse.Namespace, meta: dict[str, Any]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Sum
    from django.test import Client

    from portal.reporting import area, roles
    from portal.reporting.hotspots import DatabaseHotspots
    from portal.reporting.models import HotspotRollup, School

    end = date.fromisoformat(meta["end_day"])
    rng = random.Random(args.seed + 1)
    SCHOOL_IDS[:] = list(School.objects.values_list("id", flat=True))
    # Where reports cluster, to aim most views at, as a user would: the 200 busiest cells at
    # resolution 8 (about 1 km across), found in the rollups, and the schools.
    busiest = (
        HotspotRollup.objects.filter(resolution=8, category="")
        .values("latitude", "longitude")
        .annotate(n=Sum("count"))
        .order_by("-n")[:200]
    )
    cluster_points = [(row["latitude"], row["longitude"]) for row in busiest]
    cluster_points += list(School.objects.values_list("latitude", "longitude"))
    backend = DatabaseHotspots()
    drawn = [random_view(rng, cluster_points, end) for _ in range(args.queries)]
    queries = [as_the_app_asks(query) for query in drawn]
    for query in queries[:10]:  # warm the caches (the database's and Python's)
        backend.cells(query)

    log(f"(a) {len(queries)} hotspot queries through DatabaseHotspots, as the app asks them")
    hotspot_ms: list[float] = []
    by_kind: dict[str, list[float]] = defaultdict(list)
    sizes: list[int] = []
    slowest: tuple[float, Any] = (0.0, None)
    for query in queries:
        ms, found = timed(lambda q=query: backend.cells(q))
        hotspot_ms.append(ms)
        by_kind[query_kind(query)].append(ms)
        sizes.append(len(found))
        if ms > slowest[0]:
            slowest = (ms, query)

    log("(a2) the views without school, context or age group: years and quarters against months alone")
    whole_vs_months = compare_with_months_only(
        backend, [q for q in queries if not (q.school or q.context or q.age_group)]
    )

    log(f"(a) the same {len(drawn)} views with their day ranges as drawn (part-months at the ends)")
    day_range_ms: list[float] = []
    day_range_by_kind: dict[str, list[float]] = defaultdict(list)
    for query in drawn:
        ms, _found = timed(lambda q=query: backend.cells(q))
        day_range_ms.append(ms)
        day_range_by_kind[query_kind(query)].append(ms)

    log(f"(a) {args.http_queries} hotspot queries through the API view (test client, analyst)")
    user_model = get_user_model()
    analyst, _ = user_model.objects.get_or_create(username="bench-analyst", defaults={"email": "a@example.org"})
    analyst.groups.add(Group.objects.get(name=roles.ANALYSTS))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(analyst)
    http_ms: list[float] = []
    for number, query in enumerate(queries[: args.http_queries + 3]):
        params = {
            "bbox": f"{query.west},{query.south},{query.east},{query.north}",
            "zoom": query.zoom,
            "date_from": query.date_from.isoformat(),
            "date_to": query.date_to.isoformat(),
        }
        params.update(
            {k: getattr(query, k) for k in ("category", "context", "age_group", "school") if getattr(query, k)}
        )
        ms, response = timed(lambda p=params: client.get("/api/reporting/hotspots/", p))
        if response.status_code != 200:
            raise AssertionError(f"API answered {response.status_code}: {response.content[:300]!r}")
        if number >= 3:  # the first three warm the view up
            http_ms.append(ms)
    last_payload = json.loads(response.content)

    log(f"(b) {args.area_queries} area profiles")
    area_ms: list[float] = []
    area_by_radius: dict[int, list[float]] = defaultdict(list)
    area_points = []
    for number in range(args.area_queries):
        lat, lng = rng.choice(cluster_points)
        dlat, dlng = metres_to_degrees(lat, rng.gauss(0, 400), rng.gauss(0, 400))
        radius = RADII[number % len(RADII)]
        area_points.append((lat + dlat, lng + dlng, radius))
    for lat, lng, radius in area_points[:6]:
        area.area_profile(lat, lng, radius, today=end)
    for lat, lng, radius in area_points:
        ms, _profile = timed(lambda a=lat, b=lng, r=radius: area.area_profile(a, b, r, today=end))
        area_ms.append(ms)
        area_by_radius[radius].append(ms)

    log(f"(b2) {len(area_points)} area profiles as the API asks them, and each counted afresh side by side")
    from portal.reporting import cells

    api_areas = [
        (cells.snap(lat, lng, area.CENTRE_RESOLUTION), OFFERED_RADII[number % len(OFFERED_RADII)])
        for number, (lat, lng, _radius) in enumerate(area_points)
    ]
    for cell, radius in api_areas[:6]:
        area.profile_around_cell(cell, radius, today=end)
    api_area_ms: list[float] = []
    api_area_by_radius: dict[int, list[float]] = defaultdict(list)
    afresh_ms: list[float] = []
    for cell, radius in api_areas:
        ms, read = timed(lambda c=cell, r=radius: area.profile_around_cell(c, r, today=end))
        centre = cells.centre(cell)
        fresh_ms, fresh = timed(lambda c=centre, r=radius: area.area_profile(c.lat, c.lng, r, today=end))
        if read != fresh:
            raise AssertionError(f"area profile around {cell} r={radius}: rows {read} counted afresh {fresh}")
        api_area_ms.append(ms)
        api_area_by_radius[radius].append(ms)
        afresh_ms.append(fresh_ms)
    api_area_http_ms: list[float] = []
    for number, (lat, lng, _radius) in enumerate(area_points[: args.http_queries + 3]):
        params = {"lat": f"{lat:.6f}", "lng": f"{lng:.6f}", "radius": OFFERED_RADII[number % len(OFFERED_RADII)]}
        ms, response = timed(lambda p=params: client.get("/api/reporting/area-profile/", p))
        if response.status_code != 200:
            raise AssertionError(f"area API answered {response.status_code}: {response.content[:300]!r}")
        if number >= 3:
            api_area_http_ms.append(ms)

    log(f"(c) raw rows against the rollups: {args.raw_queries} hotspot queries, {args.raw_area_queries} areas")
    raw_rows = []
    # Every resolution, and the widest (a year, no filter) among them; and a few views with the
    # day ranges as drawn, which read part-months from the daily rows.
    chosen = sorted(queries, key=lambda q: (q.resolution, q.date_to - q.date_from))[
        :: max(1, len(queries) // args.raw_queries)
    ][: args.raw_queries]
    part_months = [q for q in drawn if q.school is None and q.in_whole_months() != q]
    chosen += part_months[:: max(1, len(part_months) // 6)][:6]
    for query in chosen:
        rollup_ms, from_rollups = timed(lambda q=query: backend.cells(q))
        raw_ms, from_raw = timed(lambda q=query: raw_hotspots(q))
        if from_rollups != from_raw:
            raise AssertionError(
                f"rollups and raw rows disagree for {describe(query)}: {len(from_rollups)} vs {len(from_raw)} cells"
            )
        raw_rows.append(
            {
                "query": describe(query),
                "months": "whole" if query.in_whole_months() == query else "part",
                "cells": len(from_raw),
                "reports": sum(c.count for c in from_raw),
                "rollup_ms": round(rollup_ms, 2),
                "raw_ms": round(raw_ms, 2),
                "ratio": round(raw_ms / rollup_ms, 1),
            }
        )
    raw_area_rows = []
    for lat, lng, radius in area_points[: args.raw_area_queries]:
        rollup_ms, from_rollups = timed(lambda a=lat, b=lng, r=radius: unsuppressed_area(a, b, r, end))
        raw_ms, from_raw = timed(lambda a=lat, b=lng, r=radius: raw_area(a, b, r, end))
        if from_rollups != from_raw:
            raise AssertionError(f"area profile {lat:.5f},{lng:.5f} r={radius}: rollups {from_rollups} raw {from_raw}")
        raw_area_rows.append(
            {
                "radius_m": radius,
                "reports": from_raw["total"],
                "rollup_ms": round(rollup_ms, 2),
                "raw_ms": round(raw_ms, 2),
                "ratio": round(raw_ms / rollup_ms, 1),
            }
        )

    slow_area = max(zip(area_ms, area_points, strict=True))[1]
    plans = {
        "slowest hotspot query: " + describe(slowest[1]): explain(lambda: backend.cells(slowest[1])),
        f"slowest area profile: r={slow_area[2]}": explain(lambda: area.area_profile(*slow_area, today=end)),
    }
    return {
        "hotspots": {**stats_ms(hotspot_ms), "cells_median": statistics.median(sizes), "cells_max": max(sizes)},
        "hotspots_by_kind": {k: stats_ms(v) for k, v in sorted(by_kind.items())},
        "hotspots_periods_vs_months": whole_vs_months,
        "hotspots_day_ranges": stats_ms(day_range_ms),
        "hotspots_day_ranges_by_kind": {k: stats_ms(v) for k, v in sorted(day_range_by_kind.items())},
        "hotspots_http": stats_ms(http_ms),
        "http_features_last": len(last_payload["features"]),
        "area": stats_ms(area_ms),
        "area_by_radius": {r: stats_ms(v) for r, v in sorted(area_by_radius.items())},
        "area_offered_radii": stats_ms([ms for r in OFFERED_RADII for ms in area_by_radius[r]]),
        "area_api": stats_ms(api_area_ms),
        "area_api_by_radius": {r: stats_ms(v) for r, v in sorted(api_area_by_radius.items())},
        "area_api_afresh": stats_ms(afresh_ms),
        "area_api_ratio_median": round(
            statistics.median(f / r for f, r in zip(afresh_ms, api_area_ms, strict=True)), 1
        ),
        "area_api_http": stats_ms(api_area_http_ms),
        "raw_hotspots": raw_rows,
        "raw_area": raw_area_rows,
        "slowest_hotspot_query": describe(slowest[1]),
        "plans": plans,
    }


# --- Report ---------------------------------------------------------------------------------------


def ratio_summary(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "-"
    ratios = [r["ratio"] for r in rows]
    total = sum(r["raw_ms"] for r in rows) / max(0.001, sum(r["rollup_ms"] for r in rows))
    return (
        f"{len(rows)} queries, all equal; raw / rollup median {statistics.median(ratios):.0f}x "
        f"(min {min(ratios):.0f}x, max {max(ratios):.0f}x; total time {total:.0f}x); "
        f"raw p50 {statistics.median(r['raw_ms'] for r in rows):.0f} ms, "
        f"rollup p50 {statistics.median(r['rollup_ms'] for r in rows):.1f} ms"
    )


def render(meta: dict[str, Any], results: dict[str, Any]) -> str:
    def line(label: str, s: dict[str, Any]) -> str:
        verdict = "PASS" if s.get("p95_ms", 1e9) <= TARGET_P95_MS else "FAIL"
        return f"{label:38} {s['p50_ms']:8} {s['p95_ms']:8} {s['p99_ms']:8} {s['max_ms']:8} {s['n']:5}  {verdict}"

    lines = [
        "",
        f"{meta['reports']:,} reports ({meta['mapped_reports']:,} on the map, {meta['route_reports']:,} routes), "
        f"{meta['rollup_rows']:,} daily rollup rows, {meta.get('monthly_rows', 0):,} monthly rows, "
        f"{meta.get('monthly_total_rows', 0):,} monthly totals, {meta.get('period_total_rows', 0):,} period totals, "
        f"{meta.get('route_cell_rows', 0):,} route cells; tables {meta['table_mb']} MB; generated in "
        f"{meta['generation_seconds']} s {meta['phase_seconds']}",
        "",
        f"{'latency (ms)':38} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} {'n':>5}  p95 <= {TARGET_P95_MS:g} ms",
        line("hotspots, DatabaseHotspots.cells", results["hotspots"]),
    ]
    for kind, s in results["hotspots_by_kind"].items():
        lines.append(line(f"  {kind}", s))
    if "hotspots_periods_vs_months" in results:
        compared = results["hotspots_periods_vs_months"]
        lines.append(line("  totals: years, quarters, months", compared["with_periods"]))
        lines.append(line("  the same from months alone", compared["months_only"]))
        lines.append(
            f"{'':38} all equal; months alone / with periods: median {compared['ratio_median']}x, "
            f"total {compared['ratio_total']}x"
        )
    lines.append(line("hotspots, day ranges as drawn", results["hotspots_day_ranges"]))
    for kind, s in results["hotspots_day_ranges_by_kind"].items():
        lines.append(line(f"  {kind}", s))
    lines.append(line("hotspots, API view (test client)", results["hotspots_http"]))
    lines.append(line("area_profile", results["area"]))
    for radius, s in results["area_by_radius"].items():
        lines.append(line(f"  radius {radius} m", s))
    lines.append(line("area_profile, offered radii only", results["area_offered_radii"]))
    if "area_api" in results:
        lines.append(line("area profile as the API asks (rows)", results["area_api"]))
        for radius, s in results["area_api_by_radius"].items():
            lines.append(line(f"  radius {radius} m", s))
        lines.append(line("  the same counted afresh", results["area_api_afresh"]))
        lines.append(line("area profile, API view (test client)", results["area_api_http"]))
        lines.append(f"{'':38} all equal; afresh / rows median {results['area_api_ratio_median']}x")
    lines += [
        "",
        f"cells per hotspot answer: median {results['hotspots']['cells_median']}, max {results['hotspots']['cells_max']}",
        f"(c) hotspots from raw rows: {ratio_summary(results['raw_hotspots'])}",
        f"(c) area from raw rows:     {ratio_summary(results['raw_area'])}",
        f"slowest hotspot query: {results['slowest_hotspot_query']}",
    ]
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--rollup-writer", choices=["copy", "upsert"], default="copy")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL), help="maintenance db")
    parser.add_argument("--db-name", default="bench_hotspots")
    parser.add_argument("--reuse", action="store_true", help="use the database if it holds the same data")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--queries", type=int, default=300, help="hotspot queries (a)")
    parser.add_argument("--http-queries", type=int, default=40, help="of those, through the API view")
    parser.add_argument("--area-queries", type=int, default=120, help="area profiles (b)")
    parser.add_argument("--raw-queries", type=int, default=24, help="hotspot queries also answered from raw rows")
    parser.add_argument("--raw-area-queries", type=int, default=24, help="area profiles also from raw rows")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base, _, _ = args.pg_url.rpartition("/")
    env = django_env(f"{base}/{args.db_name}")
    wanted = {k: getattr(args, k) for k in ("reports", "seed", "schools", "days")}
    reuse = args.reuse and database_exists(args.pg_url, args.db_name)
    if not reuse:
        recreate_database(args.pg_url, args.db_name)
    started = time.monotonic()
    log("migrate")
    migrate(env)  # a reused database gets new migrations, which fill new tables from its reports
    log(f"migrated in {time.monotonic() - started:.0f} s")
    django_setup(env)
    meta = read_meta() if reuse else None
    if reuse and (meta is None or any(meta.get(k) != v for k, v in wanted.items())):
        from django.db import connections

        log(f"--reuse: {args.db_name} holds other data ({meta and {k: meta.get(k) for k in wanted}}); regenerating")
        connections.close_all()
        recreate_database(args.pg_url, args.db_name)
        migrate(env)
        meta = None
    if meta is None:
        meta = generate(args)
        write_meta(meta)
        log(f"generated: {meta}")
    else:
        log(f"reusing {args.db_name}: {meta['reports']:,} reports generated on {meta['end_day']}")
        if "period_total_rows" not in meta:  # filled by the migration just now
            meta.update(periods_filled_by_migration())
            write_meta(meta)
    results = measure(args, meta)
    table = render(meta, results)
    print(table)
    for title, plans in results["plans"].items():
        print(f"\n{title}")
        for plan in plans:
            print(re.sub(r"^", "  ", plan, flags=re.M))
    out = RESULTS_DIR / f"{stamp}-hotspots.json"
    out.write_text(
        json.dumps(
            {
                "when": stamp,
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "load_average": os.getloadavg(),
                },
                "data": meta,
                "results": results,
                "table": table,
            },
            indent=2,
            default=str,
        )
    )
    log(f"wrote {out.relative_to(BASE_DIR)}")
    if args.drop:
        from django.db import connections

        connections.close_all()
        drop_database(args.pg_url, args.db_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

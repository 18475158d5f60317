"""The hotspot map: which map cells pupils have reported, how often and why.

A :class:`HotspotQuery` (a map view plus filters) goes to one of two backends with the same
interface, :class:`DatabaseHotspots` (the rollup table) or ``search_index.ElasticsearchHotspots``
(the report index), which both return the same list of :class:`HotspotCell`. The counts they return
are raw; :func:`visible_cells` applies the small-number suppression before anything leaves the
server, for the GeoJSON map layer and the CSV export alike.

Counts shown outside a pupil's own school are suppressed and rounded to the nearest 5, and the
date range is widened to whole calendar months (:meth:`HotspotQuery.in_whole_months`), so that two
queries a day apart cannot be compared to single out one report (see ``suppression``). The one
exception is a member of a school's staff who asks for their own school only (the ``school``
filter): every count then comes from their own pupils, so they see it exactly.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Protocol

import h3

from django.conf import settings
from django.db import connections
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import cells, choices, suppression
from .models import HotspotRollup, MonthlyHotspotRollup, MonthlyHotspotTotal, PeriodHotspotTotal, School

ALL = HotspotRollup.ALL_CATEGORIES
MIN_ZOOM, MAX_ZOOM = 0, 20
# The most map cells one view may cover. It keeps a response small enough to draw, and keeps the
# Elasticsearch aggregation (cells x worries buckets) under the default search.max_buckets of
# 65,536: 2,500 cells x (1 + 18 worries) = 47,500. A full-HD screen of the borough needs at most
# about 2,100 cells at any zoom from 8 up.
DEFAULT_MAX_CELLS = 2_500
ZOOM_RE = re.compile(r"^\d{1,2}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SCHOOL_RE = re.compile(r"^[0-9]{1,18}$")  # within a 64-bit id


def max_cells() -> int:
    return int(getattr(settings, "REPORTING_HOTSPOT_MAX_CELLS", DEFAULT_MAX_CELLS))


class HotspotQueryError(ValueError):
    """Bad parameters for the hotspot map, with one plain-language message per parameter."""

    def __init__(self, errors: Mapping[str, Any]):
        self.errors = {name: str(message) for name, message in errors.items()}
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


@dataclass(frozen=True)
class HotspotQuery:
    """One view of the map: a box (south, west, north, east in degrees), a zoom level, a date range
    (both ends included) and optional filters."""

    south: float
    west: float
    north: float
    east: float
    zoom: int
    date_from: date
    date_to: date
    category: str = ""  # a worry slug; "" for any worry
    context: str = ""  # one of choices.MAPPED_CONTEXTS; "" for all
    age_group: str = ""
    school: int | None = None  # a School's id

    @property
    def resolution(self) -> int:
        return cells.resolution_for_zoom(self.zoom)

    def contains(self, point: cells.LatLng) -> bool:
        """Whether a cell's centre is in the view. A cell is shown when its centre is, so clients
        should ask for a box a little larger than the screen to fill its edges."""
        return self.south <= point.lat <= self.north and self.west <= point.lng <= self.east

    def estimated_cells(self) -> float:
        """Roughly how many cells of this zoom's resolution the box covers (area of the box on the
        sphere divided by the average cell area)."""
        return estimate_cells(self.south, self.west, self.north, self.east, self.resolution)

    def in_whole_months(self) -> HotspotQuery:
        """The same query over whole calendar months (for every reader without exact counts)."""
        date_from, date_to = suppression.whole_months(self.date_from, self.date_to)
        return replace(self, date_from=date_from, date_to=date_to)

    @classmethod
    def from_params(cls, params: Mapping[str, str], *, today: date | None = None) -> HotspotQuery:
        """Read a query from request parameters (``bbox`` in GeoJSON order: west,south,east,north).

        Raises :class:`HotspotQueryError` naming every bad parameter at once."""
        errors: dict[str, Any] = {}
        today = today or timezone.localdate()

        bbox = _parse_bbox(_param(params, "bbox"), errors)
        zoom = _parse_zoom(_param(params, "zoom"), errors)
        date_to = _parse_date(_param(params, "date_to"), "date_to", errors) or today
        date_from = _parse_date(_param(params, "date_from"), "date_from", errors) or year_before(date_to)
        if "date_from" not in errors and "date_to" not in errors and date_from > date_to:
            errors["date_from"] = _("date_from must be on or before date_to.")

        category = _param(params, "category")
        if category and category not in choices.WORRIES_BY_SLUG:
            errors["category"] = _("Unknown category. Use one of: %(slugs)s.") % {
                "slugs": ", ".join(worry.slug for worry in choices.WORRIES)
            }
        context = _param(params, "context")
        if context and context not in choices.MAPPED_CONTEXTS:
            errors["context"] = _(
                "Unknown context. Use one of: %(contexts)s (home and online reports are never on the map)."
            ) % {"contexts": ", ".join(slug for slug, _label in choices.CONTEXTS if slug in choices.MAPPED_CONTEXTS)}
        age_group = _param(params, "age_group")
        if age_group and age_group not in dict(choices.AGE_GROUPS):
            errors["age_group"] = _("Unknown age group. Use primary or secondary.")
        school = _parse_school(_param(params, "school"), errors)

        if bbox is not None and zoom is not None:
            estimate = estimate_cells(*bbox, cells.resolution_for_zoom(zoom))
            if estimate > max_cells():
                errors["bbox"] = _(
                    "The area is too big for this zoom level (about %(cells)s map cells, the most is %(max)s). "
                    "Zoom in or choose a smaller area."
                ) % {"cells": f"{math.ceil(estimate):,}", "max": f"{max_cells():,}"}
        if errors or bbox is None or zoom is None:
            raise HotspotQueryError(errors)
        south, west, north, east = bbox
        return cls(
            south=south,
            west=west,
            north=north,
            east=east,
            zoom=zoom,
            date_from=date_from,
            date_to=date_to,
            category=category,
            context=context,
            age_group=age_group,
            school=school,
        )


def _param(params: Mapping[str, str], name: str) -> str:
    return (params.get(name) or "").strip()


def _parse_bbox(value: str, errors: dict[str, Any]) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) from ``west,south,east,north``."""
    if not value:
        errors["bbox"] = _("bbox is required: four numbers, west,south,east,north.")
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        errors["bbox"] = _("bbox must be four numbers: west,south,east,north.")
        return None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        errors["bbox"] = _("bbox must be four numbers: west,south,east,north.")
        return None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        errors["bbox"] = _("bbox must be on the map: longitudes from -180 to 180, latitudes from -90 to 90.")
        return None
    if not (west < east and south < north):
        errors["bbox"] = _("bbox must be west,south,east,north, with west less than east and south less than north.")
        return None
    if east - west >= 180:
        errors["bbox"] = _("bbox must be less than 180 degrees wide.")
        return None
    return south, west, north, east


def _parse_zoom(value: str, errors: dict[str, Any]) -> int | None:
    zoom = int(value) if ZOOM_RE.match(value) else None
    if zoom is None or not MIN_ZOOM <= zoom <= MAX_ZOOM:
        errors["zoom"] = _("zoom must be a whole number from 0 to 20.")
        return None
    return zoom


def _parse_date(value: str, name: str, errors: dict[str, Any]) -> date | None:
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value) if DATE_RE.match(value) else None
    except ValueError:  # 2025-02-30
        parsed = None
    if parsed is None:
        errors[name] = _("%(name)s must be a real date written YYYY-MM-DD, for example 2025-01-31.") % {"name": name}
    return parsed


def _parse_school(value: str, errors: dict[str, Any]) -> int | None:
    if not value:
        return None
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if not SCHOOL_RE.match(value) or not School.objects.filter(pk=int(value)).exists():
        errors["school"] = _("Unknown school. Use the number of a school in the portal.")
        return None
    return int(value)


def year_before(day: date) -> date:
    """The first day of the twelve months that end on ``day`` (so both ends included make a year)."""
    if day.year == 1:
        return date.min
    try:
        start = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        start = day.replace(year=day.year - 1, day=28)
    return start + timedelta(days=1)


def estimate_cells(south: float, west: float, north: float, east: float, resolution: int) -> float:
    box_area = (
        cells.EARTH_RADIUS_M**2
        * math.radians(east - west)
        * (math.sin(math.radians(north)) - math.sin(math.radians(south)))
    )
    return box_area / h3.average_hexagon_area(resolution, unit="m^2")


def cells_in_view(query: HotspotQuery) -> list[str]:
    """Every cell at the query's resolution whose (rounded) centre is in the box, sorted.

    H3 picks cells by centre inside a polygon drawn straight in latitude and longitude, which is the
    same test the database makes; the box is widened by a hair and the result filtered with
    :meth:`HotspotQuery.contains` so that rounding of the centres cannot make the two disagree."""
    pad = 1e-5
    south, north = max(-90.0, query.south - pad), min(90.0, query.north + pad)
    west, east = max(-180.0, query.west - pad), min(180.0, query.east + pad)
    outline = h3.LatLngPoly([(south, west), (south, east), (north, east), (north, west)])
    return sorted(cell for cell in h3.polygon_to_cells(outline, query.resolution) if query.contains(cells.centre(cell)))


# --- Backends ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HotspotCell:
    """Raw counts for one map cell: reports in it (``count``, each report once) and reports per
    worry (``categories``; a report with two worries counts in both)."""

    cell: str
    centre: cells.LatLng
    count: int
    categories: dict[str, int] = field(default_factory=dict)


class HotspotBackend(Protocol):
    def cells(self, query: HotspotQuery) -> list[HotspotCell]: ...


@dataclass(frozen=True)
class DayPlan:
    """How to count a date range from the two rollup tables: the whole months ``months`` (first
    days, both ends included; None for none) from the monthly rows, plus the daily rows of the days
    in ``add``, minus the daily rows of the days in ``subtract`` (each a list of (first, last) day
    ranges, both ends included)."""

    months: tuple[date, date] | None
    add: tuple[tuple[date, date], ...] = ()
    subtract: tuple[tuple[date, date], ...] = ()


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _next_month(first: date) -> date | None:
    return None if (first.year, first.month) == (date.max.year, date.max.month) else _month_end(first) + timedelta(1)


def _previous_month(first: date) -> date | None:
    return (
        None if (first.year, first.month) == (date.min.year, date.min.month) else (first - timedelta(1)).replace(day=1)
    )


def plan_days(date_from: date, date_to: date) -> DayPlan:
    """Split ``date_from``..``date_to`` into whole months and part-months.

    A range in whole calendar months (every reader without exact counts asks for one) is read from
    the monthly rows alone. A part-month at either end is counted from the daily rows: its own days
    when they are fewer than the rest of its month, otherwise the whole month from the monthly rows
    less the days left out (so the 1st to the 20th reads the month less 11 days)."""
    if date_from > date_to:
        return DayPlan(months=None)
    first_month, last_month = date_from.replace(day=1), date_to.replace(day=1)
    before = (first_month, date_from - timedelta(1)) if date_from > first_month else None
    after = (date_to + timedelta(1), _month_end(date_to)) if date_to < _month_end(date_to) else None
    add: list[tuple[date, date]] = []
    subtract: list[tuple[date, date]] = []

    def days(span: tuple[date, date] | None) -> int:
        return 0 if span is None else (span[1] - span[0]).days + 1

    if first_month == last_month:
        if days(before) + days(after) < days((date_from, date_to)):
            subtract += [span for span in (before, after) if span]
            return DayPlan(months=(first_month, last_month), subtract=tuple(subtract))
        return DayPlan(months=None, add=((date_from, date_to),))
    start: date | None = first_month
    end: date | None = last_month
    if before:
        if days(before) < days((date_from, _month_end(date_from))):
            subtract.append(before)
        else:
            add.append((date_from, _month_end(date_from)))
            start = _next_month(first_month)
    if after:
        if days(after) < days((last_month, date_to)):
            subtract.append(after)
        else:
            add.append((last_month, date_to))
            end = _previous_month(last_month)
    months = (start, end) if start is not None and end is not None and start <= end else None
    return DayPlan(months=months, add=tuple(add), subtract=tuple(subtract))


def calendar_spans(first: date, last: date) -> list[tuple[int, date, date]]:
    """The whole months ``first`` to ``last`` (first days, both included) as calendar years,
    quarters and months: each run as (months per period: 12, 3 or 1, the first period's first day,
    the last period's first day).

    From the start, each step takes a whole calendar year where one begins and fits, otherwise a
    whole quarter, otherwise one month; for periods nested like these, that takes the fewest. So
    December 2025 to December 2026 is one month and one year, and February 2026 to February 2027
    is two months, three quarters and two months."""
    spans: list[tuple[int, date, date]] = []
    index, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1

    def day(i: int) -> date:
        return date(i // 12, i % 12 + 1, 1)

    while index <= end:
        size = next(size for size in (12, 3, 1) if index % size == 0 and index + size - 1 <= end)
        if spans and spans[-1][0] == size:  # the same kind as the last run, straight after it
            spans[-1] = (size, spans[-1][1], day(index))
        else:
            spans.append((size, day(index), day(index)))
        index += size
    return spans


def _whole_months(first: date, last: date) -> list[QuerySet]:
    """The monthly totals and period totals that together count the whole months ``first`` to
    ``last`` (first days, both included), each row once (:func:`calendar_spans`)."""
    months, periods = Q(), Q()
    for size, start, end in calendar_spans(first, last):
        if size == 1:
            months |= Q(month__gte=start, month__lte=end)
        else:
            periods |= Q(months=size, start__gte=start, start__lte=end)
    return [
        *([MonthlyHotspotTotal.objects.filter(months)] if months else []),
        *([PeriodHotspotTotal.objects.filter(periods)] if periods else []),
    ]


def _days_q(spans: Iterable[tuple[date, date]]) -> Q:
    q = Q()
    for first, last in spans:
        q |= Q(day__gte=first, day__lte=last)
    return q


class DatabaseHotspots:
    """Reads the rollup tables, summed in SQL: one aggregated row per (cell, worry) in view.

    The cells in view are listed first (:func:`cells_in_view`, the cells whose centre is in the
    box, as the rows' latitude and longitude would say), so the database reads only their rows,
    through an index on (resolution, cell, ...). Without a school filter, whole months come from
    the monthly rows (:func:`plan_days`), which is every query of a reader without exact counts:
    unless the view is filtered by context or age group, from the totals, as whole calendar years
    and quarters (:class:`PeriodHotspotTotal`) and the months left over (:func:`calendar_spans`),
    which reads a year in two to seven rows per cell and worry instead of thirteen. With a school
    filter (a school's staff reading their own school, exactly and for any days), the daily rows,
    which keep the school, are read."""

    def cells(self, query: HotspotQuery) -> list[HotspotCell]:
        in_view = cells_in_view(query)
        if not in_view:
            return []
        sums: Counter[tuple[str, str]] = Counter()
        if query.school is not None:
            daily = HotspotRollup.objects.filter(
                school_id=query.school, day__gte=query.date_from, day__lte=query.date_to
            )
            sums.update(self._sums([daily], query, in_view))
        else:
            plan = plan_days(query.date_from, query.date_to)
            added: list[QuerySet] = []
            if plan.months and (query.context or query.age_group):
                added.append(MonthlyHotspotRollup.objects.filter(month__gte=plan.months[0], month__lte=plan.months[1]))
            elif plan.months:
                added += _whole_months(*plan.months)
            if plan.add:
                added.append(HotspotRollup.objects.filter(_days_q(plan.add)))
            sums.update(self._sums(added, query, in_view))
            if plan.subtract:
                sums.subtract(self._sums([HotspotRollup.objects.filter(_days_q(plan.subtract))], query, in_view))

        totals: dict[str, int] = {}
        breakdown: dict[str, dict[str, int]] = defaultdict(dict)
        for (cell, category), total in sums.items():
            if total <= 0:
                continue
            if category == ALL:
                totals[cell] = total
            else:
                breakdown[cell][category] = total
        if query.category:
            totals = {cell: parts[query.category] for cell, parts in breakdown.items()}
        return [
            HotspotCell(cell=cell, centre=cells.centre(cell), count=total, categories=dict(breakdown.get(cell, {})))
            for cell, total in sorted(totals.items())
            if total > 0
        ]

    @staticmethod
    def _sums(tables: list[QuerySet], query: HotspotQuery, in_view: list[str]) -> dict[tuple[str, str], int]:
        """(cell, worry) -> reports, from rows of one or more rollup tables already limited to their
        days, months or periods (which must not overlap), added up in one statement."""
        if not tables:
            return {}
        filters: dict[str, Any] = {"resolution": query.resolution}
        if query.context:
            filters["context"] = query.context
        if query.age_group:
            filters["age_group"] = query.age_group
        if query.category:
            # Reports with this worry: its own rows are both the total and the breakdown.
            filters["category"] = query.category
        tables = [rows.filter(**filters).order_by() for rows in tables]
        sums: dict[tuple[str, str], int] = {}
        connection = connections[tables[0].db]
        # In one query, or in several on a database with a limit on query parameters (SQLite).
        limit = connection.features.max_query_params
        size = len(in_view) if limit is None else max(100, (limit - 100) // len(tables))
        for start in range(0, len(in_view), size):
            chunk = in_view[start : start + size]
            sql, params = _summed_sql([rows.filter(cell__in=chunk) for rows in tables])
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                # One row per (cell, worry), and each chunk has its own cells: nothing to add up.
                sums.update(((cell, category), total) for cell, category, total in cursor.fetchall())
        return sums


def _summed_sql(tables: list[QuerySet]) -> tuple[str, tuple]:
    """One statement summing ``count`` by (cell, worry) over the rows of every queryset: already
    summed in SQL (one row per cell and worry, not per report), and read straight from the cursor
    (thousands of rows, three plain values each). Several tables are read as one ``UNION ALL``, in
    one round trip."""
    if len(tables) == 1:
        return tables[0].values_list("cell", "category").annotate(Sum("count")).query.sql_with_params()
    parts = [rows.values_list("cell", "category", "count").query.sql_with_params() for rows in tables]
    union = " UNION ALL ".join(sql for sql, _params in parts)
    params = tuple(param for _sql, part in parts for param in part)
    return f"SELECT cell, category, SUM(count) FROM ({union}) AS found GROUP BY cell, category", params  # noqa: S608


def get_backend() -> HotspotBackend:
    """Elasticsearch when ``ELASTICSEARCH_URL`` is set, otherwise the database."""
    if settings.ELASTICSEARCH_URL:
        from .search_index import ElasticsearchHotspots  # search_index imports this module

        return ElasticsearchHotspots()
    return DatabaseHotspots()


def find_hotspots(query: HotspotQuery) -> list[HotspotCell]:
    return get_backend().cells(query)


# --- What may be shown -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VisibleCell:
    """A cell as it may be shown: ``categories`` values are None where suppressed."""

    cell: str
    centre: cells.LatLng
    count: int
    categories: dict[str, int | None]
    suppressed: bool  # some worry's count is hidden
    exact: bool  # counts are not suppressed (the reader's own school)


def counts_are_exact(user, query: HotspotQuery) -> bool:
    """True only for staff of the one school the query is filtered to: all of its counts are then
    their own pupils' reports, which they may see without suppression."""
    return suppression.exact_for(user, query.school)


def visible_cells(found: list[HotspotCell], *, exact: bool, category: str = "") -> list[VisibleCell]:
    """Apply suppression: a cell with fewer reports than the threshold is left out altogether (its
    outline would say "a few reports here"), its count is rounded and its worry counts go through
    :func:`suppression.shown_breakdown` (suppressed, rounded), unless ``exact``.

    ``categories`` lists the worries with reports; a worry left out has none. When any worry is
    hidden, though, every worry of the breakdown (every worry, or only ``category`` when the query
    is filtered to one) is listed, the ones without reports as hidden too, so that the list does
    not tell which worries have none."""
    order = {worry.slug: index for index, worry in enumerate(choices.WORRIES)}
    minimum, step = suppression.threshold(), suppression.rounding()
    slugs = [category] if category else [worry.slug for worry in choices.WORRIES]
    zeros = dict.fromkeys(slugs, 0)

    def in_order(raw: dict[str, int]) -> dict[str, int]:
        if raw.keys() <= order.keys():  # worries only (always, from either backend): no sort needed
            return {slug: raw[slug] for slug in order if slug in raw}
        return dict(sorted(raw.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))

    shown: list[VisibleCell] = []
    for hotspot in found:
        if not exact and hotspot.count < minimum:
            continue
        parts = in_order(hotspot.categories if exact else zeros | hotspot.categories)
        breakdown = suppression.shown_breakdown(parts, exact=exact, minimum=minimum, step=step)
        categories = breakdown if exact else {slug: value for slug, value in breakdown.items() if value != 0}
        shown.append(
            VisibleCell(
                cell=hotspot.cell,
                centre=hotspot.centre,
                count=suppression.shown_count(hotspot.count, exact=exact, minimum=minimum, step=step) or 0,
                categories=categories,
                suppressed=None in categories.values(),
                exact=exact,
            )
        )
    return shown


def feature_collection(
    found: list[HotspotCell],
    query: HotspotQuery,
    *,
    exact: bool,
    outline: Callable[[str], Any] = cells.boundary_geojson,
) -> dict[str, Any]:
    """The GeoJSON layer for the map: a hexagon per cell that may be shown. ``outline`` gives a
    cell's ring of coordinates (the API passes :func:`cells.boundary_json`, the same ring already
    written as JSON)."""
    features = [
        {
            "type": "Feature",
            "id": cell.cell,
            "geometry": {"type": "Polygon", "coordinates": [outline(cell.cell)]},
            "properties": {
                "cell": cell.cell,
                "resolution": query.resolution,
                "count": cell.count,
                "categories": cell.categories,
                "suppressed": cell.suppressed,
                "exact": cell.exact,
                "centre": [cell.centre.lng, cell.centre.lat],
            },
        }
        for cell in visible_cells(found, exact=exact, category=query.category)
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        # A foreign member (RFC 7946, 6.1) saying what the layer shows.
        "query": {
            "bbox": [query.west, query.south, query.east, query.north],
            "zoom": query.zoom,
            "resolution": query.resolution,
            "date_from": query.date_from.isoformat(),
            "date_to": query.date_to.isoformat(),
            "category": query.category or None,
            "context": query.context or None,
            "age_group": query.age_group or None,
            "school": query.school,
            "exact": exact,
            "suppression_threshold": None if exact else suppression.threshold(),
            "rounded_to": None if exact else suppression.rounding(),
            "note": suppression.counts_note(exact=exact),
        },
    }

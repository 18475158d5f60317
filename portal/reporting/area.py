"""The area profile: what pupils have reported around one place, for a location risk assessment.

``location_requests`` calls :func:`area_profile` and nothing else here. Every number in a profile is
suppressed and rounded to the nearest 5 (it is read outside the pupils' schools; see
``suppression.shown_count``), so a profile can be shown or sent as it is. The function takes any
radius from 50 m to 5 km and any point; the callers offer only 250 m, 500 m, 1 km and 2 km (the
officer's panel and ``api.area_profile``, which also moves the point to the centre of its
resolution-8 cell), so that two nearly equal circles cannot be compared.

How the area is counted: the cells whose centre lies within the radius (plus the cell holding the
point itself, so a 50 m circle between centres is never empty), at the storage resolution (10,
about 120 m across) up to a 2 km radius and one step coarser (9, about 350 m across) beyond it.
That keeps the list of cells under a thousand at any radius (936 at 2 km, 834 at 5 km, within
even an old SQLite's limit of 999 query parameters); beyond 2 km the edge of the circle is blurred
by at most half a cell (under 200 m, a few per cent of the radius).

School-ground and neighbourhood reports sit in one cell each, so their monthly rollup rows are
summed in SQL. A route report is counted once in every cell it passes through, so summing its rows
would count one journey several times (and a single pupil's route through five cells could pass the
suppression threshold on its own). Route reports are therefore counted once each, in SQL, from
their route cells (``ReportRouteCell``): no report is read.

The API asks only about the centre of a resolution-8 cell at four radii (``api.area_profile``),
so those profiles are also counted in advance, in ``AreaProfileRollup``, kept in step with the
reports by ``rollups`` (:func:`centres_reaching` says which circles a report counts in), and
:func:`profile_around_cell` reads them: one indexed query, whatever the radius. It gives exactly
what :func:`area_profile` gives around the same centre (the tests and ``bench/hotspots.py``
compare the two).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import h3
from h3.api import basic_int as h3_int

from django.db import connections
from django.db.models import DateField, Q, Sum
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import cells, choices, suppression
from .models import AreaProfileRollup, HotspotRollup, MonthlyHotspotRollup, PupilReport, ReportRouteCell

ALL = HotspotRollup.ALL_CATEGORIES
MIN_RADIUS_M, MAX_RADIUS_M = 50, 5000
MIN_MONTHS, MAX_MONTHS = 1, 60
FINE_RADIUS_LIMIT_M = 2000  # above this, count in cells one resolution coarser
# The circles the API answers about, counted in advance: around the centre of a cell of this
# resolution (about 460 m across), at these radii.
CENTRE_RESOLUTION = 8
PRECOMPUTED_RADII_M = (250, 500, 1000, 2000)

RISING, FALLING, STEADY, TOO_FEW = "rising", "falling", "steady", "too-few"
DIRECTION_LABELS = {
    RISING: _("Rising"),
    FALLING: _("Falling"),
    STEADY: _("Steady"),
    TOO_FEW: _("Too few reports to say"),
}
# A change of a quarter or more between the two three-month periods counts as rising or falling.
CHANGE_RATIO = 1.25


class AreaProfileError(ValueError):
    """Bad input to :func:`area_profile`, one plain-language message per argument."""

    def __init__(self, errors: Mapping[str, Any]):
        self.errors = {name: str(message) for name, message in errors.items()}
        super().__init__(" ".join(self.errors.values()))


@dataclass(frozen=True)
class AreaProfile:
    """Suppressed, rounded counts of reports around a point. ``None`` means "a few, fewer than the
    threshold" (or hidden so that a small number cannot be worked out from the others)."""

    latitude: float
    longitude: float
    radius_m: float
    resolution: int
    date_from: date
    date_to: date
    total: int | None
    by_category: dict[str, int | None]
    by_context: dict[str, int | None]
    monthly: list[tuple[date, int | None]]  # (first day of the month, count), oldest first
    direction: str  # RISING, FALLING, STEADY or TOO_FEW: the last 3 full months against the 3 before
    threshold: int

    @property
    def direction_label(self) -> str:
        return str(DIRECTION_LABELS[self.direction])

    def as_dict(self) -> dict[str, Any]:
        return {
            "latitude": self.latitude,
            "longitude": self.longitude,
            "radius_m": self.radius_m,
            "resolution": self.resolution,
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "total": self.total,
            "by_category": self.by_category,
            "by_context": self.by_context,
            "monthly": [{"month": month.strftime("%Y-%m"), "count": count} for month, count in self.monthly],
            "direction": self.direction,
            "direction_label": self.direction_label,
            "suppression_threshold": self.threshold,
            "rounded_to": suppression.rounding(),
        }


def validate(lat: Any, lng: Any, radius_m: Any, months: Any = 12) -> dict[str, str]:
    """Messages for bad arguments, keyed "lat", "lng", "radius" and "months"; empty when all is well."""
    errors: dict[str, Any] = {}
    if _number(lat, -90, 90) is None:
        errors["lat"] = _("The latitude must be a number from -90 to 90.")
    if _number(lng, -180, 180) is None:
        errors["lng"] = _("The longitude must be a number from -180 to 180.")
    if _number(radius_m, MIN_RADIUS_M, MAX_RADIUS_M) is None:
        errors["radius"] = _("The radius must be a number of metres from %(min)s to %(max)s.") % {
            "min": MIN_RADIUS_M,
            "max": MAX_RADIUS_M,
        }
    if isinstance(months, bool) or not isinstance(months, int) or not MIN_MONTHS <= months <= MAX_MONTHS:
        errors["months"] = _("The number of months must be a whole number from %(min)s to %(max)s.") % {
            "min": MIN_MONTHS,
            "max": MAX_MONTHS,
        }
    return {name: str(message) for name, message in errors.items()}


def _number(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and low <= number <= high else None


def resolution_for_radius(radius_m: float) -> int:
    fine = min(cells.storage_resolution(), max(cells.MAP_RESOLUTIONS))
    if radius_m > FINE_RADIUS_LIMIT_M:
        return max(min(cells.MAP_RESOLUTIONS), fine - 1)
    return fine


def add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def area_profile(
    lat: float, lng: float, radius_m: float, *, today: date | None = None, months: int = 12
) -> AreaProfile:
    """Reports within ``radius_m`` metres of (lat, lng) in the last ``months`` calendar months (the
    current month so far included), suppressed. Raises :class:`AreaProfileError` (a ValueError)
    for a point that is not on Earth, a radius outside 50 m to 5 km, or a bad number of months."""
    errors = validate(lat, lng, radius_m, months)
    if errors:
        raise AreaProfileError(errors)
    lat, lng, radius_m = float(lat), float(lng), float(radius_m)
    today = today or timezone.localdate()
    month_starts = _month_starts(today, months)
    resolution = resolution_for_radius(radius_m)
    area = set(cells.cells_within(lat, lng, radius_m, resolution))
    area.add(cells.snap(lat, lng, resolution))
    by_category, by_context, by_month = _counts(area, month_starts[0], today)
    return _profile(lat, lng, radius_m, resolution, today, month_starts, by_category, by_context, by_month)


def profile_around_cell(centre_cell: str, radius_m: int, *, today: date | None = None, months: int = 12) -> AreaProfile:
    """The profile around the centre of ``centre_cell`` (a resolution-8 cell) at one of
    :data:`PRECOMPUTED_RADII_M`: exactly ``area_profile(centre.lat, centre.lng, radius_m)``, read
    from ``AreaProfileRollup`` in one query. Any other cell or radius, or a ``today`` before the
    newest report (the monthly rows cannot leave out the days after it), is counted afresh."""
    centre = cells.centre(centre_cell)
    today = today or timezone.localdate()
    if (
        radius_m not in PRECOMPUTED_RADII_M
        or cells.resolution_of(centre_cell) != CENTRE_RESOLUTION
        or validate(centre.lat, centre.lng, radius_m, months)
        or PupilReport.objects.filter(submitted_on__gt=today).exists()
    ):
        return area_profile(centre.lat, centre.lng, radius_m, today=today, months=months)
    month_starts = _month_starts(today, months)
    rows = AreaProfileRollup.objects.filter(
        centre=centre_cell, radius_m=radius_m, month__gte=month_starts[0], month__lte=month_starts[-1]
    ).values_list("category", "context", "month", "count")
    by_category: Counter[str] = Counter()
    by_context: Counter[str] = Counter()
    by_month: Counter[date] = Counter()
    for category, context, month, n in rows:
        if category == ALL:
            by_context[context] += n
            by_month[month] += n
        else:
            by_category[category] += n
    resolution = resolution_for_radius(radius_m)
    return _profile(
        centre.lat, centre.lng, float(radius_m), resolution, today, month_starts, by_category, by_context, by_month
    )


def _month_starts(today: date, months: int) -> list[date]:
    return [add_months(today.replace(day=1), -offset) for offset in reversed(range(months))]


def _profile(
    lat: float,
    lng: float,
    radius_m: float,
    resolution: int,
    today: date,
    month_starts: list[date],
    by_category: Mapping[str, int],
    by_context: Mapping[str, int],
    by_month: Mapping[date, int],
) -> AreaProfile:
    """The profile from raw counts, suppressed and rounded."""
    raw_monthly = [by_month.get(month, 0) for month in month_starts]
    shown_months = suppression.shown_breakdown(
        {month.isoformat(): count for month, count in zip(month_starts, raw_monthly, strict=True)}, exact=False
    )
    return AreaProfile(
        latitude=lat,
        longitude=lng,
        radius_m=radius_m,
        resolution=resolution,
        date_from=month_starts[0],
        date_to=today,
        total=suppression.shown_count(sum(by_context.values()), exact=False),
        by_category=suppression.shown_breakdown(
            {w.slug: by_category.get(w.slug, 0) for w in choices.WORRIES}, exact=False
        ),
        by_context=suppression.shown_breakdown(
            {slug: by_context.get(slug, 0) for slug, _label in choices.CONTEXTS if slug in choices.MAPPED_CONTEXTS},
            exact=False,
        ),
        monthly=[(month, shown_months[month.isoformat()]) for month in month_starts],
        direction=_direction(raw_monthly),
        threshold=suppression.threshold(),
    )


def centres_reaching(map_cells: Sequence[str], radius_m: int, memo: dict | None = None) -> frozenset[str]:
    """The resolution-8 cells (:data:`CENTRE_RESOLUTION`) whose profile at ``radius_m`` counts a
    report in ``map_cells``: those whose area, as :func:`area_profile` draws it around their
    centre, holds one of the report's cells at the profile's resolution. That is, the report's
    cell's centre is within the radius of theirs (the same sum as ``cells.cells_within``), or their
    centre is in the report's cell.

    ``memo`` (a dict the caller keeps) saves the answer for each cell, for counting many reports."""
    resolution = resolution_for_radius(radius_m)
    found: set[str] = set()
    for cell in cells.cells_at(map_cells, resolution):
        key = (cell, radius_m)
        reached = memo.get(key) if memo is not None else None
        if reached is None:
            reached = _centres_reaching_cell(cell, radius_m, resolution)
            if memo is not None:
                memo[key] = reached
        found.update(reached)
    return frozenset(found)


def _centres_reaching_cell(cell: str, radius_m: int, resolution: int) -> frozenset[str]:
    point = cells.centre(cell)
    edge = h3.average_hexagon_edge_length(CENTRE_RESOLUTION, unit="m")
    # Centres in the k-th ring around the cell holding the point are at least about 1.5 k edges
    # from the point, less an edge. Overshoot by a ring.
    rings = math.ceil((radius_m + 2 * edge) / (1.5 * edge)) + 1
    # A centre within half a cell of the report's cell may lie inside it (the area always holds
    # the cell its own centre is in).
    near = radius_m + 2 * h3.average_hexagon_edge_length(resolution, unit="m")
    # No two points are nearer than their difference in latitude along a meridian: a centre further
    # than that (with a metre to spare for rounding) is out without the full sum.
    furthest_lat = math.degrees((near + 1) / cells.EARTH_RADIUS_M)
    # cells.distance_m(centre, point), written out as cells.cells_within writes it (the same
    # operations in the same order, so the same result to the last bit), with the point's terms
    # worked out once.
    sin, cos, sqrt, radians, asin = math.sin, math.cos, math.sqrt, math.radians, math.asin
    lat2 = radians(point.lat)
    cos2 = cos(lat2)
    reached = []
    middle_of = cells.centre_of_int
    for candidate in h3_int.grid_disk(h3_int.latlng_to_cell(point.lat, point.lng, CENTRE_RESOLUTION), rings):
        lat, lng = middle_of(candidate)
        if abs(lat - point.lat) > furthest_lat:
            continue
        lat1 = radians(lat)
        h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos2 * sin(radians(point.lng - lng) / 2) ** 2
        distance = 2 * cells.EARTH_RADIUS_M * asin(min(1.0, sqrt(h)))
        if distance <= radius_m or (
            distance <= near and h3_int.latlng_to_cell(lat, lng, resolution) == h3.str_to_int(cell)
        ):
            reached.append(h3.int_to_str(candidate))
    return frozenset(reached)


def _as_date(value: Any) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _counts(area: set[str], first: date, today: date) -> tuple[Counter[str], Counter[str], Counter[date]]:
    """Raw counts of the reports in ``area`` (cells of one resolution) from ``first`` (the first
    day of a month) to ``today``: by worry, by context and by month.

    The area is first written as few cells as possible (:func:`cells.compact`: seven children
    make their parent, so a 2 km circle is a few hundred cells of three resolutions rather than
    936), which names exactly the same reports, since every report has a row in each ancestor of
    its cells. School-ground and neighbourhood reports are then summed from the monthly rollup in
    one query grouped by (worry, context, month), less any daily rows after ``today`` in its month
    (there are none when ``today`` is today). Route reports are counted once each, in SQL, from
    their route cells."""
    zones = cells.compact(area, min(cells.MAP_RESOLUTIONS))
    in_area = Q(resolution__in=sorted({cells.resolution_of(cell) for cell in zones}), cell__in=sorted(zones))
    this_month = today.replace(day=1)
    by_category: Counter[str] = Counter()
    by_context: Counter[str] = Counter()
    by_month: Counter[date] = Counter()

    def count(rows: Iterable[tuple[str, str, date, int]], sign: int) -> None:
        for category, context, month, n in rows:
            if category == ALL:
                by_context[context] += sign * n
                by_month[month] += sign * n
            else:
                by_category[category] += sign * n

    in_one_cell = sorted(choices.MAPPED_CONTEXTS - {choices.ROUTE})
    monthly = (
        MonthlyHotspotRollup.objects.filter(in_area, context__in=in_one_cell, month__gte=first, month__lte=this_month)
        .values_list("category", "context", "month")
        .annotate(n=Sum("count"))
        .order_by()
    )
    count(monthly, 1)
    month_end = add_months(this_month, 1) - timedelta(days=1) if this_month < date.max.replace(day=1) else date.max
    if today < month_end:  # reports dated after today: none, unless today is in the past
        later = (
            HotspotRollup.objects.filter(in_area, context__in=in_one_cell, day__gt=today, day__lte=month_end)
            .values_list("category", "context")
            .annotate(n=Sum("count"))
            .order_by()
        )
        count(((category, context, this_month, n) for category, context, n in later), -1)

    for month, worries, n in _routes_in(in_area, first, today):
        by_context[choices.ROUTE] += n
        by_month[month] += n
        for slug in worries.split():
            by_category[slug] += n
    return by_category, by_context, by_month


def _routes_in(in_area: Q, first: date, today: date) -> list[tuple[date, str, int]]:
    """Route reports with a cell in the area, each once, counted in SQL by (month, worries): the
    distinct (report, month, worries) of their route cells in the area, then grouped. (Faster than
    COUNT(DISTINCT) on PostgreSQL, which sorts every route cell found.)"""
    distinct = (
        ReportRouteCell.objects.filter(in_area, day__gte=first, day__lte=today)
        # A date in SQL (PostgreSQL's date_trunc gives a timestamp, slow to read row by row).
        .annotate(month=Cast(TruncMonth("day", output_field=DateField()), DateField()))
        .values_list("report_id", "month", "categories")
        .distinct()
        .order_by()
    )
    sql, params = distinct.query.sql_with_params()
    with connections[distinct.db].cursor() as cursor:
        cursor.execute(
            f'SELECT "month", "categories", COUNT(*) FROM ({sql}) routes GROUP BY "month", "categories"',  # noqa: S608 - the ORM's own SQL, values bound
            params,
        )
        rows = cursor.fetchall()
    return [
        (date.fromisoformat(month) if isinstance(month, str) else _as_date(month), worries, n)
        for month, worries, n in rows
    ]


def _direction(monthly: list[int]) -> str:
    """Rising, falling or steady: the last three full months (the current month is not over, so it
    is left out) against the three before. Said only when both sums could be shown."""
    if len(monthly) < 7:
        return TOO_FEW
    recent, earlier = sum(monthly[-4:-1]), sum(monthly[-7:-4])
    if suppression.suppress(recent) is None or suppression.suppress(earlier) is None:
        return TOO_FEW
    if recent == earlier:
        return STEADY
    if earlier == 0 or recent >= earlier * CHANGE_RATIO:
        return RISING
    if recent * CHANGE_RATIO <= earlier:
        return FALLING
    return STEADY

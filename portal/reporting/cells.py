"""Snapping places to map cells, so an exact point is never kept.

A pupil's pin (or each point of a route they draw) is replaced, the moment the form receives it,
by the H3 cell that contains it: a hexagon of about 15,000 square metres (roughly 120 m across) at resolution 10. Only the cell's
id is stored; the map draws the cell and Elasticsearch indexes its centre.

Coarser views of the map use the cell's ancestors (``MAP_RESOLUTIONS``), so a report is counted
once in each cell it touches at every zoom level, however many of its route points fall inside.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import h3
from h3.api import basic_int as h3_int

from django.conf import settings

if TYPE_CHECKING:
    import orjson

# Resolutions the rollups keep, finest last. Zoom levels map onto them in ``resolution_for_zoom``.
MAP_RESOLUTIONS = (5, 6, 7, 8, 9, 10)
EARTH_RADIUS_M = 6_371_008.8


def storage_resolution() -> int:
    """The resolution a report's place is snapped to when saved (10: roughly 120 m across)."""
    return int(getattr(settings, "REPORTING_CELL_RESOLUTION", 10))


@dataclass(frozen=True)
class LatLng:
    lat: float
    lng: float


def is_valid_point(lat: float, lng: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180


def snap(lat: float, lng: float, resolution: int | None = None) -> str:
    """The id of the cell containing the point. The point itself is not kept anywhere."""
    if not is_valid_point(lat, lng):
        raise ValueError("not a point on Earth")
    return h3.latlng_to_cell(lat, lng, resolution or storage_resolution())


@functools.lru_cache(maxsize=8192)
def centre(cell: str) -> LatLng:
    """The cell's centre, rounded to 6 decimals (about 10 cm). Kept for the cells used most
    recently: the map and the area profiles ask for the same few thousand cells again and again."""
    lat, lng = h3.cell_to_latlng(cell)
    return LatLng(round(lat, 6), round(lng, 6))


@functools.lru_cache(maxsize=8192)
def centre_of_int(cell: int) -> tuple[float, float]:
    """:func:`centre` of a cell given as H3's integer id, as (lat, lng)."""
    lat, lng = h3_int.cell_to_latlng(cell)
    return round(lat, 6), round(lng, 6)


def boundary_geojson(cell: str) -> list[list[float]]:
    """The cell's outline as a closed GeoJSON ring ([lng, lat] pairs)."""
    ring = [[round(lng, 6), round(lat, 6)] for lat, lng in h3.cell_to_boundary(cell)]
    return [*ring, ring[0]]


# The most outlines kept by ``boundary_json`` in each process: every cell of a borough at the finest
# map resolution and its ancestors (about 9,000 for a borough of 110 square km), at about 400 bytes
# each (a few MB).
BOUNDARY_CACHE_SIZE = 12_000


@functools.lru_cache(maxsize=BOUNDARY_CACHE_SIZE)
def boundary_json(cell: str) -> orjson.Fragment:
    """:func:`boundary_geojson` already written as JSON, for ``orjson.dumps``. A map answer draws up
    to 2,500 hexagons whose outlines never change, so they are worked out and written once.
    (orjson is imported here, not with this module: a worker that never answers the map API does
    not carry it.)"""
    import orjson

    return orjson.Fragment(orjson.dumps(boundary_geojson(cell)))


def is_valid_cell(cell: str) -> bool:
    try:
        return bool(cell) and h3.is_valid_cell(cell)
    except (TypeError, ValueError):
        return False


def resolution_of(cell: str) -> int:
    return h3.get_resolution(cell)


def ancestor(cell: str, resolution: int) -> str:
    if resolution >= h3.get_resolution(cell):
        return cell
    return h3.cell_to_parent(cell, resolution)


def snap_route(points: Iterable[Sequence[float]], resolution: int | None = None) -> list[str]:
    """The distinct cells a drawn route passes through, in the order it reaches them.

    Consecutive points further apart than a cell are joined by H3's grid path, so a line drawn
    with a few taps still covers the cells between them."""
    cells: list[str] = []
    seen: set[str] = set()
    previous: str | None = None
    for lat, lng in points:
        cell = snap(lat, lng, resolution)
        path = [cell]
        if previous is not None and previous != cell:
            try:
                path = h3.grid_path_cells(previous, cell)[1:]
            except Exception:  # noqa: BLE001 - h3 cannot path across pentagons; keep the endpoint
                path = [cell]
        for step in path:
            if step not in seen:
                seen.add(step)
                cells.append(step)
        previous = cell
    return cells


def cells_at(cells: Iterable[str], resolution: int) -> list[str]:
    """Distinct ancestors of ``cells`` at ``resolution``, in first-seen order."""
    out: list[str] = []
    seen: set[str] = set()
    for cell in cells:
        parent = ancestor(cell, resolution)
        if parent not in seen:
            seen.add(parent)
            out.append(parent)
    return out


def compact(cells: Iterable[str], coarsest: int) -> list[str]:
    """The same cells (all of one resolution) written with as few cells as possible, sorted: where
    every child of a cell is there, the cell stands for them, recursively, but no coarser than
    ``coarsest``. A report in one of the cells is then in exactly one of the result's cells, at
    that cell's resolution (``ancestor``), and in none of them otherwise."""
    out: list[str] = []
    for cell in h3.compact_cells(sorted(set(cells))):
        if h3.get_resolution(cell) < coarsest:
            out.extend(h3.cell_to_children(cell, coarsest))
        else:
            out.append(cell)
    return sorted(out)


def resolution_for_zoom(zoom: int) -> int:
    """Cell size follows the map's zoom level: bigger hexagons when zoomed out."""
    if zoom >= 16:
        return 10
    if zoom >= 15:
        return 9
    if zoom >= 13:
        return 8
    if zoom >= 11:
        return 7
    if zoom >= 9:
        return 6
    return 5


def distance_m(a: LatLng, b: LatLng) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlng = math.radians(b.lng - a.lng)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def cells_within(lat: float, lng: float, radius_m: float, resolution: int | None = None) -> list[str]:
    """Cells whose centre lies within ``radius_m`` of the point."""
    resolution = resolution or storage_resolution()
    middle = snap(lat, lng, resolution)
    # Centres of neighbouring rings are at least ~1.5 edge lengths apart; overshoot a little.
    edge = h3.average_hexagon_edge_length(resolution, unit="m")
    rings = max(1, math.ceil(radius_m / (edge * 1.5)) + 1)
    # distance_m(LatLng(lat, lng), centre(cell)), written out for the thousand cells of a big
    # circle: the same operations in the same order, so the same result to the last bit.
    lat1 = math.radians(lat)
    cos1 = math.cos(lat1)
    sin, cos, sqrt, radians = math.sin, math.cos, math.sqrt, math.radians
    within = []
    for cell in h3_int.grid_disk(h3.str_to_int(middle), rings):  # integer ids: twice as fast
        cell_lat, cell_lng = h3_int.cell_to_latlng(cell)
        lat2 = radians(round(cell_lat, 6))
        h = sin((lat2 - lat1) / 2) ** 2 + cos1 * cos(lat2) * sin(radians(round(cell_lng, 6) - lng) / 2) ** 2
        if 2 * EARTH_RADIUS_M * math.asin(min(1.0, sqrt(h))) <= radius_m:
            within.append(h3.int_to_str(cell))
    return within


def snap_plan_point(value: float, step: int = 10) -> int:
    """A tap on a school's site plan, as a percentage across or down, snapped to a coarse grid so
    the exact spot is not kept (10 % steps: a 10 x 10 grid over the plan)."""
    value = min(100.0, max(0.0, float(value)))
    return int(round(value / step) * step)

"""The hotspot map's JSON API: the GeoJSON layer, its CSV export and the area profile.

Only signed-in people who may see the map get an answer: holders of ``reporting.view_hotspots``
(analysts, officers) and the staff of a school. Staff without the permission may only ask about one
of their own schools (``school=`` is then required): a question about another school, about the
whole borough or about an area (the area profile, which has no school filter) is refused with a
403. That is the same rule as the map page, whose school list for them holds only their own
schools, and it matches the design's "a school lead sees their own school's reports, never another
school's": even suppressed borough counts would let them subtract their own exact counts.

Every count is suppressed and rounded unless it comes only from the reader's own school (see
``hotspots.counts_are_exact``), and the dates of a suppressed answer cover whole calendar months.
Answers are never cached anywhere but the reader's browser session, so a shared proxy cannot hand
them to someone else.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import area, cells, choices, suppression
from .hotspots import (
    HotspotQuery,
    HotspotQueryError,
    counts_are_exact,
    feature_collection,
    find_hotspots,
    visible_cells,
)
from .models import School
from .roles import VIEW_HOTSPOTS

GEOJSON = "application/geo+json"
SUPPRESSED = "suppressed"  # written in the CSV in place of a hidden count
# The area profile through the API: only these radii, around the centre of the point's cell at this
# resolution (about 460 m across), so that two circles cannot differ by one report's cell. These
# profiles are counted in advance (``area.profile_around_cell``).
AREA_RADII_M = area.PRECOMPUTED_RADII_M
AREA_SNAP_RESOLUTION = area.CENTRE_RESOLUTION
SCHOOL_ID_RE = re.compile(r"^[0-9]{1,18}$")


def may_see_hotspots(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm("reporting.view_hotspots") or School.objects.filter(staff=user).exists()


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Cookie"])
    return response


def _plain(value: Any) -> str:
    """What orjson cannot write itself: lazy translations, as their text."""
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _json(data: Any, *, status: int = 200, content_type: str = "application/json") -> HttpResponse:
    """JSON written by orjson (UTF-8, dates as ISO 8601): a map answer holds thousands of hexagons,
    and orjson writes them ten times faster than the standard library, with their outlines already
    written (``cells.boundary_json``). Imported here, so that only workers that answer the API
    load it (3.6 MB)."""
    import orjson

    return _private(HttpResponse(orjson.dumps(data, default=_plain), status=status, content_type=content_type))


def _refusal(request: HttpRequest) -> HttpResponse | None:
    if may_see_hotspots(request.user):
        return None
    return _json({"error": _("You need permission to see the hotspot map. Ask the partnership team.")}, status=403)


def _own_schools_only(request: HttpRequest) -> HttpResponse | None:
    """For staff without ``reporting.view_hotspots``: a 403 unless ``school`` is one of their own
    schools (an omitted school means the whole borough, which they may not ask about)."""
    user = request.user
    if user.has_perm(VIEW_HOTSPOTS):
        return None
    value = (request.GET.get("school") or "").strip()
    if SCHOOL_ID_RE.match(value) and School.objects.filter(pk=int(value), staff=user).exists():
        return None
    return _json(
        {
            "error": _(
                "You may only see your own school's reports. Choose your school with school=<its number>; "
                "counts for other schools or the whole borough need the hotspot map permission."
            )
        },
        status=403,
    )


def _bad_request(errors: Mapping[str, str]) -> HttpResponse:
    return _json({"errors": dict(errors)}, status=400)


@require_GET
def hotspots(request: HttpRequest) -> HttpResponse:
    """``GET ?bbox=west,south,east,north&zoom=&date_from=&date_to=&category=&context=&age_group=&school=``"""
    if refusal := _refusal(request) or _own_schools_only(request):
        return refusal
    try:
        query, exact = _query(request)
    except HotspotQueryError as error:
        return _bad_request(error.errors)
    layer = feature_collection(find_hotspots(query), query, exact=exact, outline=cells.boundary_json)
    return _json(layer, content_type=GEOJSON)


def _query(request: HttpRequest) -> tuple[HotspotQuery, bool]:
    """The query and whether its counts are exact; over whole calendar months when they are not."""
    query = HotspotQuery.from_params(request.GET)
    exact = counts_are_exact(request.user, query)
    return (query if exact else query.in_whole_months()), exact


@require_GET
def hotspots_csv(request: HttpRequest) -> HttpResponse:
    """The same cells as the map layer, one row each, with the same suppression and rounding. The
    last row says how the numbers were treated."""
    if refusal := _refusal(request) or _own_schools_only(request):
        return refusal
    try:
        query, exact = _query(request)
    except HotspotQueryError as error:
        return _bad_request(error.errors)
    shown = visible_cells(find_hotspots(query), exact=exact, category=query.category)
    slugs = [query.category] if query.category else [worry.slug for worry in choices.WORRIES]

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"hotspots-{query.date_from.isoformat()}-to-{query.date_to.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["cell", "resolution", "latitude", "longitude", "reports", *slugs])
    for cell in shown:
        worries = (cell.categories.get(slug, 0) for slug in slugs)
        writer.writerow(
            [
                cell.cell,
                query.resolution,
                cell.centre.lat,
                cell.centre.lng,
                cell.count,
                *(SUPPRESSED if value is None else value for value in worries),
            ]
        )
    writer.writerow([f"# {suppression.counts_note(exact=exact)}"])
    return _private(response)


@require_GET
def area_profile(request: HttpRequest) -> HttpResponse:
    """``GET ?lat=&lng=&radius=`` (radius in metres: 250, 500, 1000 or 2000): suppressed, rounded
    counts around the centre of the point's resolution-8 cell. Only for holders of
    ``reporting.view_hotspots``: an area holds every school's reports."""
    if refusal := _refusal(request):
        return refusal
    if not request.user.has_perm(VIEW_HOTSPOTS):
        return _json(
            {"error": _("Area profiles cover every school's reports, so they need the hotspot map permission.")},
            status=403,
        )
    lat, lng, radius = (request.GET.get(name, "").strip() for name in ("lat", "lng", "radius"))
    errors = area.validate(lat, lng, radius)
    if "radius" not in errors and float(radius) not in AREA_RADII_M:
        errors["radius"] = _("The radius must be one of %(radii)s metres.") % {
            "radii": ", ".join(str(radius) for radius in AREA_RADII_M)
        }
    if errors:
        return _bad_request(errors)
    try:
        profile = area.profile_around_cell(cells.snap(float(lat), float(lng), AREA_SNAP_RESOLUTION), int(float(radius)))
    except area.AreaProfileError as error:
        return _bad_request(error.errors)
    return _json({**profile.as_dict(), "note": suppression.counts_note(exact=False)})

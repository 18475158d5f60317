"""The hotspot map's JSON API: the GeoJSON layer, its CSV export and the area profile.

Only signed-in people who may see the map get an answer: holders of ``reporting.view_hotspots``
(analysts, officers) and the staff of a school. Every count is suppressed unless it comes only from
the reader's own school (see ``hotspots.counts_are_exact``). Answers are never cached anywhere but
the reader's browser session, so a shared proxy cannot hand them to someone else.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import area, choices
from .hotspots import (
    HotspotQuery,
    HotspotQueryError,
    counts_are_exact,
    feature_collection,
    find_hotspots,
    visible_cells,
)
from .models import School

GEOJSON = "application/geo+json"
SUPPRESSED = "suppressed"  # written in the CSV in place of a hidden count


def may_see_hotspots(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm("reporting.view_hotspots") or School.objects.filter(staff=user).exists()


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Cookie"])
    return response


def _json(data: Any, *, status: int = 200, content_type: str = "application/json") -> HttpResponse:
    return _private(
        JsonResponse(data, status=status, content_type=content_type, json_dumps_params={"ensure_ascii": False})
    )


def _refusal(request: HttpRequest) -> HttpResponse | None:
    if may_see_hotspots(request.user):
        return None
    return _json({"error": _("You need permission to see the hotspot map. Ask the partnership team.")}, status=403)


def _bad_request(errors: Mapping[str, str]) -> HttpResponse:
    return _json({"errors": dict(errors)}, status=400)


@require_GET
def hotspots(request: HttpRequest) -> HttpResponse:
    """``GET ?bbox=west,south,east,north&zoom=&date_from=&date_to=&category=&context=&age_group=&school=``"""
    if refusal := _refusal(request):
        return refusal
    try:
        query = HotspotQuery.from_params(request.GET)
    except HotspotQueryError as error:
        return _bad_request(error.errors)
    found = find_hotspots(query)
    return _json(feature_collection(found, query, exact=counts_are_exact(request.user, query)), content_type=GEOJSON)


@require_GET
def hotspots_csv(request: HttpRequest) -> HttpResponse:
    """The same cells as the map layer, one row each, with the same suppression."""
    if refusal := _refusal(request):
        return refusal
    try:
        query = HotspotQuery.from_params(request.GET)
    except HotspotQueryError as error:
        return _bad_request(error.errors)
    shown = visible_cells(find_hotspots(query), exact=counts_are_exact(request.user, query))
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
    return _private(response)


@require_GET
def area_profile(request: HttpRequest) -> HttpResponse:
    """``GET ?lat=&lng=&radius=`` (radius in metres, 50 to 5000): suppressed counts around a point."""
    if refusal := _refusal(request):
        return refusal
    lat, lng, radius = (request.GET.get(name, "").strip() for name in ("lat", "lng", "radius"))
    if errors := area.validate(lat, lng, radius):
        return _bad_request(errors)
    try:
        profile = area.area_profile(float(lat), float(lng), float(radius))
    except area.AreaProfileError as error:
        return _bad_request(error.errors)
    return _json(profile.as_dict())

"""Pupil reports in Elasticsearch, for the hotspot map at scale (only when ELASTICSEARCH_URL is set).

The index holds only what the map counts: no free text, no name, no reference, no part of a
school's grounds or a home, nothing a reader could use to pick out a child. Each report is one
document with its school's id, age group, context, worries, date and, for each map resolution, the
cells it touches and their centres. The rollup table stays the source of truth: if Elasticsearch is
down, the map falls back to it, and ``manage.py index_pupil_reports`` rebuilds the index from the
reports.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.dsl import Date, Document, GeoPoint, Integer, Keyword, MetaField, Search
from elasticsearch.helpers import bulk

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import cells, choices
from .hotspots import DatabaseHotspots, HotspotCell, HotspotQuery, cells_in_view
from .models import PupilReport

logger = logging.getLogger("portal.reporting")

DEFAULT_TIMEOUT_S = 5


def index_name() -> str:
    return settings.ELASTICSEARCH_REPORTS_INDEX


@functools.lru_cache(maxsize=4)
def _client(url: str, timeout: float) -> Elasticsearch:
    # No retries: a report is already saved and counted; the index can catch up later, and the
    # pupil must not wait while a dead node is tried again.
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def get_client() -> Elasticsearch:
    """The client for ``ELASTICSEARCH_URL``, with a timeout on every call (5 s unless
    ``ELASTICSEARCH_TIMEOUT`` says otherwise)."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        raise ImproperlyConfigured("ELASTICSEARCH_URL is not set.")
    return _client(url, float(getattr(settings, "ELASTICSEARCH_TIMEOUT", DEFAULT_TIMEOUT_S)))


class PupilReportDocument(Document):
    """One pupil report, anonymous aggregate fields only. The mapping is strict, so a field that is
    not declared here is refused rather than quietly stored.

    ``h3_r{n}`` lists the distinct cells a report touches at map resolution ``n`` (several for a
    route) and ``centre_r{n}`` their centres, one pair per ``cells.MAP_RESOLUTIONS`` (a test checks
    they match)."""

    school_id = Integer()
    age_group = Keyword()
    context = Keyword()
    categories = Keyword(multi=True)
    day = Date(format="strict_date")
    location = GeoPoint()  # the report's own cell (a route's first cell)
    h3_r5 = Keyword(multi=True)
    h3_r6 = Keyword(multi=True)
    h3_r7 = Keyword(multi=True)
    h3_r8 = Keyword(multi=True)
    h3_r9 = Keyword(multi=True)
    h3_r10 = Keyword(multi=True)
    centre_r5 = GeoPoint(multi=True)
    centre_r6 = GeoPoint(multi=True)
    centre_r7 = GeoPoint(multi=True)
    centre_r8 = GeoPoint(multi=True)
    centre_r9 = GeoPoint(multi=True)
    centre_r10 = GeoPoint(multi=True)

    class Index:
        name = "portal_pupil_reports"  # overridden by ELASTICSEARCH_REPORTS_INDEX on every call
        settings = {"number_of_shards": 1}

    class Meta:
        dynamic = MetaField("strict")


def _point(centre: cells.LatLng) -> dict[str, float]:
    return {"lat": centre.lat, "lon": centre.lng}


def document_for(report: PupilReport) -> PupilReportDocument:
    """The index document for a report. Home and online reports get no place at all."""
    doc = PupilReportDocument(
        meta={"id": report.pk},
        school_id=report.school_id,
        age_group=report.age_group,
        context=report.context,
        categories=sorted(set(report.categories)),
        day=report.submitted_on,
    )
    map_cells = report.map_cells
    if map_cells:
        doc.location = _point(cells.centre(report.cell or map_cells[0]))
        for resolution in cells.MAP_RESOLUTIONS:
            at_resolution = cells.cells_at(map_cells, resolution)
            setattr(doc, f"h3_r{resolution}", at_resolution)
            setattr(doc, f"centre_r{resolution}", [_point(cells.centre(cell)) for cell in at_resolution])
    return doc


def ensure_index(client: Elasticsearch) -> None:
    """Create the index with its mapping if it is missing. Without this, the first report would
    make Elasticsearch guess a mapping, and a guessed mapping has no geo_point fields."""
    name = index_name()
    if not client.indices.exists(index=name):
        PupilReportDocument.init(index=name, using=client)


def index_report_safely(report: PupilReport) -> None:
    """Index one report. Never raises: the report is saved and counted in the rollups whatever
    happens here, and a pupil must never see an error because the map index is away."""
    if not settings.ELASTICSEARCH_URL or not report.map_cells:
        return  # home and online reports never go on the map, so never into its index
    try:
        client = get_client()
        ensure_index(client)
        document_for(report).save(using=client, index=index_name())
    except Exception:  # noqa: BLE001 - any failure here must not reach the pupil
        logger.warning(
            "Could not index pupil report %s for the map; run index_pupil_reports to catch up.",
            report.pk,
            exc_info=True,
        )


def unindex_report_safely(report_id: int) -> None:
    """Take a report out of the index (spam, end of retention). Never raises, like indexing."""
    if not settings.ELASTICSEARCH_URL:
        return
    try:
        get_client().options(ignore_status=404).delete(index=index_name(), id=str(report_id))
    except Exception:  # noqa: BLE001 - as for indexing, never an error for the person deleting
        logger.warning("Could not remove pupil report %s from the map index.", report_id, exc_info=True)


def bulk_actions(reports: Iterable[PupilReport]) -> Iterator[dict[str, Any]]:
    name = index_name()
    for report in reports:
        yield {"_index": name, "_id": str(report.pk), "_source": document_for(report).to_dict()}


def reindex_all(*, recreate: bool = False, chunk_size: int = 500) -> int:
    """Create the index if it is missing (or drop and create it with ``recreate``) and put every
    report in it. Returns the number of reports indexed."""
    client = get_client()
    name = index_name()
    if recreate:
        client.indices.delete(index=name, ignore_unavailable=True)
    ensure_index(client)
    # Only reports with a place on the map: the index serves nothing else, so home and online
    # reports (which never go on the map) are not copied into it.
    reports = (
        PupilReport.objects.on_map()
        .only("id", "school_id", "age_group", "context", "categories", "submitted_on", "cell", "route_cells")
        .order_by("pk")
    )
    indexed, _errors = bulk(client, bulk_actions(reports.iterator(chunk_size=chunk_size)), chunk_size=chunk_size)
    client.indices.refresh(index=name)
    return indexed


# --- The hotspot map ---------------------------------------------------------------------------------


class ElasticsearchHotspots:
    """The hotspot map from the report index, giving exactly what :class:`DatabaseHotspots` gives.

    Why a ``terms`` aggregation on precomputed H3 keys rather than ``geotile_grid``: the map draws
    H3 hexagons, and the rollups count reports per H3 cell. Geotile (or geohash) buckets are squares
    of a different grid, so the two backends would disagree about which reports share a cell, and
    the suppression threshold would apply to different groups of children. Terms on ``h3_r{n}``
    give the very same cells and counts, with the cell ids worked out once, when the report is
    saved, by the same code that fills the rollups. Elasticsearch's ``geohex_grid`` aggregation
    (8.1 and later) is the alternative: run over ``centre_r{n}`` at precision ``n`` it would put each
    centre in its own H3 cell, so it could serve the same map without the keyword fields, at the cost
    of computing cells in Elasticsearch's H3 library at query time and of less control over which
    buckets come back (it has no ``include`` list).

    A route report holds several values in ``h3_r{n}``; a terms aggregation counts a document once in
    each bucket whose key it holds, which is what the rollups do (one per distinct cell). The
    ``geo_bounding_box`` filter picks documents with any centre in view; a route may also touch
    cells outside it, so the aggregation ``include``s only the cells whose centre is in view
    (:func:`hotspots.cells_in_view`), at most the query's cell cap. Its size is that list's length,
    so no bucket is cut off, and with ``shard_size`` >= size the counts are exact on any number of
    shards.
    """

    def __init__(self, client: Elasticsearch | None = None):
        self._client = client

    def search(self, query: HotspotQuery, in_view: list[str] | None = None) -> Search:
        in_view = cells_in_view(query) if in_view is None else in_view
        resolution = query.resolution
        search = PupilReportDocument.search(index=index_name())
        search = search.extra(size=0, track_total_hits=False)
        search = search.filter("range", day={"gte": query.date_from.isoformat(), "lte": query.date_to.isoformat()})
        if query.category:
            search = search.filter("term", categories=query.category)
        if query.context:
            search = search.filter("term", context=query.context)
        if query.age_group:
            search = search.filter("term", age_group=query.age_group)
        if query.school is not None:
            search = search.filter("term", school_id=query.school)
        search = search.filter(
            "geo_bounding_box",
            **{
                f"centre_r{resolution}": {
                    "top_left": {"lat": query.north, "lon": query.west},
                    "bottom_right": {"lat": query.south, "lon": query.east},
                }
            },
        )
        worries: dict[str, Any] = {"field": "categories", "size": len(choices.WORRIES)}
        if query.category:
            worries["include"] = [query.category]  # the breakdown shows only the chosen worry, as in SQL
        search.aggs.bucket(
            "cells", "terms", field=f"h3_r{resolution}", include=in_view, size=max(1, len(in_view))
        ).bucket("categories", "terms", **worries)
        return search

    def cells(self, query: HotspotQuery) -> list[HotspotCell]:
        in_view = cells_in_view(query)
        if not in_view:
            return []
        try:
            response = self.search(query, in_view).using(self._client or get_client()).execute()
        except (ApiError, TransportError):
            logger.warning("The map index is not answering; counting from the database instead.", exc_info=True)
            return DatabaseHotspots().cells(query)
        return parse_hotspot_response(response.to_dict(), query)


def parse_hotspot_response(data: Mapping[str, Any], query: HotspotQuery) -> list[HotspotCell]:
    """Cells from an Elasticsearch response body (``Response.to_dict()``), in the same form and
    order as the database backend's. Buckets whose centre is outside the view are dropped."""
    buckets = data.get("aggregations", {}).get("cells", {}).get("buckets", [])
    found: list[HotspotCell] = []
    for bucket in buckets:
        cell = bucket["key"]
        centre = cells.centre(cell)
        if not query.contains(centre) or bucket["doc_count"] <= 0:
            continue
        categories = {
            worry["key"]: worry["doc_count"]
            for worry in bucket.get("categories", {}).get("buckets", [])
            if worry["doc_count"] > 0
        }
        found.append(HotspotCell(cell=cell, centre=centre, count=bucket["doc_count"], categories=categories))
    return sorted(found, key=lambda hotspot: hotspot.cell)

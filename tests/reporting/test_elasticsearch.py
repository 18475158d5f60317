"""The Elasticsearch map index, without an Elasticsearch server.

The real client is pointed at :class:`FakeNode`, an in-process stand-in that stores documents and
answers the one search the map makes (bool filters, a terms aggregation with a terms
sub-aggregation), so the mapping, the documents, the query and the parsing are all exercised through
the client, and the answers are compared with the database backend's for the same reports.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, ClassVar, NamedTuple

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elasticsearch import Elasticsearch
from elasticsearch.dsl.response import Response

from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.utils import timezone

from portal.reporting import cells, choices, search_index
from portal.reporting.hotspots import DatabaseHotspots, HotspotCell, HotspotQuery, cells_in_view, get_backend
from portal.reporting.models import PupilReport
from portal.reporting.search_index import (
    ElasticsearchHotspots,
    PupilReportDocument,
    bulk_actions,
    document_for,
    index_report_safely,
    parse_hotspot_response,
    unindex_report_safely,
)
from tests.reporting.factories import CENTRE, NEARBY, SchoolFactory, make_report, make_report_on

AROUND = "0.170,51.570,0.200,51.585"
CLOSED_PORT = "http://127.0.0.1:9"  # the discard port: nothing listens there


# --- A stand-in for an Elasticsearch node ----------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _matches(clause: dict[str, Any], doc: dict[str, Any]) -> bool:
    (kind, body), = clause.items()  # fmt: skip
    (field, condition), = body.items()  # fmt: skip
    values = _as_list(doc.get(field))
    if kind == "term":
        return condition in values
    if kind == "range":
        return any(condition.get("gte", v) <= v <= condition.get("lte", v) for v in values)
    if kind == "geo_bounding_box":
        top, left = condition["top_left"]["lat"], condition["top_left"]["lon"]
        bottom, right = condition["bottom_right"]["lat"], condition["bottom_right"]["lon"]
        return any(bottom <= p["lat"] <= top and left <= p["lon"] <= right for p in values)
    raise AssertionError(f"the fake does not know the {kind} query")


def _terms(agg: dict[str, Any], docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """A terms aggregation: each document counts once in the bucket of each distinct value it holds."""
    (kind, spec), = ((k, v) for k, v in agg.items() if k != "aggs")  # fmt: skip
    assert kind == "terms", kind
    include = set(spec["include"]) if "include" in spec else None
    members: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        for value in set(_as_list(doc.get(spec["field"]))):
            if include is None or value in include:
                members.setdefault(value, []).append(doc)
    ordered = sorted(members.items(), key=lambda item: (-len(item[1]), item[0]))[: spec.get("size", 10)]
    buckets = []
    for key, in_bucket in ordered:
        bucket: dict[str, Any] = {"key": key, "doc_count": len(in_bucket)}
        for name, sub in agg.get("aggs", {}).items():
            bucket[name] = {"buckets": _terms(sub, in_bucket)}
        buckets.append(bucket)
    return buckets


def run_search(body: dict[str, Any], docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    filters = body["query"]["bool"]["filter"]
    assert set(body["query"]["bool"]) == {"filter"}
    hits = [doc for doc in docs if all(_matches(clause, doc) for clause in filters)]
    aggs = {name: {"buckets": _terms(agg, hits)} for name, agg in body.get("aggs", {}).items()}
    return {"took": 1, "timed_out": False, "hits": {"hits": []}, "aggregations": aggs}


class NodeResponse(NamedTuple):
    meta: ApiResponseMeta
    body: bytes


class FakeNode(BaseNode):
    """Answers the requests the portal makes, from documents held in memory."""

    indices: ClassVar[dict[str, dict[str, Any]]] = {}
    requests: ClassVar[list[tuple[str, str]]] = []

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None) -> NodeResponse:
        path = target.split("?")[0].strip("/").split("/")
        FakeNode.requests.append((method, target))
        data = json.loads(body) if body and path[-1] != "_bulk" else None
        status, answer = 200, {"acknowledged": True}
        if path[-1] == "_bulk":
            lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
            items = []
            for action, source in zip(lines[::2], lines[1::2], strict=True):
                meta = action["index"]
                self.indices[meta["_index"]]["docs"][meta["_id"]] = source
                items.append({"index": {"_index": meta["_index"], "_id": meta["_id"], "status": 201}})
            answer = {"took": 1, "errors": False, "items": items}
        elif path[-1] == "_refresh":
            answer = {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        elif path[-1] == "_search":
            answer = run_search(data, self.indices[path[0]]["docs"].values())
        elif method == "HEAD" and len(path) == 1:
            status = 200 if path[0] in self.indices else 404
        elif method == "PUT" and len(path) == 1:
            self.indices[path[0]] = {"definition": data, "docs": {}}
        elif method == "DELETE" and len(path) == 1:
            self.indices.pop(path[0], None)
        elif method in ("PUT", "POST") and path[1:2] == ["_doc"]:
            self.indices.setdefault(path[0], {"docs": {}})["docs"][path[2]] = data
            answer = {"_index": path[0], "_id": path[2], "result": "created", "_version": 1}
        elif method == "DELETE" and path[1:2] == ["_doc"]:
            self.indices[path[0]]["docs"].pop(path[2], None)
            answer = {"_index": path[0], "_id": path[2], "result": "deleted"}
        else:
            raise AssertionError(f"the fake does not know {method} {target}")
        response_headers = HttpHeaders({"content-type": "application/json", "x-elastic-product": "Elasticsearch"})
        meta = ApiResponseMeta(
            status=status, http_version="1.1", headers=response_headers, duration=0.0, node=self.config
        )
        return NodeResponse(meta, b"" if method == "HEAD" else json.dumps(answer).encode())


@pytest.fixture
def fake_es(settings, monkeypatch) -> Elasticsearch:
    """ELASTICSEARCH_URL set, and the client talking to FakeNode."""
    FakeNode.indices.clear()
    FakeNode.requests.clear()
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    settings.ELASTICSEARCH_REPORTS_INDEX = "test_pupil_reports"
    client = Elasticsearch("http://search.internal:9200", node_class=FakeNode, max_retries=0)
    monkeypatch.setattr(search_index, "get_client", lambda: client)
    return client


def stored_docs() -> list[dict[str, Any]]:
    return list(FakeNode.indices["test_pupil_reports"]["docs"].values())


# --- The mapping and the documents -----------------------------------------------------------------


def test_the_mapping_holds_only_anonymous_aggregate_fields():
    definition = PupilReportDocument._index.to_dict()
    mapping = definition["mappings"]
    assert mapping["dynamic"] == "strict"  # nothing undeclared can be stored
    expected = {
        "school_id": {"type": "integer"},
        "age_group": {"type": "keyword"},
        "context": {"type": "keyword"},
        "categories": {"type": "keyword"},
        "day": {"type": "date", "format": "strict_date"},
        "location": {"type": "geo_point"},
    }
    for resolution in cells.MAP_RESOLUTIONS:
        expected[f"h3_r{resolution}"] = {"type": "keyword"}
        expected[f"centre_r{resolution}"] = {"type": "geo_point"}
    assert mapping["properties"] == expected
    assert definition["settings"] == {"number_of_shards": 1}


def test_a_pinned_report_becomes_a_document_without_words_or_reference(db):
    report = make_report(categories=["groups", "bullying"], details="My name is Sam", place_description="by the shop")
    doc = document_for(report)
    assert doc.meta.id == report.pk
    body = doc.to_dict()
    centre = cells.centre(report.cell)
    assert body["school_id"] == report.school_id
    assert body["categories"] == ["bullying", "groups"]
    assert body["day"] == report.submitted_on
    assert body["location"] == {"lat": centre.lat, "lon": centre.lng}
    assert body["h3_r10"] == [report.cell]
    assert body["h3_r5"] == [cells.ancestor(report.cell, 5)]
    assert body["centre_r8"] == [
        {
            "lat": cells.centre(cells.ancestor(report.cell, 8)).lat,
            "lon": cells.centre(cells.ancestor(report.cell, 8)).lng,
        }
    ]
    serialised = json.dumps(body, default=str)
    for secret in ("Sam", "shop", report.reference):
        assert secret not in serialised
    assert set(body) <= set(PupilReportDocument._index.to_dict()["mappings"]["properties"])


def test_a_route_document_lists_each_cell_once_per_resolution(db):
    route = cells.snap_route([CENTRE, NEARBY])
    report = make_report(point=None, context=choices.ROUTE, route_cells=route, categories=["roads"])
    body = document_for(report).to_dict()
    assert body["h3_r10"] == route
    assert body["h3_r5"] == [cells.ancestor(route[0], 5)]
    for resolution in cells.MAP_RESOLUTIONS:
        assert len(body[f"h3_r{resolution}"]) == len(set(body[f"h3_r{resolution}"]))
        assert len(body[f"centre_r{resolution}"]) == len(body[f"h3_r{resolution}"])
    first = cells.centre(route[0])
    assert body["location"] == {"lat": first.lat, "lon": first.lng}


def test_home_and_online_documents_have_no_place(db):
    for context in (choices.HOME, choices.ONLINE):
        body = document_for(make_report(point=None, context=context)).to_dict()
        assert "location" not in body
        assert not any(key.startswith(("h3_", "centre_")) for key in body)


# --- The query -----------------------------------------------------------------------------------


def test_the_search_a_query_produces(db, settings):
    settings.ELASTICSEARCH_REPORTS_INDEX = "test_pupil_reports"
    school = SchoolFactory(urn="820001")
    query = HotspotQuery.from_params(
        QueryDict(
            f"bbox={AROUND}&zoom=13&date_from=2025-01-01&date_to=2025-03-31"
            f"&category=roads&context=route&age_group=secondary&school={school.pk}"
        )
    )
    in_view = cells_in_view(query)
    search = ElasticsearchHotspots().search(query, in_view)
    assert search._index == ["test_pupil_reports"]
    assert search.to_dict() == {
        "query": {
            "bool": {
                "filter": [
                    {"range": {"day": {"gte": "2025-01-01", "lte": "2025-03-31"}}},
                    {"term": {"categories": "roads"}},
                    {"term": {"context": "route"}},
                    {"term": {"age_group": "secondary"}},
                    {"term": {"school_id": school.pk}},
                    {
                        "geo_bounding_box": {
                            "centre_r8": {
                                "top_left": {"lat": 51.585, "lon": 0.17},
                                "bottom_right": {"lat": 51.57, "lon": 0.2},
                            }
                        }
                    },
                ]
            }
        },
        "aggs": {
            "cells": {
                "terms": {"field": "h3_r8", "include": in_view, "size": len(in_view)},
                "aggs": {
                    "categories": {"terms": {"field": "categories", "size": len(choices.WORRIES), "include": ["roads"]}}
                },
            }
        },
        "size": 0,
        "track_total_hits": False,
    }


def test_the_cells_in_view_are_those_whose_centre_is_in_the_box(db):
    query = HotspotQuery.from_params({"bbox": AROUND, "zoom": "15"})
    in_view = cells_in_view(query)
    assert in_view == sorted(in_view)
    assert all(query.contains(cells.centre(cell)) and cells.resolution_of(cell) == 9 for cell in in_view)
    # Every neighbour of a cell in view that is not itself listed has its centre outside the box.
    import h3

    neighbours = {n for cell in in_view for n in h3.grid_disk(cell, 1)} - set(in_view)
    assert neighbours and not any(query.contains(cells.centre(cell)) for cell in neighbours)
    assert len(in_view) <= query.estimated_cells() * 1.2 + 10


# --- Same answers as the database -----------------------------------------------------------------


@pytest.fixture
def borough_reports(db) -> list[PupilReport]:
    """Reports of every shape, spread over days, schools, age groups and contexts."""
    today = timezone.localdate()
    secondary = SchoolFactory(urn="820010", phase=choices.SECONDARY)
    primary = SchoolFactory(urn="820011", phase=choices.PRIMARY)
    route = cells.snap_route([CENTRE, NEARBY])
    made = []
    for n in range(6):
        made.append(
            make_report_on(today - timedelta(days=n * 40), secondary, categories=["bullying", "groups"][: 1 + n % 2])
        )
        made.append(make_report_on(today - timedelta(days=n), primary, point=NEARBY, categories=["fighting"]))
        made.append(
            make_report_on(
                today - timedelta(days=n * 3),
                secondary,
                point=None,
                context=choices.ROUTE,
                route_cells=route[n % 2 :],
                categories=["roads", "dark-lonely"][: 1 + n % 2],
            )
        )
    made.append(make_report_on(today, primary, point=None, context=choices.SCHOOL_GROUNDS, categories=["bullying"]))
    made.append(make_report_on(today, primary, point=None, context=choices.HOME, categories=["hurt-at-home"]))
    made.append(make_report_on(today - timedelta(days=500), secondary, categories=["weapons"]))
    return made


def index_everything(reports: list[PupilReport]) -> None:
    for report in reports:
        index_report_safely(report)


QUERIES = [
    {},
    {"zoom": "13"},
    {"zoom": "15"},
    {"zoom": "10", "bbox": "0.0,51.4,0.4,51.8"},
    {"zoom": "5", "bbox": "-1.0,51.0,1.5,52.2"},
    {"category": "bullying"},
    {"category": "roads", "zoom": "13"},
    {"context": "route"},
    {"context": "school"},
    {"age_group": "primary"},
    {"date_from": "2000-01-01"},
    {"date_to": "2000-01-01"},
    # The east edge runs between CENTRE and NEARBY, so routes cross it.
    {"bbox": "0.170,51.570,0.187,51.585"},
    {"bbox": "0.170,51.570,0.187,51.585", "context": "route", "category": "dark-lonely"},
]


@pytest.mark.parametrize("params", QUERIES, ids=[json.dumps(q) for q in QUERIES])
def test_elasticsearch_gives_the_same_cells_as_the_database(fake_es, borough_reports, params):
    index_everything(borough_reports)
    query = HotspotQuery.from_params({"bbox": AROUND, "zoom": "16", **params})
    from_database = DatabaseHotspots().cells(query)
    from_index = ElasticsearchHotspots(client=fake_es).cells(query)
    assert from_index == from_database
    if "date_to" not in params:
        assert from_database, "the query should find something"


def test_the_school_filter_gives_the_same_cells(fake_es, borough_reports):
    index_everything(borough_reports)
    for school_id in {report.school_id for report in borough_reports}:
        query = HotspotQuery.from_params({"bbox": AROUND, "zoom": "16", "school": str(school_id)})
        assert ElasticsearchHotspots(client=fake_es).cells(query) == DatabaseHotspots().cells(query)


def test_a_canned_response_parses_into_the_database_cells(db, borough_reports):
    """The canned response is built from the reports' own documents, without any client."""
    query = HotspotQuery.from_params({"bbox": AROUND, "zoom": "16"})
    search = ElasticsearchHotspots().search(query)
    docs = [document_for(report).to_dict() for report in borough_reports]
    canned = run_search(json.loads(json.dumps(search.to_dict())), json.loads(json.dumps(docs, default=str)))
    response = Response(search, canned)
    assert parse_hotspot_response(response.to_dict(), query) == DatabaseHotspots().cells(query)


def test_parsing_drops_buckets_outside_the_view_and_empty_buckets(db):
    query = HotspotQuery.from_params({"bbox": AROUND, "zoom": "16"})
    inside = cells.snap(*CENTRE)
    outside = cells.snap(51.7, 0.5)
    canned = {
        "aggregations": {
            "cells": {
                "buckets": [
                    {"key": outside, "doc_count": 9, "categories": {"buckets": [{"key": "roads", "doc_count": 9}]}},
                    {"key": inside, "doc_count": 7, "categories": {"buckets": [{"key": "roads", "doc_count": 7}]}},
                ]
            }
        }
    }
    assert parse_hotspot_response(canned, query) == [
        HotspotCell(cell=inside, centre=cells.centre(inside), count=7, categories={"roads": 7})
    ]
    assert parse_hotspot_response({}, query) == []


def test_a_view_with_no_cells_asks_nothing(fake_es, db):
    query = HotspotQuery(
        south=51.57740, west=0.18370, north=51.57741, east=0.18371, zoom=16,
        date_from=date(2025, 1, 1), date_to=date(2025, 1, 2),
    )  # fmt: skip
    assert cells_in_view(query) == []
    assert ElasticsearchHotspots(client=fake_es).cells(query) == []
    assert FakeNode.requests == []


# --- Choosing the backend, and failing safe -------------------------------------------------------


def test_elasticsearch_is_used_when_configured(settings):
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    assert isinstance(get_backend(), ElasticsearchHotspots)


def test_the_map_falls_back_to_the_database_when_elasticsearch_is_down(db, settings, caplog):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    for _ in range(5):
        make_report()
    query = HotspotQuery.from_params({"bbox": AROUND, "zoom": "16"})
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="portal.reporting"):
        found = ElasticsearchHotspots().cells(query)
    assert time.monotonic() - started < 3
    assert found == DatabaseHotspots().cells(query)
    assert [cell.count for cell in found] == [5]
    assert "counting from the database" in caplog.text


# --- Indexing ------------------------------------------------------------------------------------


def test_indexing_does_nothing_without_elasticsearch(db, settings, monkeypatch):
    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(search_index, "get_client", lambda: pytest.fail("no client should be made"))
    report = make_report()
    assert index_report_safely(report) is None
    assert unindex_report_safely(report.pk) is None


def test_indexing_swallows_a_refused_connection_quickly(db, settings, caplog):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    report = make_report()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="portal.reporting"):
        index_report_safely(report)
        unindex_report_safely(report.pk)
    assert time.monotonic() - started < 3
    assert f"Could not index pupil report {report.pk}" in caplog.text
    assert report.reference not in caplog.text


def test_indexing_swallows_any_error(db, settings, monkeypatch):
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(search_index, "get_client", broken)
    index_report_safely(make_report())


def test_the_client_has_a_timeout_and_no_retries(settings):
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    client = search_index.get_client()
    # The client keeps these for every request it makes.
    assert (client._request_timeout, client._max_retries, client._retry_on_timeout) == (5, 0, False)


def test_a_report_is_indexed_and_removed(fake_es, db):
    report = make_report(categories=["roads"])
    index_report_safely(report)
    # The first report creates the index with the real mapping, never a guessed one.
    assert FakeNode.indices["test_pupil_reports"]["definition"] == PupilReportDocument._index.to_dict()
    assert FakeNode.requests[-1][0] == "PUT"
    assert FakeNode.requests[-1][1].startswith(f"/test_pupil_reports/_doc/{report.pk}")
    assert stored_docs() == [json.loads(json.dumps(document_for(report).to_dict(), default=str))]
    unindex_report_safely(report.pk)
    assert stored_docs() == []
    index_report_safely(report)  # the index exists now: not created again
    index_requests = [method for method, target in FakeNode.requests if target.rstrip("/") == "/test_pupil_reports"]
    assert index_requests.count("PUT") == 1
    assert index_requests[-1] == "HEAD"


def test_submitting_a_report_indexes_it_after_the_commit(fake_es, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(categories=["groups"])
    assert [doc["categories"] for doc in stored_docs()] == [["groups"]]
    assert stored_docs()[0]["h3_r10"] == [report.cell]


def test_bulk_actions_carry_only_the_document(db, settings):
    settings.ELASTICSEARCH_REPORTS_INDEX = "test_pupil_reports"
    report = make_report()
    (action,) = bulk_actions([report])
    assert action == {"_index": "test_pupil_reports", "_id": str(report.pk), "_source": document_for(report).to_dict()}


def test_the_command_creates_the_index_and_fills_it(fake_es, borough_reports, capsys):
    call_command("index_pupil_reports")
    assert "test_pupil_reports" in FakeNode.indices
    definition = FakeNode.indices["test_pupil_reports"]["definition"]
    assert definition["mappings"]["dynamic"] == "strict"
    # Only reports with a place on the map: home and online reports never enter the map's index.
    mapped = [r for r in borough_reports if r.map_cells]
    assert len(mapped) < len(borough_reports)
    assert len(stored_docs()) == PupilReport.objects.on_map().count() == len(mapped)
    assert Counter(doc["context"] for doc in stored_docs()) == Counter(r.context for r in mapped)
    assert "home" not in {doc["context"] for doc in stored_docs()}
    assert f"Indexed {len(mapped)} reports" in capsys.readouterr().out

    FakeNode.indices["test_pupil_reports"]["docs"]["stale"] = {"context": "home"}
    call_command("index_pupil_reports")  # the index exists: filled again, not recreated
    assert len(stored_docs()) == len(mapped) + 1
    call_command("index_pupil_reports", "--recreate")
    assert len(stored_docs()) == len(mapped)


def test_the_command_explains_a_missing_setting(db, settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        call_command("index_pupil_reports")


def test_the_command_explains_an_unreachable_server(db, settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    make_report()
    with pytest.raises(CommandError, match="Could not fill the map index"):
        call_command("index_pupil_reports")

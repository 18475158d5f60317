"""The Elasticsearch backend of the site search.

Without a server: the mapping and analysis, the search body, the parsing of canned responses, and
the requests each function makes (through the real client, talking to :class:`FakeNode`, which
records requests and plays back canned answers). With ``ELASTICSEARCH_URL`` set in the environment,
the integration tests at the end run the same functions against the real server.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, NamedTuple

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elasticsearch import Elasticsearch

from django.utils.safestring import SafeString

from wagtail.models import Locale

from portal.home.models import Audience
from search.backends import elastic
from search.backends.elastic import ElasticUnavailable, SearchEntryDocument
from search.models import CONTENT_TYPE_LABELS, FACETS, SearchEntry, SearchFacetValue, Synonym
from search.query import ParsedQuery, SearchRequest, SearchResponse, TermGroup, forget_synonyms, parse

CLOSED_PORT = "http://127.0.0.1:9"  # the discard port: nothing listens there
TEXT_FIELDS = ["title", "keywords", "summary", "body"]


def cp_query() -> ParsedQuery:
    """ "CP chlid": a group the synonym list knows and a misspelt word."""
    return ParsedQuery(
        raw="CP chlid",
        groups=[TermGroup("cp", ("cp", "child protection"), from_synonyms=True), TermGroup("chlid", ("chlid",))],
    )


def make_entry(title: str, *, locale: Locale | None = None, facets: tuple[tuple[str, str, str], ...] = (), **fields):
    entry = SearchEntry.objects.create(
        source=SearchEntry.PAGE,
        source_id=SearchEntry.objects.count() + 1,
        content_type=fields.pop("content_type", "guidance"),
        locale=locale,
        language=locale.language_code if locale else "",
        title=title,
        url=f"/{title.lower().replace(' ', '-')}/",
        **fields,
    )
    for facet, value, label in facets:
        SearchFacetValue.objects.create(entry=entry, facet=facet, value=value, label=label)
    return entry


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en-gb")[0]


@pytest.fixture
def synonyms(db) -> None:
    """Only the synonyms the test makes (the migration seeds the partnership's list)."""
    Synonym.objects.all().delete()
    forget_synonyms()


# --- The mapping and the analysis ----------------------------------------------------------------


def test_the_index_name_follows_the_prefix(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "staging_"
    assert elastic.index_name() == "staging_site_search"
    assert elastic.site_index([])._name == "staging_site_search"
    del settings.ELASTICSEARCH_INDEX_PREFIX
    assert elastic.index_name() == "portal_site_search"


def test_the_mapping_has_english_text_a_spelling_field_and_keyword_facets():
    mapping = elastic.site_index([]).to_dict()["mappings"]
    assert mapping["dynamic"] == "strict"
    properties = mapping["properties"]
    for field in TEXT_FIELDS:
        assert properties[field] == {
            "type": "text",
            "analyzer": "portal_english",
            "search_analyzer": "portal_english_search",
            "copy_to": "spell",
        }
    assert properties["spell"] == {"type": "text", "analyzer": "standard"}
    for field in ("content_type", "section", "audiences", "topics", "locale", "language"):
        assert properties[field] == {"type": "keyword"}, field
    assert properties["url"]["index"] is False
    assert properties["section_label"]["index"] is False
    assert properties["updated_at"] == {"type": "date"}
    assert properties["entry_id"] == {"type": "integer"}
    assert set(properties) == {*TEXT_FIELDS, "spell", "content_type", "section", "section_label", "audiences"} | {
        "topics",
        "locale",
        "language",
        "url",
        "updated_at",
        "entry_id",
    }


def test_the_analyzers_stem_english_and_the_search_one_adds_synonyms_before_stemming():
    analysis = elastic.site_index(["cp, child protection"]).to_dict()["settings"]["analysis"]
    assert analysis["analyzer"]["portal_english"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["portal_english_possessive", "lowercase", "asciifolding", "portal_english_stemmer"],
    }
    assert analysis["analyzer"]["portal_english_search"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": [
            "portal_english_possessive",
            "lowercase",
            "asciifolding",
            "portal_synonyms",
            "portal_english_stemmer",
        ],
    }
    assert analysis["filter"] == {
        "portal_english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "portal_english_stemmer": {"type": "stemmer", "language": "english"},
        "portal_synonyms": {"type": "synonym_graph", "synonyms": ["cp, child protection"], "lenient": True},
    }


def test_without_synonyms_the_search_analyzer_has_no_synonym_filter():
    analysis = elastic.site_index([]).to_dict()["settings"]["analysis"]
    assert "portal_synonyms" not in analysis["filter"]
    assert "portal_synonyms" not in analysis["analyzer"]["portal_english_search"]["filter"]


def test_the_document_class_alone_gives_a_working_mapping():
    """``SearchEntryDocument.init()`` would make a usable index too, just without synonyms."""
    definition = SearchEntryDocument._index.to_dict()
    assert definition["settings"]["number_of_shards"] == 1
    assert set(definition["settings"]["analysis"]["analyzer"]) == {"portal_english", "portal_english_search"}
    assert definition["mappings"] == elastic.site_index([]).to_dict()["mappings"]


def test_the_synonym_filter_is_built_from_the_synonym_rows(synonyms):
    Synonym.objects.create(phrases="CP, Child Protection")
    Synonym.objects.create(phrases="LAC,  looked-after children\nCiC")
    Synonym.objects.create(phrases="DSL, designated safeguarding lead", language="en-gb")
    Synonym.objects.create(phrases="dziecko, dzieci", language="pl")  # applied by the query parser
    Synonym.objects.create(phrases="MASH, mash")  # the same word twice: no rule
    Synonym.objects.create(phrases="CP, child protection")  # the same group again: one rule
    Synonym.objects.create(phrases="S47 => section 47, s47 enquiry")  # no rule syntax gets through
    assert elastic.synonym_rules() == [
        "cp, child protection",
        "lac, looked after children, cic",
        "dsl, designated safeguarding lead",
        "s47 section 47, s47 enquiry",  # "=>" is not a separator: it just goes
    ]
    analysis = elastic.site_index().to_dict()["settings"]["analysis"]
    assert analysis["filter"]["portal_synonyms"]["type"] == "synonym_graph"
    assert analysis["filter"]["portal_synonyms"]["synonyms"] == elastic.synonym_rules()


def test_the_seeded_synonyms_make_rules(db):
    rules = elastic.synonym_rules()
    assert "cp, child protection" in rules
    assert all(rule == rule.lower() and ", " in rule for rule in rules)


def test_an_entry_becomes_a_document(english):
    entry = make_entry(
        "Making a referral",
        locale=english,
        summary="How to refer.",
        keywords="MASH referral",
        body="Call the MASH.",
        section="procedures",
        section_label="Procedures",
        updated_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        facets=(
            ("audience", "practitioners", "Practitioners"),
            ("audience", "parents-and-carers", "Parents and carers"),
            ("topic", "referrals", "Referrals"),
            ("section", "procedures", "Procedures"),
        ),
    )
    doc = elastic.document_for(entry)
    assert doc.meta.id == entry.pk
    assert doc.to_dict() == {
        "entry_id": entry.pk,
        "title": "Making a referral",
        "keywords": "MASH referral",
        "summary": "How to refer.",
        "body": "Call the MASH.",
        "content_type": "guidance",
        "section": "procedures",
        "section_label": "Procedures",
        "audiences": ["parents-and-carers", "practitioners"],
        "topics": ["referrals"],
        "locale": "en-gb",
        "language": "en-gb",
        "url": "/making-a-referral/",
        "updated_at": datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
    }


@pytest.mark.parametrize("prefetched", [False, True], ids=["plain", "already prefetched"])
def test_an_entry_for_every_language_has_the_any_locale(db, django_assert_max_num_queries, prefetched):
    make_entry("Glossary: LADO", content_type="glossary", facets=(("topic", "allegations", "Allegations"),))
    make_entry("Glossary: MASH", content_type="glossary")
    entries = SearchEntry.objects.order_by("pk")
    if prefetched:
        entries = entries.select_related("locale").prefetch_related("facet_values")
    with django_assert_max_num_queries(2):  # entries (with their locale), then their facet values
        actions = list(elastic.bulk_actions(entries))
    assert [action["_source"]["locale"] for action in actions] == ["any", "any"]
    assert [action["_source"].get("topics") for action in actions] == [["allegations"], None]  # empty: left out
    assert actions[0]["_index"] == elastic.index_name()
    assert actions[0]["_id"] == str(SearchEntry.objects.order_by("pk").first().pk)


# --- The search body ----------------------------------------------------------------------------


def phrases(text: str) -> list[dict[str, Any]]:
    boosts = {"title": 6, "keywords": 5, "summary": 2, "body": 1}
    return [{"match_phrase": {f: {"query": text, "boost": boosts[f]}}} for f in TEXT_FIELDS]


def test_the_search_body(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "test_"
    request = SearchRequest(
        query="CP chlid",
        language="pl",
        filters={"content_type": "guidance", "audience": "parents-and-carers", "colour": "red", "topic": ""},
        page=3,
        page_size=10,
    )
    built = elastic.build_search(request, cp_query())
    assert built._s._index == ["test_site_search"]
    body = built.to_dict()

    query = body["query"]["bool"]
    assert query["filter"] == [{"terms": {"locale": ["pl", "any"]}}]
    (groups,) = query["must"]
    assert groups["bool"]["minimum_should_match"] == 1
    cp, chlid = groups["bool"]["should"]
    # Each group: the best of its alternatives, each phrase-matched in every field, plus a weight.
    assert cp == {
        "function_score": {
            "query": {
                "dis_max": {
                    "queries": [
                        {"bool": {"should": phrases("cp")}},
                        {"bool": {"should": phrases("child protection")}},
                    ]
                }
            },
            "functions": [{"weight": elastic.GROUP_WEIGHT}],
            "boost_mode": "sum",
        }
    }
    assert chlid["function_score"]["query"] == {"bool": {"should": phrases("chlid")}}
    assert query["should"] == [
        {"constant_score": {"filter": {"match_phrase": {"title": "CP chlid"}}, "boost": elastic.EXACT_TITLE_BOOST}}
    ]
    # The weight of a matched group is far above the exact-title bonus.
    assert elastic.GROUP_WEIGHT > 10 * elastic.EXACT_TITLE_BOOST

    # Selections narrow the hits, and each facet counts with the others' selections only.
    content_type = {"terms": {"content_type": ["guidance"]}}
    audience = {"terms": {"audiences": ["parents-and-carers"]}}
    assert body["post_filter"] == {"bool": {"must": [content_type, audience]}}
    aggs = body["aggs"]
    assert set(aggs) == {"_filter_content_type", "_filter_section", "_filter_audience", "_filter_topic"}
    assert aggs["_filter_content_type"]["filter"] == audience
    assert aggs["_filter_audience"]["filter"] == content_type
    assert aggs["_filter_section"]["filter"] == {"bool": {"must": [content_type, audience]}}
    fields = {name: aggs[f"_filter_{name}"]["aggs"][name]["terms"]["field"] for name in FACETS}
    assert fields == {"content_type": "content_type", "section": "section", "audience": "audiences", "topic": "topics"}

    highlight = body["highlight"]
    assert highlight["encoder"] == "html"
    assert (highlight["pre_tags"], highlight["post_tags"]) == (["<mark>"], ["</mark>"])
    assert highlight["fragment_size"] == 200 and highlight["number_of_fragments"] == 2
    assert set(highlight["fields"]) == {"title", "summary", "body"}

    # Only the word the synonym list does not know is checked for spelling.
    assert body["suggest"] == {
        "spelling": {"text": "chlid", "term": {"field": "spell", "suggest_mode": "missing", "size": 1}}
    }
    assert (body["from"], body["size"]) == (20, 10)
    assert body["track_total_hits"] is True
    assert "body" not in body["_source"] and "title" in body["_source"]


def test_a_one_word_query_has_no_title_bonus_and_no_dis_max(db):
    parsed = ParsedQuery(raw="neglect", groups=[TermGroup("neglect", ("neglect",))])
    body = elastic.build_search(SearchRequest("neglect", "en-gb"), parsed).to_dict()
    assert "should" not in body["query"]["bool"]
    (group,) = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert group["function_score"]["query"] == {"bool": {"should": phrases("neglect")}}
    assert "post_filter" not in body
    assert all(agg["filter"] == {"match_all": {}} for agg in body["aggs"].values())
    assert (body["from"], body["size"]) == (0, 10)


def test_a_query_from_the_parser_has_a_group_per_thing_typed(synonyms):
    Synonym.objects.create(phrases="CP, child protection")
    parsed = parse("cp conference", "en-gb")
    body = elastic.build_search(SearchRequest("cp conference", "en-gb"), parsed).to_dict()
    cp, conference = body["query"]["bool"]["must"][0]["bool"]["should"]
    alternatives = cp["function_score"]["query"]["dis_max"]["queries"]
    assert alternatives == [{"bool": {"should": phrases("cp")}}, {"bool": {"should": phrases("child protection")}}]
    assert conference["function_score"]["query"] == {"bool": {"should": phrases("conference")}}
    assert body["suggest"]["spelling"]["text"] == "conference"


def test_an_empty_query_browses_the_language_newest_first():
    body = elastic.build_search(SearchRequest("", "ro", filters={"topic": "neglect"}), ParsedQuery("", [])).to_dict()
    assert body["query"] == {"bool": {"filter": [{"terms": {"locale": ["ro", "any"]}}], "must": [{"match_all": {}}]}}
    assert body["sort"] == [{"updated_at": {"order": "desc"}}]
    assert "suggest" not in body
    assert body["post_filter"] == {"terms": {"topics": ["neglect"]}}


# --- Reading the answer ----------------------------------------------------------------------------


def canned(hits: list[dict[str, Any]], total: int | None = None, **extra: Any) -> dict[str, Any]:
    def facet(name: str, buckets: list[tuple[str, int]]) -> dict[str, Any]:
        return {"doc_count": 9, name: {"buckets": [{"key": k, "doc_count": n} for k, n in buckets]}}

    return {
        "took": 3,
        "timed_out": False,
        "hits": {"total": {"value": len(hits) if total is None else total, "relation": "eq"}, "hits": hits},
        "aggregations": {
            "_filter_content_type": facet("content_type", [("toolkit", 2), ("guidance", 5), ("briefing", 2)]),
            "_filter_section": facet("section", [("procedures", 4), ("early-help", 1)]),
            "_filter_audience": facet("audience", [("practitioners", 6), ("parents-and-carers", 6)]),
            "_filter_topic": facet("topic", [("neglect", 3), ("missing-topic", 1)]),
        },
        **extra,
    }


def hit(entry_id: int, title: str, **extra: Any) -> dict[str, Any]:
    source = {
        "entry_id": entry_id,
        "title": title,
        "url": f"/{entry_id}/",
        "summary": extra.pop("summary", ""),
        "content_type": "guidance",
        "section_label": "Procedures",
        "language": "en-gb",
        "updated_at": "2025-03-01T09:30:00+00:00",
    }
    return {"_index": "portal_site_search", "_id": str(entry_id), "_score": 2012.5, "_source": source, **extra}


@pytest.fixture
def labelled(english) -> None:
    make_entry(
        "Procedures",
        locale=english,
        facets=(("section", "procedures", "Procedures"), ("topic", "neglect", "Neglect")),
    )
    polish = Locale.objects.get_or_create(language_code="pl")[0]
    make_entry("Procedury", locale=polish, facets=(("section", "procedures", "Procedury"),))
    make_entry("Early help", locale=english, facets=(("section", "early-help", "Early help"),))


def test_a_canned_response_becomes_a_search_response(labelled, django_assert_num_queries):
    data = canned(
        [
            hit(
                7,
                "Neglect <toolkit>",
                summary="A summary.",
                highlight={
                    "title": ["<mark>Neglect</mark> &lt;toolkit&gt;"],
                    "summary": ["A summary."],
                    "body": ["Signs of <mark>neglect</mark> &lt;script&gt;alert(1)&lt;&#x2F;script&gt; at home"],
                },
            ),
            hit(8, "Another", summary="Start of <b>the</b> summary & more."),
        ],
        total=12,
    )
    request = SearchRequest("neglect", "en-gb", filters={"content_type": "toolkit", "topic": "hoarding"}, page=2)
    parsed = ParsedQuery("neglect", [TermGroup("neglect", ("neglect",))])
    with django_assert_num_queries(1):  # the labels of the sections and topics shown
        response = elastic.parse_response(data, request, parsed, page=2)
    assert isinstance(response, SearchResponse)
    assert (response.query, response.total, response.page, response.page_size) == ("neglect", 12, 2, 10)
    assert response.num_pages == 2
    assert response.backend == "elasticsearch"
    assert response.suggestion is None and response.corrected_from is None

    first, second = response.hits
    assert (first.entry_id, first.title, first.url, first.score) == (7, "Neglect <toolkit>", "/7/", 2012.5)
    assert (first.content_type, first.content_type_label) == ("guidance", str(CONTENT_TYPE_LABELS["guidance"]))
    assert (first.section_label, first.language) == ("Procedures", "en-gb")
    assert first.updated_at == datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    # The body matched, the summary did not: the snippet is the body's fragment, escaped once.
    assert isinstance(first.snippet, SafeString)
    assert first.snippet == "Signs of <mark>neglect</mark> &lt;script&gt;alert(1)&lt;/script&gt; at home"
    # No words found: the start of the summary, escaped.
    assert second.snippet == "Start of &lt;b&gt;the&lt;/b&gt; summary &amp; more."

    facets = {facet.name: facet for facet in response.facets}
    assert [facet.name for facet in response.facets] == FACETS
    content_types = facets["content_type"]
    assert [(v.value, v.count, v.selected) for v in content_types.values] == [
        ("guidance", 5, False),
        *sorted([("briefing", 2, False), ("toolkit", 2, True)], key=lambda v: str(CONTENT_TYPE_LABELS[v[0]])),
    ]
    assert content_types.selected.value == "toolkit"
    assert content_types.values[0].label == str(CONTENT_TYPE_LABELS["guidance"])
    audience = facets["audience"]
    labels = dict(Audience.CHOICES)
    assert [(v.label, v.count) for v in audience.values] == [
        (str(labels["parents-and-carers"]), 6),  # a tie in count goes by label
        (str(labels["practitioners"]), 6),
    ]
    assert audience.selected is None
    # Section labels come from the entries, the reader's language first.
    assert [(v.value, v.label) for v in facets["section"].values] == [
        ("procedures", "Procedures"),
        ("early-help", "Early help"),
    ]
    # A selected topic with no results still shows, to be unselected; an unknown one shows its key.
    assert [(v.value, v.label, v.count, v.selected) for v in facets["topic"].values] == [
        ("neglect", "Neglect", 3, False),
        ("missing-topic", "missing-topic", 1, False),
        ("hoarding", "hoarding", 0, True),
    ]


def test_section_labels_follow_the_reader_language(labelled):
    data = canned([])
    response = elastic.parse_response(data, SearchRequest("x", "pl"), ParsedQuery("x", []), page=1)
    section = next(facet for facet in response.facets if facet.name == "section")
    assert [(v.value, v.label) for v in section.values] == [("procedures", "Procedury"), ("early-help", "Early help")]


def test_a_response_without_aggregations_or_hits_parses(db):
    response = elastic.parse_response({}, SearchRequest("x", "en-gb"), ParsedQuery("x", []), page=1)
    assert (response.hits, response.total) == ([], 0)
    assert [facet.values for facet in response.facets] == [[], [], [], []]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        # As Elasticsearch's html encoder gives it: escaped once, not twice.
        ("a &lt;script&gt; &amp; <mark>b</mark>", "a &lt;script&gt; &amp; <mark>b</mark>"),
        # Had the text come unescaped, it is escaped all the same.
        (
            "<script>alert('x')</script> <mark>b</mark>",
            "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>b</mark>",
        ),
        # A literal "<mark>" in the text stays text.
        ("&lt;mark&gt; <mark>b</mark>", "&lt;mark&gt; <mark>b</mark>"),
        # Marks are kept balanced.
        ("<mark>a <mark>b</mark></mark> c</mark> <mark>d", "<mark>a b</mark> c <mark>d</mark>"),
        ("<mark onclick=x>a</mark>", "&lt;mark onclick=x&gt;a"),
    ],
)
def test_only_mark_survives_in_a_highlight(fragment, expected):
    cleaned = elastic.clean_highlight(fragment)
    assert isinstance(cleaned, SafeString)
    assert cleaned == expected


def test_the_snippet_prefers_the_summary_then_the_body_then_the_start_of_the_summary():
    both = {"summary": ["<mark>a</mark> s"], "body": ["<mark>a</mark> b", "more <mark>a</mark>"]}
    assert elastic.snippet_for({"highlight": both}) == "<mark>a</mark> s"
    body = {"summary": ["no match"], "body": ["<mark>a</mark> b", "more <mark>a</mark>"]}
    assert elastic.snippet_for({"highlight": body, "_source": {"summary": "no match"}}) == (
        "<mark>a</mark> b … more <mark>a</mark>"
    )
    long_summary = "word " * 100
    start = elastic.snippet_for({"highlight": {"body": ["Start of body"]}, "_source": {"summary": long_summary}})
    assert len(start) <= 200 and start.endswith("…")
    assert elastic.snippet_for({"highlight": {"body": ["Start &amp; body"]}, "_source": {}}) == "Start &amp; body"
    assert elastic.snippet_for({}) == ""


def test_the_suggestion_replaces_misspelt_words_but_not_synonyms():
    data = {
        "suggest": {
            "spelling": [
                {"text": "chlid", "offset": 0, "length": 5, "options": [{"text": "child", "score": 0.8, "freq": 4}]}
            ]
        }
    }
    assert elastic.suggestion_from(data, cp_query()) == "cp child"
    # A word the synonym list knows is never "corrected", even if the suggester offers something.
    data["suggest"]["spelling"].append({"text": "cp", "offset": 0, "length": 2, "options": [{"text": "cap"}]})
    assert elastic.suggestion_from(data, cp_query()) == "cp child"
    assert elastic.suggestion_from({"suggest": {"spelling": [{"text": "chlid", "options": []}]}}, cp_query()) is None
    assert elastic.suggestion_from({}, cp_query()) is None


# --- The requests, through the client, to a stand-in node ------------------------------------------


class NodeResponse(NamedTuple):
    meta: ApiResponseMeta
    body: bytes


class FakeNode(BaseNode):
    """Records every request and answers from ``indices`` and ``search_answers``; any request
    whose path ends in a segment listed in ``failing`` gets a 400 error."""

    requests: ClassVar[list[tuple[str, str, Any]]] = []
    indices: ClassVar[set[str]] = set()
    docs: ClassVar[dict[str, dict[str, Any]]] = {}
    search_answers: ClassVar[list[dict[str, Any]]] = []
    failing: ClassVar[set[str]] = set()

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None) -> NodeResponse:
        path = target.split("?")[0].strip("/").split("/")
        status, answer = 200, {"acknowledged": True}
        if path[-1] == "_bulk":
            lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
            FakeNode.requests.append((method, target, lines))
            items = []
            while lines:
                (op, meta), = lines.pop(0).items()  # fmt: skip
                if op == "index":
                    self.docs[meta["_id"]] = lines.pop(0)
                    items.append({op: {"_id": meta["_id"], "status": 201}})
                else:
                    found = self.docs.pop(meta["_id"], None)
                    items.append({op: {"_id": meta["_id"], "status": 200 if found else 404}})
            answer = {"took": 1, "errors": any(item[op]["status"] >= 300 for item in items), "items": items}
        else:
            FakeNode.requests.append((method, target, json.loads(body) if body else None))
            if path[-1] in self.failing:
                status, answer = 400, {"error": {"type": "illegal_argument_exception", "reason": "no"}, "status": 400}
            elif path[-1] == "_search":
                answer = self.search_answers.pop(0)
            elif method == "HEAD":
                status = 200 if path[0] in self.indices else 404
            elif method == "PUT" and len(path) == 1:
                self.indices.add(path[0])
            elif method == "DELETE" and len(path) == 1:
                self.indices.discard(path[0])
                self.docs.clear()
        response_headers = HttpHeaders({"content-type": "application/json", "x-elastic-product": "Elasticsearch"})
        meta = ApiResponseMeta(
            status=status, http_version="1.1", headers=response_headers, duration=0.0, node=self.config
        )
        return NodeResponse(meta, b"" if method == "HEAD" else json.dumps(answer).encode())


@pytest.fixture
def fake_es(settings, monkeypatch) -> Elasticsearch:
    """ELASTICSEARCH_URL set, and the client talking to FakeNode."""
    for store in (FakeNode.requests, FakeNode.indices, FakeNode.docs, FakeNode.search_answers, FakeNode.failing):
        store.clear()
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    settings.ELASTICSEARCH_INDEX_PREFIX = "test_"
    client = Elasticsearch("http://search.internal:9200", node_class=FakeNode, max_retries=0)
    monkeypatch.setattr(elastic, "get_client", lambda: client)
    return client


def sent() -> list[tuple[str, str]]:
    return [(method, target.split("?")[0]) for method, target, _body in FakeNode.requests]


def test_the_index_is_created_once_with_the_synonyms(fake_es, synonyms):
    Synonym.objects.create(phrases="CP, child protection")
    elastic.ensure_index()
    elastic.ensure_index()
    assert sent() == [("HEAD", "/test_site_search"), ("PUT", "/test_site_search"), ("HEAD", "/test_site_search")]
    definition = FakeNode.requests[1][2]
    assert definition == elastic.site_index().to_dict()
    assert definition["settings"]["analysis"]["filter"]["portal_synonyms"]["synonyms"] == ["cp, child protection"]


def test_a_rebuild_drops_makes_fills_and_refreshes_the_index(fake_es, english):
    entries = [make_entry("One", locale=english), make_entry("Two")]
    FakeNode.indices.add("test_site_search")
    FakeNode.docs["stale"] = {"title": "Gone"}
    assert elastic.rebuild(SearchEntry.objects.order_by("pk")) == 2
    assert sent() == [
        ("DELETE", "/test_site_search"),
        ("PUT", "/test_site_search"),
        ("PUT", "/_bulk"),
        ("POST", "/test_site_search/_refresh"),
    ]
    assert set(FakeNode.docs) == {str(entry.pk) for entry in entries}
    assert FakeNode.docs[str(entries[1].pk)]["locale"] == "any"


def test_entries_are_indexed_and_deleted(fake_es, english):
    one, two = make_entry("One", locale=english), make_entry("Two", locale=english)
    assert elastic.index_entries([one, two]) == 2
    assert sent()[:2] == [("HEAD", "/test_site_search"), ("PUT", "/test_site_search")]
    assert FakeNode.docs[str(one.pk)]["title"] == "One"
    elastic.delete_entries([one.pk, 999_999])  # one that is not there is no error
    assert set(FakeNode.docs) == {str(two.pk)}
    FakeNode.requests.clear()
    elastic.delete_entries([])
    assert FakeNode.requests == []


def test_new_synonyms_go_in_through_a_closed_index(fake_es, synonyms):
    FakeNode.indices.add("test_site_search")
    Synonym.objects.create(phrases="LADO, designated officer")
    elastic.update_synonyms()
    assert sent() == [
        ("HEAD", "/test_site_search"),
        ("POST", "/test_site_search/_close"),
        ("PUT", "/test_site_search/_settings"),
        ("POST", "/test_site_search/_open"),
    ]
    analysis = FakeNode.requests[2][2]["analysis"]
    assert analysis["filter"]["portal_synonyms"]["synonyms"] == ["lado, designated officer"]
    assert "portal_synonyms" in analysis["analyzer"]["portal_english_search"]["filter"]


def test_the_index_is_reopened_when_the_settings_are_refused(fake_es, synonyms):
    FakeNode.indices.add("test_site_search")
    FakeNode.failing.add("_settings")
    with pytest.raises(ElasticUnavailable):
        elastic.update_synonyms()
    assert sent()[-1] == ("POST", "/test_site_search/_open")


def test_synonyms_for_a_missing_index_create_it(fake_es, db):
    elastic.update_synonyms()
    assert sent() == [("HEAD", "/test_site_search"), ("PUT", "/test_site_search")]


def test_a_search_through_the_client(fake_es, labelled):
    FakeNode.search_answers.append(canned([hit(7, "Neglect")], total=1))
    request = SearchRequest("neglect", "en-gb", filters={"section": "procedures"})
    parsed = ParsedQuery("neglect", [TermGroup("neglect", ("neglect",))])
    response = elastic.search(request, parsed)
    assert sent() == [("POST", "/test_site_search/_search")]
    assert FakeNode.requests[0][2] == elastic.build_search(request, parsed).to_dict()
    assert [h.entry_id for h in response.hits] == [7]
    assert next(f for f in response.facets if f.name == "section").selected.value == "procedures"


def test_a_page_past_the_end_shows_the_last_page(fake_es, db):
    FakeNode.search_answers.extend([canned([], total=25), canned([hit(21, "Twenty-one")], total=25)])
    parsed = ParsedQuery("neglect", [TermGroup("neglect", ("neglect",))])
    response = elastic.search(SearchRequest("neglect", "en-gb", page=9), parsed)
    first, second = (body for _method, _target, body in FakeNode.requests)
    assert (first["from"], second["from"]) == (80, 20)
    assert (response.page, response.num_pages, [h.entry_id for h in response.hits]) == (3, 3, [21])


def test_a_page_of_nothing_is_page_one(fake_es, db):
    FakeNode.search_answers.append(canned([], total=0))
    response = elastic.search(SearchRequest("zzz", "en-gb", page=4), ParsedQuery("zzz", [TermGroup("zzz", ("zzz",))]))
    assert (response.page, response.total, len(FakeNode.requests)) == (1, 0, 1)


def spelling(word: str, better: str) -> dict[str, Any]:
    return {"spelling": [{"text": word, "offset": 0, "length": len(word), "options": [{"text": better, "freq": 3}]}]}


def test_a_query_that_finds_nothing_is_searched_again_as_suggested(fake_es, db):
    FakeNode.search_answers.extend(
        [canned([], total=0, suggest=spelling("negelct", "neglect")), canned([hit(3, "Neglect")], total=1)]
    )
    request = SearchRequest("negelct", "en-gb", page=2)
    response = elastic.search(request, parse("negelct", "en-gb"))
    first, second = (body for _method, _target, body in FakeNode.requests)
    assert first["suggest"]["spelling"]["text"] == "negelct"
    assert "suggest" not in second and second["from"] == 0
    assert json.dumps(second).count('"query": "neglect"') == 4  # the corrected word, in every field
    assert (response.query, response.corrected_from, response.suggestion) == ("neglect", "negelct", None)
    assert [h.entry_id for h in response.hits] == [3]


def test_asking_for_exactly_what_was_typed_is_not_corrected(fake_es, db):
    FakeNode.search_answers.append(canned([], total=0, suggest=spelling("negelct", "neglect")))
    request = SearchRequest("negelct", "en-gb", correct=False)
    response = elastic.search(request, parse("negelct", "en-gb"))
    assert (response.query, response.corrected_from, response.total) == ("negelct", None, 0)
    assert len(FakeNode.requests) == 1


def test_a_suggestion_that_finds_nothing_either_is_not_offered(fake_es, db):
    FakeNode.search_answers.extend([canned([], total=0, suggest=spelling("negelct", "neglect")), canned([], total=0)])
    response = elastic.search(SearchRequest("negelct", "en-gb"), parse("negelct", "en-gb"))
    assert (response.query, response.corrected_from, response.suggestion, response.total) == ("negelct", None, None, 0)


def test_a_suggestion_stands_beside_results(fake_es, db):
    FakeNode.search_answers.append(canned([hit(3, "Neglect")], total=1, suggest=spelling("negelct", "neglect")))
    response = elastic.search(SearchRequest("negelct", "en-gb"), parse("negelct", "en-gb"))
    assert (response.query, response.suggestion, response.corrected_from) == ("negelct", "neglect", None)
    assert len(FakeNode.requests) == 1


def test_a_refused_search_is_unavailable(fake_es, db):
    FakeNode.failing.add("_search")
    with pytest.raises(ElasticUnavailable):
        elastic.search(SearchRequest("x", "en-gb"), ParsedQuery("x", [TermGroup("x", ("x",))]))


# --- When the server cannot be used ---------------------------------------------------------------


def test_it_is_configured_by_the_url(settings):
    settings.ELASTICSEARCH_URL = ""
    assert elastic.is_configured() is False
    with pytest.raises(ElasticUnavailable, match="ELASTICSEARCH_URL is not set"):
        elastic.get_client()
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    assert elastic.is_configured() is True


def test_the_client_has_a_timeout_and_no_retries(settings):
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    settings.ELASTICSEARCH_TIMEOUT = 2
    client = elastic.get_client()
    assert (client._request_timeout, client._max_retries, client._retry_on_timeout) == (2, 0, False)


CALLS = {
    "ensure_index": lambda entry: elastic.ensure_index(),
    "rebuild": lambda entry: elastic.rebuild([entry]),
    "index_entries": lambda entry: elastic.index_entries([entry]),
    "delete_entries": lambda entry: elastic.delete_entries([entry.pk]),
    "update_synonyms": lambda entry: elastic.update_synonyms(),
    "search": lambda entry: elastic.search(SearchRequest("cp", "en-gb"), parse("cp", "en-gb")),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize("url", [CLOSED_PORT, ""], ids=["closed port", "not configured"])
def test_every_function_raises_unavailable(db, settings, call, url):
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_TIMEOUT = 1
    entry = make_entry("Anything")
    started = time.monotonic()
    with pytest.raises(ElasticUnavailable):
        call(entry)
    assert time.monotonic() - started < 3


# --- Against a real server (only with ELASTICSEARCH_URL set) ----------------------------------------

needs_server = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to run against Elasticsearch"
)


@pytest.fixture
def live_index(settings, synonyms, english):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test_{uuid.uuid4().hex[:8]}_"
    Synonym.objects.create(phrases="CP, child protection")
    forget_synonyms()
    yield
    elastic.get_client().options(ignore_status=404).indices.delete(index=elastic.index_name())


@pytest.fixture
def live_entries(live_index, english) -> dict[str, SearchEntry]:
    polish = Locale.objects.get_or_create(language_code="pl")[0]
    entries = {
        "conference": make_entry(
            "Child protection conferences",
            locale=english,
            summary="What happens at an initial child protection conference.",
            body="Parents are invited. <script>alert(1)</script> The chair writes the plan.",
            section="procedures",
            facets=(("section", "procedures", "Procedures"), ("audience", "parents-and-carers", "Parents")),
        ),
        "neglect": make_entry(
            "Neglect toolkit",
            locale=english,
            content_type="toolkit",
            summary="Recognising neglect in children.",
            body="Neglect is the persistent failure to meet a child's basic needs.",
            facets=(("audience", "practitioners", "Practitioners"),),
        ),
        "glossary": make_entry("LADO", content_type="glossary", summary="Local authority designated officer."),
        "polish": make_entry("Ochrona dzieci", locale=polish, summary="Child protection po polsku."),
    }
    assert elastic.rebuild(SearchEntry.objects.all()) == 4
    return entries


def live_search(query: str, language: str = "en-gb", **kwargs: Any) -> SearchResponse:
    return elastic.search(SearchRequest(query, language, **kwargs), parse(query, language))


@needs_server
def test_live_search_finds_ranks_and_highlights(live_entries):
    response = live_search("neglect")
    assert [h.entry_id for h in response.hits] == [live_entries["neglect"].pk]
    assert "<mark>" in response.hits[0].snippet
    response = live_search("parents invited")
    assert [h.entry_id for h in response.hits] == [live_entries["conference"].pk]
    assert "&lt;script&gt;" in response.hits[0].snippet and "<script>" not in response.hits[0].snippet
    # Both words beat one word, however strongly that one word matches (the conference's title).
    ids = [h.entry_id for h in live_search("child neglect").hits]
    assert ids == [live_entries["neglect"].pk, live_entries["conference"].pk]


def as_typed(query: str) -> ParsedQuery:
    """A query without the parser's synonyms, so only the index's own synonym filter can expand it."""
    return ParsedQuery(query, [TermGroup(query.lower(), (query.lower(),))])


@needs_server
def test_live_a_synonym_finds_the_phrase(live_entries):
    response = live_search("CP")
    assert {h.entry_id for h in response.hits} == {live_entries["conference"].pk}  # not the Polish page
    # The index's search analyzer knows the synonym too.
    response = elastic.search(SearchRequest("CP", "en-gb"), as_typed("CP"))
    assert [h.entry_id for h in response.hits] == [live_entries["conference"].pk]
    assert "<mark>" in response.hits[0].snippet  # the summary has "child protection", not "CP"


@needs_server
def test_live_facet_counts(live_entries):
    response = live_search("child", filters={"content_type": "toolkit"})
    assert [h.entry_id for h in response.hits] == [live_entries["neglect"].pk]
    counts = {facet.name: {v.value: (v.count, v.selected) for v in facet.values} for facet in response.facets}
    # The content type facet ignores its own selection; the others count the selected type only.
    assert counts["content_type"] == {"guidance": (1, False), "toolkit": (1, True)}
    assert counts["audience"] == {"practitioners": (1, False)}


@needs_server
def test_live_did_you_mean(live_entries):
    response = live_search("negelct")
    assert (response.query, response.corrected_from) == ("neglect", "negelct")
    assert [h.entry_id for h in response.hits] == [live_entries["neglect"].pk]


@needs_server
def test_live_new_synonyms_and_delete(live_entries):
    assert live_search("designated officer lado").total == 1
    request = SearchRequest("allegations manager", "en-gb")
    assert elastic.search(request, as_typed("allegations manager")).total == 0
    Synonym.objects.create(phrases="allegations manager, LADO")
    forget_synonyms()
    elastic.update_synonyms()
    found = elastic.search(request, as_typed("allegations manager"))
    assert [h.entry_id for h in found.hits] == [live_entries["glossary"].pk]
    elastic.delete_entries([live_entries["glossary"].pk], refresh=True)
    assert live_search("LADO").total == 0
    elastic.index_entries([live_entries["glossary"]], refresh=True)
    assert live_search("LADO").total == 1

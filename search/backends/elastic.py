"""The site search in Elasticsearch (only when ``ELASTICSEARCH_URL`` is set).

The index holds one document per :class:`~search.models.SearchEntry`, with the entry's id as the
document id. ``SearchEntry`` rows stay the source of truth: :func:`rebuild` makes the index again
from them, and when the server cannot be used every function here raises :class:`ElasticUnavailable`
so the caller can answer from the database instead.

Text is indexed with an English analyzer (possessives, lower case, accents folded, stemming) and
searched with the same chain plus a ``synonym_graph`` filter built from the editors' ``Synonym``
groups, so a search for "CP" also matches "child protection" in the text. ``spell`` gathers the
words of the title, keywords, summary and body unstemmed, for "did you mean".

The ranking follows the query's groups (see :mod:`search.query`): each group is satisfied by any one
of its alternatives, phrase-matched in the title, keywords, summary or body, and every group matched
adds ``GROUP_WEIGHT``, far more than text relevance gives, so a result matching more groups ranks
above one matching fewer (and one matching them all above every partial match); relevance orders
results that match as many groups. A title holding the whole query as a phrase gets a small bonus.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.dsl import (
    Date,
    Document,
    FacetedSearch,
    Index,
    Integer,
    Keyword,
    MetaField,
    Search,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl.query import Bool, ConstantScore, DisMax, FunctionScore, MatchAll, MatchPhrase, Query, Terms
from elasticsearch.helpers import BulkIndexError, bulk

from django.conf import settings
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from ..models import CONTENT_TYPE_LABELS, CONTENT_TYPES, FACET_LABELS, FACETS, SearchEntry, SearchFacetValue, Synonym
from ..query import Facet as ResponseFacet
from ..query import FacetValue as ResponseFacetValue
from ..query import ParsedQuery, SearchHit, SearchRequest, SearchResponse, TermGroup, parse, tokenize

BACKEND_NAME = "elasticsearch"
DEFAULT_TIMEOUT_S = 5
ANY_LOCALE = "any"  # the locale of entries that belong to every language

# Where a group's phrase may match, and how much a match there counts.
FIELD_BOOSTS = [("title", 6), ("keywords", 5), ("summary", 2), ("body", 1)]
# What each matched group adds to the score. Text relevance of a phrase in these fields stays well
# below this, so the number of groups matched decides the order first.
GROUP_WEIGHT = 1000
# The bonus for a title holding the whole query as a phrase: small beside a group, so it only
# reorders results that match as many groups.
EXACT_TITLE_BOOST = 20
SNIPPET_LENGTH = 200
MAX_HIGHLIGHT_OFFSET = 500_000  # highlight only this far into a long body rather than fail
FACET_SIZES = {"content_type": len(CONTENT_TYPES), "section": 50, "audience": 10, "topic": 50}
SOURCE_FIELDS = ["entry_id", "title", "url", "summary", "content_type", "section_label", "language", "updated_at"]


class ElasticUnavailable(Exception):
    """Elasticsearch cannot be used now (not configured, unreachable, too slow or refusing)."""


def is_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def index_name() -> str:
    return f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'portal_')}site_search"


@functools.lru_cache(maxsize=4)
def _client(url: str, timeout: float) -> Elasticsearch:
    # No retries: a reader is waiting, and the database can answer instead.
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def get_client() -> Elasticsearch:
    """The client for ``ELASTICSEARCH_URL``, with a timeout on every call (5 s unless
    ``ELASTICSEARCH_TIMEOUT`` says otherwise)."""
    if not is_configured():
        raise ElasticUnavailable("ELASTICSEARCH_URL is not set.")
    return _client(settings.ELASTICSEARCH_URL, float(getattr(settings, "ELASTICSEARCH_TIMEOUT", DEFAULT_TIMEOUT_S)))


@contextmanager
def _unavailable(action: str) -> Iterator[None]:
    try:
        yield
    except BulkIndexError as error:
        raise ElasticUnavailable(f"Elasticsearch refused {len(error.errors)} documents while {action}.") from error
    except (ApiError, TransportError) as error:
        raise ElasticUnavailable(f"Elasticsearch failed while {action}: {error}") from error


# --- Analysis and mapping ----------------------------------------------------------------------------

ENGLISH_POSSESSIVE = token_filter("portal_english_possessive", "stemmer", language="possessive_english")
ENGLISH_STEMMER = token_filter("portal_english_stemmer", "stemmer", language="english")
SYNONYM_FILTER_NAME = "portal_synonyms"


def _analysis_chain(synonyms: list[str] | None = None) -> list[Any]:
    chain: list[Any] = [ENGLISH_POSSESSIVE, "lowercase", "asciifolding"]
    if synonyms:
        # After folding (the rules are analysed by the filters before this one, so "CP" and
        # "cp" are the same rule) and before stemming (so both sides of a rule are stemmed like
        # the indexed text). Lenient: a rule that analyses to nothing is skipped, not fatal.
        chain.append(token_filter(SYNONYM_FILTER_NAME, "synonym_graph", synonyms=synonyms, lenient=True))
    chain.append(ENGLISH_STEMMER)
    return chain


ENGLISH = analyzer("portal_english", tokenizer="standard", filter=_analysis_chain())


def search_analyzer(synonyms: list[str] | None = None):
    """The analyzer queries go through: the indexing chain plus the synonyms, if there are any.
    (With none, the filter is left out: Elasticsearch wants a synonym filter to have rules.)"""
    return analyzer("portal_english_search", tokenizer="standard", filter=_analysis_chain(synonyms))


def synonym_rules() -> list[str]:
    """The ``synonym_graph`` rules: one equivalence line per ``Synonym`` group, lower case, in
    words as the search splits them (so nothing in a phrase can be read as rule syntax).

    Groups for every language and English ones only: the index has one English analyzer, and a
    group for another language is applied to that language's queries by :func:`search.query.parse`.
    """
    rules: list[str] = []
    for synonym in Synonym.objects.order_by("pk"):
        if synonym.language and not synonym.language.startswith("en"):
            continue
        phrases = list(dict.fromkeys(" ".join(tokenize(phrase)) for phrase in synonym.phrase_list))
        phrases = [phrase for phrase in phrases if phrase]
        if len(phrases) > 1:
            rules.append(", ".join(phrases))
    return list(dict.fromkeys(rules))


def _text(**kwargs: Any) -> Text:
    return Text(analyzer=ENGLISH, search_analyzer=search_analyzer(), copy_to="spell", **kwargs)


class SearchEntryDocument(Document):
    """One search entry. The mapping is strict: a field not declared here is refused."""

    entry_id = Integer()
    title = _text()
    keywords = _text()
    summary = _text()
    body = _text()
    spell = Text(analyzer="standard")  # filled by copy_to; words as written, for "did you mean"
    content_type = Keyword()
    section = Keyword()
    section_label = Keyword(index=False, doc_values=False)
    audiences = Keyword(multi=True)
    topics = Keyword(multi=True)
    locale = Keyword()  # the locale's language code, or "any"
    language = Keyword()
    url = Keyword(index=False, doc_values=False)
    updated_at = Date()

    class Index:
        name = "portal_site_search"  # the real name comes from index_name() on every call
        settings = {"number_of_shards": 1}

    class Meta:
        dynamic = MetaField("strict")


def site_index(rules: list[str] | None = None) -> Index:
    """The index with its mapping and analysis, the synonyms read from the database unless given."""
    index = Index(index_name())
    index.settings(number_of_shards=1)
    index.document(SearchEntryDocument)
    index.analyzer(search_analyzer(synonym_rules() if rules is None else rules))
    return index


def document_for(entry: SearchEntry) -> SearchEntryDocument:
    facet_values = list(entry.facet_values.all())
    return SearchEntryDocument(
        meta={"id": entry.pk},
        entry_id=entry.pk,
        title=entry.title,
        keywords=entry.keywords,
        summary=entry.summary,
        body=entry.body,
        content_type=entry.content_type,
        section=entry.section,
        section_label=entry.section_label,
        audiences=sorted({fv.value for fv in facet_values if fv.facet == "audience"}),
        topics=sorted({fv.value for fv in facet_values if fv.facet == "topic"}),
        locale=entry.locale.language_code if entry.locale_id else ANY_LOCALE,
        language=entry.language,
        url=entry.url,
        updated_at=entry.updated_at,
    )


def _with_related(entries: Iterable[SearchEntry]) -> Iterable[SearchEntry]:
    if isinstance(entries, QuerySet):
        return entries.select_related("locale").prefetch_related("facet_values").iterator(chunk_size=500)
    return entries


def bulk_actions(entries: Iterable[SearchEntry]) -> Iterator[dict[str, Any]]:
    name = index_name()
    for entry in _with_related(entries):
        yield {"_index": name, "_id": str(entry.pk), "_source": document_for(entry).to_dict()}


# --- Keeping the index -------------------------------------------------------------------------------


def ensure_index() -> None:
    """Create the index with its mapping and analysis if it is missing."""
    client = get_client()
    with _unavailable("creating the index"):
        if not client.indices.exists(index=index_name()):
            site_index().create(using=client)


def rebuild(entries: Iterable[SearchEntry]) -> int:
    """Drop the index, make it again (with the current synonyms) and fill it with ``entries``.
    Returns the number of documents indexed."""
    client = get_client()
    name = index_name()
    with _unavailable("rebuilding the index"):
        client.indices.delete(index=name, ignore_unavailable=True)
        site_index().create(using=client)
        indexed, _errors = bulk(client, bulk_actions(entries), chunk_size=500)
        client.indices.refresh(index=name)
    return indexed


def index_entries(entries: Iterable[SearchEntry], *, refresh: bool = False) -> int:
    """Add or replace the documents of ``entries``. Returns how many were indexed."""
    ensure_index()
    client = get_client()
    with _unavailable("indexing entries"):
        indexed, _errors = bulk(client, bulk_actions(entries), chunk_size=500, refresh=refresh)
    return indexed


def delete_entries(entry_ids: Iterable[int], *, refresh: bool = False) -> None:
    """Take entries out of the index; ids that are not there are ignored."""
    name = index_name()
    actions = [{"_op_type": "delete", "_index": name, "_id": str(pk)} for pk in dict.fromkeys(entry_ids)]
    if not actions:
        return
    client = get_client()
    with _unavailable("deleting entries"):
        bulk(client, actions, ignore_status=(404,), refresh=refresh)


def update_synonyms() -> None:
    """Give the index the current synonyms. Analysis settings only change on a closed index, so it
    is closed for a moment (searches in that moment fail over to the database) and always reopened."""
    client = get_client()
    name = index_name()
    with _unavailable("updating the synonyms"):
        if not client.indices.exists(index=name):
            site_index().create(using=client)
            return
        analysis = site_index().to_dict()["settings"]["analysis"]
        client.indices.close(index=name)
        try:
            client.indices.put_settings(index=name, settings={"analysis": analysis})
        finally:
            client.indices.open(index=name)


# --- The search ----------------------------------------------------------------------------------------


def group_query(group: TermGroup) -> Query:
    """A group is satisfied by any one of its alternatives; a phrase found in several fields counts
    in each, but only the best alternative counts. Matching it adds ``GROUP_WEIGHT``."""
    alternatives = [
        Bool(should=[MatchPhrase(**{field: {"query": alternative, "boost": boost}}) for field, boost in FIELD_BOOSTS])
        for alternative in group.alternatives
    ]
    best = alternatives[0] if len(alternatives) == 1 else DisMax(queries=alternatives)
    return FunctionScore(query=best, functions=[{"weight": GROUP_WEIGHT}], boost_mode="sum")


def text_query(parsed: ParsedQuery, language: str) -> Query:
    locale = Terms(locale=[language, ANY_LOCALE])
    if not parsed:
        return Bool(filter=[locale], must=[MatchAll()])
    should: list[Query] = []
    if len(parsed.words) > 1:
        should.append(ConstantScore(filter=MatchPhrase(title=parsed.raw), boost=EXACT_TITLE_BOOST))
    return Bool(
        filter=[locale],
        must=[Bool(should=[group_query(group) for group in parsed.groups], minimum_should_match=1)],
        should=should,
    )


def suggest_text(parsed: ParsedQuery) -> str:
    """The words worth checking for spelling: not those the synonym list knows ("LAC" is right)."""
    return " ".join(group.text for group in parsed.groups if not group.from_synonyms)


class SiteSearch(FacetedSearch):
    """The faceted search. Each facet's counts are taken with the other facets' selections applied
    but not its own (the selections narrow the hits through ``post_filter``), so a reader can see
    what choosing another value would give."""

    facets = {
        "content_type": TermsFacet(field="content_type", size=FACET_SIZES["content_type"]),
        "section": TermsFacet(field="section", size=FACET_SIZES["section"]),
        "audience": TermsFacet(field="audiences", size=FACET_SIZES["audience"]),
        "topic": TermsFacet(field="topics", size=FACET_SIZES["topic"]),
    }

    def __init__(
        self, request: SearchRequest, parsed: ParsedQuery, *, client: Elasticsearch | None = None, suggest: bool = True
    ):
        self.request = request
        self.parsed = parsed
        self._client = client
        self._suggest = suggest
        filters = {name: value for name, value in request.filters.items() if name in self.facets and value}
        super().__init__(parsed, filters=filters, sort=[] if parsed else ["-updated_at"])

    def search(self) -> Search:
        s = Search(using=self._client or "default", index=index_name())
        s = s.source(SOURCE_FIELDS).extra(track_total_hits=True)
        s = s.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            fragment_size=SNIPPET_LENGTH,
            number_of_fragments=2,
            max_analyzed_offset=MAX_HIGHLIGHT_OFFSET,
        )
        s = s.highlight("title", number_of_fragments=0)
        s = s.highlight("summary", no_match_size=SNIPPET_LENGTH)
        s = s.highlight("body", no_match_size=SNIPPET_LENGTH)
        text = suggest_text(self.parsed) if self._suggest else ""
        if text:
            s = s.suggest("spelling", text, term={"field": "spell", "suggest_mode": "missing", "size": 1})
        return s

    def query(self, search: Search, query: Any) -> Search:
        return search.query(text_query(self.parsed, self.request.language))

    def page(self, page: int) -> SiteSearch:
        size = max(1, self.request.page_size)
        start = (max(1, page) - 1) * size
        return self[start : start + size]

    def to_dict(self) -> dict[str, Any]:
        """The body this search sends."""
        return self._s.to_dict()

    def run(self) -> dict[str, Any]:
        return self._s.execute().to_dict()


def build_search(
    request: SearchRequest,
    parsed: ParsedQuery,
    *,
    page: int | None = None,
    client: Elasticsearch | None = None,
    suggest: bool = True,
) -> SiteSearch:
    """The search for a request, ready to run (or to inspect with ``to_dict()``), no server needed."""
    return SiteSearch(request, parsed, client=client, suggest=suggest).page(request.page if page is None else page)


def search(request: SearchRequest, parsed: ParsedQuery) -> SearchResponse:
    """Search the index. Raises :class:`ElasticUnavailable` when Elasticsearch cannot answer."""
    client = get_client()
    with _unavailable("searching"):
        page = max(1, request.page)
        data = build_search(request, parsed, page=page, client=client).run()
        response = parse_response(data, request, parsed, page=page)
        if page > response.num_pages:
            page = response.num_pages  # past the end: show the last page
            if not response.total:
                response.page = page
            else:
                data = build_search(request, parsed, page=page, client=client).run()
                response = parse_response(data, request, parsed, page=page)
        if response.total or not response.suggestion or not request.correct:
            return response
        # Nothing matched what was typed: search for the spelling the index suggests instead.
        corrected = parse(response.suggestion, request.language)
        data = build_search(request, corrected, page=1, client=client, suggest=False).run()
        retried = parse_response(data, request, corrected, page=1)
        if not retried.total:
            response.suggestion = None  # it would find nothing either
            return response
        retried.corrected_from = parsed.raw
        return retried


# --- Reading the answer ----------------------------------------------------------------------------

_MARK = re.compile(r"(</?mark>)")


def clean_highlight(fragment: str) -> SafeString:
    """A highlighted fragment as safe HTML: only ``<mark>`` is kept as markup, balanced, and all
    other text is escaped exactly once (Elasticsearch's html encoder escapes it already; it is
    unescaped and escaped again, so the result is the same whether or not it did)."""
    out: list[str] = []
    open_mark = False
    for part in _MARK.split(fragment):
        if part == "<mark>":
            if not open_mark:
                out.append(part)
                open_mark = True
        elif part == "</mark>":
            if open_mark:
                out.append(part)
                open_mark = False
        elif part:
            out.append(escape(html.unescape(part)))
    if open_mark:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def snippet_for(hit: Mapping[str, Any]) -> SafeString:
    """Where the words were found in the summary or body, else the start of the summary."""
    highlight = hit.get("highlight", {})
    for field in ("summary", "body"):
        fragments = [fragment for fragment in highlight.get(field, []) if "<mark>" in fragment]
        if fragments:
            return mark_safe(" … ".join(clean_highlight(fragment) for fragment in fragments))  # noqa: S308
    summary = hit.get("_source", {}).get("summary", "")
    if summary:
        return escape(Truncator(" ".join(summary.split())).chars(SNIPPET_LENGTH))
    starts = highlight.get("body", [])  # no_match_size gives the start of the body
    return clean_highlight(starts[0]) if starts else SafeString("")


def _hit(hit: Mapping[str, Any]) -> SearchHit:
    source = hit.get("_source", {})
    content_type = source.get("content_type", "")
    updated_at = source.get("updated_at")
    return SearchHit(
        entry_id=int(source.get("entry_id") or hit["_id"]),
        title=source.get("title", ""),
        url=source.get("url", ""),
        snippet=snippet_for(hit),
        content_type=content_type,
        content_type_label=str(CONTENT_TYPE_LABELS.get(content_type, content_type)),
        section_label=source.get("section_label", ""),
        language=source.get("language", ""),
        updated_at=parse_datetime(updated_at) if isinstance(updated_at, str) else updated_at,
        score=float(hit.get("_score") or 0.0),
    )


def _buckets(data: Mapping[str, Any], name: str) -> list[tuple[str, int]]:
    aggregation = data.get("aggregations", {}).get(f"_filter_{name}", {}).get(name, {})
    return [(str(bucket["key"]), int(bucket["doc_count"])) for bucket in aggregation.get("buckets", [])]


def facet_labels(values: Mapping[str, Iterable[str]], language: str) -> dict[str, dict[str, str]]:
    """Labels for the facet values shown: content types and audiences from their fixed lists,
    sections and topics from the entries' own labels (one query; the reader's language first)."""
    from portal.home.models import Audience

    labels: dict[str, dict[str, str]] = {
        "content_type": {value: str(label) for value, label in CONTENT_TYPES},
        "audience": {value: str(label) for value, label in Audience.CHOICES},
    }
    wanted = {facet: set(values.get(facet, ())) for facet in ("section", "topic")}
    if any(wanted.values()):
        rows = (
            SearchFacetValue.objects.filter(facet__in=list(wanted), value__in=set().union(*wanted.values()))
            .values_list("facet", "value", "label", "entry__language")
            .distinct()
        )
        found: dict[str, dict[str, str]] = {"section": {}, "topic": {}}
        for facet, value, label, entry_language in rows:
            if value in wanted[facet] and label and (entry_language == language or value not in found[facet]):
                found[facet][value] = label
        labels.update(found)
    return labels


def suggestion_from(data: Mapping[str, Any], parsed: ParsedQuery) -> str | None:
    """The query with each misspelt word replaced by the index's best spelling, if any was."""
    corrections: dict[str, str] = {}
    for entry in data.get("suggest", {}).get("spelling", []):
        options = entry.get("options") or []
        if options and options[0].get("text"):
            corrections[entry["text"].lower()] = options[0]["text"]
    if not corrections:
        return None
    protected = {word for group in parsed.groups if group.from_synonyms for word in tokenize(group.text)}
    words = tokenize(parsed.raw)
    corrected = [word if word in protected else corrections.get(word, word) for word in words]
    return " ".join(corrected) if corrected != words else None


def parse_response(
    data: Mapping[str, Any], request: SearchRequest, parsed: ParsedQuery, *, page: int
) -> SearchResponse:
    """A :class:`SearchResponse` from an Elasticsearch response body (``Response.to_dict()``)."""
    hits = data.get("hits", {})
    total = hits.get("total", 0)
    total = int(total.get("value", 0) if isinstance(total, Mapping) else total)
    buckets = {name: _buckets(data, name) for name in FACETS}
    selected = {name: value for name, value in request.filters.items() if name in FACETS and value}
    shown = {name: [value for value, _count in buckets[name]] + [selected.get(name, "")] for name in FACETS}
    labels = facet_labels(shown, request.language)
    facets: list[ResponseFacet] = []
    for name in FACETS:
        values = [
            ResponseFacetValue(value, labels.get(name, {}).get(value, value), count, value == selected.get(name))
            for value, count in buckets[name]
        ]
        if name in selected and not any(value.selected for value in values):
            # A choice that leaves nothing still shows, so the reader can take it back.
            value = selected[name]
            values.append(ResponseFacetValue(value, labels.get(name, {}).get(value, value), 0, True))
        values.sort(key=lambda v: (-v.count, v.label.casefold(), v.value))
        facets.append(ResponseFacet(name, str(FACET_LABELS[name]), values))
    return SearchResponse(
        query=parsed.raw,
        hits=[_hit(hit) for hit in hits.get("hits", [])],
        total=total,
        page=page,
        page_size=max(1, request.page_size),
        facets=facets,
        backend=BACKEND_NAME,
        suggestion=suggestion_from(data, parsed),
    )

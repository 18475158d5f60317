"""The default search backend: full text in the database the site already runs on.

SQLite answers through an FTS5 table (bm25 with the title weighted highest), PostgreSQL through a
weighted ``tsvector`` column (``ts_rank``); both are created and kept in step by migration 0002.
Ranking, facets, snippets and "did you mean" are the same for both and are worked out here:

1. each query group (a word, or a phrase with its synonyms) is matched on its own, giving the
   entries that satisfy it and a score;
2. results rank by how many groups they satisfy, then by whether the title holds every group,
   then by the summed score;
3. facet counts follow the usual rule: a facet's counts apply every other selected facet, not its
   own, so a reader can switch between values of one facet.

The SQL below is put together only from this module's constants and ``%s`` placeholders; every
value (the query's words, locale, facet values) travels as a parameter (hence the S608 notes).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from wagtail.models import Locale

from portal.home.models import Audience

from .. import highlight, spelling
from ..models import CONTENT_TYPE_LABELS, CONTENT_TYPES, FACET_LABELS, FACETS, SearchEntry, SearchFacetValue
from ..query import Facet, FacetValue, ParsedQuery, SearchHit, SearchRequest, SearchResponse, TermGroup, parse

NAME = "database"
RERANK_DEPTH = 100  # how many of the best matches are re-ranked on their titles
ENTRY = SearchEntry._meta.db_table
FACET_TABLE = "search_searchfacetvalue"
# SQLite bm25 column weights: title, keywords, summary, body.
SQLITE_WEIGHTS = (10.0, 8.0, 3.0, 1.0)
# PostgreSQL weights, in the order D (body), C, B (summary), A (title, keywords).
# Cover density (ts_rank_cd) counts how often and how close together the words occur; divided by
# 1 + log(length) so long pages don't win on size alone. Chosen on search/data/relevance.json.
POSTGRES_WEIGHTS = "{0.2, 0.2, 0.4, 1.0}"
POSTGRES_RANK = f"ts_rank_cd('{POSTGRES_WEIGHTS}', search_vector, q.query, 1)"


def locale_id_for(language: str) -> int | None:
    return Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()


# --- Matching, per database -------------------------------------------------------------------------


def _locale_clause(locale_id: int | None) -> tuple[str, list]:
    if locale_id is None:
        return f"{ENTRY}.locale_id IS NULL", []
    return f"({ENTRY}.locale_id = %s OR {ENTRY}.locale_id IS NULL)", [locale_id]


def _fts5_phrase(phrase: str) -> str:
    from ..query import tokenize

    words = tokenize(phrase)  # letters and digits only: nothing FTS5 could read as syntax
    return '"' + " ".join(words) + '"' if words else ""


def _group_sql(group: TermGroup, locale_id: int | None) -> tuple[str, list]:
    """SQL giving (id, score) for every entry that satisfies the group; higher scores are better."""
    where, params = _locale_clause(locale_id)
    if connection.vendor == "sqlite":
        alternatives = [p for p in (_fts5_phrase(alt) for alt in group.alternatives) if p]
        match = " OR ".join(alternatives) or '""'
        weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
        sql = (
            f"SELECT {ENTRY}.id AS id, -bm25(search_entry_fts, {weights}) AS score "  # noqa: S608
            f"FROM search_entry_fts JOIN {ENTRY} ON {ENTRY}.id = search_entry_fts.rowid "
            f"WHERE search_entry_fts MATCH %s AND {where}"
        )
        return sql, [match, *params]
    if connection.vendor == "postgresql":
        tsquery = " || ".join(["phraseto_tsquery('english', %s)"] * len(group.alternatives))
        sql = (
            f"SELECT {ENTRY}.id AS id, {POSTGRES_RANK} AS score "  # noqa: S608
            f"FROM {ENTRY}, (SELECT ({tsquery}) AS query) AS q "
            f"WHERE search_vector @@ q.query AND {where}"
        )
        return sql, [*group.alternatives, *params]
    raise NotImplementedError(f"Full-text search is not set up for {connection.vendor}; use SQLite or PostgreSQL.")


def _all_entries_sql(locale_id: int | None) -> tuple[str, list]:
    where, params = _locale_clause(locale_id)
    return f"SELECT {ENTRY}.id FROM {ENTRY} WHERE {where}", params  # noqa: S608


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- The search ----------------------------------------------------------------------------------------


def search(
    request: SearchRequest, parsed: ParsedQuery | None = None, *, allow_correction: bool = True
) -> SearchResponse:
    parsed = parsed if parsed is not None else parse(request.query, request.language)
    locale_id = locale_id_for(request.language)
    filters = {name: value for name, value in request.filters.items() if name in FACETS and value}
    correcting = bool(parsed) and allow_correction and request.correct

    if parsed:
        per_group = [dict(_fetch(*_group_sql(group, locale_id))) for group in parsed.groups]
        if correcting and not all(per_group):
            # A word that matches nothing anywhere is most likely misspelt: if the corrected query
            # finds something, show that (with a link back to exactly what was typed).
            corrected = _corrected(request, parsed)
            if corrected is not None:
                return corrected
        candidates = set().union(*per_group)
        allowed = _filtered_ids(candidates, filters)
        ranked = _rank(parsed, per_group, allowed)
    elif filters:  # browsing by facet alone lists everything in them, by title
        candidates = {pk for (pk,) in _fetch(*_all_entries_sql(locale_id))}
        entries = SearchEntry.objects.filter(Q(locale_id=locale_id) | Q(locale__isnull=True))
        for facet, value in filters.items():
            chosen = SearchFacetValue.objects.filter(entry=OuterRef("pk"), facet=facet, value=value)
            entries = entries.filter(Exists(chosen))
        ranked = list(entries.order_by(Lower("title"), "pk").values_list("pk", flat=True))
    else:
        return _empty(request)

    total = len(ranked)
    page_count = max(1, -(-total // request.page_size))
    page = min(max(1, request.page), page_count)
    page_ids = ranked[(page - 1) * request.page_size : page * request.page_size]
    response = SearchResponse(
        query=parsed.raw if parsed else "",
        hits=_hits(page_ids, parsed),
        total=total,
        page=page,
        page_size=request.page_size,
        facets=_facets(candidates, filters),
        backend=NAME,
    )
    if correcting:
        response.suggestion = spelling.suggest(parsed.raw, request.language)
    return response


def _corrected(request: SearchRequest, parsed: ParsedQuery) -> SearchResponse | None:
    suggestion = spelling.suggest(parsed.raw, request.language)
    if not suggestion:
        return None
    corrected = search(
        SearchRequest(suggestion, request.language, request.filters, request.page, request.page_size),
        allow_correction=False,
    )
    if not corrected.total:
        return None
    corrected.corrected_from = parsed.raw
    return corrected


def _empty(request: SearchRequest) -> SearchResponse:
    return SearchResponse(query="", hits=[], total=0, page=1, page_size=request.page_size, facets=[], backend=NAME)


def _filtered_ids(ids: set[int], filters: dict[str, str]) -> set[int]:
    if not filters or not ids:
        return ids
    allowed = set(ids)
    for facet, value in filters.items():
        allowed &= set(SearchFacetValue.objects.filter(facet=facet, value=value).values_list("entry_id", flat=True))
    return allowed


# --- Ranking --------------------------------------------------------------------------------------------

# How much more a group counts when the title (or the keywords: topics, aliases, the address)
# holds it, and the extra for the whole query as a phrase in the title.
TITLE_WEIGHT = 1.0
PHRASE_IN_TITLE = 1.0
TEXT_WEIGHT = 3.5  # the database's text score, scaled to 0..1 per group
# A small preference between kinds of result that match equally well: procedures first.
CONTENT_TYPE_PRIOR = {"guidance": 1.03, "toolkit": 1.015, "leaflet": 0.985, "document": 0.97}


def _rank(parsed: ParsedQuery, per_group: list[dict[int, float]], allowed: set[int]) -> list[int]:
    """Entry ids, best first.

    Each group a result satisfies counts its rarity (inverse document frequency), so "MASH" counts
    for more than "phone"; a group found in the title counts double; the database's own text score
    (bm25 or ts_rank, scaled to at most 1 per group) weighs in beside them, and a slight preference
    for procedures settles near ties. The weights were chosen on search/data/relevance.json.
    """
    if not allowed:
        return []
    total_entries = max(SearchEntry.objects.count(), 1)
    weights = [math.log(1 + total_entries / (1 + len(group))) for group in per_group]
    best = [max(group.values(), default=0.0) or 1.0 for group in per_group]

    def base(pk: int) -> tuple[float, float]:
        coverage = sum(w for w, group in zip(weights, per_group, strict=True) if pk in group)
        text = sum(group.get(pk, 0.0) / top for group, top in zip(per_group, best, strict=True)) / len(per_group)
        return coverage, text

    scored = {pk: base(pk) for pk in allowed}
    first = sorted(allowed, key=lambda pk: (-scored[pk][0], -scored[pk][1], pk))
    head, tail = first[:RERANK_DEPTH], first[RERANK_DEPTH:]
    rows = SearchEntry.objects.filter(pk__in=head).values_list("pk", "title", "keywords", "content_type")
    final: dict[int, float] = {}
    for pk, title, keywords, content_type in rows:
        coverage, text = scored[pk]
        in_title = _title_weight(parsed, weights, title, keywords)
        prior = CONTENT_TYPE_PRIOR.get(content_type, 1.0)
        final[pk] = (coverage + in_title) * prior + TEXT_WEIGHT * text
    head.sort(key=lambda pk: (-final.get(pk, 0.0), pk))
    return head + tail


def _title_weight(parsed: ParsedQuery, weights: list[float], title: str, keywords: str) -> float:
    """The extra weight a result earns from its title and keywords: for each group, the share of
    its best alternative's words found there, times the group's weight; plus a bonus when the title
    holds the whole query as typed."""
    words = highlight.stems(title) | highlight.stems(keywords)
    extra = 0.0
    for group, weight in zip(parsed.groups, weights, strict=True):
        shares = []
        for alternative in group.alternatives:
            wanted = highlight.stems(alternative)
            if wanted:
                shares.append(len(wanted & words) / len(wanted))
        extra += TITLE_WEIGHT * weight * max(shares, default=0.0)
    if len(parsed.groups) > 1 and highlight.contains_phrase(title, parsed.raw):
        extra += PHRASE_IN_TITLE * sum(weights)
    return extra


def _hits(page_ids: list[int], parsed: ParsedQuery) -> list[SearchHit]:
    entries = SearchEntry.objects.in_bulk(page_ids)
    hits = []
    for pk in page_ids:
        entry = entries.get(pk)
        if entry is None:
            continue
        hits.append(
            SearchHit(
                entry_id=entry.pk,
                title=entry.title,
                url=entry.url,
                snippet=highlight.snippet(entry.summary, entry.body, parsed),
                content_type=entry.content_type,
                content_type_label=entry.content_type_label,
                section_label=section_label(entry.section, entry.section_label),
                language=entry.language,
                updated_at=entry.updated_at,
            )
        )
    return hits


# --- Facets ---------------------------------------------------------------------------------------------


def _facets(candidates: set[int], filters: dict[str, str]) -> list[Facet]:
    """Counts per facet value over the matches, each facet filtered by the others' selections."""
    counts: dict[str, dict[str, tuple[str, int]]] = {}
    if candidates:
        unselected = [name for name in FACETS if name not in filters]
        if unselected:
            counts.update(_facet_counts(candidates, unselected, filters))
        for name in filters:
            others = {k: v for k, v in filters.items() if k != name}
            counts.update(_facet_counts(candidates, [name], others))
    facets = []
    for name in FACETS:
        values = [
            FacetValue(
                value=value, label=facet_label(name, value, label), count=count, selected=filters.get(name) == value
            )
            for value, (label, count) in counts.get(name, {}).items()
        ]
        selected = filters.get(name)
        if selected and not any(v.selected for v in values):
            values.append(
                FacetValue(value=selected, label=facet_label(name, selected, selected), count=0, selected=True)
            )
        values.sort(key=_facet_order(name))
        if values:
            facets.append(Facet(name=name, label=str(FACET_LABELS[name]), values=values))
    return facets


def _ids_sql(ids: set[int]) -> tuple[str, list]:
    """A subquery of the given ids, passed as one parameter however many there are."""
    if connection.vendor == "postgresql":
        return "SELECT unnest(%s::bigint[])", [sorted(ids)]
    return "SELECT value FROM json_each(%s)", [json.dumps(sorted(ids))]


def _facet_counts(candidates: set[int], names: list[str], filters: dict[str, str]):
    ids_sql, ids_params = _ids_sql(candidates)
    name_marks = ", ".join(["%s"] * len(names))
    sql = (
        f"SELECT f.facet, f.value, MAX(f.label), COUNT(*) FROM {FACET_TABLE} f "  # noqa: S608
        f"WHERE f.facet IN ({name_marks}) AND f.entry_id IN ({ids_sql})"
    )
    params: list = [*names, *ids_params]
    for facet, value in filters.items():
        sql += f" AND f.entry_id IN (SELECT entry_id FROM {FACET_TABLE} WHERE facet = %s AND value = %s)"  # noqa: S608
        params += [facet, value]
    sql += " GROUP BY f.facet, f.value"
    counts: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    for facet, value, label, count in _fetch(sql, params):
        counts[facet][value] = (label, count)
    return counts


def facet_label(facet: str, value: str, stored_label: str) -> str:
    if facet == "content_type":
        return str(CONTENT_TYPE_LABELS.get(value, value))
    if facet == "audience":
        return str(dict(Audience.CHOICES).get(value, value))
    if facet == "section":
        return section_label(value, stored_label)
    return stored_label


def section_label(section: str, stored_label: str) -> str:
    from ..entries import SECTION_DOCUMENTS

    return _("Documents") if section == SECTION_DOCUMENTS else stored_label


def _facet_order(name: str):
    if name == "content_type":
        order = {value: i for i, (value, _label) in enumerate(CONTENT_TYPES)}
        return lambda v: (order.get(v.value, len(order)), v.label)
    if name == "audience":
        order = {value: i for i, (value, _label) in enumerate(Audience.CHOICES)}
        return lambda v: (order.get(v.value, len(order)), v.label)
    return lambda v: (-v.count, v.label.lower())

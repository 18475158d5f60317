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

from collections import defaultdict

from django.db import connection
from django.utils.translation import gettext as _

from wagtail.models import Locale

from portal.home.models import Audience

from .. import highlight, spelling
from ..models import CONTENT_TYPE_LABELS, CONTENT_TYPES, FACET_LABELS, FACETS, SearchEntry
from ..query import Facet, FacetValue, ParsedQuery, SearchHit, SearchRequest, SearchResponse, TermGroup, parse

NAME = "database"
RERANK_DEPTH = 100  # how many of the best matches are re-ranked on their titles
ENTRY = SearchEntry._meta.db_table
FACET_TABLE = "search_searchfacetvalue"
# SQLite bm25 column weights: title, keywords, summary, body.
SQLITE_WEIGHTS = (10.0, 8.0, 3.0, 1.0)
# PostgreSQL ts_rank weights, in the order D (body), C, B (summary), A (title, keywords).
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


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
            f"SELECT {ENTRY}.id AS id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, q.query, 1) AS score "  # noqa: S608
            f"FROM {ENTRY}, (SELECT ({tsquery}) AS query) AS q "
            f"WHERE search_vector @@ q.query AND {where}"
        )
        return sql, [*group.alternatives, *params]
    raise NotImplementedError(f"Full-text search is not set up for {connection.vendor}; use SQLite or PostgreSQL.")


def _all_entries_sql(locale_id: int | None) -> tuple[str, list]:
    where, params = _locale_clause(locale_id)
    return f"SELECT {ENTRY}.id AS id, 0 AS score FROM {ENTRY} WHERE {where}", params  # noqa: S608


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

    if parsed:
        matched: dict[int, list[float]] = defaultdict(list)
        group_sqls = [_group_sql(group, locale_id) for group in parsed.groups]
        for sql, params in group_sqls:
            for entry_id, score in _fetch(sql, params):
                matched[entry_id].append(float(score or 0))
        candidate_sql = " UNION ".join(f"SELECT id FROM ({sql}) AS g{i}" for i, (sql, _p) in enumerate(group_sqls))  # noqa: S608
        candidate_params = [p for _sql, params in group_sqls for p in params]
    elif filters:  # browsing by facet alone lists everything in them
        sql, params = _all_entries_sql(locale_id)
        matched = {entry_id: [0.0] for entry_id, _score in _fetch(sql, params)}
        candidate_sql, candidate_params = f"SELECT id FROM ({sql}) AS everything", params  # noqa: S608
    else:
        return _empty(request)

    allowed = _filtered_ids(set(matched), filters)
    ranked = _rank(parsed, {entry_id: matched[entry_id] for entry_id in allowed})
    total = len(ranked)
    page_count = max(1, -(-total // request.page_size))
    page = min(max(1, request.page), page_count)
    page_ids = ranked[(page - 1) * request.page_size : page * request.page_size]

    response = SearchResponse(
        query=parsed.raw if parsed else "",
        hits=_hits(page_ids, matched, parsed),
        total=total,
        page=page,
        page_size=request.page_size,
        facets=_facets(candidate_sql, candidate_params, filters),
        backend=NAME,
    )
    if parsed and allow_correction and request.correct:
        suggestion = spelling.suggest(parsed.raw, request.language)
        if suggestion and total == 0:
            corrected = search(
                SearchRequest(suggestion, request.language, request.filters, 1, request.page_size),
                allow_correction=False,
            )
            if corrected.total:
                corrected.corrected_from = parsed.raw
                return corrected
        response.suggestion = suggestion
    return response


def _empty(request: SearchRequest) -> SearchResponse:
    return SearchResponse(query="", hits=[], total=0, page=1, page_size=request.page_size, facets=[], backend=NAME)


def _filtered_ids(ids: set[int], filters: dict[str, str]) -> set[int]:
    if not filters or not ids:
        return ids
    from ..models import SearchFacetValue

    allowed = set(ids)
    for facet, value in filters.items():
        allowed &= set(SearchFacetValue.objects.filter(facet=facet, value=value).values_list("entry_id", flat=True))
    return allowed


def _rank(parsed: ParsedQuery, matched: dict[int, list[float]]) -> list[int]:
    """Entry ids, best first: most groups satisfied, then every group in the title, then score."""
    if not parsed:
        titles = dict(SearchEntry.objects.filter(pk__in=list(matched)).values_list("pk", "title"))
        return sorted(matched, key=lambda pk: titles.get(pk, "").lower())
    first = sorted(matched, key=lambda pk: (-len(matched[pk]), -sum(matched[pk]), pk))
    head, tail = first[:RERANK_DEPTH], first[RERANK_DEPTH:]
    rows = SearchEntry.objects.filter(pk__in=head).values_list("pk", "title", "keywords")
    title_matches = {pk: _title_score(parsed, title, keywords) for pk, title, keywords in rows}
    head.sort(key=lambda pk: (-len(matched[pk]), -title_matches.get(pk, 0), -sum(matched[pk]), pk))
    return head + tail


def _title_score(parsed: ParsedQuery, title: str, keywords: str) -> int:
    """2 when the title holds the whole query as typed, 1 when it (or the keywords) satisfies every
    group, else 0."""
    title_words = highlight.stems(title)
    keyword_words = highlight.stems(keywords)
    if highlight.contains_phrase(title, parsed.raw):
        return 2

    def satisfied(group: TermGroup, words: set[str]) -> bool:
        return any(highlight.stems(alt) <= words for alt in group.alternatives)

    if all(satisfied(group, title_words) or satisfied(group, keyword_words) for group in parsed.groups):
        return 1
    return 0


def _hits(page_ids: list[int], matched: dict[int, list[float]], parsed: ParsedQuery) -> list[SearchHit]:
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
                score=sum(matched.get(pk, [0.0])),
            )
        )
    return hits


# --- Facets ---------------------------------------------------------------------------------------------


def _facets(candidate_sql: str, candidate_params: list, filters: dict[str, str]) -> list[Facet]:
    """Counts per facet value over the matches, each facet filtered by the others' selections."""
    counts: dict[str, dict[str, tuple[str, int]]] = {}
    unselected = [name for name in FACETS if name not in filters]
    if unselected:
        counts.update(_facet_counts(candidate_sql, candidate_params, unselected, filters))
    for name in filters:
        others = {k: v for k, v in filters.items() if k != name}
        counts.update(_facet_counts(candidate_sql, candidate_params, [name], others))
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


def _facet_counts(candidate_sql: str, candidate_params: list, names: list[str], filters: dict[str, str]):
    name_marks = ", ".join(["%s"] * len(names))
    sql = (
        f"SELECT f.facet, f.value, MAX(f.label), COUNT(DISTINCT f.entry_id) FROM {FACET_TABLE} f "  # noqa: S608
        f"WHERE f.facet IN ({name_marks}) AND f.entry_id IN ({candidate_sql})"
    )
    params: list = [*names, *candidate_params]
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

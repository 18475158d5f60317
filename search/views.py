"""The public search page: /search/?query=...&content_type=...&section=...&audience=...&topic=...&page=N

Everything a reader can do here is a plain link or a GET form, so it works without JavaScript.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.home.page_cache import page_cache_exempt
from portal.toolkit.models import GlossaryPage, YouthHubIndexPage

from . import analytics
from .backends import run_search
from .models import FACETS
from .promotions import promoted_results
from .query import MAX_QUERY_LENGTH, PAGE_SIZE, SearchRequest

MAX_PAGE = 1000


def _clean(value: str) -> str:
    """Drop control characters (a NUL byte can't even be stored in PostgreSQL) and extra spaces."""
    return " ".join("".join(" " if unicodedata.category(c).startswith("C") else c for c in value).split())


@page_cache_exempt  # each first view of a search is counted (analytics)
def search(request):
    query = _clean(request.GET.get("query", ""))
    notices = []
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or query[:MAX_QUERY_LENGTH]
        notices.append(
            _("Your search was very long, so only the first %(count)s characters were used.")
            % {"count": MAX_QUERY_LENGTH}
        )
    filters = {name: _clean(request.GET.get(name, ""))[:100] for name in FACETS}
    filters = {name: value for name, value in filters.items() if value}
    page_number = _page_number(request.GET.get("page"))
    language = get_language() or "en-gb"

    response = None
    results = None
    promotions = []
    if query or filters:
        search_request = SearchRequest(
            query=query, language=language, filters=filters, page=page_number, correct=request.GET.get("exact") != "1"
        )
        response = run_search(search_request)
        paginator = Paginator(range(response.total), response.page_size)
        results = PaginatorPage(response.hits, response.page, paginator)
        first_view = "page" not in request.GET and not filters
        if query and first_view:
            analytics.record_search(query, response.total)
        if query and response.page == 1 and not filters:
            promotions = promoted_results(response.query, language)
            promoted_urls = {promotion.url for promotion in promotions}
            response.hits = [hit for hit in response.hits if hit.url not in promoted_urls]

    # Links from the results (facets, filters) carry the query the results are for.
    shown_query = response.query if response and response.corrected_from else query
    context = {
        "search_query": query,
        "response": response,
        "results": results,
        "promotions": promotions,
        "filters": filters,
        "notices": notices,
        "selected": _selected_filters(shown_query, response, filters) if response else [],
        "facets": _facet_links(shown_query, response, filters) if response else [],
        "suggestion_url": _url(response.suggestion) if response and response.suggestion else "",
        "original_url": _url(response.corrected_from, exact=True) if response and response.corrected_from else "",
        "glossary_page": _glossary_page(language),
        "page_size": PAGE_SIZE,
    }
    return TemplateResponse(request, "search/search.html", context)


def _page_number(raw: str | None) -> int:
    try:
        return min(max(1, int(raw or 1)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _url(query: str, exact: bool = False, **filters: str) -> str:
    params = {"query": query, **{k: v for k, v in filters.items() if v}}
    if exact:
        params["exact"] = "1"
    return "?" + urlencode(params)


def _facet_links(query: str, response, filters: dict[str, str]) -> list[dict]:
    """Each facet with a link per value that selects it (or, if selected, removes it)."""
    facets = []
    for facet in response.facets:
        values = []
        for value in facet.values:
            changed = dict(filters)
            if value.selected:
                changed.pop(facet.name, None)
            else:
                changed[facet.name] = value.value
            values.append({"value": value, "url": _url(query, **changed)})
        facets.append({"facet": facet, "values": values})
    return facets


def _selected_filters(query: str, response, filters: dict[str, str]) -> list[dict]:
    selected = []
    for facet in response.facets:
        value = facet.selected
        if value is not None:
            remaining = {k: v for k, v in filters.items() if k != facet.name}
            selected.append({"facet": facet, "value": value, "remove_url": _url(query, **remaining)})
    return selected


def _glossary_page(language: str):
    pages = GlossaryPage.objects.live().public().filter(locale__language_code=language).order_by("path")
    hubs = list(YouthHubIndexPage.objects.filter(locale__language_code=language).values_list("path", flat=True))
    for page in pages:
        if not any(page.path.startswith(path) for path in hubs):
            return page
    return pages.first()

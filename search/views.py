"""Site search. The database backend is the default; issue 6 adds facets and Elasticsearch."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from wagtail.models import Locale, Page

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().filter(depth__gt=1)
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is not None:
            pages = pages.filter(locale=locale)
        results = Paginator(pages.specific().search(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results": results},
    )

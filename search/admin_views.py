"""The "Search terms" report: what readers searched for most, and what found nothing, over a period.

Only for holders of ``search.view_searchqueryday`` (Editors and Moderators, see portal/home/roles.py).
The queries are already masked (see analytics.py), but they are still what people typed, so the
pages and the CSV are never stored by a browser's or proxy's cache.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .analytics import QueryCount, no_result_queries, top_queries

VIEW_PERMISSION = "search.view_searchqueryday"

PERIODS = [
    (7, _("Last 7 days")),
    (30, _("Last 30 days")),
    (90, _("Last 90 days")),
    (365, _("Last 12 months")),
]
DEFAULT_PERIOD = 30
ROWS = 50

TOP = "top"
NO_RESULTS = "no-results"
LISTS = {TOP: top_queries, NO_RESULTS: no_result_queries}


def may_see_search_terms(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_PERMISSION)


class PeriodForm(forms.Form):
    period = forms.TypedChoiceField(
        label=_("Period"), choices=PERIODS, coerce=int, required=False, empty_value=DEFAULT_PERIOD
    )


def chosen_period(params) -> int:
    """The number of days asked for, or the default for a missing or unknown choice."""
    form = PeriodForm(params)
    return form.cleaned_data["period"] if form.is_valid() else DEFAULT_PERIOD


def period_start(days: int, today: datetime.date | None = None) -> datetime.date:
    """The first day of the last ``days`` days, today included."""
    return (today or timezone.localdate()) - datetime.timedelta(days=days - 1)


@dataclass(frozen=True)
class Row:
    query: str
    searches: int
    no_results: int
    search_url: str
    add_synonym_url: str
    add_promotion_url: str


def rows(counts: list[QueryCount]) -> list[Row]:
    # The public search in the site's main language, whatever language the admin is shown in.
    with translation.override(settings.LANGUAGE_CODE):
        search_url = reverse("search")
    add_synonym_url = reverse("wagtailsnippets_search_synonym:add")
    add_promotion_url = reverse("wagtailsearchpromotions:add")
    return [
        Row(
            query=query,
            searches=searches,
            no_results=no_results,
            search_url=f"{search_url}?{urlencode({'query': query})}",
            # The synonym form starts with the query filled in; the editor adds the words it means.
            add_synonym_url=f"{add_synonym_url}?{urlencode({'phrases': f'{query}, '})}",
            add_promotion_url=add_promotion_url,
        )
        for query, searches, no_results in counts
    ]


def _no_store(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


class SearchTermsReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/search_terms.html"
    page_title = _("Search terms")
    header_icon = "search"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_see_search_terms(request.user):
            raise PermissionDenied
        return _no_store(super().dispatch(request, *args, **kwargs))

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": str(self.page_title)}]

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        days = chosen_period(self.request.GET)
        since = period_start(days)
        user = self.request.user
        csv_url = reverse("search_terms_report_csv")
        context.update(
            form=PeriodForm({"period": days}),
            page_url=reverse("search_terms_report"),
            since=since,
            until=timezone.localdate(),
            top=rows(top_queries(since, ROWS)),
            no_results=rows(no_result_queries(since, ROWS)),
            top_csv_url=f"{csv_url}?{urlencode({'period': days, 'list': TOP})}",
            no_results_csv_url=f"{csv_url}?{urlencode({'period': days, 'list': NO_RESULTS})}",
            may_add_synonyms=user.has_perm("search.add_synonym"),
            may_add_promotions=user.has_perm("wagtailsearchpromotions.add_searchpromotion"),
            synonyms_url=reverse("wagtailsnippets_search_synonym:list"),
            promotions_url=reverse("wagtailsearchpromotions:index"),
        )
        context["may_act"] = context["may_add_synonyms"] or context["may_add_promotions"]
        return context


def _spreadsheet_safe(value: str) -> str:
    """A query that starts like a formula is shown as text by spreadsheet programs, never run."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def search_terms_csv(request: HttpRequest) -> HttpResponse:
    """One of the report's two tables (``list`` = "top" or "no-results") for the same period, as CSV."""
    if not may_see_search_terms(request.user):
        raise PermissionDenied
    days = chosen_period(request.GET)
    which = request.GET.get("list", TOP)
    if which not in LISTS:
        which = TOP
    today = timezone.localdate()
    since = period_start(days, today)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"search-terms-{which}-{since:%Y-%m-%d}-to-{today:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read accented and non-Latin queries correctly
    writer = csv.writer(response)
    writer.writerow([gettext("Search terms"), gettext("Searches"), gettext("Searches that found nothing")])
    for query, searches, no_results in LISTS[which](since, ROWS):
        writer.writerow([_spreadsheet_safe(query), searches, no_results])
    return _no_store(response)


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_see_search_terms(request.user)

"""The hotspot map page in the admin, for partnership analysts and school safeguarding leads.

The page works without JavaScript: a GET form of filters, a table of the areas (map cells) with
most reports, themes and trends, and links to the CSV exports, all rendered on the server. With
JavaScript, ``static/js/hotspot-map.js`` adds a Leaflet map (served from our own static files) that
draws the same cells from the hotspot API for whatever part of the borough is in view.

Who may open it is the API's rule (``api.may_see_hotspots``): holders of ``reporting.view_hotspots``
and the staff of a school. Staff without the permission see only one of their own schools at a
time (the school filter has no "whole borough" choice for them, and the API refuses them the
borough too): borough counts, even suppressed, could be set against their own exact counts to
single out another school's pupil. Every number is suppressed and rounded to the nearest 5, and the
dates widened to whole calendar months, unless it comes only from the reader's own school
(``hotspots.counts_are_exact`` / ``analysis.counts_are_exact``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from . import analysis, cells, choices, suppression
from .api import may_see_hotspots
from .hotspots import (
    HotspotQuery,
    HotspotQueryError,
    VisibleCell,
    counts_are_exact,
    estimate_cells,
    find_hotspots,
    max_cells,
    visible_cells,
    year_before,
)
from .models import School
from .roles import VIEW_HOTSPOTS
from .widgets import LEAFLET_CSS, LEAFLET_JS, map_overlay

TABLE_ROWS = 20  # the areas listed in the page's table; the CSV has every area
TOP_WORRIES = 3
UNMAPPED_CONTEXTS = {slug for slug, _label in choices.CONTEXTS if slug not in choices.MAPPED_CONTEXTS}
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
MAP_MIN_ZOOM = 10
DATE_ERROR = _("Enter a real date, for example 2025-01-31.")
WHOLE_MONTHS_HELP = _(
    "Outside your own school's exact counts, the dates cover whole calendar months: the start date moves to "
    "the first day of its month and the end date to the last day of its month."
)

# Cell sizes offered for the table, as map zoom levels (the API's unit). Only the sizes whose cells
# over the whole borough stay within the API's limit are offered (see ``table_zooms``).
ZOOM_CHOICES: list[tuple[int, Promise]] = [
    (16, _("Small: about 130 m across")),
    (15, _("About 350 m across")),
    (13, _("About 900 m across")),
    (11, _("About 2.4 km across")),
    (9, _("About 6.5 km across")),
]


# --- Settings the page reads -----------------------------------------------------------------------


def borough_box() -> tuple[float, float, float, float]:
    """(south, west, north, east): where pins may be (``REPORTING_MAP_BOUNDS``), so every mapped
    report is inside it."""
    south, west, north, east = (float(value) for value in settings.REPORTING_MAP_BOUNDS)
    return south, west, north, east


def borough_bbox_param() -> str:
    """The borough box in the API's ``bbox`` order: west,south,east,north."""
    south, west, north, east = borough_box()
    return f"{west},{south},{east},{north}"


def table_zooms() -> list[tuple[int, Promise]]:
    """The cell sizes the whole borough can be tabled at (finest first). When even the coarsest is
    too many cells, it is still offered, and the API's message says why there is no table."""
    box = borough_box()
    fitting = [
        (zoom, label)
        for zoom, label in ZOOM_CHOICES
        if estimate_cells(*box, cells.resolution_for_zoom(zoom)) <= max_cells()
    ]
    return fitting or ZOOM_CHOICES[-1:]


def hidden_label() -> str:
    """What a suppressed number is shown as. A number is hidden when it is below the threshold, or
    to stop a small one being worked out from a total, so "or withheld" keeps the words true."""
    return gettext("fewer than %(threshold)s or withheld") % {"threshold": suppression.threshold()}


def shown(count: int | None) -> str:
    return hidden_label() if count is None else formats.number_format(count, force_grouping=True)


def schools_to_choose(user: Any) -> QuerySet[School]:
    """Every school for holders of the map permission; otherwise only the user's own schools."""
    if user.has_perm(VIEW_HOTSPOTS):
        return School.objects.order_by("name")
    return School.objects.filter(staff=user).order_by("name")


# --- The filters -----------------------------------------------------------------------------------


class HotspotFilterForm(forms.Form):
    """The filters, named as the hotspot API's parameters so the page, the map and the exports all
    ask the same question. Home and online may be chosen for the themes; they have no map place.

    Unless the counts are exact (the reader's own school), :meth:`clean` widens the dates to whole
    calendar months and sets ``whole_months``."""

    whole_months = True

    date_from = forms.DateField(
        label=_("Sent from"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For example 2025-01-31. Leave empty for a year before the end date."),
        error_messages={"invalid": DATE_ERROR},
    )
    date_to = forms.DateField(
        label=_("Sent up to"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for today."),
        error_messages={"invalid": DATE_ERROR},
    )
    category = forms.ChoiceField(
        label=_("Worry"),
        required=False,
        error_messages={"invalid_choice": _("Choose a worry from the list.")},
    )
    context = forms.ChoiceField(
        label=_("Where"),
        required=False,
        help_text=_("Reports at home and online are counted in the themes but never shown on the map."),
        error_messages={"invalid_choice": _("Choose a place from the list.")},
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("Both age groups")), *choices.AGE_GROUPS],
        error_messages={"invalid_choice": _("Choose primary, secondary or both.")},
    )
    school = forms.TypedChoiceField(
        label=_("School"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a school from the list.")},
    )
    zoom = forms.TypedChoiceField(
        label=_("Size of the areas in the table"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Smaller areas show more exactly where, but not every size fits the whole borough in one table."),
        error_messages={"invalid_choice": _("Choose one of the sizes in the list.")},
    )

    def __init__(
        self, data: Mapping[str, Any], *, schools: QuerySet[School], all_schools_label: str | None, user: Any = None
    ) -> None:
        """``all_schools_label`` None: no "all schools" choice (staff without the map permission)."""
        super().__init__(data)
        self.user = user
        self.fields["date_to"].help_text = f"{self.fields['date_to'].help_text} {WHOLE_MONTHS_HELP}"
        self.fields["category"].choices = [
            ("", gettext("Any worry")),
            *((worry.slug, choices.worry_label(worry.slug)) for worry in choices.WORRIES),
        ]
        self.fields["context"].choices = [("", gettext("Anywhere")), *choices.CONTEXTS]
        own = [(school.pk, school.name) for school in schools]
        if all_schools_label is None:
            self.fields["school"].required = True
            self.fields["school"].error_messages["required"] = gettext("Choose your school.")
            self.fields["school"].choices = own
        else:
            self.fields["school"].choices = [("", all_schools_label), *own]
        self.fields["zoom"].choices = table_zooms()

    def _clean_date(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not analysis.EARLIEST <= value <= analysis.LATEST:
            raise forms.ValidationError(
                gettext("Enter a date from %(earliest)s to %(latest)s.")
                % {"earliest": analysis.EARLIEST.isoformat(), "latest": analysis.LATEST.isoformat()}
            )
        return value

    def clean_date_from(self) -> date | None:
        return self._clean_date("date_from")

    def clean_date_to(self) -> date | None:
        return self._clean_date("date_to")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.has_error("date_from") or self.has_error("date_to"):
            return data
        date_to = data.get("date_to") or timezone.localdate()
        date_from = data.get("date_from") or max(analysis.EARLIEST, year_before(date_to))
        if date_from > date_to:
            self.add_error("date_from", gettext("The start date must be on or before the end date."))
            return data
        self.whole_months = not analysis.counts_are_exact(self.user, data.get("school"))
        if self.whole_months:
            date_from, date_to = suppression.whole_months(date_from, date_to)
        data["date_from"], data["date_to"] = date_from, date_to
        if not self.has_error("zoom") and data.get("zoom") is None:
            data["zoom"] = self.fields["zoom"].choices[0][0]
        return data

    def scope(self) -> analysis.Scope:
        data = self.cleaned_data
        return analysis.Scope(
            date_from=data["date_from"],
            date_to=data["date_to"],
            school=data.get("school"),
            age_group=data.get("age_group") or "",
            context=data.get("context") or "",
            category=data.get("category") or "",
        )

    def api_params(self) -> dict[str, str]:
        """The filters as hotspot API parameters (no box or zoom), empty ones left out."""
        data = self.cleaned_data
        params = {
            "date_from": data["date_from"].isoformat(),
            "date_to": data["date_to"].isoformat(),
            "category": data.get("category") or "",
            "context": data.get("context") or "",
            "age_group": data.get("age_group") or "",
            "school": "" if data.get("school") is None else str(data["school"]),
        }
        return {name: value for name, value in params.items() if value}

    def error_list(self) -> list[dict[str, str]]:
        return [
            {"id": self[name].id_for_label, "label": str(self.fields[name].label), "message": str(message)}
            for name, messages in self.errors.items()
            if name in self.fields
            for message in messages
        ]


def filter_form(request: HttpRequest) -> HotspotFilterForm:
    """The filters from the query string. On the first visit (no filter in it) the defaults are
    the last year and, for school staff without the map permission, their own (first) school, which
    is also what they get whenever no school is given (they have no "all schools" choice)."""
    user = request.user
    schools = schools_to_choose(user)
    may_see_borough = user.has_perm(VIEW_HOTSPOTS)
    all_label = gettext("All schools") if may_see_borough else None
    if any(name in request.GET for name in HotspotFilterForm.base_fields):
        data = request.GET.copy()
    else:
        data = QueryDict(mutable=True)
        data["zoom"] = str(table_zooms()[0][0])
    if not may_see_borough and not data.get("school") and (own := schools.first()) is not None:
        data["school"] = str(own.pk)
    return HotspotFilterForm(data, schools=schools, all_schools_label=all_label, user=user)


# --- What the page shows -------------------------------------------------------------------------


def worry_lines(cell: VisibleCell) -> tuple[list[str], int]:
    """A cell's most reported worries ("Label: n", at most TOP_WORRIES) and how many of its worries
    are hidden. Hidden numbers are not ranked: their size is what is being kept back."""
    order = {worry.slug: index for index, worry in enumerate(choices.WORRIES)}
    counted = sorted(
        ((count, slug) for slug, count in cell.categories.items() if count),
        key=lambda item: (-item[0], order.get(item[1], len(order))),
    )
    top = [f"{choices.worry_label(slug)}: {shown(count)}" for count, slug in counted[:TOP_WORRIES]]
    return top, sum(1 for count in cell.categories.values() if count is None)


def hotspot_table(form: HotspotFilterForm, user: Any) -> dict[str, Any]:
    """The areas with most reports over the whole borough, exactly as the API would give them for
    the same filters, the borough box and the chosen cell size."""
    data = form.cleaned_data
    if data.get("context") in UNMAPPED_CONTEXTS:
        return {"unmapped": True}
    params = {**form.api_params(), "bbox": borough_bbox_param(), "zoom": str(data["zoom"])}
    try:
        query = HotspotQuery.from_params(params)
    except HotspotQueryError as error:
        return {"errors": list(error.errors.values())}
    exact = counts_are_exact(user, query)
    if not exact:
        query = query.in_whole_months()
    found = visible_cells(find_hotspots(query), exact=exact, category=query.category)
    ranked = sorted(found, key=lambda cell: (-cell.count, cell.cell))
    rows = []
    for rank, cell in enumerate(ranked[:TABLE_ROWS], start=1):
        top, hidden = worry_lines(cell)
        rows.append(
            {
                "rank": rank,
                "cell": cell.cell,
                "latitude": f"{cell.centre.lat:.4f}",
                "longitude": f"{cell.centre.lng:.4f}",
                "count": shown(cell.count),
                "top_worries": top,
                "hidden_worries": hidden,
                "hidden_text": ngettext(
                    "%(count)s other worry: %(hidden)s",
                    "%(count)s other worries: %(hidden)s each",
                    hidden,
                )
                % {"count": hidden, "hidden": hidden_label()}
                if hidden
                else "",
            }
        )
    return {
        "rows": rows,
        "total_areas": len(found),
        "exact": exact,
        "note": suppression.counts_note(exact=exact),
        "resolution": query.resolution,
        "zoom_label": dict(table_zooms()).get(data["zoom"], ""),
        "csv_url": f"{reverse('reporting_api:hotspots_csv')}?{urlencode(params)}",
        "api_params": params,
    }


def legend(exact: bool) -> list[dict[str, Any]]:
    """Shading bands for the map: (lower bound, label). The lowest band, below the threshold, only
    appears when counts are exact (the reader's own school)."""
    step = max(suppression.threshold(), 2)
    bounds = [1, step, step * 2, step * 4, step * 10]
    bands = []
    for index, low in enumerate(bounds):
        high = bounds[index + 1] - 1 if index + 1 < len(bounds) else None
        if high is None:
            label = gettext("%(low)s or more reports") % {"low": low}
        else:
            label = gettext("%(low)s to %(high)s reports") % {"low": low, "high": high}
        bands.append({"band": index + 1, "low": low, "label": label})
    return bands if exact else bands[1:]


def map_config(form: HotspotFilterForm, exact: bool) -> dict[str, str]:
    """Everything hotspot-map.js needs, as strings for data attributes (no inline script)."""
    south, west, north, east = borough_box()
    tile_url = getattr(settings, "MAP_TILE_URL", "") or ""
    overlay = None if tile_url else map_overlay()
    labels = {
        "worries": {worry.slug: str(choices.worry_label(worry.slug)) for worry in choices.WORRIES},
        "hidden": hidden_label(),
        "reportsOne": gettext("1 report in this area"),
        "reportsOther": gettext("{count} reports in this area"),
        "worriesHeading": gettext("Reports by worry"),
        "noWorries": gettext("No worry to show."),
        "cell": gettext("Map cell {cell}"),
        "loading": gettext("Loading the areas in view…"),
        "shownOne": gettext("1 area with reports is shown in this view."),
        "shownOther": gettext("{count} areas with reports are shown in this view."),
        "none": gettext("No area in this view has enough reports to show with these filters."),
        "failed": gettext("The map could not load the areas. The table below lists them."),
        "exact": gettext("Exact counts: your own school's reports."),
        "hiddenOther": gettext("{count} other worries: {hidden} each"),
        "rounded": gettext("Numbers are rounded to the nearest %(step)s; small numbers are hidden.")
        % {"step": suppression.rounding()},
    }
    return {
        "hotspots_url": reverse("reporting_api:hotspots"),
        "filters": json.dumps(form.api_params()),
        "tile_url": tile_url,
        "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", "") or "",
        "overlay": json.dumps(overlay) if overlay else "",
        "bounds": json.dumps([[south, west], [north, east]]),
        # Start on the sketch map when it is drawn (it covers the middle of the borough).
        "start": json.dumps(overlay["bounds"] if overlay else [[south, west], [north, east]]),
        "min_zoom": str(MAP_MIN_ZOOM),
        "bands": json.dumps([band["low"] for band in legend(True)]),
        "labels": json.dumps(labels, ensure_ascii=False),
        "exact": "true" if exact else "false",
    }


def counts(lines: list[analysis.Count]) -> list[dict[str, str]]:
    return [{"key": line.key, "label": line.label, "count": shown(line.count)} for line in lines]


def themes_context(form: HotspotFilterForm, user: Any) -> dict[str, Any]:
    scope = form.scope()
    exact = analysis.counts_are_exact(user, scope.school)
    found = analysis.themes(scope, exact=exact)
    trend = analysis.monthly_trend(scope, exact=exact)
    summary = analysis.quarterly_summary(scope, exact=exact)
    quarters = [
        {"label": quarter.label, "code": quarter.code, "start": quarter.start, "end": quarter.end}
        for quarter in summary.quarters
    ]
    lines = [summary.quarters[0].total, *summary.quarters[0].worries] if summary.quarters else []
    quarter_rows = []
    for index, line in enumerate(lines):
        cells_in_row = []
        for quarter in summary.quarters:
            current = (quarter.total, *quarter.worries)[index]
            cells_in_row.append({"count": shown(current.count), "change": analysis.describe_change(current)})
        quarter_rows.append({"key": line.key, "label": line.label, "cells": cells_in_row})
    return {
        "exact": exact,
        "note": suppression.counts_note(exact=exact),
        "scope": found.scope,
        "total": shown(found.total),
        "by_worry": counts(found.by_worry),
        "by_context": counts(found.by_context),
        "by_age_group": counts(found.by_age_group),
        "months": [
            {"label": month.label, "month": month.month, "count": shown(month.count), "partial": month.partial}
            for month in trend.months
        ],
        "quarters": quarters,
        "quarter_rows": quarter_rows,
        "quarterly_csv_url": f"{reverse('reporting_hotspots:quarterly_csv')}?{urlencode(form.api_params())}",
    }


def _no_store(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


class HotspotMapView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reporting/admin/hotspot_map.html"
    page_title = _("Hotspot map")
    header_icon = "globe"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_see_hotspots(request.user):
            raise PermissionDenied
        return _no_store(super().dispatch(request, *args, **kwargs))

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": str(self.page_title)}]

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = filter_form(self.request)
        context.update(
            form=form,
            leaflet_js=LEAFLET_JS,
            leaflet_css=LEAFLET_CSS,
            threshold=suppression.threshold(),
            rounding=suppression.rounding(),
            hidden_label=hidden_label(),
            page_url=reverse("reporting_hotspots:index"),
        )
        if form.is_valid():
            hotspots = hotspot_table(form, self.request.user)
            exact = bool(hotspots.get("exact"))
            context.update(
                hotspots=hotspots,
                show_map="rows" in hotspots,
                legend=legend(exact),
                map=map_config(form, exact),
                themes=themes_context(form, self.request.user),
            )
        return context


@require_GET
def quarterly_csv(request: HttpRequest) -> HttpResponse:
    """The quarterly summary (themes and trends by quarter) for the same filters, suppressed the
    same way as the page. Bad filters get a plain-text 400 naming each problem."""
    if not may_see_hotspots(request.user):
        raise PermissionDenied
    form = filter_form(request)
    if not form.is_valid():
        lines = [f"{error['label']}: {error['message']}" for error in form.error_list()]
        response = HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")
        return _no_store(response)
    scope = form.scope()
    summary = analysis.quarterly_summary(scope, exact=analysis.counts_are_exact(request.user, scope.school))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"pupil-reports-quarterly-to-{scope.date_to.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows(analysis.quarterly_csv_rows(summary))
    return _no_store(response)


# --- Admin menu ----------------------------------------------------------------------------------


class HotspotMapMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_see_hotspots(request.user)


class HotspotMapViewSet(ViewSet):
    """The hotspot map page at ``/admin/hotspot-map/`` (URL namespace ``reporting_hotspots``) and
    its quarterly summary export. Listed in the "Pupil reports" menu group."""

    name = "reporting_hotspots"
    url_prefix = "hotspot-map"
    icon = "globe"
    menu_label = _("Hotspot map")
    menu_item_class = HotspotMapMenuItem

    def get_urlpatterns(self) -> list[URLPattern]:
        return [
            path("", HotspotMapView.as_view(), name="index"),
            path("quarterly.csv", quarterly_csv, name="quarterly_csv"),
        ]

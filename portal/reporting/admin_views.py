"""The school reports pages in the admin: a school's safeguarding lead reads their own school's
pupil reports and records what they did about them.

Who may read a report is decided by one thing only: being on the staff of the report's school
(``PupilReport.objects.for_user``). Superusers are not an exception; a pupil's words are for their
own school. Anyone else gets "not found", never "forbidden", so the pages do not even reveal that
a report exists.
"""

from __future__ import annotations

import django_filters

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets import BooleanRadioSelect

from . import choices, retention
from .models import PupilReport, School

TIMES_OF_DAY = dict(choices.TIMES_OF_DAY)


def schools_for(user) -> QuerySet[School]:
    """The schools whose reports ``user`` may read."""
    if not user.is_authenticated:
        return School.objects.none()
    return School.objects.filter(staff=user)


def reports_for(user) -> QuerySet[PupilReport]:
    """The user's reports, urgent first, then the newest."""
    return (
        PupilReport.objects.for_user(user)
        .select_related("school", "status_changed_by")
        .order_by("-urgent", "-submitted_on", "-id")
    )


def where_label(report: PupilReport) -> str:
    """Where, in words: the context and, when the pupil gave one, the part of the school, room at
    home or place online."""
    context = str(report.get_context_display())
    detail = ""
    if report.school_area:
        detail = str(report.get_school_area_display())
    elif report.home_room:
        detail = str(report.get_home_room_display())
    elif report.online_place:
        detail = str(report.get_online_place_display())
    return f"{context}: {detail}" if detail else context


def _no_store(response: HttpResponse) -> HttpResponse:
    """Pupils' words must not linger in a shared browser's or proxy's cache."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


class ReportFilterSet(WagtailFilterSet):
    school = django_filters.ModelChoiceFilter(
        label=_("School"),
        queryset=lambda request: schools_for(request.user) if request else School.objects.none(),
        empty_label=_("All my schools"),
        widget=forms.RadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=choices.STATUSES, empty_label=_("All"), widget=forms.RadioSelect
    )
    urgent = django_filters.BooleanFilter(label=_("Urgent"), widget=BooleanRadioSelect)
    context = django_filters.ChoiceFilter(
        label=_("Where"), choices=choices.CONTEXTS, empty_label=_("All"), widget=forms.RadioSelect
    )

    class Meta:
        model = PupilReport
        fields: list[str] = []


class SchoolReportIndexView(BaseListingView):
    """The reports of every school the user is on the staff of (none for anyone else)."""

    template_name = "reporting/admin/report_index.html"
    results_template_name = "reporting/admin/report_index_results.html"
    page_title = _("School reports")
    header_icon = "clipboard-list"
    index_url_name = "reporting_admin:index"
    index_results_url_name = "reporting_admin:index_results"
    filterset_class = ReportFilterSet
    paginate_by = 50
    verbose_name = _("pupil report")
    verbose_name_plural = _("pupil reports")

    def get_base_queryset(self) -> QuerySet[PupilReport]:
        return reports_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            {"report": report, "where": where_label(report), "worries": report.worry_labels()}
            for report in context["object_list"]
        ]
        context["has_schools"] = schools_for(self.request.user).exists()
        return context

    def render_to_response(self, context, **response_kwargs) -> HttpResponse:
        return _no_store(super().render_to_response(context, **response_kwargs))


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What has been done"),
        choices=[(choices.REVIEWED, _("Reviewed")), (choices.ACTIONED, _("Actioned"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose reviewed or actioned."),
            "invalid_choice": _("Choose reviewed or actioned."),
        },
    )
    staff_note = forms.CharField(
        label=_("Note for school staff (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only staff of this school can read this note."),
    )


class SchoolReportDetailView(WagtailAdminTemplateMixin, TemplateView):
    """Everything the school may see about one report, and the form to record what was done."""

    template_name = "reporting/admin/report_detail.html"
    header_icon = "clipboard-list"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.report = get_object_or_404(reports_for(request.user).select_related("school__site_plan"), pk=kwargs["pk"])
        return _no_store(super().dispatch(request, *args, **kwargs))

    def get_page_title(self) -> str:
        return gettext("Report %(reference)s") % {"reference": self.report.reference}

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reporting_admin:index"), "label": gettext("School reports")},
            {"url": "", "label": self.report.reference},
        ]

    def get_form(self, data=None) -> StatusForm:
        initial = {"status": self.report.status if self.report.status != choices.NEW else None}
        initial["staff_note"] = self.report.staff_note
        return StatusForm(data, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        context.update(
            report=report,
            where=where_label(report),
            worries=report.worry_labels(),
            times_of_day=[TIMES_OF_DAY.get(slug, slug) for slug in report.times_of_day],
            form=kwargs.get("form") or self.get_form(),
            index_url=reverse("reporting_admin:index"),
            # Older reports keep no free text or name (retention.py); say so rather than "none".
            words_erased=report.submitted_on < retention.cutoff(),
            changed_by=get_user_display_name(report.status_changed_by)
            if report.status_changed_by
            else gettext("someone who no longer has an account"),
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = self.get_form(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("The status was not changed. Correct the error below."))
            return self.render_to_response(self.get_context_data(form=form))
        report = self.report
        report.status = form.cleaned_data["status"]
        report.staff_note = form.cleaned_data["staff_note"].strip()
        report.status_changed_on = timezone.localdate()
        report.status_changed_by = request.user
        report.save(update_fields=["status", "staff_note", "status_changed_on", "status_changed_by"])
        messages.success(
            request,
            gettext("Report %(reference)s marked as %(status)s.")
            % {"reference": report.reference, "status": report.get_status_display().lower()},
        )
        return redirect("reporting_admin:detail", pk=report.pk)

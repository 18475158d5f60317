"""The review-due report: every page whose next-review date has passed, oldest first."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from .models import ReviewedContentMixin


def reviewed_page_models() -> list[type[Page]]:
    return [model for model in apps.get_models() if issubclass(model, ReviewedContentMixin) and issubclass(model, Page)]


def overdue_page_ids(today: datetime.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    ids: list[int] = []
    for model in reviewed_page_models():
        ids.extend(model.objects.filter(next_review_date__lt=today).values_list("id", flat=True))
    return ids


class ReviewDueReportView(PageReportView):
    page_title = _("Pages due for review")
    header_icon = "date"
    results_template_name = "home/admin/review_due_results.html"
    index_url_name = "review_due_report"
    index_results_url_name = "review_due_report_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [*PageReportView.list_export, "next_review_date", "owning_team"]
    export_headings = {
        **PageReportView.export_headings,
        "title": _("Title"),
        "next_review_date": _("Next review due"),
        "owning_team": _("Owning team"),
    }

    def get_filename(self) -> str:
        return f"pages-due-for-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = Page.objects.filter(id__in=overdue_page_ids()).specific()
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        pages.sort(key=lambda page: (page.next_review_date, page.title))
        return pages

"""The review-due report: every page whose next-review date has passed, oldest first."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from .models import ReviewedContentMixin


def reviewed_page_models() -> list[type[Page]]:
    return [model for model in apps.get_models() if issubclass(model, ReviewedContentMixin) and issubclass(model, Page)]


def overdue_page_ids(today: datetime.date | None = None) -> list[int]:
    """Ids of pages past their next-review date, the longest overdue first."""
    today = today or timezone.localdate()
    rows: list[tuple[datetime.date, str, int]] = []
    for model in reviewed_page_models():
        rows.extend(model.objects.filter(next_review_date__lt=today).values_list("next_review_date", "title", "id"))
    return [page_id for _date, _title, page_id in sorted(rows)]


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
        ids = overdue_page_ids()
        # Keep the longest-overdue-first order across every page of results and in exports.
        position = Case(*(When(id=page_id, then=Value(i)) for i, page_id in enumerate(ids)), default=Value(len(ids)))
        self.queryset = Page.objects.filter(id__in=ids).order_by(position).specific()
        return super().get_queryset()

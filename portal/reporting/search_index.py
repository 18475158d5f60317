"""Pupil reports in Elasticsearch (only when ELASTICSEARCH_URL is set). Being written."""

from __future__ import annotations

from django.conf import settings


def index_report_safely(report) -> None:
    if not settings.ELASTICSEARCH_URL:
        return

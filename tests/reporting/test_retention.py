"""Pupils' own words are erased after the retention period; the counts stay."""

from __future__ import annotations

import datetime
import io

import pytest

from django.core.management import call_command

from portal.reporting import retention
from portal.reporting.models import HotspotRollup, PupilReport
from tests.reporting.factories import make_report

pytestmark = pytest.mark.django_db


def test_cutoff_is_the_configured_number_of_months_back(settings):
    settings.REPORTING_RETENTION_MONTHS = 24
    assert retention.cutoff(datetime.date(2026, 11, 26)) == datetime.date(2024, 11, 26)
    settings.REPORTING_RETENTION_MONTHS = 3
    assert retention.cutoff(datetime.date(2026, 1, 31)) == datetime.date(2025, 10, 28)


def test_old_reports_lose_their_words_but_keep_their_counts(settings):
    settings.REPORTING_RETENTION_MONTHS = 24
    old = make_report(details="It was scary", wants_trusted_adult=True, contact_name="Jo", contact_class="7C")
    recent = make_report(
        details="Still being looked at", wants_trusted_adult=True, contact_name="Al", contact_class="8A"
    )
    PupilReport.objects.filter(pk=old.pk).update(submitted_on=datetime.date(2020, 1, 6))
    counts_before = list(HotspotRollup.objects.order_by("pk").values_list("count", flat=True))

    output = io.StringIO()
    call_command("erase_old_report_text", stdout=output)
    assert "Erased the words of 1 report(s)" in output.getvalue()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.details, old.contact_name, old.contact_class) == ("", "", "")
    assert old.categories == ["bullying"] and old.cell
    assert (recent.details, recent.contact_name) == ("Still being looked at", "Al")
    assert list(HotspotRollup.objects.order_by("pk").values_list("count", flat=True)) == counts_before
    assert retention.erase_old_words() == 0  # nothing left to do on a second run

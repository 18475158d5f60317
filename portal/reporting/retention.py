"""How long a pupil's own words are kept.

A report's free text, place description and any name given for a trusted adult are only needed
while the school acts on them. After ``REPORTING_RETENTION_MONTHS`` (24 unless configured) those
words are erased from the report, and the report keeps only what the map counts anyway (school,
age group, where, worries, how unsafe, the date and the cell). The hotspot counts are unaffected.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from .models import PupilReport


def cutoff(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    months = int(getattr(settings, "REPORTING_RETENTION_MONTHS", 24))
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, 28)
    return datetime.date(year, month + 1, day)


def erase_old_words(today: datetime.date | None = None) -> int:
    """Erase the pupils' own words from reports older than the retention period. Returns how many
    reports were changed. Safe to run every day."""
    old = PupilReport.objects.filter(submitted_on__lt=cutoff(today))
    with_words = old.exclude(details="", place_description="", contact_name="", contact_class="")
    return with_words.update(
        details="", place_description="", contact_name="", contact_class="", needs_moderation=False
    )

"""Small-number suppression: no count shown outside a pupil's own school may be small enough to
point at one child.

A count below the threshold (``REPORTING_SUPPRESSION_THRESHOLD``, 5 unless configured) is shown as
suppressed (``None``), never as its value. When a breakdown would let a reader work a suppressed
value out from a total (one suppressed part among shown parts), the next smallest part is
suppressed too.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings


def exact_for(user, school_id: int | None) -> bool:
    """The one exception to suppression: staff of a school looking at that school's own counts
    only (every count is then their own pupils' reports, which they may read in full)."""
    if school_id is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    from .models import School

    return School.objects.filter(pk=school_id, staff=user).exists()


def threshold() -> int:
    return int(getattr(settings, "REPORTING_SUPPRESSION_THRESHOLD", 5))


def suppress(count: int, minimum: int | None = None) -> int | None:
    """The count if it may be shown, otherwise None. Zero is shown: it singles nobody out."""
    minimum = threshold() if minimum is None else minimum
    if count == 0:
        return 0
    return count if count >= minimum else None


def suppress_breakdown(parts: Mapping[str, int], minimum: int | None = None) -> dict[str, int | None]:
    """Suppress each part of a breakdown, and one more when only one part was hidden (otherwise the
    hidden value could be worked out from the total)."""
    shown = {key: suppress(value, minimum) for key, value in parts.items()}
    hidden = [key for key, value in shown.items() if value is None]
    if len(hidden) == 1:
        candidates = sorted((value, key) for key, value in shown.items() if value)
        if candidates:
            shown[candidates[0][1]] = None
    return shown

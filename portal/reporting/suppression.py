"""Small-number suppression: no count shown outside a pupil's own school may be small enough to
point at one child.

A count below the threshold (``REPORTING_SUPPRESSION_THRESHOLD``, 5 unless configured) is shown as
suppressed (``None``), never as its value. When a breakdown would let a reader work a suppressed
value out from a total (one suppressed part among shown parts), the next smallest part is
suppressed too.

Suppression alone is per question, so two questions that differ by one report (a date range one
day longer, a circle a metre wider, one's own school against the borough) could still be compared
to single a child out. Three rules stop that for every reader who is not seeing exact counts:

* every number that may be shown is rounded to the nearest multiple of ``ROUNDING`` (5 unless
  ``REPORTING_ROUNDING`` says otherwise) by :func:`shown_count` / :func:`shown_breakdown`, the one
  place counts leave the system, so one report more rarely changes what is shown. Each number is
  rounded on its own, so the parts of a breakdown need not add up to its rounded total;
* in a breakdown with a hidden part, zeros are hidden too (a part going from 0 to "hidden" would
  otherwise say that a report arrived);
* date ranges cover whole calendar months (:func:`whole_months`), and the area profile takes only
  a few radii around the centre of a coarse cell (see ``api.area_profile``).

The one exception is :func:`exact_for`: staff of a school reading only that school's counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext


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
    minimum = threshold() if minimum is None else minimum
    # suppress(), written out: the map calls this for every cell it shows.
    shown = {key: value if value == 0 or value >= minimum else None for key, value in parts.items()}
    hidden = [key for key, value in shown.items() if value is None]
    if len(hidden) == 1:
        candidates = sorted((value, key) for key, value in shown.items() if value)
        if candidates:
            shown[candidates[0][1]] = None
    return shown


def rounding() -> int:
    return max(1, int(getattr(settings, "REPORTING_ROUNDING", 5)))


def round_count(count: int, step: int | None = None) -> int:
    """``count`` to the nearest multiple of :func:`rounding` (halves up): 6 and 7 become 5, 8 and 12
    become 10, 13 becomes 15. A count that passed the threshold never rounds to zero."""
    step = rounding() if step is None else step
    rounded = (2 * count + step) // (2 * step) * step
    return max(rounded, step) if count > 0 else 0


def shown_count(count: int, *, exact: bool, minimum: int | None = None, step: int | None = None) -> int | None:
    """A single number as it may leave the system: exact for the school's own staff, otherwise
    suppressed below the threshold (None) and rounded. ``minimum`` and ``step`` default to
    :func:`threshold` and :func:`rounding` (callers showing thousands of numbers read them once)."""
    if exact:
        return count
    value = suppress(count, minimum)
    return None if value is None else round_count(value, step)


def shown_breakdown(
    parts: Mapping[str, int], *, exact: bool, minimum: int | None = None, step: int | None = None
) -> dict[str, int | None]:
    """The parts of a breakdown as they may leave the system: exact for the school's own staff,
    otherwise :func:`suppress_breakdown`, zeros hidden too when any part is hidden, and each shown
    number rounded on its own. ``minimum`` and ``step`` as for :func:`shown_count`."""
    if exact:
        return dict(parts)
    shown = suppress_breakdown(parts, threshold() if minimum is None else minimum)
    any_hidden = None in shown.values()
    step = rounding() if step is None else step
    double = 2 * step
    # round_count(), written out (the map rounds a breakdown for every cell it shows): a shown
    # count above zero rounds to a multiple of step, and to step itself rather than to zero.
    return {
        key: None
        if value is None or (any_hidden and value == 0)
        else ((2 * value + step) // double * step or step)
        if value
        else 0
        for key, value in shown.items()
    }


def counts_note(*, exact: bool) -> str:
    """What the reader should know about the numbers, for pages, JSON and CSV files."""
    if exact:
        return gettext("Exact counts: your own school's reports.")
    return gettext(
        "Numbers are rounded to the nearest %(step)s, numbers below %(threshold)s are hidden (and so is any "
        "other number that could give one away), and dates cover whole calendar months. Each number is "
        "rounded on its own, so parts may not add up to the total."
    ) % {"step": rounding(), "threshold": threshold()}


def whole_months(date_from: date, date_to: date) -> tuple[date, date]:
    """The range widened to whole calendar months: the first day of ``date_from``'s month to the last
    day of ``date_to``'s month."""
    if (date_to.year, date_to.month) == (date.max.year, date.max.month):
        return date_from.replace(day=1), date.max
    following = date(date_to.year + date_to.month // 12, date_to.month % 12 + 1, 1)
    return date_from.replace(day=1), following - timedelta(days=1)

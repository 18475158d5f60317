"""Themes and trends in pupils' reports: what worries them, where, at what age, month by month and
quarter by quarter, for the whole borough or for one school.

Plain functions over the resolution-0 rollups (``HotspotRollup`` rows with ``resolution`` 0 and no
cell), which count every report once whether or not it has a place on the map, so home and online
reports are included. Nothing here needs a request: the admin page and the CSV export pass in a
:class:`Scope` (the filters) and whether the reader may see exact counts.

Every count is suppressed and rounded to the nearest 5 (``suppression.shown_count`` for a single
number, ``suppression.shown_breakdown`` for the parts of a table), and the scope's dates are
widened to whole calendar months, unless ``exact`` is true, which it is only for a school's own
staff looking at their own school: the same rule as ``hotspots.counts_are_exact`` (see
:func:`counts_are_exact`). Changes between quarters are worked out from the rounded numbers.

The quarterly summary, asked for by the draft adolescent strategy, uses the three-month blocks
that start in January, April, July and October. They are both the calendar quarters and the
financial-year quarters (April to March), so each quarter is named by its months rather than by a
number that would mean different things to different readers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.db.models import DateField, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import formats, timezone
from django.utils.translation import gettext

from . import choices, suppression
from .models import HotspotRollup

ALL = HotspotRollup.ALL_CATEGORIES
MONTHS_IN_TREND = 12
QUARTERS_IN_SUMMARY = 4
# Dates outside this range are refused by the forms that build a Scope (and keep the month and
# quarter arithmetic well inside what ``datetime.date`` can hold).
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
SUPPRESSED = "suppressed"  # written in CSV files in place of a hidden number, as in api.py
ALL_REPORTS_KEY = "all"


@dataclass(frozen=True)
class Scope:
    """Which reports to count: sent from ``date_from`` to ``date_to`` (both included), optionally
    only one school's, one age group's, one context's (where) or those with one worry."""

    date_from: date
    date_to: date
    school: int | None = None
    age_group: str = ""
    context: str = ""  # any of choices.CONTEXTS, home and online included
    category: str = ""  # a worry slug

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise ValueError("date_from must be on or before date_to")
        if self.category and self.category not in choices.WORRIES_BY_SLUG:
            raise ValueError(f"unknown worry {self.category!r}")
        if self.context and self.context not in dict(choices.CONTEXTS):
            raise ValueError(f"unknown context {self.context!r}")
        if self.age_group and self.age_group not in dict(choices.AGE_GROUPS):
            raise ValueError(f"unknown age group {self.age_group!r}")


def counts_are_exact(user: Any, school: int | None) -> bool:
    """True only for staff of the one school the counts are filtered to: every count then comes
    from their own pupils, which they may see without suppression. The rule of
    ``hotspots.counts_are_exact``, for a scope rather than a map query."""
    return suppression.exact_for(user, school)


# --- Results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """One line of a breakdown. ``count`` is None where it is suppressed."""

    key: str
    label: str
    count: int | None


@dataclass(frozen=True)
class Themes:
    """Reports in a scope: how many, and by worry, by where and by age group."""

    scope: Scope
    total: int | None
    by_worry: list[Count]
    by_context: list[Count]
    by_age_group: list[Count]
    exact: bool
    threshold: int


@dataclass(frozen=True)
class MonthCount:
    month: date  # the first day of the month
    count: int | None
    partial: bool  # the month is not over by the scope's last day

    @property
    def label(self) -> str:
        return formats.date_format(self.month, "F Y")


@dataclass(frozen=True)
class Trend:
    months: list[MonthCount]  # oldest first
    exact: bool
    threshold: int


@dataclass(frozen=True)
class QuarterCount:
    """Reports in a quarter (all of them, or those with one worry) and in the quarter before."""

    key: str  # a worry slug, or ALL_REPORTS_KEY
    label: str
    count: int | None
    previous: int | None

    @property
    def change(self) -> int | None:
        """The difference from the quarter before, only when both numbers may be shown (otherwise
        a hidden number could be worked out from it)."""
        if self.count is None or self.previous is None:
            return None
        return self.count - self.previous

    @property
    def change_percent(self) -> float | None:
        change = self.change
        if change is None or not self.previous:
            return None
        return round(100 * change / self.previous, 1)


@dataclass(frozen=True)
class Quarter:
    start: date
    end: date
    total: QuarterCount
    worries: list[QuarterCount]

    @property
    def label(self) -> str:
        return gettext("%(first)s to %(last)s") % {
            "first": formats.date_format(self.start, "F"),
            "last": formats.date_format(self.end, "F Y"),
        }

    @property
    def code(self) -> str:
        """The calendar quarter, e.g. ``2025-Q2`` for April to June 2025."""
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class QuarterlySummary:
    quarters: list[Quarter]  # oldest first, complete quarters only
    exact: bool
    threshold: int


# --- Dates -----------------------------------------------------------------------------------------


def add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_end(start: date) -> date:
    return add_months(start, 3) - timedelta(days=1)


def complete_quarters(last_day: date, count: int) -> list[date]:
    """The first days of the ``count`` most recent quarters that are over by ``last_day``, oldest
    first. The quarter holding ``last_day`` counts only if ``last_day`` is its last day."""
    start = quarter_start(last_day)
    latest = start if quarter_end(start) == last_day else add_months(start, -3)
    return [add_months(latest, -3 * offset) for offset in reversed(range(count))]


def month_end(first_of_month: date) -> date:
    return add_months(first_of_month, 1) - timedelta(days=1)


def trend_months(last_day: date, count: int = MONTHS_IN_TREND) -> list[date]:
    """The first days of the ``count`` calendar months that end with the month of ``last_day``."""
    latest = last_day.replace(day=1)
    return [add_months(latest, -offset) for offset in reversed(range(count))]


# --- Reading the rollups ---------------------------------------------------------------------------


def _rollups(scope: Scope) -> QuerySet[HotspotRollup]:
    """Resolution-0 rows (every report, mapped or not) for the scope's filters, any dates."""
    rows = HotspotRollup.objects.filter(resolution=0, cell="").order_by()
    if scope.school is not None:
        rows = rows.filter(school_id=scope.school)
    if scope.age_group:
        rows = rows.filter(age_group=scope.age_group)
    if scope.context:
        rows = rows.filter(context=scope.context)
    return rows


def _reports(scope: Scope) -> QuerySet[HotspotRollup]:
    """Rows that count each report in the scope once: "any worry", or the one worry filtered to."""
    return _rollups(scope).filter(category=scope.category or ALL)


def _worry_rows(scope: Scope) -> QuerySet[HotspotRollup]:
    """Rows per worry. With a worry filter only that worry's rows: which other worries the same
    reports had is not kept in the rollups."""
    rows = _rollups(scope)
    return rows.filter(category=scope.category) if scope.category else rows.exclude(category=ALL)


def _worry_slugs(scope: Scope) -> list[str]:
    return [scope.category] if scope.category else [worry.slug for worry in choices.WORRIES]


def _as_date(value: Any) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _shown(parts: dict[str, int], exact: bool) -> dict[str, int | None]:
    return suppression.shown_breakdown(parts, exact=exact)


def _one(count: int, exact: bool) -> int | None:
    return suppression.shown_count(count, exact=exact)


def in_whole_months(scope: Scope, *, exact: bool) -> Scope:
    """The scope over whole calendar months, unless the counts are exact (see the module)."""
    if exact:
        return scope
    date_from, date_to = suppression.whole_months(scope.date_from, scope.date_to)
    return replace(scope, date_from=date_from, date_to=date_to)


def _last_day(scope: Scope) -> date:
    """The scope's last day that can be over: a month or quarter after today is not complete."""
    return min(scope.date_to, timezone.localdate())


def raw_counts(scope: Scope) -> dict[str, Counter[str]]:
    """Unsuppressed counts for the scope's dates: ``total`` (under key ""), ``worry``, ``context``
    and ``age_group``. For the functions below and for tests; never show these as they are."""
    dated = {"day__gte": scope.date_from, "day__lte": scope.date_to}
    worries: Counter[str] = Counter(
        {
            row["category"]: row["n"]
            for row in _worry_rows(scope).filter(**dated).values("category").annotate(n=Sum("count"))
        }
    )
    contexts: Counter[str] = Counter()
    age_groups: Counter[str] = Counter()
    for row in _reports(scope).filter(**dated).values("context", "age_group").annotate(n=Sum("count")):
        contexts[row["context"]] += row["n"]
        age_groups[row["age_group"]] += row["n"]
    return {
        "total": Counter({"": sum(contexts.values())}),
        "worry": worries,
        "context": contexts,
        "age_group": age_groups,
    }


def themes(scope: Scope, *, exact: bool) -> Themes:
    """Counts by worry, by where (home and online included) and by age group in the scope (over whole
    months unless ``exact``; ``Themes.scope`` says which dates were counted)."""
    scope = in_whole_months(scope, exact=exact)
    raw = raw_counts(scope)
    worry_slugs = _worry_slugs(scope)
    context_slugs = [slug for slug, _label in choices.CONTEXTS if not scope.context or slug == scope.context]
    age_slugs = [slug for slug, _label in choices.AGE_GROUPS if not scope.age_group or slug == scope.age_group]
    contexts = dict(choices.CONTEXTS)
    ages = dict(choices.AGE_GROUPS)

    by_worry = _shown({slug: raw["worry"].get(slug, 0) for slug in worry_slugs}, exact)
    by_context = _shown({slug: raw["context"].get(slug, 0) for slug in context_slugs}, exact)
    by_age = _shown({slug: raw["age_group"].get(slug, 0) for slug in age_slugs}, exact)
    return Themes(
        scope=scope,
        total=_one(raw["total"][""], exact),
        by_worry=[Count(slug, str(choices.worry_label(slug)), by_worry[slug]) for slug in worry_slugs],
        by_context=[Count(slug, str(contexts[slug]), by_context[slug]) for slug in context_slugs],
        by_age_group=[Count(slug, str(ages[slug]), by_age[slug]) for slug in age_slugs],
        exact=exact,
        threshold=suppression.threshold(),
    )


def raw_monthly(scope: Scope, months: Iterable[date]) -> dict[date, int]:
    """Unsuppressed reports per month (keys are the months' first days) up to ``scope.date_to``."""
    months = list(months)
    rows = (
        _reports(scope)
        .filter(day__gte=months[0], day__lte=scope.date_to)
        .annotate(month=TruncMonth("day", output_field=DateField()))
        .values("month")
        .annotate(n=Sum("count"))
    )
    found = {_as_date(row["month"]): row["n"] for row in rows}
    return {month: found.get(month, 0) for month in months}


def monthly_trend(scope: Scope, *, exact: bool, months: int = MONTHS_IN_TREND) -> Trend:
    """Reports per calendar month over the ``months`` months that end with the month of
    ``scope.date_to`` (so it may end with a month not yet over). ``scope.date_from`` does not
    apply: a trend always covers a year. The months are suppressed as one breakdown."""
    scope = in_whole_months(scope, exact=exact)
    starts = trend_months(scope.date_to, months)
    raw = raw_monthly(scope, starts)
    shown = _shown({month.isoformat(): raw[month] for month in starts}, exact)
    return Trend(
        months=[
            MonthCount(month=month, count=shown[month.isoformat()], partial=_last_day(scope) < month_end(month))
            for month in starts
        ],
        exact=exact,
        threshold=suppression.threshold(),
    )


def raw_quarterly(scope: Scope, starts: list[date]) -> dict[date, Counter[str]]:
    """Unsuppressed counts per quarter: reports under ALL_REPORTS_KEY and reports per worry."""
    since, until = starts[0], quarter_end(starts[-1])
    counts: dict[date, Counter[str]] = defaultdict(Counter)

    def per_quarter(rows: QuerySet[HotspotRollup]) -> Iterable[dict[str, Any]]:
        return (
            rows.filter(day__gte=since, day__lte=until)
            .annotate(quarter=TruncQuarter("day", output_field=DateField()))
            .values("quarter", "category")
            .annotate(n=Sum("count"))
        )

    for row in per_quarter(_reports(scope)):
        counts[_as_date(row["quarter"])][ALL_REPORTS_KEY] += row["n"]
    for row in per_quarter(_worry_rows(scope)):
        counts[_as_date(row["quarter"])][row["category"]] += row["n"]
    return {start: counts.get(start, Counter()) for start in starts}


def quarterly_summary(scope: Scope, *, exact: bool, quarters: int = QUARTERS_IN_SUMMARY) -> QuarterlySummary:
    """Reports per quarter, in all and by worry, with the change from the quarter before, for the
    ``quarters`` most recent complete quarters by ``scope.date_to``. ``scope.date_from`` does not
    apply. Each quarter's worries are suppressed as one breakdown; a change is given only when
    both quarters' numbers may be shown (worked out from the rounded numbers unless ``exact``)."""
    scope = in_whole_months(scope, exact=exact)
    starts = complete_quarters(_last_day(scope), quarters + 1)  # one more, for the first change
    raw = raw_quarterly(scope, starts)
    slugs = _worry_slugs(scope)
    shown: dict[date, dict[str, int | None]] = {}
    for start in starts:
        worries = _shown({slug: raw[start].get(slug, 0) for slug in slugs}, exact)
        shown[start] = {ALL_REPORTS_KEY: _one(raw[start].get(ALL_REPORTS_KEY, 0), exact), **worries}

    summary: list[Quarter] = []
    for previous, start in zip(starts, starts[1:], strict=False):
        before, now = shown[previous], shown[start]
        summary.append(
            Quarter(
                start=start,
                end=quarter_end(start),
                total=QuarterCount(
                    ALL_REPORTS_KEY, gettext("All reports"), now[ALL_REPORTS_KEY], before[ALL_REPORTS_KEY]
                ),
                worries=[QuarterCount(slug, str(choices.worry_label(slug)), now[slug], before[slug]) for slug in slugs],
            )
        )
    return QuarterlySummary(quarters=summary, exact=exact, threshold=suppression.threshold())


QUARTERLY_CSV_HEADER = [
    "quarter",
    "quarter_start",
    "quarter_end",
    "worry",
    "worry_label",
    "reports",
    "previous_quarter_reports",
    "change",
    "change_percent",
]


def quarterly_csv_rows(summary: QuarterlySummary) -> list[list[str]]:
    """The summary as CSV rows (header first): one row per quarter and worry, and one per quarter
    for all reports (worry ``all``). Hidden numbers, and changes that would reveal them, are
    written ``suppressed``; a percentage change from zero is left empty. The last row, starting
    ``#``, says how the numbers were treated (rounded and hidden, or exact)."""

    def cell(value: int | float | None) -> str:
        return SUPPRESSED if value is None else str(value)

    rows = [list(QUARTERLY_CSV_HEADER)]
    for quarter in summary.quarters:
        for line in (quarter.total, *quarter.worries):
            percent = line.change_percent
            rows.append(
                [
                    quarter.code,
                    quarter.start.isoformat(),
                    quarter.end.isoformat(),
                    line.key,
                    line.label,
                    cell(line.count),
                    cell(line.previous),
                    cell(line.change),
                    "" if percent is None and line.change is not None else cell(percent),
                ]
            )
    rows.append([f"# {suppression.counts_note(exact=summary.exact)}"])
    return rows


def describe_change(line: QuarterCount) -> str:
    """The change from the previous quarter in words, e.g. "+3 (+25%)", "no change", "not shown"."""
    change = line.change
    if change is None:
        return gettext("not shown (small numbers)")
    if change == 0:
        return gettext("no change")
    sign = "+" if change > 0 else "\u2212"
    text = f"{sign}{abs(change)}"
    percent = line.change_percent
    if percent is not None:
        text += f" ({sign}{abs(percent):g}%)"
    return text

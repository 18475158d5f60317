"""Themes and trends (portal/reporting/analysis.py), without a request: every number equals a count
made straight from the reports, and is suppressed and rounded to the nearest 5, over whole calendar
months, unless the reader is the school's own staff."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta

import pytest

from django.contrib.auth.models import AnonymousUser

from portal.reporting import analysis, cells, choices, suppression
from portal.reporting.analysis import Scope
from portal.reporting.hotspots import HotspotQuery
from portal.reporting.hotspots import counts_are_exact as hotspot_counts_are_exact
from portal.reporting.models import PupilReport
from tests.factories import UserFactory
from tests.reporting.factories import CENTRE, NEARBY, SchoolFactory, make_report_on

pytestmark = pytest.mark.django_db

END = date(2025, 6, 30)  # the last day of a quarter
YEAR = Scope(date_from=date(2024, 7, 1), date_to=END)
WORRY_CYCLE = [["bullying"], ["roads", "dark-lonely"], ["bullying", "groups"], ["online-harms"], ["fighting"]]
CONTEXT_CYCLE = [choices.NEIGHBOURHOOD, choices.SCHOOL_GROUNDS, choices.ROUTE, choices.HOME, choices.ONLINE]


def report_on(day: date, school, worries: list[str], context: str, **kwargs) -> PupilReport:
    values = {"categories": worries, "context": context}
    if context in (choices.HOME, choices.ONLINE):
        values["point"] = None
    elif context == choices.ROUTE:
        values.update(point=None, route_cells=cells.snap_route([CENTRE, NEARBY]))
    return make_report_on(day, school, **values, **kwargs)


@pytest.fixture
def schools():
    return {
        "secondary": SchoolFactory(name="Brook Academy", urn="810001", phase=choices.SECONDARY),
        "primary": SchoolFactory(name="Parkside Primary", urn="810002", phase=choices.PRIMARY),
    }


@pytest.fixture
def many_reports(schools) -> list[PupilReport]:
    """About 150 reports over 20 months (so across six quarters), at both schools, in every
    context (home and online too), with one or two worries each."""
    made = []
    day = date(2023, 11, 3)
    for index in itertools.count():
        if day > date(2025, 7, 20):
            break
        school = schools["secondary"] if index % 3 else schools["primary"]
        worries = WORRY_CYCLE[index % len(WORRY_CYCLE)]
        if school.phase == choices.PRIMARY and worries == ["online-harms"]:
            worries = ["online"]
        made.append(report_on(day, school, worries, CONTEXT_CYCLE[index % len(CONTEXT_CYCLE)]))
        day += timedelta(days=4 if index % 4 else 1)
    return made


def reports_in(scope: Scope, start: date | None = None, end: date | None = None) -> list[PupilReport]:
    """The reports a scope covers, read straight from the reports table (no rollups)."""
    rows = PupilReport.objects.filter(
        submitted_on__gte=start or scope.date_from, submitted_on__lte=end or scope.date_to
    )
    if scope.school is not None:
        rows = rows.filter(school_id=scope.school)
    if scope.age_group:
        rows = rows.filter(age_group=scope.age_group)
    if scope.context:
        rows = rows.filter(context=scope.context)
    found = list(rows)
    if scope.category:
        found = [report for report in found if scope.category in report.categories]
    return found


def worry_counts(found: list[PupilReport]) -> Counter[str]:
    return Counter(slug for report in found for slug in set(report.categories))


# --- Dates --------------------------------------------------------------------------------------


def test_complete_quarters_include_the_last_one_only_when_it_is_over():
    assert analysis.complete_quarters(date(2025, 6, 30), 2) == [date(2025, 1, 1), date(2025, 4, 1)]
    assert analysis.complete_quarters(date(2025, 6, 29), 2) == [date(2024, 10, 1), date(2025, 1, 1)]
    assert analysis.complete_quarters(date(2025, 1, 1), 1) == [date(2024, 10, 1)]
    assert analysis.quarter_end(date(2024, 10, 1)) == date(2024, 12, 31)


def test_the_trend_covers_twelve_calendar_months_ending_with_the_last_days_month():
    months = analysis.trend_months(date(2025, 3, 15))
    assert months[0] == date(2024, 4, 1) and months[-1] == date(2025, 3, 1) and len(months) == 12


@pytest.mark.parametrize(
    "values",
    [
        {"date_from": date(2025, 2, 1), "date_to": date(2025, 1, 1)},
        {"category": "monsters"},
        {"context": "space"},
        {"age_group": "adult"},
    ],
)
def test_a_scope_refuses_bad_values(values):
    with pytest.raises(ValueError):
        Scope(**{"date_from": date(2025, 1, 1), "date_to": date(2025, 3, 1), **values})


# --- Themes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"age_group": choices.PRIMARY},
        {"context": choices.HOME},
        {"context": choices.ONLINE},
        {"category": "bullying"},
        {"date_from": date(2025, 1, 1)},
    ],
)
def test_themes_equal_the_counts_made_from_the_reports(many_reports, filters):
    scope = Scope(**{"date_from": YEAR.date_from, "date_to": YEAR.date_to, **filters})
    found = reports_in(scope)
    worries = worry_counts(found)
    contexts = Counter(report.context for report in found)
    ages = Counter(report.age_group for report in found)

    themes = analysis.themes(scope, exact=True)

    assert themes.total == len(found) > 0
    expected_worries = [scope.category] if scope.category else [worry.slug for worry in choices.WORRIES]
    assert {line.key: line.count for line in themes.by_worry} == {slug: worries[slug] for slug in expected_worries}
    assert {line.key: line.count for line in themes.by_context} == {
        slug: contexts[slug] for slug, _label in choices.CONTEXTS if not scope.context or slug == scope.context
    }
    assert {line.key: line.count for line in themes.by_age_group} == {
        slug: ages[slug] for slug, _label in choices.AGE_GROUPS if not scope.age_group or slug == scope.age_group
    }


def test_home_and_online_reports_are_counted_though_they_have_no_map_place(many_reports):
    themes = {line.key: line.count for line in analysis.themes(YEAR, exact=True).by_context}
    assert themes[choices.HOME] > 0 and themes[choices.ONLINE] > 0
    assert themes[choices.HOME] == len([r for r in reports_in(YEAR) if r.context == choices.HOME])


def test_themes_for_one_school(many_reports, schools):
    scope = Scope(date_from=YEAR.date_from, date_to=END, school=schools["primary"].pk)
    found = reports_in(scope)
    themes = analysis.themes(scope, exact=True)
    assert themes.total == len(found)
    assert {line.key: line.count for line in themes.by_age_group} == {
        choices.PRIMARY: len(found),
        choices.SECONDARY: 0,
    }


def test_themes_are_suppressed_unless_exact(schools):
    school = schools["secondary"]
    for _ in range(3):
        report_on(date(2025, 5, 2), school, ["weapons"], choices.NEIGHBOURHOOD)
    for _ in range(7):
        report_on(date(2025, 5, 3), school, ["bullying"], choices.ONLINE)

    suppressed = analysis.themes(YEAR, exact=False)
    worries = {line.key: line.count for line in suppressed.by_worry}
    assert worries["weapons"] is None  # 3 reports
    assert worries["bullying"] is None  # hidden too, or 3 could be worked out from the total
    assert worries["roads"] is None  # a zero beside hidden numbers is hidden too
    assert suppressed.total == 10
    assert {line.key: line.count for line in suppressed.by_context}[choices.NEIGHBOURHOOD] is None
    assert suppressed.threshold == suppression.threshold()

    exact = analysis.themes(YEAR, exact=True)
    assert {line.key: line.count for line in exact.by_worry}["weapons"] == 3
    assert {line.key: line.count for line in exact.by_worry}["roads"] == 0


def test_shown_themes_are_rounded_to_the_nearest_five_and_zeros_shown_when_nothing_is_hidden(schools):
    school = schools["secondary"]
    for _ in range(7):
        report_on(date(2025, 5, 3), school, ["bullying"], choices.NEIGHBOURHOOD)
    for _ in range(6):
        report_on(date(2025, 5, 4), school, ["roads"], choices.NEIGHBOURHOOD)
    suppressed = analysis.themes(YEAR, exact=False)
    worries = {line.key: line.count for line in suppressed.by_worry}
    assert (suppressed.total, worries["bullying"], worries["roads"], worries["weapons"]) == (15, 5, 5, 0)  # 13, 7, 6
    exact = analysis.themes(YEAR, exact=True)
    assert (exact.total, {line.key: line.count for line in exact.by_worry}["bullying"]) == (13, 7)


def test_themes_count_whole_months_unless_exact(schools):
    school = schools["secondary"]
    for day in range(1, 6):
        report_on(date(2025, 3, day), school, ["bullying"], choices.HOME)
    report_on(date(2025, 3, 20), school, ["bullying"], choices.HOME)
    scope = Scope(date_from=date(2025, 1, 15), date_to=date(2025, 3, 19))
    shown = analysis.themes(scope, exact=False)
    assert (shown.scope.date_from, shown.scope.date_to) == (date(2025, 1, 1), date(2025, 3, 31))
    assert shown.total == 5  # 6 reports, 20 March included
    exact = analysis.themes(scope, exact=True)
    assert (exact.scope, exact.total) == (scope, 5)


def test_a_tiny_total_is_hidden(schools):
    report_on(date(2025, 5, 2), schools["secondary"], ["bullying"], choices.HOME)
    assert analysis.themes(YEAR, exact=False).total is None
    assert analysis.themes(YEAR, exact=True).total == 1


# --- Monthly trend ------------------------------------------------------------------------------


@pytest.mark.parametrize("filters", [{}, {"context": choices.ONLINE}, {"category": "roads"}])
def test_the_monthly_trend_equals_the_reports_per_month(many_reports, filters):
    scope = Scope(**{"date_from": date(2025, 6, 1), "date_to": date(2025, 6, 20), **filters})
    trend = analysis.monthly_trend(scope, exact=True)

    months = [month.month for month in trend.months]
    assert months == analysis.trend_months(date(2025, 6, 20))
    found = reports_in(scope, start=months[0])  # the start date does not apply to the trend
    per_month = Counter(report.submitted_on.replace(day=1) for report in found)
    assert [month.count for month in trend.months] == [per_month[month] for month in months]
    assert sum(per_month.values()) > 0
    assert [month.partial for month in trend.months] == [False] * 11 + [True]


def test_the_monthly_trend_is_suppressed_as_one_breakdown(schools):
    school = schools["secondary"]
    for _ in range(3):
        report_on(date(2025, 3, 10), school, ["bullying"], choices.NEIGHBOURHOOD)
    for _ in range(6):
        report_on(date(2025, 4, 10), school, ["bullying"], choices.NEIGHBOURHOOD)
    for _ in range(9):
        report_on(date(2025, 5, 10), school, ["bullying"], choices.NEIGHBOURHOOD)

    trend = {month.month: month.count for month in analysis.monthly_trend(YEAR, exact=False).months}
    assert trend[date(2025, 3, 1)] is None
    assert trend[date(2025, 4, 1)] is None  # the next smallest, hidden with it
    assert trend[date(2025, 5, 1)] == 10  # 9, rounded
    assert trend[date(2025, 6, 1)] is None  # a zero beside hidden months is hidden too
    exact = {month.month: month.count for month in analysis.monthly_trend(YEAR, exact=True).months}
    assert exact[date(2025, 3, 1)] == 3


# --- Quarterly summary --------------------------------------------------------------------------


@pytest.mark.parametrize("filters", [{}, {"age_group": choices.SECONDARY}, {"category": "bullying"}])
def test_quarterly_numbers_equal_the_reports_per_quarter(many_reports, filters):
    scope = Scope(**{"date_from": date(2025, 6, 1), "date_to": END, **filters})
    summary = analysis.quarterly_summary(scope, exact=True)

    starts = [date(2024, 7, 1), date(2024, 10, 1), date(2025, 1, 1), date(2025, 4, 1)]
    assert [quarter.start for quarter in summary.quarters] == starts
    assert [quarter.end for quarter in summary.quarters] == [
        date(2024, 9, 30),
        date(2024, 12, 31),
        date(2025, 3, 31),
        date(2025, 6, 30),
    ]
    for quarter in summary.quarters:
        found = reports_in(scope, start=quarter.start, end=quarter.end)
        before = reports_in(scope, start=analysis.add_months(quarter.start, -3), end=quarter.start - timedelta(days=1))
        assert quarter.total.count == len(found) > 0
        assert quarter.total.previous == len(before)
        assert quarter.total.change == len(found) - len(before)
        worries, previous = worry_counts(found), worry_counts(before)
        for line in quarter.worries:
            assert (line.count, line.previous) == (worries[line.key], previous[line.key])
            assert line.change == worries[line.key] - previous[line.key]
    if scope.category:
        assert [line.key for line in summary.quarters[0].worries] == [scope.category]


def test_quarter_labels_and_codes():
    summary = analysis.quarterly_summary(YEAR, exact=True)
    assert [quarter.code for quarter in summary.quarters] == ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
    assert summary.quarters[-1].label == "April to June 2025"


def test_the_quarterly_summary_is_suppressed_and_hides_changes_that_would_reveal_a_number(schools):
    school = schools["secondary"]
    for _ in range(3):  # 3 reports about weapons in January to March 2025
        report_on(date(2025, 2, 5), school, ["weapons", "bullying"], choices.NEIGHBOURHOOD)
    for _ in range(5):
        report_on(date(2025, 2, 6), school, ["bullying"], choices.NEIGHBOURHOOD)
    for _ in range(8):  # 8 about weapons in April to June 2025
        report_on(date(2025, 5, 5), school, ["weapons", "bullying"], choices.NEIGHBOURHOOD)

    quarters = {quarter.code: quarter for quarter in analysis.quarterly_summary(YEAR, exact=False).quarters}
    first, second = quarters["2025-Q1"], quarters["2025-Q2"]
    weapons_then = next(line for line in first.worries if line.key == "weapons")
    weapons_now = next(line for line in second.worries if line.key == "weapons")
    assert weapons_then.count is None
    assert (weapons_now.count, weapons_now.previous, weapons_now.change) == (10, None, None)  # 8, rounded
    assert weapons_now.change_percent is None
    assert first.total.count == 10 and second.total.change == 0  # 8 and 8
    assert analysis.describe_change(weapons_now) == "not shown (small numbers)"
    assert analysis.describe_change(second.total) == "no change"

    exact = {q.code: q for q in analysis.quarterly_summary(YEAR, exact=True).quarters}["2025-Q2"]
    weapons_exact = next(line for line in exact.worries if line.key == "weapons")
    assert (weapons_exact.count, weapons_exact.previous, weapons_exact.change) == (8, 3, 5)
    assert weapons_exact.change_percent == pytest.approx(166.7)
    assert analysis.describe_change(weapons_exact) == "+5 (+166.7%)"


def test_quarterly_csv_rows_write_hidden_numbers_as_suppressed(schools):
    for _ in range(3):
        report_on(date(2025, 5, 5), schools["secondary"], ["weapons"], choices.ONLINE)
    rows = analysis.quarterly_csv_rows(analysis.quarterly_summary(YEAR, exact=False))

    assert rows[0] == analysis.QUARTERLY_CSV_HEADER
    assert rows[-1][0].startswith("# Numbers are rounded to the nearest 5")
    by_key = {(row[0], row[3]): dict(zip(rows[0], row, strict=True)) for row in rows[1:-1]}
    assert len(by_key) == 4 * (1 + len(choices.WORRIES))
    weapons = by_key[("2025-Q2", "weapons")]
    assert (weapons["reports"], weapons["change"], weapons["change_percent"]) == (
        "suppressed",
        "suppressed",
        "suppressed",
    )
    assert weapons["previous_quarter_reports"] == "0"
    assert by_key[("2025-Q2", "all")]["reports"] == "suppressed"
    roads = by_key[("2025-Q2", "roads")]  # a zero beside a hidden number is hidden too
    assert (roads["reports"], roads["change"], roads["change_percent"]) == ("suppressed", "suppressed", "suppressed")
    assert roads["quarter_start"] == "2025-04-01" and roads["quarter_end"] == "2025-06-30"
    earlier = by_key[("2025-Q1", "roads")]  # nothing hidden in that quarter: zeros are shown
    assert (earlier["reports"], earlier["change"], earlier["change_percent"]) == ("0", "0", "")


# --- Who sees exact numbers ---------------------------------------------------------------------


def test_counts_are_exact_only_for_the_schools_own_staff(schools):
    lead = UserFactory(username="lead")
    schools["secondary"].staff.add(lead)
    analyst = UserFactory(username="analyst")

    cases = [
        (lead, schools["secondary"].pk, True),
        (lead, schools["primary"].pk, False),
        (lead, None, False),
        (analyst, schools["secondary"].pk, False),
        (AnonymousUser(), schools["secondary"].pk, False),
    ]
    for user, school, expected in cases:
        assert analysis.counts_are_exact(user, school) is expected
        # The same rule as the hotspot map's.
        query = HotspotQuery(
            south=51.5, west=0.1, north=51.6, east=0.2, zoom=13, date_from=YEAR.date_from, date_to=END, school=school
        )
        assert hotspot_counts_are_exact(user, query) is expected
    assert analysis.counts_are_exact(None, schools["secondary"].pk) is False

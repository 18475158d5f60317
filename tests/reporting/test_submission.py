"""Saving reports, without a request: urgency, moderation flags, map cells, double submits."""

from __future__ import annotations

import pytest

from portal.reporting import cells, choices, moderation, submission, suppression
from portal.reporting.models import HotspotRollup, PupilReport, School, parse_point
from tests.reporting.factories import SchoolFactory, make_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("worry", sorted(choices.URGENT_WORRIES))
def test_urgent_worries_make_the_report_urgent(worry):
    assert make_report(categories=[worry]).urgent


@pytest.mark.parametrize("worry", ["bullying", "roads", "dark-lonely", "groups", "other"])
def test_other_worries_are_not_urgent_by_themselves(worry):
    assert not make_report(categories=[worry]).urgent


def test_the_urgent_list_covers_the_issues_examples():
    for slug in ("hurt-at-home", "secrets", "carrying"):
        assert slug in choices.URGENT_WORRIES


@pytest.mark.parametrize(
    "text", ["I want to kill myself", "my step dad hits me", "someone had a KNIFE", "He touched me"]
)
def test_free_text_about_serious_harm_makes_the_report_urgent(text):
    assert make_report(details=text).urgent


def test_free_text_without_harm_words_is_not_urgent():
    assert not make_report(details="The lights by the park are broken and it is scary").urgent


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("email me at kid@example.com", "contact details"),
        ("call 07700 900123", "contact details"),
        ("my insta is @someone_123", "contact details"),
        ("it was Mr Patel who shouted", "a name"),
        ("the boy is called Jamie Smith", "a name"),
        ("this place is shit", "abusive words"),
    ],
)
def test_free_text_that_needs_checking_is_flagged(text, reason):
    assert reason in moderation.reasons(text)
    assert make_report(details=text).needs_moderation


def test_plain_free_text_is_not_flagged():
    assert moderation.reasons("It is dark near the station and people shout at us.") == []


def test_the_same_reference_twice_stores_one_report_and_counts_once():
    school = SchoolFactory()
    first = make_report(school, reference="R-SAME-0001")
    again = submission.submit(
        submission.ReportDraft(
            reference="R-SAME-0001",
            school=school,
            age_group=choices.SECONDARY,
            context=choices.NEIGHBOURHOOD,
            categories=["bullying"],
            feeling=2,
            cell=cells.snap(51.5774, 0.1837),
        )
    )
    assert again == (first, False)
    assert PupilReport.objects.count() == 1
    assert HotspotRollup.objects.get(resolution=0, category="").count == 1


def test_unknown_worries_are_dropped():
    assert make_report(categories=["bullying", "made-up"]).categories == ["bullying"]


def test_rollups_are_written_in_the_same_transaction_as_the_report(monkeypatch):
    """If counting fails, the report is not stored either (the map never disagrees with the reports)."""

    def broken(report):
        raise RuntimeError("rollup failure")

    monkeypatch.setattr(submission.rollups, "add_report", broken)
    with pytest.raises(RuntimeError):
        make_report()
    assert PupilReport.objects.count() == 0


def test_a_report_is_counted_once_per_cell_at_every_resolution():
    route = cells.snap_route([(51.5770, 0.1800), (51.5810, 0.1900)])
    report = make_report(context=choices.ROUTE, route_cells=route, point=None, categories=["roads", "dark-lonely"])
    for resolution in cells.MAP_RESOLUTIONS:
        expected = cells.cells_at(report.map_cells, resolution)
        rows = HotspotRollup.objects.filter(resolution=resolution, category="")
        assert sorted(rows.values_list("cell", flat=True)) == sorted(expected)
        assert set(rows.values_list("count", flat=True)) == {1}


# --- Cells, suppression, parsing -------------------------------------------------------------------


def test_snap_is_stable_inside_a_cell_and_differs_across_cells():
    cell = cells.snap(51.5774, 0.1837)
    centre = cells.centre(cell)
    assert cells.snap(centre.lat, centre.lng) == cell
    assert cells.snap(51.5900, 0.2100) != cell


def test_snap_refuses_points_off_the_earth():
    for lat, lng in [(91, 0), (0, 181), (float("nan"), 0)]:
        with pytest.raises(ValueError):
            cells.snap(lat, lng)


def test_cells_within_a_radius_have_their_centres_inside_it():
    found = cells.cells_within(51.5774, 0.1837, 400)
    origin = cells.LatLng(51.5774, 0.1837)
    assert 20 < len(found) < 200
    assert all(cells.distance_m(origin, cells.centre(cell)) <= 400 for cell in found)


@pytest.mark.parametrize(("zoom", "resolution"), [(8, 5), (10, 6), (12, 7), (14, 8), (15, 9), (17, 10)])
def test_cell_size_follows_zoom(zoom, resolution):
    assert cells.resolution_for_zoom(zoom) == resolution


def test_suppression_hides_small_counts_but_shows_zero(settings):
    settings.REPORTING_SUPPRESSION_THRESHOLD = 5
    assert [suppression.suppress(n) for n in (0, 1, 4, 5, 9)] == [0, None, None, 5, 9]


def test_one_hidden_part_of_a_breakdown_hides_the_next_smallest_too():
    shown = suppression.suppress_breakdown({"a": 12, "b": 7, "c": 2, "d": 0}, minimum=5)
    assert shown == {"a": 12, "b": None, "c": None, "d": 0}


def test_school_location_is_parsed_longitude_first():
    assert parse_point("SRID=4326;POINT(0.1837 51.5774)") == (51.5774, 0.1837)
    assert parse_point("POINT(0.18 91)") is None
    assert parse_point("somewhere") is None
    school = SchoolFactory(location="SRID=4326;POINT(0.2 51.58)")
    assert (school.latitude, school.longitude) == (51.58, 0.2)
    assert school.cell == cells.snap(51.58, 0.2)


def test_join_codes_are_generated_without_confusable_characters():
    school = School(name="X", urn="999999", phase=choices.PRIMARY, lead_name="A", lead_email="a@b.org")
    assert len(school.join_code) == 6
    assert not set(school.join_code) & set("01OIL")

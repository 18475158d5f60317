"""Defects a review found, each with a test that fails if it comes back."""

from __future__ import annotations

import pytest

from django.test import Client

from portal.reporting import cells, choices, submission
from portal.reporting.models import PupilReport
from tests.reporting.factories import SchoolFactory, make_report
from tests.reporting.walker import ReportWalker
from tests.reporting.walker import complete_report as complete_pupil_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def walker(client, report_page, secondary_school):
    return ReportWalker(client, report_page)


@pytest.mark.parametrize("posted_step", ["bogus", "age", "school-place", "done"])
def test_a_tampered_or_stale_step_name_is_sent_back_to_the_real_step(walker, posted_step):
    walker.get("school")
    walker.answer("school", {"join_code": "EBK-BROOK"})
    response = walker.client.post(walker.step_url("where"), {f"{walker.prefix}-current_step": posted_step})
    assert response.status_code == 302
    assert response["Location"].endswith("/report/step/where/")


def test_deeply_nested_route_json_is_a_plain_error(walker):
    walker.get("school")
    walker.answer("school", {"join_code": "EBK-BROOK"})
    walker.answer("where", {"context": "route"})
    response = walker.post("map-place", {"route": "[" * 9000 + "]" * 9000})
    assert response.status_code == 200
    assert "We could not read the route you drew" in response.content.decode()


def test_a_route_too_long_to_keep_is_refused_at_its_step(walker):
    walker.get("school")
    walker.answer("school", {"join_code": "EBK-BROOK"})
    walker.answer("where", {"context": "route"})
    response = walker.post("map-place", {"route": "[[51.51,0.06],[51.64,0.32]]"})
    assert "The route is too long" in response.content.decode()


def test_a_route_left_from_an_earlier_answer_does_not_count_for_a_neighbourhood(walker):
    points = "[[51.5770,0.1800],[51.5790,0.1850]]"
    complete_pupil_report(walker, {"where": {"context": "route"}, "map-place": {"route": points}}, send=False)
    walker.get("where")
    assert walker.answer("where", {"context": "neighbourhood"}) == "map-place"
    response = walker.post("map-place", {"route": points})
    assert "Put a pin on the map, type a postcode, or tell us where it is." in response.content.decode()


def test_a_pin_at_the_edge_of_the_area_can_still_be_sent(walker, settings):
    south, west, _north, _east = settings.REPORTING_MAP_BOUNDS
    edge = {"latitude": str(south + 0.00002), "longitude": str(west + 0.011)}
    complete_pupil_report(walker, {"map-place": edge})
    assert PupilReport.objects.get().cell == cells.snap(south + 0.00002, west + 0.011)


def test_two_different_reports_with_the_same_reference_are_both_kept():
    school = SchoolFactory()
    first = make_report(school, reference="R-SAME-CLSH", categories=["bullying"])
    second, created = submission.submit(
        submission.ReportDraft(
            reference="R-SAME-CLSH",
            school=school,
            age_group=choices.SECONDARY,
            context=choices.NEIGHBOURHOOD,
            categories=["weapons"],
            feeling=1,
            cell=cells.snap(51.5774, 0.1837),
            details="another child",
        )
    )
    assert created and second.pk != first.pk
    assert second.reference != "R-SAME-CLSH" and second.urgent
    assert PupilReport.objects.count() == 2


def test_an_unsent_report_is_forgotten_after_a_short_idle_time(walker, settings):
    settings.REPORTING_DRAFT_IDLE_SECONDS = 1800
    walker.get("school")
    response = walker.answer("school", {"join_code": "EBK-BROOK"})
    assert response == "where"
    assert walker.client.session.get_expiry_age() == 1800
    cookie = walker.client.cookies["sessionid"]
    assert int(cookie["max-age"]) == 1800


def test_names_and_words_are_not_offered_by_the_browser_autofill(walker):
    walker.get("school")
    walker.answer("school", {"join_code": "EBK-BROOK"})
    walker.answer("where", {"context": "neighbourhood"})
    html = walker.get("map-place").content.decode()
    assert 'name="map-place-postcode"' in html and 'autocomplete="off"' in html


def test_long_text_is_not_cut_off_by_the_browser(walker):
    complete_pupil_report(walker, send=False)
    html = walker.get("details").content.decode()
    textarea = html[html.index("<textarea") : html.index(">", html.index("<textarea"))]
    assert "maxlength" not in textarea


def test_other_clients_do_not_share_a_draft(report_page, secondary_school):
    first = ReportWalker(Client(), report_page)
    complete_pupil_report(first, {"details": {"details": "secret words"}}, send=False)
    second = ReportWalker(Client(), report_page)
    assert "secret words" not in second.get("school").content.decode()

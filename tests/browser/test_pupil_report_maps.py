"""The parts of the report form a pupil uses with a pointer: drawing a route on the map, tapping the
school's site plan, and the browser's own Back button keeping every answer."""

from __future__ import annotations

import pytest
import wagtail_factories

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then (or fails them under REQUIRE_BROWSER=1)
    expect = None

from portal.reporting import cells, choices
from portal.reporting.models import PupilReport
from tests.reporting.factories import SchoolFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def school(db):
    plan = wagtail_factories.ImageFactory(title="Brook Academy site plan", width=400, height=300)
    return SchoolFactory(
        name="Brook Academy", urn="900101", phase=choices.SECONDARY, join_code="EBK-BROOK", site_plan=plan
    )


def _start(page, site_url, report_page) -> None:
    page.goto(site_url(report_page) + "step/school/")
    page.get_by_label("Your school's code").fill("EBK-BROOK")
    page.get_by_role("button", name="Continue").click()


def _finish(page) -> None:
    page.get_by_label("Bullying or being picked on").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Unsafe", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # nothing else to add
    page.get_by_label("No, thank you").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send my report").click()
    expect(page.get_by_role("heading", name="Thank you. Your report has been sent")).to_be_visible()


def test_a_route_drawn_on_the_map_is_kept_as_the_cells_it_crosses(page, report_page, school, site_url):
    _start(page, site_url, report_page)
    page.get_by_label("On my way to or from school").check()
    page.get_by_role("button", name="Continue").click()
    draw = page.get_by_role("button", name="Draw my route")
    draw.click()
    expect(draw).to_have_attribute("aria-pressed", "true")
    canvas = page.locator("[data-report-map-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    for dx, dy in [(0.2, 0.3), (0.5, 0.5), (0.8, 0.7)]:
        page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
    expect(page.locator("[data-map-status]")).to_contain_text("3")
    page.get_by_role("button", name="Undo the last point").click()
    page.mouse.click(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.8)
    page.get_by_role("button", name="Continue").click()
    _finish(page)
    report = PupilReport.objects.get()
    assert report.context == choices.ROUTE
    assert len(report.route_cells) >= 3
    assert all(cells.resolution_of(cell) == 10 for cell in report.route_cells)


def test_a_tap_on_the_site_plan_is_kept_on_a_coarse_grid(page, report_page, school, site_url):
    _start(page, site_url, report_page)
    page.get_by_label("At school or in the school grounds").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Playground").check()
    plan = page.locator("[data-site-plan-frame]")
    expect(plan).to_be_visible()
    plan.scroll_into_view_if_needed()
    box = plan.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.3)
    expect(page.locator("[data-site-plan-status]")).to_have_text("A spot on the plan is chosen.")
    page.get_by_role("button", name="Continue").click()
    _finish(page)
    report = PupilReport.objects.get()
    assert (report.school_area, report.plan_x, report.plan_y) == ("playground", 70, 30)
    assert report.cell == school.cell


def test_the_back_button_keeps_every_answer(page, report_page, school, site_url):
    _start(page, site_url, report_page)
    page.get_by_label("Online").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Games").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="What worries you?")).to_be_visible()
    page.go_back()
    expect(page.get_by_label("Games")).to_be_checked()
    page.go_back()
    expect(page.get_by_label("Online")).to_be_checked()
    page.go_back()
    expect(page.get_by_label("Your school's code")).to_have_value("EBK-BROOK")
    page.go_forward()
    page.go_forward()
    page.reload()
    expect(page.get_by_label("Games")).to_be_checked()

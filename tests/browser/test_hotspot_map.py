"""The analysts' hotspot map in a real browser: it signs in, fetches the suppressed cells for the
part of the borough in view, draws them with self-hosted Leaflet, and explains a cell in a popup,
with no request to any other host."""

from __future__ import annotations

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests then (or fails them under REQUIRE_BROWSER=1)
    expect = None

from portal.reporting.roles import ANALYSTS
from tests.factories import UserFactory
from tests.reporting.factories import CENTRE, NEARBY, SchoolFactory, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test user's password


@pytest.fixture
def reports(db):
    school = SchoolFactory(name="Brook Academy", urn="900201")
    for _ in range(6):
        make_report(school, point=CENTRE, categories=["groups", "drugs"])
    for _ in range(2):
        make_report(school, point=NEARBY, categories=["bullying"])  # too few to show anywhere
    return school


def sign_in(page, site_url, username: str) -> None:
    page.goto(site_url("/admin/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def test_the_map_draws_only_cells_with_enough_reports(page, home_page, reports, site_url, network_log):
    UserFactory(username="analyst", groups=[ANALYSTS])
    sign_in(page, site_url, "analyst")
    page.goto(site_url("/admin/hotspot-map/"))
    status = page.locator("[data-hotspot-map-status]")
    expect(status).not_to_have_text("")
    expect(page.locator("path.hotspot-cell").first).to_be_visible()
    cells_drawn = page.locator("path.hotspot-cell").count()
    assert cells_drawn >= 1
    assert any("/static/vendor/leaflet/leaflet.js" in request for request in network_log.requests)
    assert any("/api/reporting/hotspots/?" in request for request in network_log.requests)
    page.locator("path.hotspot-cell").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    # At this zoom the cell holds all 8 reports: shown rounded to the nearest 5, as are the 6 about
    # groups; bullying (2) is hidden, drugs with it, and the worries nobody reported in one line.
    expect(popup).to_contain_text("10 reports in this area")
    expect(popup).to_contain_text("Groups or gangs hanging around: 5")
    expect(popup).to_contain_text("17 other worries: fewer than 5 or withheld each")
    # The nearby cell with two reports is never drawn, whatever the zoom.
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(800)
    expect(page.locator("path.hotspot-cell")).to_have_count(1)

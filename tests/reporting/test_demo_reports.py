"""The demo's reporting section: schools, postcodes, a year of reports and the report page.

The section is built once for the module (inside a transaction rolled back at the end) on top of
a bare home page, rather than through the whole ``load_demo``, so the tests stay fast.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum

from wagtail.models import Page, Revision

from portal.home.demo import accounts, content
from portal.home.demo import reporting as demo
from portal.home.demo.builder import DemoBuilder, Tally, search_index_updates_paused
from portal.reporting import cells, choices, geocoding
from portal.reporting.models import HotspotRollup, PostcodeLocation, PupilReport, PupilReportPage, School
from tests.factories import HomePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built")]

TODAY = datetime.date(2026, 3, 16)
MAP = Path(settings.BASE_DIR) / "static" / "images" / "maps" / "eastbrook.svg"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def build(builder: DemoBuilder) -> demo.ReportingSummary:
    with search_index_updates_paused():
        return demo.build_reporting(builder, pages=Tally(), snippets=Tally())


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker) -> Iterator[tuple[DemoBuilder, demo.ReportingSummary]]:
    with django_db_blocker.unblock(), transaction.atomic():
        users = accounts.ensure_users({user.username: "demo password" for user in accounts.DEMO_USERS})
        builder = DemoBuilder(content.SITE, users, TODAY)
        builder.pages[""] = HomePageFactory(parent=Page.get_first_root_node(), slug="demo-home")
        yield builder, build(builder)
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def builder(built) -> DemoBuilder:
    return built[0]


@pytest.fixture
def summary(built) -> demo.ReportingSummary:
    return built[1]


def demo_reports():
    return PupilReport.objects.filter(school__urn__in=[spec.urn for spec in demo.SCHOOLS])


def counts() -> dict[str, int]:
    return {
        "schools": School.objects.count(),
        "postcodes": PostcodeLocation.objects.count(),
        "reports": PupilReport.objects.count(),
        "rollup rows": HotspotRollup.objects.count(),
        "rollup total": HotspotRollup.objects.aggregate(total=Sum("count"))["total"] or 0,
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
    }


# --- What it makes ----------------------------------------------------------------------------------


def test_it_makes_the_schools_postcodes_and_a_year_of_reports(summary):
    assert summary.schools == School.objects.filter(urn__in=[spec.urn for spec in demo.SCHOOLS]).count()
    assert 8 <= summary.schools <= 10
    assert summary.postcodes == len(demo.POSTCODES) >= 30
    assert summary.reports_created == demo_reports().count() >= 300
    days = demo_reports().values_list("submitted_on", flat=True)
    assert TODAY - datetime.timedelta(days=365) < min(days) and max(days) <= TODAY


def test_the_schools_are_fictional_inside_the_map_and_cover_every_phase():
    schools = School.objects.filter(urn__in=[spec.urn for spec in demo.SCHOOLS])
    assert {school.phase for school in schools} == {choices.PRIMARY, choices.SECONDARY, choices.ALL_THROUGH}
    for school in schools:
        assert re.fullmatch(r"9\d{5}", school.urn)
        assert school.lead_email.endswith("@example.org")
        assert school.join_code == school.join_code.upper() and len(school.join_code) <= 12
        assert demo.MAP_SOUTH < school.latitude < demo.MAP_NORTH
        assert demo.MAP_WEST < school.longitude < demo.MAP_EAST


def test_the_demo_admin_reads_two_schools_reports(builder):
    assert School.objects.filter(staff=builder.admin).count() == 2
    assert PupilReport.objects.for_user(builder.admin).exists()
    assert not PupilReport.objects.for_user(builder.editor).exists()


def test_a_demo_postcode_finds_a_place_inside_the_borough(summary):
    place = geocoding.lookup_postcode("eb11aa")
    assert place is not None
    assert demo.MAP_SOUTH < place.lat < demo.MAP_NORTH and demo.MAP_WEST < place.lng < demo.MAP_EAST


def test_the_report_page_is_published_below_the_home_page(builder, summary):
    page = PupilReportPage.objects.child_of(builder.pages[""]).get(slug="report")
    assert page.live and page.title == "Tell us where you feel unsafe"
    assert "999" in page.introduction and "0800 1111" in page.confirmation_text
    assert "name" in page.privacy_notice


# --- The reports follow the anonymity rules and tell a story --------------------------------------


def test_home_and_online_reports_are_never_on_the_map():
    off_map = demo_reports().filter(context__in=[choices.HOME, choices.ONLINE])
    assert off_map.filter(context=choices.HOME).exists() and off_map.filter(context=choices.ONLINE).exists()
    for report in off_map:
        assert report.cell == "" and report.route_cells == [] and report.map_cells == []
    assert all(report.home_room for report in off_map.filter(context=choices.HOME))


def test_the_reports_include_every_kind_the_school_view_shows():
    reports = demo_reports()
    assert reports.filter(context=choices.SCHOOL_GROUNDS).exclude(school_area="").count() >= 20
    routes = [report for report in reports.filter(context=choices.ROUTE) if len(report.route_cells) > 1]
    assert len(routes) >= 10
    assert all(cells.is_valid_cell(cell) for report in routes for cell in report.route_cells)
    assert 3 <= reports.filter(urgent=True).count() <= 30
    asked = reports.filter(wants_trusted_adult=True)
    assert 3 <= asked.count() <= 10
    assert all(report.contact_name and report.contact_class for report in asked)
    assert not reports.filter(wants_trusted_adult=False).exclude(contact_name="").exists()
    assert reports.exclude(details="").count() >= 20


def test_the_rollups_equal_a_recount():
    everything = HotspotRollup.objects.filter(resolution=0, cell="", category=HotspotRollup.ALL_CATEGORIES)
    assert everything.aggregate(total=Sum("count"))["total"] == PupilReport.objects.count()
    mapped = sum(len(cells.cells_at(report.map_cells, 8)) for report in PupilReport.objects.all())
    at_eight = HotspotRollup.objects.filter(resolution=8, category=HotspotRollup.ALL_CATEGORIES)
    assert at_eight.aggregate(total=Sum("count"))["total"] == mapped


def test_the_hotspot_map_has_cells_to_show_after_suppression():
    per_cell = (
        HotspotRollup.objects.filter(resolution=8, category=HotspotRollup.ALL_CATEGORIES)
        .values("cell")
        .annotate(total=Sum("count"))
    )
    assert sum(1 for row in per_cell if row["total"] >= 5) >= 5


def test_every_mapped_report_is_inside_the_borough():
    for cell in set(demo_reports().exclude(cell="").values_list("cell", flat=True)):
        point = cells.centre(cell)
        x, y = demo.latlng_to_map(point.lat, point.lng)
        assert -20 < x < demo.MAP_WIDTH + 20 and -20 < y < demo.MAP_HEIGHT + 20, cell


# --- Running it again --------------------------------------------------------------------------------


def test_running_it_again_changes_nothing(builder):
    before = counts()
    again = build(builder)
    assert again.reports_created == 0
    assert counts() == before


def test_the_reports_are_the_same_every_time(builder):
    """A fixed seed: the same references, schools, days and worries each build (for a given day)."""
    schools = {spec.key: School.objects.get(urn=spec.urn) for spec in demo.SCHOOLS}

    def plan() -> list[tuple]:
        reports = demo.DemoReports(schools, TODAY, builder.admin).make()
        return [(r.reference, r.school_id, r.submitted_on, r.categories, r.cell, r.route_cells) for r in reports]

    assert plan() == plan()


# --- The base map --------------------------------------------------------------------------------------


def test_the_base_map_is_a_self_contained_svg():
    assert MAP.stat().st_size < 60_000
    root = ET.parse(MAP).getroot()  # noqa: S314 - our own file, not user input
    assert root.tag == f"{{{SVG_NAMESPACE}}}svg"
    assert root.get("viewBox") == f"0 0 {demo.MAP_WIDTH} {demo.MAP_HEIGHT}"
    assert root.find(f"{{{SVG_NAMESPACE}}}title") is not None
    text = MAP.read_text(encoding="utf-8")
    assert set(re.findall(r"https?://[^\s\"'<>)]+", text)) == {SVG_NAMESPACE}
    assert not re.search(r"<(script|image|foreignObject)\b|@import|@font-face|xlink:href|\bhref=", text)


def test_the_base_map_bounds_match_the_map_overlay_setting():
    if settings.MAP_OVERLAY_IMAGE != "images/maps/eastbrook.svg":
        pytest.skip("another base map is configured")
    assert settings.MAP_OVERLAY_BOUNDS == [demo.MAP_SOUTH, demo.MAP_WEST, demo.MAP_NORTH, demo.MAP_EAST]

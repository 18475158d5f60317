"""Every anonymity rule for pupil reports, each with a test that fails if the rule breaks.

The strongest check: send a report with a distinctive IP address, user agent, forwarding header
and an exact pin, then read every row of every table in the database (sessions included) and the
cache, and look for any of them.
"""

from __future__ import annotations

import pytest

from django.apps import apps
from django.core.cache import cache
from django.db import connection, models
from django.test import Client

from portal.reporting import cells, choices, rollups
from portal.reporting.models import (
    AreaProfileRollup,
    HotspotRollup,
    MonthlyHotspotRollup,
    MonthlyHotspotTotal,
    PeriodHotspotTotal,
    PupilReport,
    ReportRouteCell,
)
from tests.reporting.factories import make_report
from tests.reporting.walker import ReportWalker, complete_report

pytestmark = pytest.mark.django_db

CANARY_IP = "203.0.113.199"
CANARY_FORWARDED = "198.51.100.233"
CANARY_AGENT = "CanaryBrowser/7.7 (pupil-device-3f9a2c)"
# An exact pin with more decimals than any cell centre would have by chance.
EXACT_LAT, EXACT_LNG = "51.5779137", "0.1851729"


def everything_in_the_database() -> str:
    """Every value of every row of every table, as one string."""
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            for row in cursor.fetchall():
                dump.append(" ".join(_decode(value) for value in row))
    # Session data is stored signed and compressed; read it as the application would.
    from django.contrib.sessions.models import Session

    dump.extend(str(session.get_decoded()) for session in Session.objects.all())
    return "\n".join(dump)


def _decode(value) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    return str(value)


def everything_in_the_cache() -> str:
    store = getattr(cache, "_cache", {})
    return " ".join(f"{key} {value!r}" for key, value in store.items())


@pytest.fixture
def canary_walker(report_page, secondary_school):
    client = Client(HTTP_USER_AGENT=CANARY_AGENT)
    return ReportWalker(client, report_page, REMOTE_ADDR=CANARY_IP, HTTP_X_FORWARDED_FOR=CANARY_FORWARDED)


def test_no_ip_address_or_user_agent_is_stored_anywhere(canary_walker):
    complete_report(
        canary_walker,
        {"trusted-adult": {"wants_trusted_adult": "yes", "contact_name": "Jo", "contact_class": "9B"}},
    )
    assert PupilReport.objects.count() == 1
    stored = everything_in_the_database()
    assert "Jo" in stored  # the dump does see report contents, so the checks below mean something
    for canary in (CANARY_IP, CANARY_FORWARDED, CANARY_AGENT, "pupil-device-3f9a2c"):
        assert canary not in stored
        assert canary not in everything_in_the_cache()


def test_the_exact_pin_is_never_stored_not_even_in_the_session(canary_walker):
    canary_walker.get("school")
    canary_walker.answer("school", {"join_code": "EBK-BROOK"})
    canary_walker.answer("where", {"context": "neighbourhood"})
    canary_walker.answer("map-place", {"latitude": EXACT_LAT, "longitude": EXACT_LNG})
    # Mid-form, the session holds the answers so far, with the pin already moved to its cell.
    assert "EBK-BROOK" in everything_in_the_database()  # the dump does see the session's answers
    assert EXACT_LAT[:9] not in everything_in_the_database()
    assert EXACT_LNG[:8] not in everything_in_the_database()
    complete_report(canary_walker, {"map-place": {"latitude": EXACT_LAT, "longitude": EXACT_LNG}})
    stored = everything_in_the_database()
    assert EXACT_LAT[:9] not in stored and EXACT_LNG[:8] not in stored
    report = PupilReport.objects.get()
    assert report.cell == cells.snap(float(EXACT_LAT), float(EXACT_LNG))
    assert cells.resolution_of(report.cell) == 10


def test_a_drawn_route_is_never_stored_point_by_point(canary_walker):
    points = f"[[{EXACT_LAT},{EXACT_LNG}],[51.5801234,0.1902345]]"
    complete_report(canary_walker, {"where": {"context": "route"}, "map-place": {"route": points}})
    stored = everything_in_the_database()
    for fragment in (EXACT_LAT[:9], EXACT_LNG[:8], "51.580123", "0.190234"):
        assert fragment not in stored


def test_reports_keep_the_date_but_no_time_of_day():
    time_fields = [
        field.name
        for field in PupilReport._meta.get_fields()
        if isinstance(field, models.DateTimeField | models.TimeField)
    ]
    assert time_fields == []
    rollup_tables = (
        HotspotRollup,
        MonthlyHotspotRollup,
        MonthlyHotspotTotal,
        PeriodHotspotTotal,
        AreaProfileRollup,
        ReportRouteCell,
    )
    for model in rollup_tables:
        time_fields = [
            f.name for f in model._meta.get_fields() if isinstance(f, models.DateTimeField | models.TimeField)
        ]
        assert time_fields == [], model


def test_the_precomputed_area_profiles_hold_no_school_no_day_and_no_report():
    """The API's circles are counted per month, context and worry only: nothing narrower than what
    the profile itself shows (before suppression)."""
    assert {field.name for field in AreaProfileRollup._meta.get_fields()} == {
        "id",
        "centre",
        "radius_m",
        "month",
        "context",
        "category",
        "count",
    }


def test_no_other_table_points_at_a_report():
    """Nothing (an audit log, a revision, a session model) links a time or a person to a report.
    The one table that points at reports, the route cells the area profile counts, holds nothing
    the report does not already hold for the map (its cells at coarser resolutions, its date and
    its worries), and its rows go when the report goes."""
    pointing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.many_to_one and field.related_model is PupilReport
    ]
    assert pointing == ["reporting.ReportRouteCell.report"]
    fields = {field.name: type(field) for field in ReportRouteCell._meta.get_fields()}
    assert fields == {
        "id": models.BigAutoField,
        "report": models.ForeignKey,
        "resolution": models.PositiveSmallIntegerField,
        "cell": models.CharField,
        "day": models.DateField,
        "categories": models.CharField,
    }
    assert ReportRouteCell._meta.get_field("report").remote_field.on_delete is models.CASCADE


def test_no_name_is_kept_without_a_request_for_a_trusted_adult(secondary_school):
    report = make_report(secondary_school, contact_name="Jo Bloggs", contact_class="9B", wants_trusted_adult=False)
    assert report.contact_name == "" and report.contact_class == ""


def test_the_quarter_and_year_totals_hold_no_school_no_context_no_age_group_and_no_day():
    """Coarser than the monthly totals they are summed from."""
    assert {field.name for field in PeriodHotspotTotal._meta.get_fields()} == {
        "id",
        "resolution",
        "cell",
        "months",
        "start",
        "category",
        "count",
    }


def test_a_finer_cell_than_allowed_is_coarsened_on_save(secondary_school):
    fine = cells.snap(51.5774, 0.1837, 13)
    report = make_report(secondary_school, cell=fine, point=None)
    assert cells.resolution_of(report.cell) == 10
    assert report.cell == cells.ancestor(fine, 10)


def test_home_reports_never_have_a_place_on_the_map(secondary_school):
    report = make_report(secondary_school, context=choices.HOME, home_room="bedroom", cell=cells.snap(51.5774, 0.1837))
    assert report.cell == "" and report.route_cells == [] and report.map_cells == []
    mapped = HotspotRollup.objects.filter(resolution__gt=0)
    assert not mapped.exists()
    assert not MonthlyHotspotRollup.objects.exists() and not MonthlyHotspotTotal.objects.exists()
    assert not PeriodHotspotTotal.objects.exists()
    assert not ReportRouteCell.objects.exists()
    assert HotspotRollup.objects.filter(resolution=0, context=choices.HOME).exists()


def test_online_reports_have_no_place_either(secondary_school):
    report = make_report(secondary_school, context=choices.ONLINE, online_place="games")
    assert report.cell == ""
    assert not HotspotRollup.objects.filter(resolution__gt=0).exists()
    assert not MonthlyHotspotRollup.objects.exists() and not MonthlyHotspotTotal.objects.exists()
    assert not PeriodHotspotTotal.objects.exists()
    assert not ReportRouteCell.objects.exists()


def test_school_ground_reports_are_placed_at_the_school_not_where_the_pupil_tapped(secondary_school):
    elsewhere = cells.snap(51.59, 0.21)
    report = make_report(secondary_school, context=choices.SCHOOL_GROUNDS, school_area="toilets", cell=elsewhere)
    assert report.cell == secondary_school.cell


def test_a_plan_tap_is_snapped_to_a_coarse_grid(secondary_school):
    report = make_report(secondary_school, context=choices.SCHOOL_GROUNDS, school_area="field", plan_x=47, plan_y=12)
    assert (report.plan_x, report.plan_y) == (50, 10)


def test_references_are_random_not_sequential(secondary_school):
    first = make_report(secondary_school, reference="R-AAAA-AAAA")
    from portal.reporting.models import new_reference

    made = {new_reference() for _ in range(200)}
    assert len(made) == 200
    assert all(ref.startswith("R-") and len(ref) == 11 for ref in made)
    assert first.reference == "R-AAAA-AAAA"


def test_rate_limit_keys_are_salted_hashes_that_change_daily(rf, settings):
    from portal.reporting import views

    request = rf.get("/", REMOTE_ADDR=CANARY_IP)
    key = views._rate_key("client", views.client_ip(request))
    assert CANARY_IP not in key
    assert key == views._rate_key("client", CANARY_IP)
    settings.SECRET_KEY = "another-day-another-key"
    assert views._rate_key("client", CANARY_IP) != key


def test_removing_a_report_takes_it_out_of_every_count(secondary_school):
    report = make_report(secondary_school)
    route = make_report(
        secondary_school,
        point=None,
        context=choices.ROUTE,
        route_cells=cells.snap_route([(51.5774, 0.1837), (51.5801, 0.1902)]),
    )
    assert MonthlyHotspotRollup.objects.exists() and ReportRouteCell.objects.exists()
    assert PeriodHotspotTotal.objects.exists()
    for made in (report, route):
        rollups.remove_report(made)
        assert not ReportRouteCell.objects.filter(report=made).exists()  # before it is deleted
        made.delete()
    assert not HotspotRollup.objects.exists()
    assert not MonthlyHotspotRollup.objects.exists()
    assert not MonthlyHotspotTotal.objects.exists()
    assert not PeriodHotspotTotal.objects.exists()
    assert not ReportRouteCell.objects.exists()

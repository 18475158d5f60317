"""The hotspot map API, from the reader's side: who may see it, what each filter does, and that no
small count ever leaves the server except to the pupils' own school. Outside it, every count shown
is rounded to the nearest 5 and dates cover whole calendar months (see
test_suppression_differencing.py for why)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from django.contrib.auth.models import Permission
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from portal.reporting import cells, choices
from portal.reporting.hotspots import (
    DatabaseHotspots,
    HotspotCell,
    HotspotQuery,
    HotspotQueryError,
    get_backend,
    visible_cells,
    year_before,
)
from tests.factories import UserFactory
from tests.reporting.factories import CENTRE, NEARBY, SchoolFactory, make_report, make_report_on

HOTSPOTS = reverse("reporting_api:hotspots")
HOTSPOTS_CSV = reverse("reporting_api:hotspots_csv")
# A box around CENTRE and NEARBY (GeoJSON order: west,south,east,north), small enough for zoom 16.
AROUND = "0.170,51.570,0.200,51.585"
CELL = cells.snap(*CENTRE)
NEAR_CELL = cells.snap(*NEARBY)


def hotspot_permission() -> Permission:
    return Permission.objects.get(codename="view_hotspots", content_type__app_label="reporting")


@pytest.fixture
def analyst(db):
    user = UserFactory(username="analyst")
    user.user_permissions.add(hotspot_permission())
    return user


@pytest.fixture
def school_a(db):
    return SchoolFactory(name="Brook Academy", urn="800001", phase=choices.SECONDARY)


@pytest.fixture
def school_b(db):
    return SchoolFactory(name="Parkside Primary", urn="800002", phase=choices.PRIMARY)


@pytest.fixture
def lead_a(school_a):
    """School A's safeguarding lead: no map permission, but staff of a school."""
    user = UserFactory(username="lead-a")
    school_a.staff.add(user)
    return user


def get_map(client, user=None, **params):
    if user is not None:
        client.force_login(user)
    params = {"bbox": AROUND, "zoom": "16", **params}
    return client.get(HOTSPOTS, params)


def features_by_cell(response) -> dict[str, dict]:
    assert response.status_code == 200, response.content
    return {feature["properties"]["cell"]: feature["properties"] for feature in response.json()["features"]}


def reports(count: int, school, **kwargs) -> None:
    for _ in range(count):
        make_report(school, **kwargs)


# --- Reading the query -------------------------------------------------------------------------


def test_query_defaults_to_the_last_twelve_months_without_filters():
    query = HotspotQuery.from_params(QueryDict(f"bbox={AROUND}&zoom=16"), today=date(2025, 6, 30))
    assert (query.west, query.south, query.east, query.north) == (0.17, 51.57, 0.2, 51.585)
    assert (query.date_from, query.date_to) == (date(2024, 7, 1), date(2025, 6, 30))
    assert (query.category, query.context, query.age_group, query.school) == ("", "", "", None)
    assert query.resolution == 10


def test_a_year_before_29_february_and_the_first_year():
    assert year_before(date(2024, 2, 29)) == date(2023, 3, 1)
    assert year_before(date(1, 1, 5)) == date.min


@pytest.mark.parametrize(
    ("params", "name", "message"),
    [
        ({"bbox": ""}, "bbox", "bbox is required"),
        ({"bbox": "1,2,3"}, "bbox", "bbox must be four numbers: west,south,east,north"),
        ({"bbox": "0.1,51.5,0.2,51.6,7"}, "bbox", "bbox must be four numbers: west,south,east,north"),
        ({"bbox": "a,b,c,d"}, "bbox", "bbox must be four numbers: west,south,east,north"),
        ({"bbox": "0.1,nan,0.2,51.6"}, "bbox", "bbox must be four numbers: west,south,east,north"),
        ({"bbox": "0.1,51.5,0.2,91"}, "bbox", "latitudes from -90 to 90"),
        ({"bbox": "0.2,51.5,0.1,51.6"}, "bbox", "west less than east"),
        ({"bbox": "0.1,51.6,0.2,51.5"}, "bbox", "south less than north"),
        ({"bbox": "-100,80,100,85", "zoom": "0"}, "bbox", "less than 180 degrees wide"),
        ({"bbox": "0.05,51.50,0.33,51.65", "zoom": "16"}, "bbox", "too big for this zoom level"),
        ({"bbox": "-10,40,10,60", "zoom": "5"}, "bbox", "Zoom in or choose a smaller area"),
        ({"zoom": ""}, "zoom", "zoom must be a whole number from 0 to 20"),
        ({"zoom": "twelve"}, "zoom", "zoom must be a whole number from 0 to 20"),
        ({"zoom": "21"}, "zoom", "zoom must be a whole number from 0 to 20"),
        ({"zoom": "-1"}, "zoom", "zoom must be a whole number from 0 to 20"),
        ({"zoom": "12.5"}, "zoom", "zoom must be a whole number from 0 to 20"),
        ({"date_from": "01/02/2025"}, "date_from", "date_from must be a real date written YYYY-MM-DD"),
        ({"date_to": "2025-02-30"}, "date_to", "date_to must be a real date written YYYY-MM-DD"),
        ({"date_from": "2025-03-01", "date_to": "2025-02-01"}, "date_from", "date_from must be on or before date_to"),
        ({"category": "monsters"}, "category", "Unknown category. Use one of: bullying, fighting"),
        ({"context": "home"}, "context", "home and online reports are never on the map"),
        ({"context": "space"}, "context", "Unknown context. Use one of: school, neighbourhood, route"),
        ({"age_group": "adult"}, "age_group", "Unknown age group. Use primary or secondary."),
        ({"school": "abc"}, "school", "Unknown school"),
        ({"school": "999999"}, "school", "Unknown school"),
    ],
)
def test_each_bad_parameter_has_its_own_message(db, params, name, message):
    values = {"bbox": AROUND, "zoom": "16", **params}
    with pytest.raises(HotspotQueryError) as caught:
        HotspotQuery.from_params(values)
    assert list(caught.value.errors) == [name]
    assert message in caught.value.errors[name]


def test_all_bad_parameters_are_reported_at_once(db):
    with pytest.raises(HotspotQueryError) as caught:
        HotspotQuery.from_params({"bbox": "x", "zoom": "99", "category": "x", "date_to": "soon"})
    assert set(caught.value.errors) == {"bbox", "zoom", "category", "date_to"}


# --- Who may see the map -------------------------------------------------------------------------


@pytest.mark.parametrize("url", [HOTSPOTS, HOTSPOTS_CSV, reverse("reporting_api:area_profile")])
def test_anonymous_readers_are_refused(client, url):
    response = client.get(url, {"bbox": AROUND, "zoom": "16", "lat": "51.5", "lng": "0.1", "radius": "500"})
    assert response.status_code == 403
    assert "permission" in response.json()["error"]


@pytest.mark.parametrize("url", [HOTSPOTS, HOTSPOTS_CSV, reverse("reporting_api:area_profile")])
def test_staff_without_the_permission_or_a_school_are_refused(client, db, url):
    client.force_login(UserFactory(username="editor", is_staff=True))
    response = client.get(url, {"bbox": AROUND, "zoom": "16", "lat": "51.5", "lng": "0.1", "radius": "500"})
    assert response.status_code == 403


def test_an_inactive_user_with_the_permission_is_refused(client, analyst):
    client.force_login(analyst)
    analyst.is_active = False
    analyst.save()
    assert get_map(client).status_code in (302, 403)


def test_holders_of_the_permission_and_school_staff_may_see_the_map(client, analyst, lead_a, school_a):
    assert get_map(client, analyst).status_code == 200
    assert get_map(client, lead_a, school=school_a.pk).status_code == 200


@pytest.mark.parametrize("url", [HOTSPOTS, HOTSPOTS_CSV])
def test_school_staff_without_the_permission_may_ask_only_about_their_own_school(
    client, url, lead_a, school_a, school_b
):
    client.force_login(lead_a)
    for school in (school_b.pk, "", " ", "abc", "999999", f"{school_a.pk}.0", "\u00b2"):
        response = client.get(url, {"bbox": AROUND, "zoom": "16", "school": school})
        assert response.status_code == 403, school
        assert "only see your own school" in response.json()["error"]
        assert response["Cache-Control"] == "private, no-store"
    response = client.get(url, {"bbox": AROUND, "zoom": "16"})  # no school: the whole borough
    assert response.status_code == 403
    assert client.get(url, {"bbox": AROUND, "zoom": "16", "school": school_a.pk}).status_code == 200


def test_staff_of_several_schools_may_ask_about_each(client, lead_a, school_a, school_b):
    school_b.staff.add(lead_a)
    for school in (school_a, school_b):
        assert get_map(client, lead_a, school=school.pk).json()["query"]["exact"] is True


def test_school_staff_without_the_permission_may_not_read_area_profiles(client, lead_a):
    client.force_login(lead_a)
    response = client.get(reverse("reporting_api:area_profile"), {"lat": "51.5", "lng": "0.1", "radius": "500"})
    assert response.status_code == 403
    assert "permission" in response.json()["error"]


def test_answers_are_geojson_and_never_stored_by_caches(client, analyst):
    response = get_map(client, analyst)
    assert response["Content-Type"] == "application/geo+json"
    assert response["Cache-Control"] == "private, no-store"
    assert response.json()["type"] == "FeatureCollection"
    bad = get_map(client, analyst, zoom="x")
    assert bad["Cache-Control"] == "private, no-store"


def test_only_get_is_allowed(client, analyst):
    client.force_login(analyst)
    assert client.post(HOTSPOTS, {"bbox": AROUND, "zoom": "16"}).status_code == 405


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "0.05,51.50,0.33,51.65"}, "bbox"),
        ({"zoom": "1e3"}, "zoom"),
        ({"date_from": "2025-13-01"}, "date_from"),
        ({"date_to": "tomorrow"}, "date_to"),
        ({"date_from": "0000-01-01"}, "date_from"),
        ({"category": "<script>"}, "category"),
        ({"context": "online"}, "context"),
        ({"age_group": "toddler"}, "age_group"),
        ({"school": "1; DROP TABLE"}, "school"),
        ({"school": "99999999999999999999999"}, "school"),
        ({"school": "\u00b2"}, "school"),  # a digit to str.isdigit(), not to int()
    ],
)
def test_bad_parameters_get_400_with_a_message_never_500(client, analyst, params, name):
    for url in (HOTSPOTS, HOTSPOTS_CSV):
        client.force_login(analyst)
        response = client.get(url, {"bbox": AROUND, "zoom": "16", **params})
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert list(errors) == [name]
        assert errors[name]


# --- What the map shows -------------------------------------------------------------------------


@pytest.fixture
def mixed_reports(school_a, school_b):
    """In CELL today: 6 of school A's secondary pupils worried about bullying in their
    neighbourhood and 5 of school B's primary pupils worried about fighting at school. In NEAR_CELL,
    400 days ago: 5 of school A's pupils worried about the roads."""
    reports(6, school_a, categories=["bullying"])
    reports(5, school_b, point=None, context=choices.SCHOOL_GROUNDS, categories=["fighting"])
    long_ago = timezone.localdate() - timedelta(days=400)
    for _ in range(5):
        make_report_on(long_ago, school_a, point=NEARBY, categories=["roads"])
    return long_ago


def test_without_filters_the_map_counts_every_report_in_the_last_year(client, analyst, mixed_reports):
    cells_shown = features_by_cell(get_map(client, analyst))
    assert list(cells_shown) == [CELL]
    assert cells_shown[CELL]["count"] == 10  # 11, rounded to the nearest 5
    assert cells_shown[CELL]["categories"] == {"bullying": 5, "fighting": 5}  # 6 and 5
    assert cells_shown[CELL]["resolution"] == 10
    assert cells_shown[CELL]["suppressed"] is False


def test_the_category_filter_counts_reports_with_that_worry(client, analyst, mixed_reports):
    shown = features_by_cell(get_map(client, analyst, category="bullying"))
    assert shown[CELL]["count"] == 5  # 6
    assert shown[CELL]["categories"] == {"bullying": 5}


def test_the_context_filter(client, analyst, mixed_reports):
    assert features_by_cell(get_map(client, analyst, context="school"))[CELL]["count"] == 5
    assert features_by_cell(get_map(client, analyst, context="neighbourhood"))[CELL]["count"] == 5  # 6
    assert features_by_cell(get_map(client, analyst, context="route")) == {}


def test_the_age_group_filter(client, analyst, mixed_reports):
    assert features_by_cell(get_map(client, analyst, age_group="primary"))[CELL]["categories"] == {"fighting": 5}
    assert features_by_cell(get_map(client, analyst, age_group="secondary"))[CELL]["count"] == 5  # 6


def test_the_school_filter(client, analyst, mixed_reports, school_a, school_b):
    assert features_by_cell(get_map(client, analyst, school=school_a.pk))[CELL]["count"] == 5  # 6
    assert features_by_cell(get_map(client, analyst, school=school_b.pk))[CELL]["count"] == 5


def test_the_date_filters(client, analyst, mixed_reports):
    long_ago = mixed_reports
    with_old = features_by_cell(get_map(client, analyst, date_from=(long_ago - timedelta(days=1)).isoformat()))
    assert with_old[NEAR_CELL]["count"] == 5
    assert with_old[CELL]["count"] == 10  # 11
    only_old = features_by_cell(
        get_map(client, analyst, date_from=long_ago.isoformat(), date_to=(long_ago + timedelta(days=1)).isoformat())
    )
    assert list(only_old) == [NEAR_CELL]
    # Dates cover whole months: up to yesterday is up to the end of this month, today included.
    before_today = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert features_by_cell(get_map(client, analyst, date_to=before_today))[CELL]["count"] == 10
    end_of_last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).isoformat()
    assert features_by_cell(get_map(client, analyst, date_to=end_of_last_month)) == {}


def test_dates_are_widened_to_whole_months_unless_exact(client, analyst, lead_a, school_a):
    query = get_map(client, analyst, date_from="2025-02-14", date_to="2025-03-19").json()["query"]
    assert (query["date_from"], query["date_to"]) == ("2025-02-01", "2025-03-31")
    assert (query["rounded_to"], query["suppression_threshold"]) == (5, 5)
    assert "rounded to the nearest 5" in query["note"] and "whole calendar months" in query["note"]
    own = get_map(client, lead_a, school=school_a.pk, date_from="2025-02-14", date_to="2025-03-19").json()["query"]
    assert (own["date_from"], own["date_to"], own["rounded_to"]) == ("2025-02-14", "2025-03-19", None)
    leap = get_map(client, analyst, date_from="2024-02-29", date_to="2024-02-29").json()["query"]
    assert (leap["date_from"], leap["date_to"]) == ("2024-02-01", "2024-02-29")
    december = get_map(client, analyst, date_from="2024-12-31", date_to="2024-12-31").json()["query"]
    assert (december["date_from"], december["date_to"]) == ("2024-12-01", "2024-12-31")


def test_the_box_leaves_out_cells_whose_centre_is_outside(client, analyst, school_a):
    reports(5, school_a, point=CENTRE)
    reports(5, school_a, point=NEARBY)
    near = cells.centre(NEAR_CELL)
    around_nearby_only = f"{near.lng - 0.002},{near.lat - 0.001},{near.lng + 0.002},{near.lat + 0.001}"
    assert list(features_by_cell(get_map(client, analyst, bbox=around_nearby_only))) == [NEAR_CELL]
    assert set(features_by_cell(get_map(client, analyst))) == {CELL, NEAR_CELL}


def test_the_zoom_sets_the_cell_size(client, analyst, school_a):
    reports(5, school_a, point=CENTRE)
    reports(5, school_a, point=NEARBY)
    fine = features_by_cell(get_map(client, analyst, zoom="16"))
    assert {props["resolution"] for props in fine.values()} == {10}
    coarse = features_by_cell(get_map(client, analyst, zoom="10", bbox="0.0,51.4,0.4,51.8"))
    parent = cells.ancestor(CELL, 6)
    assert cells.ancestor(NEAR_CELL, 6) == parent
    assert coarse == {
        parent: coarse[parent] | {"cell": parent, "resolution": 6, "count": 10, "categories": {"bullying": 10}}
    }


def test_each_cell_is_a_hexagon_polygon(client, analyst, school_a):
    reports(5, school_a)
    feature = get_map(client, analyst).json()["features"][0]
    assert feature["geometry"] == {"type": "Polygon", "coordinates": [cells.boundary_geojson(CELL)]}
    centre = cells.centre(CELL)
    assert feature["properties"]["centre"] == [centre.lng, centre.lat]


def test_a_route_counts_once_in_each_cell_it_crosses(client, analyst, school_a):
    route = cells.snap_route([CENTRE, NEARBY])
    reports(5, school_a, point=None, context=choices.ROUTE, route_cells=route, categories=["roads"])
    shown = features_by_cell(get_map(client, analyst))
    assert set(shown) == {cell for cell in route if cells.centre(cell).lng <= 0.2}
    assert {props["count"] for props in shown.values()} == {5}


# --- Suppression --------------------------------------------------------------------------------


def test_a_cell_with_four_reports_is_not_shown_and_five_are(client, analyst, school_a):
    reports(4, school_a)
    assert features_by_cell(get_map(client, analyst)) == {}
    make_report(school_a)
    assert features_by_cell(get_map(client, analyst))[CELL]["count"] == 5


def test_a_small_worry_count_is_hidden_with_the_next_smallest(client, analyst, school_a):
    for worries in (
        ["bullying", "fighting", "roads"],
        ["bullying", "fighting", "roads"],
        ["bullying", "fighting"],
        ["bullying", "fighting"],
        ["bullying", "fighting"],
        ["bullying"],
    ):
        make_report(school_a, categories=worries)
    props = features_by_cell(get_map(client, analyst))[CELL]
    assert props["count"] == 5  # 6, rounded
    # roads (2) is hidden; fighting (5) too, or 2 could be worked out from the rest; and with a
    # hidden worry, the worries nobody reported are hidden too (listing them would say "none").
    assert props["categories"] == {worry.slug: {"bullying": 5}.get(worry.slug) for worry in choices.WORRIES}
    assert props["suppressed"] is True
    assert props["exact"] is False


def test_school_staff_see_exact_counts_for_their_own_school_only(client, lead_a, school_a, school_b):
    reports(3, school_a, categories=["bullying"])
    make_report(school_a, categories=["bullying", "weapons"])
    reports(4, school_b, categories=["fighting"])

    own = get_map(client, lead_a, school=school_a.pk).json()
    assert own["query"]["exact"] is True
    props = {f["properties"]["cell"]: f["properties"] for f in own["features"]}[CELL]
    assert (props["count"], props["categories"], props["exact"]) == (4, {"bullying": 4, "weapons": 1}, True)

    # Another school's counts, or the borough's, are refused (the map page offers neither).
    assert get_map(client, lead_a, school=school_b.pk).status_code == 403
    assert get_map(client, lead_a).status_code == 403


def test_the_borough_is_suppressed_and_rounded(client, analyst, school_a, school_b):
    reports(3, school_a, categories=["bullying"])
    make_report(school_a, categories=["bullying", "weapons"])
    reports(4, school_b, categories=["fighting"])
    everyone = features_by_cell(get_map(client, analyst))[CELL]
    assert everyone["count"] == 10  # 9
    assert everyone["categories"] == dict.fromkeys(worry.slug for worry in choices.WORRIES)  # all hidden


def test_an_analyst_filtering_by_a_school_still_sees_suppressed_counts(client, analyst, school_a):
    reports(4, school_a)
    assert features_by_cell(get_map(client, analyst, school=school_a.pk)) == {}


def test_visible_cells_never_shows_a_total_below_the_threshold(db, school_a):
    reports(3, school_a)
    query = HotspotQuery.from_params({"bbox": AROUND, "zoom": "16"})
    found = DatabaseHotspots().cells(query)
    assert [hotspot.count for hotspot in found] == [3]
    assert visible_cells(found, exact=False) == []
    assert [cell.count for cell in visible_cells(found, exact=True)] == [3]


def test_visible_cells_lists_worries_in_the_forms_order_whatever_order_they_arrive_in():
    worries = [worry.slug for worry in choices.WORRIES]
    found = [
        HotspotCell(cell=CELL, centre=cells.centre(CELL), count=30, categories={worries[2]: 10, worries[0]: 20}),
        # A backend answering with a key that is not a worry: kept, after the worries.
        HotspotCell(
            cell=NEAR_CELL,
            centre=cells.centre(NEAR_CELL),
            count=30,
            categories={"zz": 3, worries[3]: 12, worries[1]: 30},
        ),
    ]
    exact, other = visible_cells(found, exact=True)
    assert list(exact.categories.items()) == [(worries[0], 20), (worries[2], 10)]
    assert list(other.categories.items()) == [(worries[1], 30), (worries[3], 12), ("zz", 3)]
    rounded, hidden = visible_cells(found, exact=False)
    assert list(rounded.categories.items()) == [(worries[0], 20), (worries[2], 10)]  # zeros left out
    # "zz" is hidden (3), and with it the next smallest (12); then every worry is listed, the ones
    # without reports hidden too, so the list does not say which worries have none.
    assert list(hidden.categories) == [*worries, "zz"]
    assert {slug: value for slug, value in hidden.categories.items() if value is not None} == {worries[1]: 30}
    assert hidden.suppressed is True and hidden.count == 30


def test_the_database_backend_is_used_without_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = ""
    assert isinstance(get_backend(), DatabaseHotspots)


# --- CSV export ---------------------------------------------------------------------------------


def read_csv(response) -> list[dict[str, str]]:
    """The data rows; the last line, a note on how the numbers were treated, is checked and left off."""
    assert response.status_code == 200, response.content
    header, *rows, note = csv.reader(io.StringIO(response.content.decode()))
    assert len(note) == 1 and note[0].startswith("# ")
    return [dict(zip(header, row, strict=True)) for row in rows]


def csv_note(response) -> str:
    return list(csv.reader(io.StringIO(response.content.decode())))[-1][0]


def test_csv_export_applies_the_same_suppression(client, analyst, school_a):
    for worries in (["bullying", "roads"], ["bullying"], ["bullying"], ["bullying"], ["bullying"], ["bullying"]):
        make_report(school_a, categories=worries)
    reports(4, school_a, point=NEARBY)
    client.force_login(analyst)
    response = client.get(HOTSPOTS_CSV, {"bbox": AROUND, "zoom": "16"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row["cell"] for row in rows] == [CELL]  # the cell with 4 reports is left out
    assert rows[0]["reports"] == "5"  # 6, rounded
    assert rows[0]["bullying"] == "suppressed"  # hidden with roads, so roads cannot be worked out
    assert rows[0]["roads"] == "suppressed"
    assert rows[0]["weapons"] == "suppressed"  # a zero beside hidden numbers is hidden too
    assert list(rows[0])[:5] == ["cell", "resolution", "latitude", "longitude", "reports"]
    note = csv_note(response)
    assert "rounded to the nearest 5" in note and "below 5 are hidden" in note


def test_csv_export_shows_zeros_when_nothing_is_hidden(client, analyst, school_a):
    reports(7, school_a, categories=["bullying"])
    reports(5, school_a, categories=["roads"])
    client.force_login(analyst)
    rows = read_csv(client.get(HOTSPOTS_CSV, {"bbox": AROUND, "zoom": "16"}))
    assert (rows[0]["reports"], rows[0]["bullying"], rows[0]["roads"], rows[0]["weapons"]) == ("10", "5", "5", "0")


def test_csv_export_with_a_category_has_one_worry_column(client, analyst, school_a):
    reports(5, school_a, categories=["bullying", "roads"])
    client.force_login(analyst)
    rows = read_csv(client.get(HOTSPOTS_CSV, {"bbox": AROUND, "zoom": "16", "category": "roads"}))
    assert rows == [
        {
            "cell": CELL,
            "resolution": "10",
            "latitude": str(cells.centre(CELL).lat),
            "longitude": str(cells.centre(CELL).lng),
            "reports": "5",
            "roads": "5",
        }
    ]


def test_csv_export_is_exact_for_a_schools_own_staff(client, lead_a, school_a):
    reports(2, school_a, categories=["bullying"])
    client.force_login(lead_a)
    response = client.get(HOTSPOTS_CSV, {"bbox": AROUND, "zoom": "16", "school": school_a.pk})
    rows = read_csv(response)
    assert (rows[0]["reports"], rows[0]["bullying"]) == ("2", "2")
    assert "Exact counts" in csv_note(response)

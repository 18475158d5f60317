"""The hotspot map page in the admin: who may open it, that its table without JavaScript says what
the map API says, that small numbers stay hidden (and the others rounded to the nearest 5, over
whole calendar months) in the page and in its exports, that bad filters get plain errors, and that
the page asks nothing of a third party."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.reporting import analysis, cells, choices
from portal.reporting.hotspots import year_before
from portal.reporting.map_views import borough_bbox_param, table_zooms
from portal.reporting.models import School
from portal.reporting.roles import ANALYSTS, SAFEGUARDING_LEADS
from tests.factories import UserFactory
from tests.reporting.factories import CENTRE, SchoolFactory, make_report, make_report_on

pytestmark = pytest.mark.django_db

PAGE = reverse("reporting_hotspots:index")
QUARTERLY_CSV = reverse("reporting_hotspots:quarterly_csv")
HOTSPOTS = reverse("reporting_api:hotspots")
HIDDEN = "fewer than 5 or withheld"
FAR = (51.6105, 0.2801)  # other parts of the borough, in other cells than CENTRE's at every size
SOUTH = (51.5650, 0.2200)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:2000]
    return BeautifulSoup(response.content, "html.parser")


def reports(count: int, school: School, **kwargs) -> None:
    for _ in range(count):
        make_report(school, **kwargs)


def table_rows(soup: BeautifulSoup) -> list[dict]:
    rows = []
    for row in soup.select("table.hotspot-table tbody tr"):
        rows.append(
            {
                "cell": row["data-cell"],
                "count": row.select_one(".hotspot-table__count").get_text(strip=True),
                "worries": [item.get_text(" ", strip=True) for item in row.select(".hotspot-table__worries li")],
            }
        )
    return rows


def breakdown(soup: BeautifulSoup, table_id: str) -> dict[str, str]:
    return {
        row["data-key"]: row.find("td").get_text(strip=True) for row in soup.select(f"#{table_id} tbody tr[data-key]")
    }


def read_csv(response) -> list[dict[str, str]]:
    """The data rows; the last line, a note on how the numbers were treated, is checked and left off."""
    assert response.status_code == 200, response.content
    header, *rows, note = csv.reader(io.StringIO(response.content.decode()))
    assert len(note) == 1 and note[0].startswith("# ")
    return [dict(zip(header, row, strict=True)) for row in rows]


def other_worries_hidden(shown: int) -> str:
    """The table's line for the worries of a cell that are hidden: with a hidden worry, every worry
    not shown is hidden, those nobody reported too."""
    return f"{len(choices.WORRIES) - shown} other worries: {HIDDEN} each"


@pytest.fixture
def school_a() -> School:
    return SchoolFactory(name="Brook Academy", urn="820001", phase=choices.SECONDARY)


@pytest.fixture
def school_b() -> School:
    """A primary school at SOUTH (reports about its grounds are counted at the school)."""
    return SchoolFactory(
        name="Parkside Primary", urn="820002", phase=choices.PRIMARY, location=f"SRID=4326;POINT({SOUTH[1]} {SOUTH[0]})"
    )


@pytest.fixture
def analyst():
    return UserFactory(username="analyst", groups=[ANALYSTS])


@pytest.fixture
def lead_a(school_a):
    user = UserFactory(username="lead-a", groups=[SAFEGUARDING_LEADS])
    school_a.staff.add(user)
    return user


@pytest.fixture
def borough(school_a, school_b) -> None:
    """Reports in three places: 14 at CENTRE (6 bullying, 3 bullying and weapons, 5 dark places), 6
    at SOUTH about the roads (primary pupils in their school grounds), 5 FAR about groups, and 4
    at home (no place on the map)."""
    reports(6, school_a, point=CENTRE, categories=["bullying"])
    reports(3, school_a, point=CENTRE, categories=["bullying", "weapons"])
    reports(5, school_a, point=CENTRE, categories=["dark-lonely"])
    reports(6, school_b, point=None, context=choices.SCHOOL_GROUNDS, categories=["roads"])
    reports(5, school_a, point=FAR, categories=["groups"])
    reports(4, school_a, point=None, context=choices.HOME, categories=["shouting-at-home"])


# --- Who may open it ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [PAGE, QUARTERLY_CSV])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url", [PAGE, QUARTERLY_CSV])
def test_an_editor_without_the_permission_or_a_school_is_turned_away(url, borough):
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = client_for(editor)

    response = client.get(url)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert PAGE not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_analyst_sees_the_page_and_the_menu_item(analyst, borough):
    client = client_for(analyst)
    soup = soup_of(client.get(PAGE))
    assert soup.find("h2", string="Areas with most reports")
    assert PAGE in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_school_lead_sees_the_page_and_the_menu_item(lead_a):
    client = client_for(lead_a)
    assert client.get(PAGE).status_code == 200
    assert PAGE in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_lead_is_offered_only_their_own_school_and_starts_with_it(lead_a, school_a, school_b):
    soup = soup_of(client_for(lead_a).get(PAGE))
    options = {option["value"]: option.get_text(strip=True) for option in soup.select("select[name=school] option")}
    # No "all schools" choice: the borough's counts, set against their own exact ones, could single
    # out another school's pupil (the API refuses them the borough too).
    assert options == {str(school_a.pk): "Brook Academy"}
    assert soup.select_one("select[name=school] option[selected]")["value"] == str(school_a.pk)


def test_a_lead_of_several_schools_may_choose_each(lead_a, school_a, school_b):
    school_b.staff.add(lead_a)
    soup = soup_of(client_for(lead_a).get(PAGE, {"school": school_b.pk}))
    assert [option["value"] for option in soup.select("select[name=school] option")] == [
        str(school_a.pk),
        str(school_b.pk),
    ]
    assert soup.select_one("select[name=school] option[selected]")["value"] == str(school_b.pk)


def test_an_analyst_is_offered_every_school(analyst, school_a, school_b):
    soup = soup_of(client_for(analyst).get(PAGE))
    values = [option["value"] for option in soup.select("select[name=school] option")]
    assert values == ["", str(school_a.pk), str(school_b.pk)]
    assert soup.select_one("select[name=school] option[selected]")["value"] == ""


def test_a_lead_cannot_choose_another_school(lead_a, school_b, borough):
    client = client_for(lead_a)
    soup = soup_of(client.get(PAGE, {"school": school_b.pk}))
    assert "School: Choose a school from the list." in soup.select_one(".hotspot-error-summary").get_text(
        " ", strip=True
    )
    assert not soup.select("table.hotspot-table") and not soup.select("#themes-by-worry")
    assert "Parkside" not in soup.select_one("main").get_text()
    assert client.get(QUARTERLY_CSV, {"school": school_b.pk}).status_code == 400


def test_a_lead_gets_exact_counts_for_their_own_school_only(lead_a, school_a, school_b):
    reports(3, school_a, point=CENTRE, categories=["weapons"])
    reports(4, school_b, point=CENTRE, categories=["fighting"])
    client = client_for(lead_a)
    cell = cells.ancestor(cells.snap(*CENTRE), 8)

    own = soup_of(client.get(PAGE, {"school": school_a.pk}))
    assert table_rows(own) == [{"cell": cell, "count": "3", "worries": ["Knives or other weapons: 3"]}]
    assert breakdown(own, "themes-by-worry")["weapons"] == "3"
    assert "exact counts of your own school" in own.get_text()
    # The map on the page asks the API the same question, which it answers (exactly).
    filters = json.loads(own.select_one("[data-hotspot-map]")["data-filters"])
    features = api_features(client, {**filters, "bbox": borough_bbox_param(), "zoom": "13"})
    assert [(props["count"], props["exact"]) for props in features] == [(3, True)]

    # Asking for no school is asking for their own: the borough (7 here) is never shown to them.
    no_school = soup_of(client.get(PAGE, {"school": ""}))
    assert table_rows(no_school) == table_rows(own)
    assert "exact counts of your own school" in no_school.get_text()
    assert client.get(HOTSPOTS, {"bbox": borough_bbox_param(), "zoom": "13"}).status_code == 403


def test_an_analyst_filtering_to_a_school_still_sees_hidden_numbers(analyst, school_a):
    reports(3, school_a, point=CENTRE, categories=["weapons"])
    soup = soup_of(client_for(analyst).get(PAGE, {"school": school_a.pk}))
    assert table_rows(soup) == []
    assert breakdown(soup, "themes-by-worry")["weapons"] == HIDDEN


def test_the_page_is_never_cached(analyst):
    cache_control = client_for(analyst).get(PAGE)["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


# --- The table without JavaScript matches the API -------------------------------------------------


def api_features(client: Client, params: dict) -> list[dict]:
    response = client.get(HOTSPOTS, params)
    assert response.status_code == 200, response.content
    return [feature["properties"] for feature in response.json()["features"]]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"zoom": "11"},
        {"category": "bullying"},
        {"context": choices.SCHOOL_GROUNDS},
        {"age_group": choices.SECONDARY},
        {"date_from": (timezone.localdate() - timedelta(days=30)).isoformat()},
    ],
)
def test_the_table_lists_what_the_api_gives_for_the_same_filters(analyst, borough, filters):
    client = client_for(analyst)
    soup = soup_of(client.get(PAGE, filters))
    zoom = filters.get("zoom", str(table_zooms()[0][0]))

    features = api_features(client, {**filters, "bbox": borough_bbox_param(), "zoom": zoom})
    expected = sorted(features, key=lambda props: (-props["count"], props["cell"]))
    rows = table_rows(soup)
    assert [row["cell"] for row in rows] == [props["cell"] for props in expected]
    assert [row["count"] for row in rows] == [str(props["count"]) for props in expected]
    for row, props in zip(rows, expected, strict=True):
        shown = {slug: count for slug, count in props["categories"].items() if count}
        top = sorted(shown.items(), key=lambda item: -item[1])[:3]
        assert row["worries"][: len(top)] == [f"{choices.worry_label(slug)}: {count}" for slug, count in top]
    assert rows, "the borough has areas to list"

    # The CSV link asks the API's export the same question.
    link = soup.find("a", string=lambda text: text and "Download every area" in text)["href"]
    assert urlsplit(link).path == reverse("reporting_api:hotspots_csv")
    query = {name: values[0] for name, values in parse_qs(urlsplit(link).query).items()}
    assert query["bbox"] == borough_bbox_param() and query["zoom"] == zoom
    csv_rows = read_csv(client.get(link))
    assert sorted((row["cell"], row["reports"]) for row in csv_rows) == sorted(
        (props["cell"], str(props["count"])) for props in features
    )


def test_the_default_table_covers_the_last_year_at_the_finest_size_that_fits(analyst, borough):
    soup = soup_of(client_for(analyst).get(PAGE))
    rows = table_rows(soup)
    assert [row["count"] for row in rows] == ["15", "5", "5"]  # 14, 6 and 5, rounded to the nearest 5
    centre, south, far = (cells.ancestor(cells.snap(*place), 8) for place in (CENTRE, SOUTH, FAR))
    assert [row["cell"] for row in rows] == [centre, *sorted([south, far])]  # equal counts: by cell
    # weapons (3) is hidden, and dark places (5) with it, or 3 could be worked out; so are the
    # worries nobody reported there.
    by_cell = {row["cell"]: row["worries"] for row in rows}
    assert by_cell[centre] == ["Bullying or being picked on: 10", other_worries_hidden(1)]  # 9
    assert by_cell[south] == ["Dangerous roads or traffic: 5"]  # 6
    assert "rounded to the nearest 5" in soup.select_one("#hotspot-table-title").parent.get_text(" ")
    assert soup.select_one("select[name=zoom] option[selected]")["value"] == "13"
    assert [option["value"] for option in soup.select("select[name=zoom] option")] == ["13", "11", "9"]


def test_the_map_is_given_the_same_filters_in_data_attributes(analyst, borough, school_a):
    params = {"category": "bullying", "age_group": choices.SECONDARY, "school": str(school_a.pk), "zoom": "11"}
    soup = soup_of(client_for(analyst).get(PAGE, params))
    element = soup.select_one("[data-hotspot-map]")
    filters = json.loads(element["data-filters"])
    today = timezone.localdate()
    # An analyst's counts are not exact, so the dates cover whole months.
    assert filters == {
        "category": "bullying",
        "age_group": choices.SECONDARY,
        "school": str(school_a.pk),
        "date_from": year_before(today).replace(day=1).isoformat(),
        "date_to": analysis.month_end(today.replace(day=1)).isoformat(),
    }
    assert element["data-hotspots-url"] == HOTSPOTS
    labels = json.loads(element["data-labels"])
    assert labels["hidden"] == HIDDEN and labels["worries"]["bullying"] == "Bullying or being picked on"
    assert labels["rounded"] == "Numbers are rounded to the nearest 5; small numbers are hidden."
    assert json.loads(element["data-bands"]) == [1, 5, 10, 20, 50]
    # Hidden until the script builds the map: without JavaScript only the table shows.
    assert soup.select_one("[data-hotspot-map-panel]").has_attr("hidden")
    legend = [item.get_text(" ", strip=True) for item in soup.select(".hotspot-legend__bands li")]
    assert legend == ["5 to 9 reports", "10 to 19 reports", "20 to 49 reports", "50 or more reports"]


def test_home_and_online_have_no_map_but_do_have_themes(analyst, borough):
    soup = soup_of(client_for(analyst).get(PAGE, {"context": choices.HOME}))
    assert not soup.select("[data-hotspot-map]") and not soup.select("table.hotspot-table")
    assert "Reports at home and online have no place on the map" in soup.get_text()
    assert breakdown(soup, "themes-by-context") == {choices.HOME: HIDDEN}  # 4 reports


# --- Suppression in the tables and the CSV --------------------------------------------------------


def test_a_worry_with_three_reports_is_hidden_in_the_tables(analyst, borough):
    soup = soup_of(client_for(analyst).get(PAGE))
    worries = breakdown(soup, "themes-by-worry")
    assert worries["weapons"] == HIDDEN  # 3 reports
    assert worries["bullying"] == "10"  # 9, rounded to the nearest 5
    assert worries["roads"] == "5" and worries["groups"] == "5" and worries["dark-lonely"] == "5"  # 6, 5, 5
    assert worries["shouting-at-home"] == HIDDEN  # 4 reports at home
    assert worries["drugs"] == HIDDEN  # none, but a zero beside hidden numbers is hidden too
    contexts = breakdown(soup, "themes-by-context")
    assert contexts[choices.HOME] == HIDDEN and contexts[choices.NEIGHBOURHOOD] == "20"  # 19
    assert contexts[choices.SCHOOL_GROUNDS] == HIDDEN  # hidden with home, or home could be worked out
    month = timezone.localdate().strftime("%Y-%m")
    assert breakdown(soup, "trend-by-month")[month] == "30"  # 29
    assert "(so far)" in soup.select_one(f"#trend-by-month tr[data-key='{month}'] th").get_text()
    themes_text = soup.select_one("#hotspot-themes-title").parent.get_text(" ", strip=True)
    assert "Numbers are rounded to the nearest 5" in themes_text
    # The hidden numbers themselves appear nowhere in the themes' tables.
    for table in soup.select("#themes-by-worry, #themes-by-context, #themes-by-age-group"):
        for cell in table.select("td"):
            assert cell.get_text(strip=True) not in {"3", "4"}


def test_quarterly_summary_page_and_csv_equal_the_reports_and_hide_small_numbers(analyst, school_a, school_b):
    today = timezone.localdate()
    last_start = analysis.complete_quarters(today, 1)[0]
    before_start = analysis.add_months(last_start, -3)
    for _ in range(3):
        make_report_on(last_start + timedelta(days=3), school_a, categories=["weapons", "bullying"])
    for _ in range(5):
        make_report_on(last_start + timedelta(days=10), school_b, categories=["bullying", "roads"])
    for _ in range(6):
        make_report_on(before_start + timedelta(days=20), school_a, categories=["bullying"])

    client = client_for(analyst)
    soup = soup_of(client.get(PAGE))
    code = f"{last_start.year}-Q{(last_start.month - 1) // 3 + 1}"
    headers = [th["data-quarter"] for th in soup.select("#quarterly-summary th[data-quarter]")]
    assert headers[-1] == code and len(headers) == 4
    rows = {row["data-key"]: row for row in soup.select("#quarterly-summary tbody tr")}

    def last_counts(key: str) -> list[str]:
        """The last quarter's reports and change for one line of the table."""
        return [td.get_text(strip=True) for td in rows[key].select("td")][-2:]

    # 8 against 6, each rounded to the nearest 5 first: 10 against 5.
    assert last_counts("all") == ["10", "+5 (+100%)"]
    assert last_counts("bullying") == ["10", "+5 (+100%)"]
    assert last_counts("weapons") == [HIDDEN, "not shown (small numbers)"]
    assert last_counts("roads") == [HIDDEN, "not shown (small numbers)"]  # hidden with weapons

    link = soup.find("a", string=lambda text: text and "quarterly summary" in text)["href"]
    assert urlsplit(link).path == QUARTERLY_CSV
    response = client.get(link)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    rows_csv = {(row["quarter"], row["worry"]): row for row in read_csv(response)}
    assert rows_csv[(code, "all")]["reports"] == "10" and rows_csv[(code, "all")]["previous_quarter_reports"] == "5"
    assert rows_csv[(code, "bullying")]["change"] == "5"
    assert rows_csv[(code, "weapons")]["reports"] == "suppressed"
    assert rows_csv[(code, "weapons")]["change"] == "suppressed"
    assert "3" not in {row["reports"] for row in rows_csv.values()}


def test_the_quarterly_csv_is_exact_for_a_schools_own_staff(lead_a, school_a):
    last_start = analysis.complete_quarters(timezone.localdate(), 1)[0]
    for _ in range(3):
        make_report_on(last_start + timedelta(days=3), school_a, categories=["weapons"])
    client = client_for(lead_a)
    code = f"{last_start.year}-Q{(last_start.month - 1) // 3 + 1}"

    own = {(row["quarter"], row["worry"]): row for row in read_csv(client.get(QUARTERLY_CSV, {"school": school_a.pk}))}
    assert own[(code, "weapons")]["reports"] == "3"
    assert "Exact counts" in client.get(QUARTERLY_CSV, {"school": school_a.pk}).content.decode().splitlines()[-1]
    # No school is their own school; another school is refused.
    no_school = {(row["quarter"], row["worry"]): row for row in read_csv(client.get(QUARTERLY_CSV, {"school": ""}))}
    assert no_school == own
    assert client.get(QUARTERLY_CSV, {"school": SchoolFactory(urn="820009").pk}).status_code == 400


def test_the_quarterly_csv_is_suppressed_for_an_analyst(analyst, school_a):
    last_start = analysis.complete_quarters(timezone.localdate(), 1)[0]
    for _ in range(3):
        make_report_on(last_start + timedelta(days=3), school_a, categories=["weapons"])
    code = f"{last_start.year}-Q{(last_start.month - 1) // 3 + 1}"
    response = client_for(analyst).get(QUARTERLY_CSV, {"school": school_a.pk})
    everyone = {(row["quarter"], row["worry"]): row for row in read_csv(response)}
    assert everyone[(code, "weapons")]["reports"] == "suppressed"
    assert "rounded to the nearest 5" in response.content.decode().splitlines()[-1]


# --- Bad filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "label", "message"),
    [
        ({"date_from": "2025-13-01"}, "Sent from", "Enter a real date, for example 2025-01-31."),
        ({"date_to": "tomorrow"}, "Sent up to", "Enter a real date, for example 2025-01-31."),
        ({"date_to": "2025-02-30"}, "Sent up to", "Enter a real date"),
        ({"date_from": "0001-01-01"}, "Sent from", "Enter a date from 2000-01-01 to 2100-12-31."),
        ({"date_to": "9999-12-31"}, "Sent up to", "Enter a date from 2000-01-01"),
        ({"date_from": "2025-03-01", "date_to": "2025-02-01"}, "Sent from", "The start date must be on or before"),
        ({"category": "<script>alert(1)</script>"}, "Worry", "Choose a worry from the list."),
        ({"context": "space"}, "Where", "Choose a place from the list."),
        ({"age_group": "adult"}, "Age group", "Choose primary, secondary or both."),
        ({"school": "abc"}, "School", "Choose a school from the list."),
        ({"school": "99999999999999999999999"}, "School", "Choose a school from the list."),
        ({"school": "1; DROP TABLE"}, "School", "Choose a school from the list."),
        ({"zoom": "16"}, "Size of the areas in the table", "Choose one of the sizes in the list."),
        ({"zoom": "x"}, "Size of the areas in the table", "Choose one of the sizes in the list."),
    ],
)
def test_bad_filters_get_plain_errors_never_a_500(analyst, borough, params, label, message):
    client = client_for(analyst)
    soup = soup_of(client.get(PAGE, params))
    summary = soup.select_one(".hotspot-error-summary")
    assert summary is not None
    assert f"{label}: {message}" in summary.get_text(" ", strip=True)
    link = summary.find("a")["href"]
    assert soup.select_one(link) is not None  # the summary links to the field
    assert not soup.select("table.hotspot-table")
    assert "<script>alert" not in soup.decode()

    exported = client.get(QUARTERLY_CSV, params)
    assert exported.status_code == 400
    assert exported["Content-Type"] == "text/plain; charset=utf-8"
    assert message in exported.content.decode()


def test_dates_may_be_typed_the_uk_way(analyst, borough):
    soup = soup_of(client_for(analyst).get(PAGE, {"date_from": "01/01/2024", "date_to": "31/12/2024"}))
    assert not soup.select(".hotspot-error-summary")
    assert "1 January 2024 to 31 December 2024" in soup.select_one("#hotspot-themes-title").parent.get_text(" ")


def test_an_analysts_dates_cover_whole_months(analyst, borough):
    soup = soup_of(client_for(analyst).get(PAGE, {"date_from": "2024-01-15", "date_to": "2024-12-03"}))
    assert not soup.select(".hotspot-error-summary")
    assert "1 January 2024 to 31 December 2024" in soup.select_one("#hotspot-themes-title").parent.get_text(" ")
    assert "whole calendar months" in soup.select_one("#id_date_to").find_parent().parent.get_text(" ")
    filters = json.loads(soup.select_one("[data-hotspot-map]")["data-filters"])
    link = soup.find("a", string=lambda text: text and "Download every area" in text)["href"]
    query = {name: values[0] for name, values in parse_qs(urlsplit(link).query).items()}
    assert (query["date_from"], query["date_to"]) == ("2024-01-01", "2024-12-31")
    assert filters == {"date_from": "2024-01-01", "date_to": "2024-12-31"}


def test_a_leads_own_school_dates_are_exact(lead_a, school_a):
    soup = soup_of(
        client_for(lead_a).get(PAGE, {"school": school_a.pk, "date_from": "2024-01-15", "date_to": "2024-12-03"})
    )
    assert "15 January 2024 to 3 December 2024" in soup.select_one("#hotspot-themes-title").parent.get_text(" ")


# --- Nothing from a third party -------------------------------------------------------------------


def test_the_page_loads_nothing_from_a_third_party(analyst, borough, settings):
    settings.MAP_TILE_URL = ""
    soup = soup_of(client_for(analyst).get(PAGE))

    urls = [tag["src"] for tag in soup.find_all(["script", "img", "iframe", "source", "audio", "video"], src=True)]
    urls += [tag["href"] for tag in soup.find_all("link", href=True)]
    assert urls
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
    scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
    assert "/static/vendor/leaflet/leaflet.js" in scripts and "/static/js/hotspot-map.js" in scripts
    styles = [tag["href"] for tag in soup.find_all("link", rel="stylesheet")]
    assert "/static/vendor/leaflet/leaflet.css" in styles and "/static/css/hotspot-map.css" in styles
    assert "unpkg" not in soup.decode() and "openstreetmap" not in soup.decode().lower()

    element = soup.select_one("[data-hotspot-map]")
    assert element["data-tile-url"] == ""
    overlay = json.loads(element["data-overlay"])
    assert overlay["url"] == "/static/images/maps/eastbrook.svg"
    assert overlay["bounds"] == [[51.555, 0.14], [51.6, 0.23]]


def test_with_a_tile_server_the_map_uses_it_and_no_sketch(analyst, borough, settings):
    settings.MAP_TILE_URL = "https://tiles.borough.example/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Borough tiles"
    element = soup_of(client_for(analyst).get(PAGE)).select_one("[data-hotspot-map]")
    assert element["data-tile-url"] == "https://tiles.borough.example/{z}/{x}/{y}.png"
    assert element["data-tile-attribution"] == "Borough tiles"
    assert element["data-overlay"] == ""


def test_the_scripts_and_styles_exist():
    from django.contrib.staticfiles import finders

    for name in ("js/hotspot-map.js", "css/hotspot-map.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"):
        assert finders.find(name), name


# --- Accessible markup ----------------------------------------------------------------------------


def test_tables_have_captions_and_header_scopes_and_fields_have_labels(analyst, borough):
    soup = soup_of(client_for(analyst).get(PAGE))
    tables = soup.select("main table")
    assert len(tables) == 6
    for table in tables:
        assert table.find("caption").get_text(strip=True)
        for header in table.find_all("th"):
            assert header.get("scope") in {"col", "row", "colgroup"}
    form = soup.select_one("form.hotspot-filters")
    assert form["method"] == "get"
    for field in form.select("input:not([type=hidden]), select"):
        assert soup.select_one(f"label[for={field['id']}]") is not None, field["name"]

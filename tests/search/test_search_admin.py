"""The site search in the admin, as editors and moderators use it: the "Search terms" report, the
synonym list and promoted results. People without the permissions see none of it."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.home.roles import APPROVERS, EDITORS
from search.models import SearchQueryDay, Synonym
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/search-terms/"
CSV_URL = "/admin/reports/search-terms/search-terms.csv"
SYNONYM_ADD_URL = "/admin/snippets/search/synonym/add/"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client():
    return logged_in(UserFactory(username="editor", groups=[EDITORS]))


@pytest.fixture
def moderator_client():
    return logged_in(UserFactory(username="moderator", groups=[APPROVERS]))


@pytest.fixture
def outsider_client():
    """Someone who may sign in to the admin, and nothing more."""
    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return logged_in(outsider)


@pytest.fixture
def searches(db):
    today = timezone.localdate()
    for days_ago, query, count, empty in [
        (0, "ofsted", 9, 0),
        (1, "ofsted", 3, 0),
        (0, "ofstead", 4, 4),
        (2, "lac review", 5, 1),
        (40, "county lines", 6, 6),  # only in the 90-day and 12-month periods
        (0, "=hyperlink(1)", 1, 1),
    ]:
        SearchQueryDay.objects.create(
            date=today - datetime.timedelta(days=days_ago), query=query, searches=count, no_results=empty
        )


def table_rows(response, heading: str) -> list[list[str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    section = next(s for s in soup.select("section") if s.h2 and s.h2.get_text(strip=True) == heading)
    return [[" ".join(cell.get_text().split()) for cell in row.select("th, td")] for row in section.select("tbody tr")]


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- The report ------------------------------------------------------------------------------------


def test_editor_finds_the_report_in_the_reports_menu(editor_client):
    dashboard = editor_client.get("/admin/")

    assert REPORT_URL in dashboard.content.decode()


def test_editor_sees_top_queries_and_queries_that_found_nothing(editor_client, searches):
    response = editor_client.get(REPORT_URL)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert [row[:3] for row in table_rows(response, "Most searched")] == [
        ["ofsted", "12", "0"],
        ["lac review", "5", "1"],
        ["ofstead", "4", "4"],
        ["=hyperlink(1)", "1", "1"],
    ]
    assert [row[:3] for row in table_rows(response, "Searches that found nothing")] == [
        ["ofstead", "4", "4"],
        ["=hyperlink(1)", "1", "1"],
        ["lac review", "5", "1"],
    ]
    assert "county lines" not in response.content.decode()  # 40 days ago: outside the last 30 days


def test_each_query_links_to_the_search_and_to_adding_a_synonym_or_promotion(editor_client, searches):
    response = editor_client.get(REPORT_URL)
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select("table a")}

    assert links["ofstead"] == f"{reverse('search')}?query=ofstead"
    assert links["Add synonyms for “ofstead”"] == f"{SYNONYM_ADD_URL}?phrases=ofstead%2C+"
    assert links["Promote a result for “ofstead”"] == reverse("wagtailsearchpromotions:add")
    # Queries that found something get no "add" links.
    assert "Add synonyms for “ofsted”" not in links


def test_the_synonym_link_opens_the_form_with_the_query_filled_in(editor_client):
    response = editor_client.get(SYNONYM_ADD_URL, {"phrases": "ofstead, "})

    assert response.status_code == 200
    assert response.context["form"]["phrases"].value() == "ofstead,"


@pytest.mark.parametrize(
    ("period", "shown"),
    [("7", False), ("30", False), ("90", True), ("365", True), ("1000", False), ("", False)],
)
def test_the_period_is_chosen_with_a_plain_form(editor_client, searches, period, shown):
    response = editor_client.get(REPORT_URL, {"period": period})

    assert response.status_code == 200
    assert ("county lines" in response.content.decode()) is shown
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form.search-terms-period")
    assert form["method"] == "get" and form.select_one("button[type=submit]")
    selected = form.select_one("select[name=period] option[selected]")
    assert selected["value"] == (period if period in ("7", "30", "90", "365") else "30")


def test_the_last_7_days_include_today_and_the_6_days_before(editor_client, searches):
    today = timezone.localdate()
    SearchQueryDay.objects.create(date=today - datetime.timedelta(days=6), query="six days ago", searches=1)
    SearchQueryDay.objects.create(date=today - datetime.timedelta(days=7), query="seven days ago", searches=1)

    html = editor_client.get(REPORT_URL, {"period": "7"}).content.decode()

    assert "six days ago" in html
    assert "seven days ago" not in html


def test_the_report_says_when_there_is_nothing_to_show(editor_client):
    html = editor_client.get(REPORT_URL).content.decode()

    assert "Nobody searched in this period." in html
    assert "Every search in this period found something." in html


def test_the_tables_download_as_csv_for_the_same_period(editor_client, searches):
    page = BeautifulSoup(editor_client.get(REPORT_URL, {"period": "90"}).content, "html.parser")
    csv_links = [a["href"] for a in page.select("a[download]")]
    assert len(csv_links) == 2

    top = editor_client.get(csv_links[0])
    nothing = editor_client.get(csv_links[1])

    assert top.status_code == 200
    assert top["Content-Type"].startswith("text/csv")
    assert "attachment" in top["Content-Disposition"]
    assert "no-store" in top["Cache-Control"]
    assert [(r["Search terms"], r["Searches"], r["Searches that found nothing"]) for r in csv_rows(top)] == [
        ("ofsted", "12", "0"),
        ("county lines", "6", "6"),
        ("lac review", "5", "1"),
        ("ofstead", "4", "4"),
        ("'=hyperlink(1)", "1", "1"),  # never run as a formula by a spreadsheet program
    ]
    assert [r["Search terms"] for r in csv_rows(nothing)] == ["county lines", "ofstead", "'=hyperlink(1)", "lac review"]


def test_moderators_see_the_report_too(moderator_client, searches):
    assert moderator_client.get(REPORT_URL).status_code == 200
    assert moderator_client.get(CSV_URL).status_code == 200


def test_the_report_is_refused_to_users_without_the_permission(outsider_client, searches):
    assert outsider_client.get("/admin/").status_code == 200  # they can sign in to the admin...
    response = outsider_client.get(REPORT_URL)  # ...but not see the report

    assert response.status_code in (302, 403)
    assert b"ofstead" not in response.content
    download = outsider_client.get(CSV_URL, {"list": "no-results"})
    assert download.status_code in (302, 403)
    assert b"ofstead" not in download.content
    assert REPORT_URL not in outsider_client.get("/admin/").content.decode()


def test_the_report_sends_anonymous_visitors_to_sign_in(client, searches):
    for url in (REPORT_URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_wagtails_own_empty_search_terms_report_is_not_in_the_menu():
    superuser = UserFactory(username="admin", is_superuser=True, is_staff=True)

    html = logged_in(superuser).get("/admin/").content.decode()

    assert REPORT_URL in html
    assert reverse("wagtailsearchpromotions:search_terms") not in html


# --- Synonyms --------------------------------------------------------------------------------------


def test_editor_finds_the_synonyms_in_the_settings_menu(editor_client):
    html = editor_client.get("/admin/").content.decode()

    assert reverse("wagtailsnippets_search_synonym:list") in html
    assert "Search synonyms" in html


def test_editor_adds_a_synonym_group(editor_client):
    response = editor_client.post(
        SYNONYM_ADD_URL, {"phrases": "LAC, looked after children, children in care", "language": "", "note": "DfE"}
    )

    assert response.status_code == 302
    synonym = Synonym.objects.get(note="DfE")
    assert synonym.phrase_list == ["LAC", "looked after children", "children in care"]


def test_a_group_with_one_phrase_is_refused(editor_client):
    before = Synonym.objects.count()

    response = editor_client.post(SYNONYM_ADD_URL, {"phrases": "LAC, lac", "language": "", "note": "Only one"})

    assert response.status_code == 200
    assert response.context["form"].errors["phrases"] == [
        "Give at least two words or phrases, separated by commas, that mean the same."
    ]
    assert Synonym.objects.count() == before


def test_the_synonym_list_can_be_searched(editor_client):
    Synonym.objects.create(phrases="zzlac, zzlooked after child", note="first")
    Synonym.objects.create(phrases="zzcp, zzchild protection", note="second")

    response = editor_client.get(reverse("wagtailsnippets_search_synonym:list"), {"q": "zzlooked"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "zzlac" in html
    assert "zzchild protection" not in html


def test_editors_change_synonyms_but_only_moderators_delete_them(editor_client, moderator_client):
    synonym = Synonym.objects.create(phrases="zzcse, zzchild sexual exploitation")
    edit_url = reverse("wagtailsnippets_search_synonym:edit", args=[synonym.pk])
    delete_url = reverse("wagtailsnippets_search_synonym:delete", args=[synonym.pk])

    changed = editor_client.post(edit_url, {"phrases": "zzcse, zzexploitation", "language": "", "note": ""})
    assert changed.status_code == 302
    synonym.refresh_from_db()
    assert synonym.phrase_list == ["zzcse", "zzexploitation"]

    assert editor_client.post(delete_url).status_code in (302, 403)
    assert Synonym.objects.filter(pk=synonym.pk).exists()

    assert moderator_client.post(delete_url).status_code == 302
    assert not Synonym.objects.filter(pk=synonym.pk).exists()


def test_outsiders_cannot_add_synonyms(outsider_client):
    response = outsider_client.post(SYNONYM_ADD_URL, {"phrases": "a, b", "language": "", "note": "outsider"})

    assert response.status_code in (302, 403)
    assert not Synonym.objects.filter(note="outsider").exists()


# --- Promoted results ------------------------------------------------------------------------------


def test_editor_finds_promoted_results_in_the_settings_menu(editor_client):
    html = editor_client.get("/admin/").content.decode()

    assert reverse("wagtailsearchpromotions:index") in html
    assert editor_client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    assert editor_client.get(reverse("wagtailsearchpromotions:add")).status_code == 200


def test_editor_promotes_a_page_for_a_query(editor_client, home_page):
    page = StandardPageFactory(parent=home_page, title="Ofsted inspections")

    response = editor_client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "Ofsted",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": "0",
            "editors_picks-0-page": str(page.pk),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "How inspections work.",
        },
    )

    assert response.status_code == 302
    promotion = SearchPromotion.objects.get()
    assert (promotion.query.query_string, promotion.page_id) == ("ofsted", page.pk)


def test_outsiders_cannot_manage_promoted_results(outsider_client):
    assert outsider_client.get(reverse("wagtailsearchpromotions:add")).status_code in (302, 403)
    assert reverse("wagtailsearchpromotions:index") not in outsider_client.get("/admin/").content.decode()
    assert not Query.objects.exists()

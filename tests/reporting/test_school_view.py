"""The school reports pages in the admin: a safeguarding lead reads their own school's reports and
records what was done; nobody else (superusers included) learns that a report even exists."""

from __future__ import annotations

import datetime

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.reporting import choices, retention
from portal.reporting.models import PupilReport, School
from portal.reporting.roles import ANALYSTS, SAFEGUARDING_LEADS
from tests.factories import UserFactory
from tests.reporting.factories import SchoolFactory, make_report

pytestmark = pytest.mark.django_db

URGENT_DETAILS = "A man at the gate asked me to keep a secret."


def index_url() -> str:
    return reverse("reporting_admin:index")


def detail_url(report: PupilReport) -> str:
    return reverse("reporting_admin:detail", args=[report.pk])


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def listed_references(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [cell.get_text(strip=True) for cell in soup.select("table.listing tbody th[scope=row]")]


def sent_on(report: PupilReport, days_ago: int) -> PupilReport:
    PupilReport.objects.filter(pk=report.pk).update(submitted_on=timezone.localdate() - datetime.timedelta(days_ago))
    report.refresh_from_db()
    return report


@pytest.fixture
def school() -> School:
    return SchoolFactory(name="Eastbrook Academy")


@pytest.fixture
def other_school() -> School:
    return SchoolFactory(name="Westfield Primary", phase=choices.PRIMARY)


@pytest.fixture
def lead(school):
    user = UserFactory(username="lead", groups=[SAFEGUARDING_LEADS])
    school.staff.add(user)
    return user


@pytest.fixture
def lead_client(lead) -> Client:
    return client_for(lead)


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def reports(school, other_school) -> dict[str, PupilReport]:
    return {
        "old": sent_on(make_report(school, categories=["bullying"]), 10),
        "new": sent_on(make_report(school, categories=["roads"], feeling=3), 1),
        "urgent_old": sent_on(make_report(school, categories=["secrets"], details=URGENT_DETAILS), 20),
        "elsewhere": make_report(other_school, categories=["touching"], details="Westfield words"),
    }


# --- The list -----------------------------------------------------------------------------------


def test_lead_sees_own_schools_reports_urgent_first_then_newest(lead_client, reports):
    response = lead_client.get(index_url())

    assert response.status_code == 200
    assert listed_references(response) == [
        reports["urgent_old"].reference,
        reports["new"].reference,
        reports["old"].reference,
    ]
    html = response.content.decode()
    assert reports["elsewhere"].reference not in html
    assert "Westfield" not in html


def test_list_rows_say_where_what_how_unsafe_and_the_flags_in_words(lead_client, school):
    report = make_report(
        school,
        context=choices.SCHOOL_GROUNDS,
        school_area="toilets",
        categories=["secrets", "bullying"],
        feeling=1,
        wants_trusted_adult=True,
        contact_name="Robin",
        contact_class="7B",
        details="I saw Jamie Smith there",
    )

    response = lead_client.get(index_url())

    soup = BeautifulSoup(response.content, "html.parser")
    row = soup.select_one("table.listing tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
    assert cells[0] == report.reference
    assert cells[3] == "At school or in the school grounds: Toilets"
    assert "An adult asking me to keep secrets" in cells[4] and "Bullying or being picked on" in cells[4]
    assert cells[5] == "Very unsafe"
    assert cells[6] == "New"
    assert "Urgent" in cells[7] and "Wants a trusted adult" in cells[7] and "Check the free text" in cells[7]
    assert row.find("a")["href"] == detail_url(report)
    # The list never shows what the pupil wrote, nor their name.
    assert "Jamie Smith" not in response.content.decode() and "Robin" not in response.content.decode()
    assert soup.select("table.listing thead th[scope=col]")


def test_filters_narrow_the_list_but_never_widen_it(lead, lead_client, school, other_school, reports):
    second = SchoolFactory(name="Eastbrook Sixth Form")
    second.staff.add(lead)
    sixth_form = make_report(second, categories=["drugs"], context=choices.ONLINE, online_place="games")
    PupilReport.objects.filter(pk=reports["old"].pk).update(status=choices.ACTIONED)

    by_school = lead_client.get(index_url(), {"school": second.pk})
    urgent = lead_client.get(index_url(), {"urgent": "true"})
    actioned = lead_client.get(index_url(), {"status": choices.ACTIONED})
    online = lead_client.get(index_url(), {"context": choices.ONLINE})
    someone_elses = lead_client.get(index_url(), {"school": other_school.pk})

    assert listed_references(by_school) == [sixth_form.reference]
    assert listed_references(urgent) == [reports["urgent_old"].reference]
    assert listed_references(actioned) == [reports["old"].reference]
    assert listed_references(online) == [sixth_form.reference]
    # Another school's id is not a valid choice: the filter is ignored, nothing of theirs appears.
    assert someone_elses.status_code == 200
    assert reports["elsewhere"].reference not in someone_elses.content.decode()
    # Only the lead's own schools are offered as filter choices.
    html = lead_client.get(index_url()).content.decode()
    assert "Eastbrook Sixth Form" in html and "Westfield Primary" not in html


def test_filtered_results_fragment_for_the_admin_filters_is_scoped_too(lead_client, reports):
    response = lead_client.get(reverse("reporting_admin:index_results"), {"urgent": "true"})

    assert response.status_code == 200
    assert listed_references(response) == [reports["urgent_old"].reference]
    assert reports["elsewhere"].reference not in response.content.decode()


def test_report_pages_are_not_cached(lead_client, reports):
    for url in (index_url(), detail_url(reports["old"])):
        cache_control = lead_client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


# --- The detail page ------------------------------------------------------------------------------


def test_detail_shows_everything_the_school_may_see(lead_client, school):
    report = make_report(
        school,
        context=choices.SCHOOL_GROUNDS,
        school_area="playground",
        plan_x=30,
        plan_y=60,
        categories=["secrets"],
        details="Every day Jamie Smith waits by the fence.",
        wants_trusted_adult=True,
        contact_name="Robin",
        contact_class="8C",
        times_of_day=["after-school"],
        days="weekdays",
    )
    assert report.needs_moderation and report.urgent

    response = lead_client.get(detail_url(report))

    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert report.reference in text
    assert "Every day Jamie Smith waits by the fence." in text
    assert "Take care with this text" in text  # the moderation flag, as a caution
    assert "Playground" in text
    assert f"{report.plan_x}% across, {report.plan_y}% down" in text
    assert "The pupil asked to talk to a trusted adult." in text
    assert "Robin" in text and "8C" in text
    assert "After school" in text and "School days" in text
    assert "Urgent." in text


def test_detail_shows_the_place_in_the_pupils_words_and_the_room_at_home(lead_client, school):
    outside = make_report(school, context=choices.NEIGHBOURHOOD, place_description="The alley behind the shops")
    home = make_report(school, context=choices.HOME, home_room="kitchen", point=None)

    outside_text = lead_client.get(detail_url(outside)).content.decode()
    home_text = lead_client.get(detail_url(home)).content.decode()

    assert "The alley behind the shops" in outside_text
    assert "Kitchen" in home_text
    assert "did not ask to talk to anyone" in home_text


def test_lead_gets_not_found_for_another_schools_report(lead_client, reports):
    response = lead_client.get(detail_url(reports["elsewhere"]))

    assert response.status_code == 404
    assert b"Westfield words" not in response.content
    assert lead_client.post(detail_url(reports["elsewhere"]), {"status": choices.ACTIONED}).status_code == 404
    reports["elsewhere"].refresh_from_db()
    assert reports["elsewhere"].status == choices.NEW


def test_unknown_report_is_not_found_too(lead_client):
    assert lead_client.get(reverse("reporting_admin:detail", args=[999999])).status_code == 404


def test_superuser_not_on_the_staff_sees_nothing(superuser, school, reports):
    client = client_for(superuser)

    listing = client.get(index_url())
    detail = client.get(detail_url(reports["urgent_old"]))

    assert listing.status_code == 200
    assert listed_references(listing) == []
    assert "not on the staff of any school" in listing.content.decode()
    assert detail.status_code == 404
    assert URGENT_DETAILS.encode() not in detail.content

    # Adding themselves to the school's staff (a visible, logged change) is the only way in.
    school.staff.add(superuser)
    assert client.get(detail_url(reports["urgent_old"])).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, reports):
    for url in (index_url(), detail_url(reports["old"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.post(detail_url(reports["old"]), {"status": choices.ACTIONED}).status_code == 302
    reports["old"].refresh_from_db()
    assert reports["old"].status == choices.NEW


def test_analyst_has_no_menu_item_and_sees_no_report(reports):
    analyst = UserFactory(username="analyst", groups=[ANALYSTS])
    client = client_for(analyst)

    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert index_url() not in dashboard.content.decode()
    assert listed_references(client.get(index_url())) == []
    assert client.get(detail_url(reports["old"])).status_code == 404


def test_lead_has_the_menu_item(lead_client, reports):
    assert index_url() in lead_client.get(reverse("wagtailadmin_home")).content.decode()


# --- Recording what was done ----------------------------------------------------------------------


def test_status_update_records_the_date_and_who(lead, lead_client, reports):
    report = reports["urgent_old"]

    response = lead_client.post(detail_url(report), {"status": choices.ACTIONED, "staff_note": " Spoke to Year 7. "})

    assert response.status_code == 302
    assert response["Location"] == detail_url(report)
    report.refresh_from_db()
    assert report.status == choices.ACTIONED
    assert report.staff_note == "Spoke to Year 7."
    assert report.status_changed_on == timezone.localdate()
    assert report.status_changed_by == lead
    page = lead_client.get(detail_url(report)).content.decode()
    assert "Actioned" in page and "Spoke to Year 7." in page
    assert listed_references(lead_client.get(index_url(), {"status": choices.ACTIONED})) == [report.reference]


def test_status_can_be_set_without_a_note(lead_client, reports):
    report = reports["old"]

    assert lead_client.post(detail_url(report), {"status": choices.REVIEWED}).status_code == 302

    report.refresh_from_db()
    assert report.status == choices.REVIEWED and report.staff_note == ""


@pytest.mark.parametrize("data", [{"status": "deleted"}, {"status": ""}, {}, {"status": choices.NEW}])
def test_bad_status_post_shows_a_plain_error(lead_client, reports, data):
    report = reports["old"]

    response = lead_client.post(detail_url(report), data)

    assert response.status_code == 200
    assert "Choose reviewed or actioned." in response.content.decode()
    report.refresh_from_db()
    assert report.status == choices.NEW
    assert report.status_changed_on is None and report.status_changed_by is None


def test_status_form_needs_a_csrf_token(lead, reports):
    client = client_for(lead, enforce_csrf_checks=True)
    report = reports["old"]

    refused = client.post(detail_url(report), {"status": choices.REVIEWED})
    assert refused.status_code == 403
    report.refresh_from_db()
    assert report.status == choices.NEW

    page = BeautifulSoup(client.get(detail_url(report)).content, "html.parser")
    token = page.select_one("form[method=post] input[name=csrfmiddlewaretoken]")["value"]
    accepted = client.post(detail_url(report), {"status": choices.REVIEWED, "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    report.refresh_from_db()
    assert report.status == choices.REVIEWED


def test_the_form_is_labelled(lead_client, reports):
    soup = BeautifulSoup(lead_client.get(detail_url(reports["old"])).content, "html.parser")
    form = soup.select_one("form[method=post]")

    note = form.select_one("textarea[name=staff_note]")
    assert soup.select_one(f"label[for={note['id']}]") is not None
    for radio in form.select("input[name=status]"):
        assert soup.select_one(f"label[for={radio['id']}]") is not None


def test_detail_marks_the_point_on_the_schools_site_plan(lead_client, school):
    school.site_plan = wagtail_factories.ImageFactory(title="Site plan")
    school.save()
    report = make_report(school, context=choices.SCHOOL_GROUNDS, school_area="field", plan_x=25, plan_y=75)

    soup = BeautifulSoup(lead_client.get(detail_url(report)).content, "html.parser")

    figure = soup.find("figure")
    assert figure.find("img")["src"]
    marker = figure.find("span", attrs={"aria-hidden": "true"})
    assert f"left: {report.plan_x}%" in marker["style"] and f"top: {report.plan_y}%" in marker["style"]


def test_detail_says_when_the_pupils_words_were_erased(lead_client, school):
    report = make_report(school, details="Words", wants_trusted_adult=True, contact_name="Robin", contact_class="7B")
    sent_on(report, 365 * 3)
    retention.erase_old_words()

    text = BeautifulSoup(lead_client.get(detail_url(report)).content, "html.parser").get_text(" ", strip=True)

    assert "The pupil's own words have been erased" in text
    assert "Erased at the end of the retention period" in text
    assert "Robin" not in text

"""The officers' pages in the admin: the queue with its filters, and working one request (assign,
internal notes, statuses along the workflow, asking for more information, the outcome, the
location), each step in Wagtail's audit log; nobody but officers (and superusers) gets in."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from portal.home.roles import EDITORS
from portal.location_requests import choices, notifications, services
from portal.location_requests.admin_views import LOCATION_ACTION, NOTE_ACTION
from portal.location_requests.models import BankHoliday, LocationRequest, LocationRequestMessage
from portal.location_requests.roles import OFFICERS
from portal.reporting.roles import SAFEGUARDING_LEADS
from tests.factories import UserFactory
from tests.location_requests.factories import LocationRequestFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NOTE_TEXT = "Checked with the police team: county lines activity near the station."
QUESTION = "Which bus routes will the young people use to get to college?"


def index_url() -> str:
    return reverse("location_requests_admin:index")


def edit_url(obj: LocationRequest) -> str:
    return reverse("location_requests_admin:edit", args=[obj.pk])


def action_url(name: str, obj: LocationRequest) -> str:
    return reverse(f"location_requests_admin:{name}", args=[obj.pk])


def status_page_url(obj: LocationRequest) -> str:
    return reverse("location_request_status", kwargs={"token": obj.status_token})


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def listed(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [cell.get_text(strip=True) for cell in soup.select("table.listing tbody th[scope=row]")]


def refused(response) -> bool:
    """Wagtail answers a signed-in user without the permission by sending them to the dashboard
    with "Sorry, you do not have permission"; a plain 403 is as good."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def actions(obj: LocationRequest) -> list[str]:
    return list(ModelLogEntry.objects.for_instance(obj).order_by("timestamp", "id").values_list("action", flat=True))


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def officer():
    return UserFactory(username="olive", first_name="Olive", last_name="Officer", groups=[OFFICERS])


@pytest.fixture
def other_officer():
    return UserFactory(username="owen", first_name="Owen", last_name="Other", groups=[OFFICERS])


@pytest.fixture
def officer_client(officer) -> Client:
    return client_for(officer)


@pytest.fixture
def request_obj() -> LocationRequest:
    return LocationRequestFactory(
        reference="LRA-2026-00100",
        organisation_name="Harbour View Care",
        postcode="EB2 4XY",
        concern_notes="Has been approached near the station.",
        research={"police_team": "Spoke to PC Khan of the Safer Neighbourhood Team.", "parks": "Quiet park nearby."},
        research_notes="Walked the area on a Friday evening.",
        young_person_initials="J.D.",
        young_person_age=16,
        contact_email="manager@harbourview.example",
    )


@pytest.fixture
def queue(officer, other_officer) -> dict[str, LocationRequest]:
    return {
        "late": LocationRequestFactory(
            reference="LRA-2026-00001", due_date=days(-3), organisation_name="Alder House", postcode="EB1 1AA"
        ),
        "mine": LocationRequestFactory(
            reference="LRA-2026-00002",
            due_date=days(2),
            status=choices.IN_ASSESSMENT,
            officer=officer,
            organisation_name="Birch Lodge",
            postcode="EB3 7QT",
        ),
        "theirs": LocationRequestFactory(
            reference="LRA-2026-00003",
            due_date=days(5),
            status=choices.MORE_INFORMATION,
            officer=other_officer,
            organisation_name="Cedar Homes",
            postcode="EB4 2RS",
        ),
        "done_late": LocationRequestFactory(
            reference="LRA-2026-00004",
            due_date=days(-10),
            status=choices.COMPLETED,
            officer=officer,
            organisation_name="Damson Court",
            postcode="EB5 9LP",
        ),
    }


# --- The queue -------------------------------------------------------------------------------------


def test_officer_sees_every_request_soonest_due_first(officer_client, queue):
    response = officer_client.get(index_url())

    assert response.status_code == 200
    assert listed(response) == ["LRA-2026-00004", "LRA-2026-00001", "LRA-2026-00002", "LRA-2026-00003"]
    assert "no-store" in response["Cache-Control"]


def test_rows_give_organisation_postcode_status_officer_and_overdue_in_words(officer_client, queue):
    soup = BeautifulSoup(officer_client.get(index_url()).content, "html.parser")

    rows = {
        row.find("th").get_text(strip=True): [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in soup.select("table.listing tbody tr")
    }
    assert rows["LRA-2026-00001"][:4] == ["Alder House", "EB1 1AA", "Submitted", "Unassigned"]
    assert "Overdue by 3 days" in rows["LRA-2026-00001"][4]
    assert rows["LRA-2026-00002"][3] == "Olive Officer"
    assert "Overdue" not in rows["LRA-2026-00002"][4]
    # A completed request is never overdue, however late its date.
    assert "Overdue" not in rows["LRA-2026-00004"][4]
    assert soup.select("table.listing thead th[scope=col]")
    link = soup.select_one("table.listing tbody tr th a")
    assert link["href"] == edit_url(queue["done_late"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": choices.SUBMITTED}, ["late"]),
        ({"status": choices.MORE_INFORMATION}, ["theirs"]),
        ({"status": "open"}, ["late", "mine", "theirs"]),
        ({"overdue": "true"}, ["late"]),
        ({"overdue": "false"}, ["done_late", "mine", "theirs"]),
        ({"officer": "unassigned"}, ["late"]),
        ({"officer": "me"}, ["done_late", "mine"]),
        ({"officer": "me", "status": "open"}, ["mine"]),
        ({"due_date_from": days(0).isoformat(), "due_date_to": days(3).isoformat()}, ["mine"]),
        ({"due_date_to": days(-1).isoformat()}, ["done_late", "late"]),
        ({"q": "LRA-2026-00003"}, ["theirs"]),
        ({"q": "birch"}, ["mine"]),
        ({"q": "EB4 2RS"}, ["theirs"]),
        ({"q": "eb42rs"}, ["theirs"]),
        ({"q": "nothing like it"}, []),
    ],
)
def test_filters_and_search(officer_client, queue, params, expected):
    response = officer_client.get(index_url(), params)

    assert response.status_code == 200
    assert listed(response) == [queue[key].reference for key in expected]


def test_officer_filter_by_a_named_officer(officer_client, queue, other_officer):
    response = officer_client.get(index_url(), {"officer": str(other_officer.pk)})

    assert listed(response) == [queue["theirs"].reference]
    # The officers are offered by name.
    assert "Owen Other" in officer_client.get(index_url()).content.decode()


def test_results_fragment_for_the_admin_filters(officer_client, queue):
    response = officer_client.get(reverse("location_requests_admin:index_results"), {"overdue": "true"})

    assert response.status_code == 200
    assert listed(response) == [queue["late"].reference]


def test_menu_item_says_how_many_are_overdue(officer_client, queue):
    LocationRequestFactory(due_date=days(-1))

    html = officer_client.get(reverse("wagtailadmin_home")).content.decode()

    assert index_url() in html
    assert "Location requests (2 overdue)" in html


def test_menu_item_without_overdue_requests_is_plain(officer_client):
    html = officer_client.get(reverse("wagtailadmin_home")).content.decode()

    assert index_url() in html
    assert "overdue)" not in html


# --- Who gets in -----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, request_obj):
    for url in (index_url(), edit_url(request_obj)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    response = client.post(action_url("note", request_obj), {"text": "Sneaky"})
    assert response.status_code == 302
    assert not request_obj.notes.exists()


@pytest.mark.parametrize("group", [EDITORS, SAFEGUARDING_LEADS])
def test_other_admin_users_have_no_menu_item_and_are_refused(group, request_obj):
    client = client_for(UserFactory(username=f"someone-{group[:5].lower()}", groups=[group]))

    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert index_url() not in dashboard.content.decode()
    assert "Location requests" not in dashboard.content.decode()

    assert refused(client.get(index_url()))
    assert refused(client.get(reverse("location_requests_admin:index_results")))
    edit = client.get(edit_url(request_obj))
    assert refused(edit)
    assert b"Harbour View Care" not in edit.content
    assert refused(client.post(action_url("status", request_obj), {"status": choices.WITHDRAWN}))
    assert refused(client.post(action_url("note", request_obj), {"text": "Sneaky"}))
    assert not request_obj.notes.exists()
    request_obj.refresh_from_db()
    assert request_obj.status == choices.SUBMITTED
    assert actions(request_obj) == []


def test_superusers_get_in(request_obj):
    client = client_for(UserFactory(username="root", is_superuser=True, is_staff=True))

    assert client.get(index_url()).status_code == 200
    assert client.get(edit_url(request_obj)).status_code == 200


def test_forms_need_the_csrf_token(officer, request_obj):
    client = client_for(officer, enforce_csrf_checks=True)
    LocationRequest.objects.filter(pk=request_obj.pk).update(status=choices.IN_ASSESSMENT)

    response = client.post(action_url("status", request_obj), {"status": choices.WITHDRAWN})

    assert response.status_code == 403
    request_obj.refresh_from_db()
    assert request_obj.status == choices.IN_ASSESSMENT
    assert actions(request_obj) == []
    # Every form on the page (assign, status, outcome, note, location) carries the token.
    soup = BeautifulSoup(client.get(edit_url(request_obj)).content, "html.parser")
    post_forms = [form for form in soup.find_all("form") if form.get("method", "").lower() == "post"]
    assert len(post_forms) >= 5
    assert all(form.find("input", attrs={"name": "csrfmiddlewaretoken"}) for form in post_forms)


def test_the_team_email_link_opens_the_request(officer_client, request_obj):
    assert notifications.admin_url(request_obj) == f"http://testserver{edit_url(request_obj)}"
    assert officer_client.get(edit_url(request_obj)).status_code == 200


# --- The request's page ----------------------------------------------------------------------------


def test_edit_page_shows_everything_the_provider_sent(officer_client, request_obj):
    response = officer_client.get(edit_url(request_obj))

    assert response.status_code == 200
    text = page_text(response)
    for expected in (
        "LRA-2026-00100",
        "Harbour View Care",
        "Supported accommodation",
        "SC123456",
        "Pat Lee",
        "Registered manager",
        "manager@harbourview.example",
        "01632 960 123",
        "12 Mill Road",
        "EB2 4XY",
        "A house",
        "16 to 17",
        "J.D., aged 16",
        "Going missing",
        "Has been approached near the station.",
        "Spoke to PC Khan of the Safer Neighbourhood Team.",
        "Quiet park nearby.",
        "Walked the area on a Friday evening.",
    ):
        assert expected in text, expected
    assert "no-store" in response["Cache-Control"]


def test_action_addresses_only_take_posts(officer_client, request_obj):
    response = officer_client.get(action_url("status", request_obj))

    assert response.status_code == 302
    assert response["Location"] == edit_url(request_obj)


def test_unknown_request_is_not_found(officer_client):
    assert officer_client.get(reverse("location_requests_admin:edit", args=[999999])).status_code == 404


# --- Assigning -------------------------------------------------------------------------------------


def test_assign_to_an_officer_and_to_me(officer, other_officer, officer_client, request_obj):
    response = officer_client.post(action_url("assign", request_obj), {"officer": other_officer.pk})

    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.officer == other_officer

    officer_client.post(action_url("assign", request_obj), {"officer": "", "assign_to_me": "1"})

    request_obj.refresh_from_db()
    assert request_obj.officer == officer
    assert actions(request_obj) == [services.ASSIGN_ACTION, services.ASSIGN_ACTION]
    entry = ModelLogEntry.objects.for_instance(request_obj).first()
    assert entry.user == officer and entry.data == {"officer": officer.pk}
    history = page_text(officer_client.get(edit_url(request_obj)))
    assert "Officer assigned" in history and "Owen Other" in history


def test_the_select_offers_only_officers(officer_client, other_officer, request_obj):
    outsider = UserFactory(username="editor", groups=[EDITORS])

    soup = BeautifulSoup(officer_client.get(edit_url(request_obj)).content, "html.parser")
    offered = {option.get_text(strip=True) for option in soup.select("select[name=officer] option")}
    assert "Olive Officer" in offered and "Owen Other" in offered
    assert outsider.get_full_name() not in offered

    response = officer_client.post(action_url("assign", request_obj), {"officer": outsider.pk})

    assert response.status_code == 200
    assert "Choose an officer from the list." in page_text(response)
    request_obj.refresh_from_db()
    assert request_obj.officer is None
    assert actions(request_obj) == []


def test_unassigning(officer, officer_client, request_obj):
    services.assign(request_obj, officer, user=officer)

    officer_client.post(action_url("assign", request_obj), {"officer": ""})

    request_obj.refresh_from_db()
    assert request_obj.officer is None
    assert actions(request_obj) == [services.ASSIGN_ACTION, services.ASSIGN_ACTION]


# --- Internal notes --------------------------------------------------------------------------------


def test_notes_are_for_officers_only(home_page, officer, officer_client, request_obj, client):
    response = officer_client.post(action_url("note", request_obj), {"text": f"  {NOTE_TEXT}  "})

    assert response.status_code == 302
    note = request_obj.notes.get()
    assert note.text == NOTE_TEXT and note.author == officer
    assert NOTE_TEXT in page_text(officer_client.get(edit_url(request_obj)))
    assert actions(request_obj) == [NOTE_ACTION]
    # The provider's status page never shows it.
    status_page = client.get(status_page_url(request_obj))
    assert status_page.status_code == 200
    assert NOTE_TEXT not in status_page.content.decode()
    assert "county lines" not in status_page.content.decode()


def test_an_empty_note_is_an_error(officer_client, request_obj):
    response = officer_client.post(action_url("note", request_obj), {"text": "   "})

    assert response.status_code == 200
    assert "Write the note before adding it." in page_text(response)
    assert not request_obj.notes.exists()


# --- Statuses --------------------------------------------------------------------------------------

PAIRS = [
    (old, new)
    for (old, _l1), (new, _l2) in itertools.product(choices.STATUSES, choices.STATUSES)
    if old != new and new != choices.COMPLETED
]


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_status_moves_only_along_the_workflow(officer, officer_client, old, new):
    obj = LocationRequestFactory(status=old)

    response = officer_client.post(action_url("status", obj), {"status": new, "message": QUESTION})

    obj.refresh_from_db()
    if new in choices.TRANSITIONS[old]:
        assert response.status_code == 302
        assert obj.status == new
        entry = ModelLogEntry.objects.for_instance(obj).get(action=services.STATUS_ACTION)
        assert entry.data == {"from": old, "to": new} and entry.user == officer
    else:
        assert response.status_code == 200
        assert obj.status == old
        assert "cannot become" in page_text(response)
        assert actions(obj) == []


def test_the_form_offers_only_the_next_statuses(officer_client):
    obj = LocationRequestFactory(status=choices.SUBMITTED)

    soup = BeautifulSoup(officer_client.get(edit_url(obj)).content, "html.parser")

    offered = {radio["value"] for radio in soup.select("input[name=status]")}
    assert offered == {choices.IN_ASSESSMENT, choices.MORE_INFORMATION, choices.WITHDRAWN}
    # The choices are a group with its question, for screen readers.
    group = soup.select_one("input[name=status]").find_parent("fieldset")
    assert group.find("legend").get_text(strip=True) == "New status"


def test_an_invalid_jump_changes_nothing(officer_client):
    obj = LocationRequestFactory(status=choices.SUBMITTED)

    response = officer_client.post(action_url("status", obj), {"status": choices.COMPLETED})

    assert response.status_code == 200
    text = page_text(response)
    assert "A request that is submitted cannot become completed." in text
    assert "There is a problem" in text
    obj.refresh_from_db()
    assert obj.status == choices.SUBMITTED and obj.completed_on is None
    assert actions(obj) == []


def test_nonsense_and_the_same_status_are_errors_too(officer_client):
    obj = LocationRequestFactory(status=choices.IN_ASSESSMENT)

    nonsense = officer_client.post(action_url("status", obj), {"status": "exploded"})
    same = officer_client.post(action_url("status", obj), {"status": choices.IN_ASSESSMENT})
    empty = officer_client.post(action_url("status", obj), {})

    assert "Choose a status from the list." in page_text(nonsense)
    assert "The request is already in assessment." in page_text(same)
    assert "Choose the new status." in page_text(empty)
    obj.refresh_from_db()
    assert obj.status == choices.IN_ASSESSMENT
    assert actions(obj) == []


def test_a_closed_request_offers_no_status_change(officer_client):
    obj = LocationRequestFactory(status=choices.WITHDRAWN)

    response = officer_client.get(edit_url(obj))

    assert "its status can no longer change" in page_text(response)
    assert not BeautifulSoup(response.content, "html.parser").select("input[name=status]")


# --- Asking for more information -------------------------------------------------------------------


def test_asking_for_more_information(
    home_page, officer, officer_client, request_obj, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            action_url("status", request_obj), {"status": choices.MORE_INFORMATION, "message": QUESTION}
        )

    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.status == choices.MORE_INFORMATION
    assert request_obj.information_requested == QUESTION
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["manager@harbourview.example"]
    assert QUESTION in email.body
    link = re.search(r"http://testserver(/location-request/status/[^/\s]+/)", email.body).group(1)
    assert LocationRequest.for_token(link.rstrip("/").rsplit("/", 1)[-1]) == request_obj
    assert actions(request_obj) == [services.STATUS_ACTION]

    status_page = client.get(link)
    soup = BeautifulSoup(status_page.content, "html.parser")
    assert QUESTION in soup.get_text(" ", strip=True)
    answer_form = soup.find("form", attrs={"action": link})
    assert answer_form is not None and answer_form.find("textarea")

    # The officer's page shows the question in the thread with the provider.
    assert QUESTION in page_text(officer_client.get(edit_url(request_obj)))


def test_asking_for_more_information_needs_the_question(officer_client, request_obj):
    response = officer_client.post(action_url("status", request_obj), {"status": choices.MORE_INFORMATION})

    assert response.status_code == 200
    assert "Say what information you need from the provider." in page_text(response)
    request_obj.refresh_from_db()
    assert request_obj.status == choices.SUBMITTED
    assert not LocationRequestMessage.objects.filter(request=request_obj).exists()
    assert mail.outbox == []


def test_the_providers_answer_appears_in_the_thread(officer, officer_client, request_obj):
    services.change_status(request_obj, choices.MORE_INFORMATION, user=officer, message=QUESTION)
    services.provider_update(request_obj, "The 24 and the 7 from outside the house.")

    text = page_text(officer_client.get(edit_url(request_obj)))

    assert "The provider answered" in text and "The 24 and the 7 from outside the house." in text
    assert "Provider added information" in text  # in the history, from the audit log


# --- The outcome -----------------------------------------------------------------------------------


def test_completing_with_the_outcome(home_page, officer, officer_client, client, django_capture_on_commit_callbacks):
    obj = LocationRequestFactory(status=choices.IN_ASSESSMENT, contact_email="lead@provider.example")

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            action_url("outcome", obj),
            {
                "risk_rating": choices.MEDIUM,
                "outcome_reasons": "Two licensed premises and a known gathering place within 300 m.",
                "recommendations": "Agree a curfew plan with the police team.",
            },
        )

    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.status == choices.COMPLETED
    assert obj.risk_rating == choices.MEDIUM
    assert obj.completed_on == TODAY
    assert actions(obj) == [services.STATUS_ACTION, services.OUTCOME_ACTION]
    outcome_entry = ModelLogEntry.objects.for_instance(obj).get(action=services.OUTCOME_ACTION)
    assert outcome_entry.user == officer and outcome_entry.data == {"risk_rating": choices.MEDIUM}

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["lead@provider.example"]
    assert "Risk rating: Medium" in email.body
    assert "Two licensed premises" in email.body and "Agree a curfew plan" in email.body

    status_text = page_text(client.get(status_page_url(obj)))
    assert "Medium" in status_text
    assert "Two licensed premises and a known gathering place within 300 m." in status_text
    assert "Agree a curfew plan with the police team." in status_text

    officer_page = page_text(officer_client.get(edit_url(obj)))
    assert "The outcome sent to the provider" in officer_page
    assert "Outcome recorded" in officer_page and "Status changed" in officer_page


def test_the_outcome_needs_a_rating_and_reasons(officer_client):
    obj = LocationRequestFactory(status=choices.IN_ASSESSMENT)

    response = officer_client.post(action_url("outcome", obj), {"risk_rating": "", "outcome_reasons": " "})

    text = page_text(response)
    assert "Choose a risk rating." in text and "Give the reasons for the rating." in text
    obj.refresh_from_db()
    assert obj.status == choices.IN_ASSESSMENT and obj.risk_rating == ""
    assert actions(obj) == []


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (choices.SUBMITTED, "Move the request into assessment before recording the outcome."),
        (choices.WITHDRAWN, "This request is withdrawn, so no outcome can be recorded."),
        (choices.COMPLETED, "This request is completed, so no outcome can be recorded."),
    ],
)
def test_no_outcome_from_the_wrong_status(officer_client, status, message, mailoutbox):
    obj = LocationRequestFactory(status=status, risk_rating="", outcome_reasons="")

    response = officer_client.post(
        action_url("outcome", obj), {"risk_rating": choices.HIGH, "outcome_reasons": "Too soon."}
    )

    assert response.status_code == 200
    assert message in page_text(response)
    obj.refresh_from_db()
    assert obj.status == status and obj.risk_rating == "" and obj.outcome_reasons == ""
    assert actions(obj) == []
    assert mailoutbox == []


def test_outcome_form_is_offered_only_when_the_request_can_be_completed(officer_client):
    submitted = LocationRequestFactory(status=choices.SUBMITTED)
    assessing = LocationRequestFactory(status=choices.IN_ASSESSMENT)

    def has_form(obj) -> bool:
        soup = BeautifulSoup(officer_client.get(edit_url(obj)).content, "html.parser")
        return soup.find("form", attrs={"action": action_url("outcome", obj)}) is not None

    assert not has_form(submitted)
    assert has_form(assessing)


# --- The location ----------------------------------------------------------------------------------


def test_moving_the_pin(officer, officer_client, request_obj):
    response = officer_client.post(action_url("location", request_obj), {"location": "SRID=4326;POINT(0.19 51.58)"})

    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.location == "SRID=4326;POINT(0.19 51.58)"
    assert (request_obj.latitude, request_obj.longitude) == (51.58, 0.19)
    entry = ModelLogEntry.objects.for_instance(request_obj).get()
    assert entry.action == LOCATION_ACTION and entry.user == officer


def test_a_location_that_is_not_a_point_is_an_error(officer_client, request_obj):
    response = officer_client.post(action_url("location", request_obj), {"location": "somewhere near the park"})

    assert response.status_code == 200
    assert "Put the pin on the map" in page_text(response)
    request_obj.refresh_from_db()
    assert request_obj.location == "SRID=4326;POINT(0.1837 51.5774)"
    assert actions(request_obj) == []


def test_the_location_field_is_the_self_hosted_map_widget(officer_client, request_obj):
    response = officer_client.get(edit_url(request_obj))

    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    field = soup.find(id="id_location")
    assert field["data-controller"] == "leaflet-field"
    assert field["value"] == "SRID=4326;POINT(0.1837 51.5774)"
    assert soup.find("label", attrs={"for": "id_location_latlng"}) is not None
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert html.count("/static/vendor/leaflet/leaflet.js") == 1
    assert "unpkg" not in html and "openstreetmap" not in html.lower()


# --- Bank holidays ---------------------------------------------------------------------------------


def test_officers_keep_the_bank_holidays(officer_client):
    response = officer_client.post(
        reverse("bank_holidays:add"), {"date": days(40).isoformat(), "name": "Partnership test day"}
    )

    assert response.status_code == 302
    assert BankHoliday.objects.filter(name="Partnership test day").exists()
    assert "Partnership test day" in officer_client.get(reverse("bank_holidays:index")).content.decode()


def test_editors_cannot_reach_the_bank_holidays():
    client = client_for(UserFactory(username="editor-bh", groups=[EDITORS]))

    assert refused(client.get(reverse("bank_holidays:index")))

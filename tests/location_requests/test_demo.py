"""The demo's location risk assessment section: the request page, the officer and the requests.

Built once for the module (inside a transaction rolled back at the end) on top of a bare home page
and the guidance page it links to, rather than through the whole ``load_demo``, so the tests stay
fast.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase
from django.urls import reverse

from wagtail.models import ModelLogEntry, Page, Revision

from portal.home.demo import accounts, content
from portal.home.demo import location_requests as demo
from portal.home.demo import reporting as demo_reporting
from portal.home.demo.builder import DemoBuilder, Tally, search_index_updates_paused
from portal.location_requests import choices, services
from portal.location_requests.models import (
    LocationRequest,
    LocationRequestMessage,
    LocationRequestNote,
    LocationRequestPage,
    due_date_for,
)
from portal.reporting import geocoding
from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory, HomePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built")]

TODAY = datetime.date(2026, 3, 16)  # a Monday
PASSWORD = "demo password"
REFERENCE_RE = re.compile(r"^LRA-(\d{4})-(\d{5})$")
# A few words from each of the seed's principles: the demo says them in its own words.
SEED_WORDING = (
    "safe and secure where i live",
    "respected, heard and advocated for",
    "skilled and work effectively together",
    "well maintained, and stable accommodation",
    "high-quality, tailored support",
    "strong, trusting, and meaningful relationships",
    "skills for independent adult living",
    "positive about my future and opportunities",
)


def build(builder: DemoBuilder) -> tuple[demo.RequestSummary, int]:
    """Build the section; returns it and how many on-commit callbacks (emails) it queued."""
    with search_index_updates_paused(), TestCase.captureOnCommitCallbacks() as callbacks:
        summary = demo.build_location_requests(builder, pages=Tally(), snippets=Tally())
    return summary, len(callbacks)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker) -> Iterator[tuple[DemoBuilder, demo.RequestSummary, int]]:
    with django_db_blocker.unblock(), transaction.atomic():
        users = accounts.ensure_users({user.username: PASSWORD for user in accounts.DEMO_USERS})
        builder = DemoBuilder(content.SITE, users, TODAY)
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="demo-home")
        builder.pages[""] = home
        builder.ensure_default_site(home)  # so the page has a URL to visit
        guidance_index = GuidanceIndexPageFactory(parent=home, slug="guidance")
        builder.pages[demo.GUIDANCE_PAGE] = GuidancePageFactory(parent=guidance_index, slug="location-risk-assessments")
        demo_reporting.ensure_postcodes()
        summary, callbacks = build(builder)
        yield builder, summary, callbacks
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def builder(built) -> DemoBuilder:
    return built[0]


@pytest.fixture
def summary(built) -> demo.RequestSummary:
    return built[1]


def demo_requests():
    return LocationRequest.objects.filter(submission_key__startswith="demo-lra-").order_by("submitted_at")


def by_key(key: str) -> LocationRequest:
    return LocationRequest.objects.get(submission_key=f"demo-lra-{key}")


def counts() -> dict[str, int]:
    return {
        "requests": LocationRequest.objects.count(),
        "messages": LocationRequestMessage.objects.count(),
        "notes": LocationRequestNote.objects.count(),
        "log entries": ModelLogEntry.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
    }


# --- The page -----------------------------------------------------------------------------------


def test_the_request_page_is_published_below_the_home_page(builder, summary):
    page = LocationRequestPage.objects.child_of(builder.pages[""]).get(slug="location-request")
    assert page == summary.page
    assert page.live and not page.has_unpublished_changes
    assert page.title == "Ask for a location risk assessment"
    assert "Ofsted" in page.introduction and "October 2023" in page.introduction
    assert "01632 960 260" in page.confirmation_text


def test_the_body_has_the_process_and_eight_principles_in_its_own_words(summary):
    blocks = list(summary.page.body)
    headings = [block.value["text"] for block in blocks if block.block_type == "heading"]
    assert headings[:2] == ["How it works", "What young people should be able to say"]
    texts = [block.value.source for block in blocks if block.block_type == "text"]
    steps, principles = texts[0], texts[1]
    assert steps.count("<li>") == len(demo.PROCESS_STEPS) >= 4
    assert "own research" in steps.lower() or "find out about the area yourself" in steps.lower()
    assert principles.count("<li>") == len(demo.PRINCIPLES) == 8
    words = " ".join(texts).lower()
    for phrase in SEED_WORDING:
        assert phrase not in words, phrase
    assert {block.block_type for block in blocks} >= {"heading", "text", "what_to_do_now", "contact_details"}


def test_the_introduction_links_to_the_guidance_page(builder, summary):
    guidance = builder.pages[demo.GUIDANCE_PAGE]
    assert f'<a linktype="page" id="{guidance.pk}">' in summary.page.introduction


def test_the_page_shows_the_principles_and_starts_the_form(client, summary):
    cache.clear()
    response = client.get(summary.page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert demo.PRINCIPLES[0] in html
    assert "Start your request" in html
    first_step = summary.page.url + summary.page.reverse_subpage("request_step", kwargs={"step": "organisation"})
    assert f'href="{first_step}"' in html


# --- The officer --------------------------------------------------------------------------------


def test_the_officer_is_in_the_officers_group_with_the_admins_password(builder, summary):
    officer = summary.officer
    assert officer.username == "officer" and officer.email == "officer@eastbrookscp.example"
    assert list(officer.groups.values_list("name", flat=True)) == ["Location risk officers"]
    assert not officer.is_superuser and not officer.is_staff and officer.is_active
    assert officer.check_password(PASSWORD)
    # The group's permissions come from portal.location_requests.roles (run after migrate).
    assert officer.has_perm("wagtailadmin.access_admin")
    assert officer.has_perm("location_requests.change_locationrequest")


# --- The requests -------------------------------------------------------------------------------


def test_there_are_requests_in_every_state(summary):
    requests = demo_requests()
    assert summary.requests_created == requests.count() == len(demo.REQUESTS) >= 8
    statuses = {status for status, _label in choices.STATUSES}
    assert set(requests.values_list("status", flat=True)) == statuses
    for spec in demo.REQUESTS:
        assert by_key(spec.key).status == spec.status, spec.key


def test_exactly_one_request_is_overdue():
    overdue = LocationRequest.objects.overdue(TODAY)
    assert list(overdue) == [by_key("railway-terrace")]
    assert overdue.get().status == choices.IN_ASSESSMENT and overdue.get().officer is not None
    for request in demo_requests().open().exclude(pk=overdue.get().pk):
        assert request.due_date >= TODAY


def test_references_are_allocated_in_the_order_the_requests_were_sent():
    references = list(demo_requests().values_list("reference", "submitted_at"))
    numbers = []
    for reference, submitted_at in references:
        match = REFERENCE_RE.match(reference)
        assert match, reference
        assert int(match.group(1)) == submitted_at.year
        numbers.append((int(match.group(1)), int(match.group(2))))
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_dates_are_working_days_and_in_the_past():
    for request in demo_requests():
        sent = request.submitted_at.date()
        assert sent < TODAY and sent.weekday() < 5, request.reference
        assert request.due_date == due_date_for(sent), request.reference
        assert request.planned_start > sent
        for message in request.messages.all():
            assert request.submitted_at < message.created_at and message.created_at.date() < TODAY
        for note in request.notes.all():
            assert request.submitted_at < note.created_at and note.created_at.date() < TODAY


def test_completed_requests_have_each_rating_with_reasons_and_recommendations():
    completed = demo_requests().filter(status=choices.COMPLETED)
    assert sorted(completed.values_list("risk_rating", flat=True)) == sorted(
        [choices.LOW, choices.MEDIUM, choices.HIGH]
    )
    for request in completed:
        assert len(request.outcome_reasons) > 80 and len(request.recommendations) > 60
        assert request.submitted_at.date() < request.completed_on <= request.due_date
        assert request.officer is not None
    for request in demo_requests().exclude(status=choices.COMPLETED):
        assert request.risk_rating == "" and request.completed_on is None


def test_the_officer_asks_in_the_message_thread():
    waiting = by_key("canal-street")
    assert waiting.status == choices.MORE_INFORMATION
    thread = list(waiting.messages.all())
    assert [message.sender for message in thread] == [LocationRequestMessage.FROM_OFFICER]
    assert thread[0].text == waiting.information_requested and thread[0].text.endswith("?")

    answered = by_key("church-road")
    assert answered.status == choices.IN_ASSESSMENT
    assert [message.sender for message in answered.messages.all()] == ["officer", "provider"]


def test_every_status_change_is_in_the_audit_log_in_order():
    for request in demo_requests():
        entries = ModelLogEntry.objects.for_instance(request).order_by("timestamp", "id")
        actions = [entry.action for entry in entries]
        assert actions[0] == "wagtail.create", request.reference
        assert entries[0].timestamp == request.submitted_at
        moves = [entry.data for entry in entries if entry.action == services.STATUS_ACTION]
        path = [choices.SUBMITTED] + [move["to"] for move in moves]
        assert [move["from"] for move in moves] == path[:-1], request.reference
        assert path[-1] == request.status
        for before, after in zip(path, path[1:], strict=False):
            assert after in choices.TRANSITIONS[before]
        if request.officer is not None:
            assert services.ASSIGN_ACTION in actions
        if request.status == choices.COMPLETED:
            assert services.OUTCOME_ACTION in actions
        assert all(entry.timestamp.date() < TODAY for entry in entries)


def test_addresses_are_in_eastbrook_at_their_postcodes():
    for request in demo_requests():
        assert request.town == "Eastbrook"
        assert re.fullmatch(r"EB[1-9] \d[A-Z]{2}", request.postcode)
        place = geocoding.lookup_postcode(request.postcode)
        assert place is not None, request.postcode
        assert (request.latitude, request.longitude) == (place.lat, place.lng)
        assert request.location == f"SRID=4326;POINT({place.lng} {place.lat})"
        assert demo_reporting.MAP_SOUTH < request.latitude < demo_reporting.MAP_NORTH
        assert demo_reporting.MAP_WEST < request.longitude < demo_reporting.MAP_EAST


def test_nothing_identifies_a_young_person_or_reaches_a_real_address():
    for request in demo_requests():
        assert re.fullmatch(r"([A-Z]{2,3})?", request.young_person_initials)
        assert (request.young_person_age is None) == (request.young_person_initials == "")
        assert request.contact_email.endswith(".example")
        assert request.contact_phone.startswith("01632 960 ")
        assert request.declared_accurate and request.agreed_to_sharing


def test_no_email_is_sent(built):
    assert built[2] == 0


def test_the_status_page_shows_a_demo_outcome(client):
    request = by_key("high-road")
    response = client.get(reverse("location_request_status", kwargs={"token": request.status_token}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "High" in html and "county lines" not in html  # the officer's internal notes stay internal
    assert "station underpass" in html


# --- Running it again -----------------------------------------------------------------------------


def test_running_it_again_changes_nothing(builder):
    before = counts()
    again, callbacks = build(builder)
    assert again.requests_created == 0 and callbacks == 0
    assert counts() == before


def test_a_deleted_request_is_made_again_with_the_next_reference(builder):
    gone = by_key("victoria-road")
    highest = max(demo_requests().values_list("reference", flat=True))
    gone.delete()
    again, _callbacks = build(builder)
    assert again.requests_created == 1
    remade = by_key("victoria-road")
    assert remade.reference > highest and remade.status == choices.SUBMITTED

"""The provider's private status page and the workflow rules behind it."""

from __future__ import annotations

import pytest

from django.core import mail, signing

from wagtail.models import ModelLogEntry

from portal.location_requests import choices, services
from portal.location_requests.models import STATUS_TOKEN_SALT, LocationRequest, LocationRequestMessage
from tests.factories import UserFactory
from tests.location_requests.factories import LocationRequestFactory

pytestmark = pytest.mark.django_db


def status_url(request: LocationRequest) -> str:
    return f"/location-request/status/{request.status_token}/"


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", email="officer@council.example")


def test_the_status_page_shows_status_address_and_due_date(client):
    request = LocationRequestFactory()
    response = client.get(status_url(request))
    html = response.content.decode()
    assert response.status_code == 200
    assert request.reference in html and "Submitted" in html and "12 Mill Road" in html
    assert request.due_date.strftime("%-d %B %Y") in html
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(
    "token",
    [
        "not-a-real-token-at-all-000000",
        # A correctly shaped token for the reference, but signed with another key.
        signing.Signer(key="not-the-site-key", salt=STATUS_TOKEN_SALT).sign_object("LRA-2026-00001"),
        # Signed with the right key for another purpose.
        signing.Signer(salt="some-other-purpose").sign_object("LRA-2026-00001"),
    ],
)
def test_a_wrong_token_is_a_plain_404(client, token):
    request = LocationRequestFactory(reference="LRA-2026-00001")
    response = client.get(f"/location-request/status/{token}/")
    assert response.status_code == 404
    assert request.reference not in response.content.decode()
    assert "Mill Road" not in response.content.decode()


def test_a_tampered_token_is_a_404(client):
    request = LocationRequestFactory()
    token = request.status_token
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/location-request/status/{tampered}/").status_code == 404


def test_the_token_is_not_stored_and_is_the_same_every_time():
    request = LocationRequestFactory()
    assert request.status_token == LocationRequest.objects.get(pk=request.pk).status_token
    stored = " ".join(str(value) for value in LocationRequest.objects.filter(pk=request.pk).values_list().get())
    assert request.status_token not in stored


def test_transitions_follow_the_workflow(officer):
    request = LocationRequestFactory()
    with pytest.raises(services.TransitionError):
        services.change_status(request, choices.COMPLETED, user=officer)  # no outcome yet, and too early
    services.change_status(request, choices.IN_ASSESSMENT, user=officer)
    request.risk_rating, request.outcome_reasons = choices.MEDIUM, "Busy late-night takeaways nearby."
    services.change_status(request, choices.COMPLETED, user=officer)
    with pytest.raises(services.TransitionError):
        services.change_status(request, choices.IN_ASSESSMENT, user=officer)
    request.refresh_from_db()
    assert request.status == choices.COMPLETED and request.completed_on is not None


def test_every_status_change_is_in_the_audit_log(officer):
    request = LocationRequestFactory()
    services.change_status(request, choices.IN_ASSESSMENT, user=officer)
    services.assign(request, officer, user=officer)
    actions = list(ModelLogEntry.objects.for_instance(request).values_list("action", "user_id"))
    assert (services.STATUS_ACTION, officer.pk) in actions
    assert (services.ASSIGN_ACTION, officer.pk) in actions


def test_asking_for_more_information_emails_the_provider_and_opens_a_form(
    client, officer, django_capture_on_commit_callbacks
):
    request = LocationRequestFactory()
    with pytest.raises(services.TransitionError):
        services.change_status(request, choices.MORE_INFORMATION, user=officer)  # the question is required
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(request, choices.MORE_INFORMATION, user=officer, message="Which bus routes stop nearby?")
    [email] = mail.outbox
    assert email.to == [request.contact_email]
    assert "Which bus routes stop nearby?" in email.body and status_url(request) in email.body
    html = client.get(status_url(request)).content.decode()
    assert "Which bus routes stop nearby?" in html and "Add the information the officer asked for" in html


def test_the_provider_answers_and_the_request_returns_to_assessment(
    client, officer, django_capture_on_commit_callbacks
):
    request = LocationRequestFactory(officer=officer)
    services.change_status(request, choices.MORE_INFORMATION, user=officer, message="Which bus routes?")
    mail.outbox.clear()
    empty = client.post(status_url(request), {"text": ""})
    assert "Enter the information the officer asked for." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(status_url(request), {"text": "The 174 and 248."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == choices.IN_ASSESSMENT
    assert request.messages.filter(sender=LocationRequestMessage.FROM_PROVIDER, text="The 174 and 248.").exists()
    [email] = mail.outbox
    assert email.to == ["officer@council.example"]
    html = client.get(response["Location"]).content.decode()
    assert "The 174 and 248." in html and "Thank you. We have your information" in html
    assert "Add the information the officer asked for" not in html


def test_posting_to_a_request_that_needs_nothing_changes_nothing(client):
    request = LocationRequestFactory(status=choices.IN_ASSESSMENT)
    response = client.post(status_url(request), {"text": "unsolicited"})
    assert response.status_code == 302
    assert not request.messages.exists()


def test_the_outcome_reaches_the_provider(client, officer, django_capture_on_commit_callbacks):
    request = LocationRequestFactory(status=choices.IN_ASSESSMENT)
    request.risk_rating = choices.HIGH
    request.outcome_reasons = "Two recent reports of exploitation near the station."
    request.recommendations = "Agree a safety plan before placement."
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(request, choices.COMPLETED, user=officer)
    [email] = mail.outbox
    assert "High" in email.body and "Agree a safety plan before placement." in email.body
    html = client.get(status_url(request)).content.decode()
    assert "The assessment" in html and "High" in html and "Two recent reports of exploitation" in html
    assert "Response due" not in html


def test_a_mail_failure_does_not_undo_the_change(officer, monkeypatch, django_capture_on_commit_callbacks):
    from portal.location_requests import notifications

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(notifications, "send_mail", broken)
    request = LocationRequestFactory(status=choices.IN_ASSESSMENT)
    request.risk_rating, request.outcome_reasons = choices.LOW, "Quiet residential street."
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(request, choices.COMPLETED, user=officer)
    request.refresh_from_db()
    assert request.status == choices.COMPLETED


def test_overdue_means_open_and_past_due():
    import datetime

    from django.utils import timezone

    past = timezone.localdate() - datetime.timedelta(days=1)
    late = LocationRequestFactory(due_date=past)
    LocationRequestFactory(due_date=past, status=choices.COMPLETED)
    LocationRequestFactory()
    assert list(LocationRequest.objects.overdue()) == [late]
    assert late.is_overdue

"""Urgent-report emails: one short notice to the school's safeguarding lead after the report is
safely stored, with a link to the admin and none of the pupil's words."""

from __future__ import annotations

import logging

import pytest

from django.core import mail
from django.urls import reverse

from portal.reporting import choices
from tests.factories import UserFactory
from tests.reporting.factories import SchoolFactory, make_report

pytestmark = pytest.mark.django_db

PUPIL_WORDS = "He said not to tell my mum about the car."


@pytest.fixture
def school():
    return SchoolFactory(name="Eastbrook Academy", lead_email="dsl@eastbrook.example")


def test_an_urgent_report_emails_the_lead_once_without_the_pupils_words(school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(
            school,
            categories=["secrets"],
            details=PUPIL_WORDS,
            wants_trusted_adult=True,
            contact_name="Robin Example",
            contact_class="7B",
        )

    assert report.urgent
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dsl@eastbrook.example"]
    assert "Eastbrook Academy" in message.subject
    link = "http://testserver" + reverse("reporting_admin:detail", args=[report.pk])
    assert report.reference in message.body
    assert link in message.body
    for private in (PUPIL_WORDS, "Robin Example", "7B", "keep secrets"):
        assert private not in message.body
        assert private not in message.subject


def test_the_emailed_link_opens_the_report_for_the_lead(school, django_capture_on_commit_callbacks, client):
    lead = UserFactory(username="lead", groups=["School safeguarding leads"])
    school.staff.add(lead)
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(school, categories=["weapons"])

    path = mail.outbox[0].body.split("http://testserver", 1)[1].split()[0]
    assert client.get(path).status_code == 302  # sign in first
    client.force_login(lead)
    assert report.reference in client.get(path).content.decode()


def test_no_email_is_sent_before_the_transaction_commits(school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_report(school, categories=["secrets"])

    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_report_that_is_not_urgent_sends_nothing(school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(school, categories=["roads"], context=choices.NEIGHBOURHOOD)

    assert not report.urgent
    assert mail.outbox == []


def test_a_mail_failure_is_logged_and_does_not_raise(school, django_capture_on_commit_callbacks, monkeypatch, caplog):
    def broken_send(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken_send)

    with caplog.at_level(logging.ERROR, logger="portal.reporting"), django_capture_on_commit_callbacks(execute=True):
        report = make_report(school, categories=["touching"], details=PUPIL_WORDS)

    assert report.pk is not None and report.urgent
    assert mail.outbox == []
    records = [record for record in caplog.records if record.name == "portal.reporting"]
    assert len(records) == 1
    assert report.reference in records[0].getMessage()
    assert records[0].exc_info is not None
    assert PUPIL_WORDS not in caplog.text

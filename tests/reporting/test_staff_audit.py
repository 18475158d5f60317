"""Every change to who may read a school's reports is logged, and the lead is told of additions."""

from __future__ import annotations

import pytest

from django.core import mail

from wagtail.models import ModelLogEntry

from portal.reporting.staff_audit import STAFF_ADDED, STAFF_REMOVED
from tests.factories import UserFactory
from tests.reporting.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_adding_staff_is_logged_and_the_lead_is_emailed(django_capture_on_commit_callbacks):
    school = SchoolFactory(lead_email="dsl@brook.example")
    newcomer = UserFactory(username="newcomer")
    with django_capture_on_commit_callbacks(execute=True):
        school.staff.add(newcomer)
    entry = ModelLogEntry.objects.for_instance(school).get(action=STAFF_ADDED)
    assert entry.data == {"users": ["newcomer"]}
    [email] = mail.outbox
    assert email.to == ["dsl@brook.example"] and "newcomer" in email.body


def test_removing_and_clearing_staff_is_logged():
    school = SchoolFactory()
    one, two = UserFactory(username="one"), UserFactory(username="two")
    school.staff.add(one, two)
    school.staff.remove(one)
    school.staff.clear()
    removed = [entry.data["users"] for entry in ModelLogEntry.objects.for_instance(school).filter(action=STAFF_REMOVED)]
    assert sorted(removed) == [["one"], ["two"]]


def test_the_demo_can_add_its_own_users_without_emails(django_capture_on_commit_callbacks):
    from portal.reporting.staff_audit import without_emails

    school = SchoolFactory()
    with django_capture_on_commit_callbacks(execute=True), without_emails():
        school.staff.add(UserFactory(username="demo-lead"))
    assert mail.outbox == []
    assert ModelLogEntry.objects.for_instance(school).filter(action=STAFF_ADDED).exists()

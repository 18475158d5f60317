"""The "Location risk officers" role: into the admin, read and work location requests, keep the bank
holidays; nobody else (superusers apart) holds any of it. Created after every migrate, safe to run
again."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import Group, Permission

from portal.home.roles import APPROVERS, EDITORS
from portal.location_requests.roles import OFFICERS, ensure_roles
from portal.reporting.roles import ADMINISTRATORS, ANALYSTS, SAFEGUARDING_LEADS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OFFICER_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "location_requests.view_locationrequest",
    "location_requests.change_locationrequest",
    "location_requests.add_bankholiday",
    "location_requests.change_bankholiday",
    "location_requests.view_bankholiday",
}


def permission_labels(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_group_exists_after_migrate_with_least_privilege():
    assert permission_labels(OFFICERS) == OFFICER_PERMISSIONS


def test_officers_may_not_add_or_delete_requests_or_delete_bank_holidays():
    labels = permission_labels(OFFICERS)

    assert "location_requests.add_locationrequest" not in labels
    assert "location_requests.delete_locationrequest" not in labels
    assert "location_requests.delete_bankholiday" not in labels


@pytest.mark.parametrize("group_name", [EDITORS, APPROVERS, SAFEGUARDING_LEADS, ANALYSTS, ADMINISTRATORS])
def test_no_other_group_holds_a_location_request_permission(group_name):
    assert not any(label.startswith("location_requests.") for label in permission_labels(group_name))


def test_no_other_group_at_all():
    holders = Group.objects.filter(permissions__content_type__app_label="location_requests").distinct()

    assert list(holders.values_list("name", flat=True)) == [OFFICERS]


def test_members_get_the_permissions_and_others_do_not():
    officer = UserFactory(username="role-officer", groups=[OFFICERS])
    editor = UserFactory(username="role-editor", groups=[EDITORS])
    lead = UserFactory(username="role-lead", groups=[SAFEGUARDING_LEADS])

    assert officer.has_perm("location_requests.change_locationrequest")
    assert officer.has_perm("location_requests.add_bankholiday")
    for outsider in (editor, lead):
        assert not outsider.has_perm("location_requests.view_locationrequest")
        assert not outsider.has_perm("location_requests.view_bankholiday")


def test_ensure_roles_is_idempotent():
    groups = Group.objects.count()

    ensure_roles()
    ensure_roles()

    assert Group.objects.count() == groups
    assert permission_labels(OFFICERS) == OFFICER_PERMISSIONS


def test_ensure_roles_restores_a_deleted_group_and_a_removed_permission():
    Group.objects.get(name=OFFICERS).permissions.remove(Permission.objects.get(codename="change_locationrequest"))
    ensure_roles()
    assert permission_labels(OFFICERS) == OFFICER_PERMISSIONS

    Group.objects.get(name=OFFICERS).delete()
    ensure_roles()
    assert permission_labels(OFFICERS) == OFFICER_PERMISSIONS


def test_permissions_added_by_hand_are_kept():
    extra = Permission.objects.get(content_type__app_label="location_requests", codename="delete_bankholiday")
    Group.objects.get(name=OFFICERS).permissions.add(extra)

    ensure_roles()

    assert "location_requests.delete_bankholiday" in permission_labels(OFFICERS)


def test_ensure_roles_runs_after_migrate():
    from django.apps import apps
    from django.db.models.signals import post_migrate

    Group.objects.filter(name=OFFICERS).delete()
    config = apps.get_app_config("location_requests")

    post_migrate.send(
        sender=config, app_config=config, verbosity=0, interactive=False, using="default", apps=apps, plan=[]
    )

    assert permission_labels(OFFICERS) == OFFICER_PERMISSIONS

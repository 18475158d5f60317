"""The reporting roles: safeguarding leads only reach the admin (what they read is their school
staff membership), analysts see hotspots but no report, partnership administrators look after
schools. Created after every migrate, and safe to run again."""

from __future__ import annotations

import pytest
import wagtail_factories

from django.contrib.auth.models import Group, Permission

from portal.reporting.roles import ADMINISTRATORS, ANALYSTS, SAFEGUARDING_LEADS, ensure_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def permission_labels(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_groups_exist_after_migrate_with_least_privilege():
    assert permission_labels(SAFEGUARDING_LEADS) == {"wagtailadmin.access_admin"}
    assert permission_labels(ANALYSTS) == {"wagtailadmin.access_admin", "reporting.view_hotspots"}
    assert permission_labels(ADMINISTRATORS) == {
        "wagtailadmin.access_admin",
        "reporting.add_school",
        "reporting.change_school",
        "reporting.view_school",
        "reporting.view_hotspots",
    }


def test_no_role_holds_a_permission_on_individual_reports():
    for group_name in (SAFEGUARDING_LEADS, ANALYSTS, ADMINISTRATORS):
        assert not any("pupilreport" in label for label in permission_labels(group_name))
        assert "reporting.delete_school" not in permission_labels(group_name)


def test_members_get_the_permissions():
    analyst = UserFactory(username="analyst", groups=[ANALYSTS])
    administrator = UserFactory(username="administrator", groups=[ADMINISTRATORS])
    lead = UserFactory(username="lead", groups=[SAFEGUARDING_LEADS])

    assert analyst.has_perm("reporting.view_hotspots") and not analyst.has_perm("reporting.view_school")
    assert administrator.has_perm("reporting.change_school") and administrator.has_perm("reporting.view_hotspots")
    assert lead.has_perm("wagtailadmin.access_admin") and not lead.has_perm("reporting.view_hotspots")


def test_ensure_roles_is_idempotent():
    before = {name: permission_labels(name) for name in (SAFEGUARDING_LEADS, ANALYSTS, ADMINISTRATORS)}
    groups = Group.objects.count()

    ensure_roles()
    ensure_roles()

    assert Group.objects.count() == groups
    assert {name: permission_labels(name) for name in before} == before


def test_ensure_roles_restores_a_deleted_group_and_a_removed_permission():
    Group.objects.get(name=ANALYSTS).delete()
    administrators = Group.objects.get(name=ADMINISTRATORS)
    administrators.permissions.remove(Permission.objects.get(codename="change_school"))

    ensure_roles()

    assert permission_labels(ANALYSTS) == {"wagtailadmin.access_admin", "reporting.view_hotspots"}
    assert "reporting.change_school" in permission_labels(ADMINISTRATORS)


def test_permissions_added_by_hand_are_kept():
    leads = Group.objects.get(name=SAFEGUARDING_LEADS)
    leads.permissions.add(Permission.objects.get(content_type__app_label="reporting", codename="view_hotspots"))

    ensure_roles()

    assert "reporting.view_hotspots" in permission_labels(SAFEGUARDING_LEADS)


def test_ensure_roles_runs_after_migrate():
    from django.apps import apps
    from django.db.models.signals import post_migrate

    Group.objects.filter(name__in=[SAFEGUARDING_LEADS, ANALYSTS, ADMINISTRATORS]).delete()
    config = apps.get_app_config("reporting")

    post_migrate.send(
        sender=config, app_config=config, verbosity=0, interactive=False, using="default", apps=apps, plan=[]
    )

    assert Group.objects.filter(name__in=[SAFEGUARDING_LEADS, ANALYSTS, ADMINISTRATORS]).count() == 3


def test_only_administrators_may_upload_and_choose_site_plans():
    from wagtail.images.permissions import permission_policy

    administrator = UserFactory(username="plan-admin", groups=[ADMINISTRATORS])
    analyst = UserFactory(username="plan-analyst", groups=[ANALYSTS])
    lead = UserFactory(username="plan-lead", groups=[SAFEGUARDING_LEADS])
    assert permission_policy.user_has_permission(administrator, "add")
    assert permission_policy.user_has_permission(administrator, "choose")
    # Like every uploader, they may delete their own images, but not anybody else's.
    someone_elses = wagtail_factories.ImageFactory(title="Not theirs")
    assert not permission_policy.user_has_permission_for_instance(administrator, "delete", someone_elses)
    for outsider in (analyst, lead):
        assert not permission_policy.user_has_permission(outsider, "add")
        assert not permission_policy.user_has_permission(outsider, "choose")

"""Least-privilege roles for the people who read pupil reports and look after schools.

Which reports a safeguarding lead reads is not a permission at all: it is their membership of a
school's ``staff``, so the leads' group only lets them into the admin. Analysts see the hotspot
map (counts suppressed) and never an individual report. Partnership administrators look after
the list of schools. Runs after every ``migrate`` and is idempotent; permissions an administrator
later adds to a group by hand are left alone.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

SAFEGUARDING_LEADS = "School safeguarding leads"
ANALYSTS = "Partnership analysts"
ADMINISTRATORS = "Partnership administrators"

ACCESS_ADMIN = "wagtailadmin.access_admin"
VIEW_HOTSPOTS = "reporting.view_hotspots"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    SAFEGUARDING_LEADS: [ACCESS_ADMIN],
    ANALYSTS: [ACCESS_ADMIN, VIEW_HOTSPOTS],
    ADMINISTRATORS: [
        ACCESS_ADMIN,
        "reporting.add_school",
        "reporting.change_school",
        "reporting.view_school",
        VIEW_HOTSPOTS,
    ],
}


# Image permissions on the root collection, so administrators can upload and choose a school's
# site plan (Wagtail checks image permissions per collection).
COLLECTION_PERMISSIONS = {ADMINISTRATORS: ["add_image", "choose_image"]}


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles(**kwargs) -> None:
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # The permissions may not exist yet when this runs straight after the first migrate.
    from wagtail.models import Collection, GroupCollectionPermission

    for app_label in ("reporting", "wagtailadmin", "wagtailimages"):
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    root_collection = Collection.get_first_root_node()
    for group_name, labels in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(_permission(label) for label in labels))
        if root_collection is None:
            continue
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=COLLECTION_PERMISSIONS.get(group_name, [])
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

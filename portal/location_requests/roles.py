"""The least-privilege role for the officers who assess location requests.

Members of "Location risk officers" reach the admin, read and work location requests (assign,
notes, status, outcome, location) and keep the list of bank holidays the response deadlines skip.
No other group is given these permissions; superusers have them anyway. Runs after every
``migrate`` and is idempotent; permissions an administrator later adds to the group by hand are
left alone.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

OFFICERS = "Location risk officers"

ACCESS_ADMIN = "wagtailadmin.access_admin"
VIEW_REQUEST = "location_requests.view_locationrequest"
CHANGE_REQUEST = "location_requests.change_locationrequest"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    OFFICERS: [
        ACCESS_ADMIN,
        VIEW_REQUEST,
        CHANGE_REQUEST,
        "location_requests.add_bankholiday",
        "location_requests.change_bankholiday",
        "location_requests.view_bankholiday",
    ],
}


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles(**kwargs) -> None:
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # The permissions may not exist yet when this runs straight after the first migrate.
    for app_label in ("location_requests", "wagtailadmin"):
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    for group_name, labels in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(_permission(label) for label in labels))

"""Least-privilege roles for editors and approvers.

Wagtail's own migrations create the "Editors" group (may create and edit pages, and submit them
for approval, but not publish) and the "Moderators" group (also approves and publishes), plus the
"Moderators approval" workflow on the root page. This module gives both groups what they need for
the portal's own models, and no more. It runs after every ``migrate`` and is idempotent.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
APPROVERS = "Moderators"

# Collection-scoped document permissions (Wagtail checks these per collection). Wagtail checks
# them against the base ``wagtaildocs.Document`` permissions even when a custom document model
# (PortalDocument) is in use, so these are wagtaildocs codenames. Note that in Wagtail "change"
# on a collection also lets a user delete documents in it.
DOCUMENT_PERMISSIONS = {
    EDITORS: ["add_document", "change_document", "choose_document"],
    APPROVERS: ["add_document", "change_document", "delete_document", "choose_document"],
}
# Model permissions for snippets and settings, as "app_label.codename".
EDITOR_SNIPPETS = ["home.topic", "toolkit.glossaryterm", "toolkit.supportservice", "toolkit.engagemententry"]
# The site search: both roles read the "Search terms" report and manage promoted results (Wagtail's
# promotions admin checks add/change/delete on SearchPromotion); only Moderators delete synonyms.
SEARCH_TERMS_REPORT = "search.view_searchqueryday"
SEARCH_PROMOTIONS = ["wagtailsearchpromotions.searchpromotion"]


def _permissions(models: list[str], actions: tuple[str, ...]) -> list[str]:
    return [f"{model.split('.')[0]}.{action}_{model.split('.')[1]}" for model in models for action in actions]


MODEL_PERMISSIONS = {
    # Editors maintain the taxonomy, glossary, support services, directory and search synonyms, but
    # delete nothing except promoted search results (which they manage as a whole list per query).
    EDITORS: [
        *_permissions([*EDITOR_SNIPPETS, "search.synonym"], ("add", "change", "view")),
        "home.view_team",
        SEARCH_TERMS_REPORT,
        *_permissions(SEARCH_PROMOTIONS, ("add", "change", "delete", "view")),
    ],
    # Approvers may also delete, manage teams and edit the footer contacts.
    APPROVERS: [
        *_permissions([*EDITOR_SNIPPETS, "home.team", "search.synonym"], ("add", "change", "delete", "view")),
        "home.change_partnershipsettings",
        SEARCH_TERMS_REPORT,
        *_permissions(SEARCH_PROMOTIONS, ("add", "change", "delete", "view")),
    ],
}


def ensure_roles(**kwargs) -> None:
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from wagtail.models import Collection, GroupCollectionPermission

    for app_label in ("home", "toolkit", "search", "wagtailsearchpromotions"):
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    create_permissions(apps.get_app_config("wagtaildocs"), verbosity=0)
    create_permissions(apps.get_app_config("wagtailadmin"), verbosity=0)
    root_collection = Collection.get_first_root_node()
    for group_name in (EDITORS, APPROVERS):
        group, _ = Group.objects.get_or_create(name=group_name)
        access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        group.permissions.add(access_admin)
        for label in MODEL_PERMISSIONS[group_name]:
            app_label, codename = label.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        if root_collection is not None:
            for permission in Permission.objects.filter(
                content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS[group_name]
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

"""The "Pupil reports" admin menu: the list of schools (partnership administrators), each
school's reports (the school's own staff only) and the hotspot map (analysts and school staff)."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import SchoolReportDetailView, SchoolReportIndexView, schools_for
from .map_views import HotspotMapViewSet
from .models import School
from .widgets import SelfHostedLeafletPanel


def school_panels() -> list[Panel]:
    """The model's panels, with the self-hosted map for the location (so models.py stays the one
    place the form's layout is written)."""
    return [
        SelfHostedLeafletPanel("location")
        if isinstance(panel, FieldPanel) and panel.field_name == "location"
        else panel
        for panel in School.panels
    ]


class SchoolViewSet(SnippetViewSet):
    """Adding and editing schools. Only superusers and partnership administrators hold the
    add/change permissions (see roles.py); nobody else sees this menu item."""

    model = School
    icon = "site"
    menu_label = _("Schools")
    list_display = ["name", "urn", "phase", "accepts_reports"]
    list_filter = ["phase", "accepts_reports"]
    search_fields = ["name"]
    search_backend_name = None  # a plain database search, so a new school is found at once
    ordering = ["name"]

    @cached_property
    def panels(self) -> list[Panel]:
        return school_panels()


class SchoolReportsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return schools_for(request.user).exists()


class SchoolReportsViewSet(ViewSet):
    """The school reports pages, at ``/admin/school-reports/`` in the ``reporting_admin`` URL
    namespace (urgent-report emails link to ``reporting_admin:detail``)."""

    name = "reporting_admin"
    url_prefix = "school-reports"
    icon = "clipboard-list"
    menu_label = _("School reports")
    menu_item_class = SchoolReportsMenuItem

    def get_urlpatterns(self) -> list[URLPattern]:
        return [
            path("", SchoolReportIndexView.as_view(), name="index"),
            path("results/", SchoolReportIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", SchoolReportDetailView.as_view(), name="detail"),
        ]


class PupilReportsGroup(ViewSetGroup):
    menu_label = _("Pupil reports")
    menu_icon = "clipboard-list"
    menu_order = 300
    items = (SchoolReportsViewSet, HotspotMapViewSet, SchoolViewSet)


register_snippet(PupilReportsGroup)


@hooks.register("register_log_actions")
def register_staff_actions(actions) -> None:
    """Name changes to a school's staff list (who may read its reports) in the audit log."""
    from .staff_audit import STAFF_ADDED, STAFF_REMOVED

    actions.register_action(STAFF_ADDED, _("Add school staff"), _("Staff given access to pupil reports"))
    actions.register_action(STAFF_REMOVED, _("Remove school staff"), _("Staff access to pupil reports removed"))

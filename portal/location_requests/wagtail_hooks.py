"""Admin registrations for Location Risk Assessment requests: the officers' "Location requests"
menu item and pages (``location_requests_admin`` URL namespace), the bank holidays under
Settings, and the workflow's actions in the audit log."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import (
    LOCATION_ACTION,
    NOTE_ACTION,
    LocationRequestEditView,
    LocationRequestIndexView,
    may_view,
)
from .models import BankHoliday
from .services import ASSIGN_ACTION, OUTCOME_ACTION, PROVIDER_UPDATE_ACTION, STATUS_ACTION, overdue_count


@hooks.register("register_log_actions")
def register_location_request_actions(actions) -> None:
    """Name the workflow's actions in Wagtail's audit log (Reports > Site history)."""
    actions.register_action(STATUS_ACTION, _("Change status"), _("Status changed"))
    actions.register_action(ASSIGN_ACTION, _("Assign officer"), _("Officer assigned"))
    actions.register_action(OUTCOME_ACTION, _("Record outcome"), _("Outcome recorded"))
    actions.register_action(PROVIDER_UPDATE_ACTION, _("Provider update"), _("Provider added information"))
    actions.register_action(NOTE_ACTION, _("Add internal note"), _("Internal note added"))
    actions.register_action(LOCATION_ACTION, _("Change location"), _("Location changed"))


class LocationRequestsMenuItem(MenuItem):
    """Shown only to those who may read requests; the label says how many open requests are past
    their response date (in words, for everyone)."""

    def is_shown(self, request) -> bool:
        return may_view(request.user)

    def render_component(self, request) -> LinkMenuItemComponent:
        label = str(self.label)
        count = overdue_count()
        if count:
            label = ngettext("%(label)s (%(count)s overdue)", "%(label)s (%(count)s overdue)", count) % {
                "label": label,
                "count": count,
            }
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


class LocationRequestViewSet(ViewSet):
    """The officers' queue at ``/admin/location-requests/``. Emails to the team link to
    ``location_requests_admin:edit``."""

    name = "location_requests_admin"
    url_prefix = "location-requests"
    icon = "form"
    menu_label = _("Location requests")
    menu_name = "location-requests"
    menu_item_class = LocationRequestsMenuItem
    menu_order = 310
    add_to_admin_menu = True

    def get_urlpatterns(self) -> list[URLPattern]:
        edit = LocationRequestEditView.as_view
        return [
            path("", LocationRequestIndexView.as_view(), name="index"),
            path("results/", LocationRequestIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", edit(), name="edit"),
            path("<int:pk>/assign/", edit(action="assign"), name="assign"),
            path("<int:pk>/status/", edit(action="status"), name="status"),
            path("<int:pk>/outcome/", edit(action="outcome"), name="outcome"),
            path("<int:pk>/notes/", edit(action="note"), name="note"),
            path("<int:pk>/location/", edit(action="location"), name="location"),
        ]


class BankHolidayViewSet(ModelViewSet):
    """The days response deadlines skip, under Settings. Officers may add and change them (not
    delete: a mistaken day is corrected instead)."""

    model = BankHoliday
    icon = "date"
    menu_label = _("Bank holidays")
    url_prefix = "bank-holidays"
    add_to_settings_menu = True
    form_fields = ["date", "name"]
    list_display = ["name", "date"]
    ordering = ["-date"]
    search_fields = ["name"]
    search_backend_name = None


@hooks.register("register_admin_viewset")
def register_location_request_viewsets() -> list[ViewSet]:
    return [LocationRequestViewSet(), BankHolidayViewSet("bank_holidays")]

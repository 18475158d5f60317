"""Admin registrations for Location Risk Assessment requests."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .services import ASSIGN_ACTION, OUTCOME_ACTION, PROVIDER_UPDATE_ACTION, STATUS_ACTION


@hooks.register("register_log_actions")
def register_location_request_actions(actions) -> None:
    """Name the workflow's actions in Wagtail's audit log (Reports > Site history)."""
    actions.register_action(STATUS_ACTION, _("Change status"), _("Status changed"))
    actions.register_action(ASSIGN_ACTION, _("Assign officer"), _("Officer assigned"))
    actions.register_action(OUTCOME_ACTION, _("Record outcome"), _("Outcome recorded"))
    actions.register_action(PROVIDER_UPDATE_ACTION, _("Provider update"), _("Provider added information"))

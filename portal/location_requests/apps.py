"""Location Risk Assessment requests from care providers."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LocationRequestsConfig(AppConfig):
    name = "portal.location_requests"
    label = "location_requests"
    verbose_name = _("Location risk assessments")

    def ready(self) -> None:
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="location_requests.ensure_roles")

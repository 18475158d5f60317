"""Location Risk Assessment requests from care providers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationRequestsConfig(AppConfig):
    name = "portal.location_requests"
    label = "location_requests"
    verbose_name = _("Location risk assessments")

"""Anonymous pupil location reports and the shared hotspot map."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "portal.reporting"
    label = "reporting"
    verbose_name = _("Pupil reports")

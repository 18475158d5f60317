"""Anonymous pupil location reports and the shared hotspot map."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "portal.reporting"
    label = "reporting"
    verbose_name = _("Pupil reports")

    def ready(self) -> None:
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="reporting.ensure_roles")

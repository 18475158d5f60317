"""Anonymous pupil location reports and the shared hotspot map."""

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "portal.reporting"
    label = "reporting"
    verbose_name = _("Pupil reports")

    def ready(self) -> None:
        from .models import School
        from .roles import ensure_roles
        from .staff_audit import staff_changed

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="reporting.ensure_roles")
        m2m_changed.connect(staff_changed, sender=School.staff.through, dispatch_uid="reporting.staff_changed")

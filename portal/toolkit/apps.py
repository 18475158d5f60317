"""Voice of the Child toolkit, Youth Hub and glossary."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "portal.toolkit"
    label = "toolkit"
    verbose_name = _("Voice of the Child toolkit")

"""Site search over pages, documents and glossary terms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from . import signals

        signals.connect()

"""The guidance library: home page, guidance, leaflets and the site shell."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_fixed_choices(**kwargs) -> None:
    """Give every fixed list (audiences, toolkit stages, ...) a row per entry. Runs after every
    migrate and after a test flush, so the rows are always there."""
    from .models import FixedChoice

    for model in apps.get_models():
        if issubclass(model, FixedChoice):
            model.sync_choices()


class HomeConfig(AppConfig):
    name = "portal.home"
    label = "home"
    verbose_name = _("Guidance library")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import page_cache
        from .change_history import on_page_published
        from .roles import ensure_roles

        page_published.connect(on_page_published, dispatch_uid="home.record_published_change")
        page_cache.connect_signals()
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="home.ensure_roles")
        post_migrate.connect(sync_fixed_choices, sender=self, dispatch_uid="home.sync_fixed_choices")

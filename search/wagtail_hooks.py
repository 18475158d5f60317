"""The site search in the admin: the synonym list (Settings > Search synonyms) and the "Search terms"
report (Reports). Promoted results are Wagtail's own (Settings > Promoted search results)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .admin_views import SearchTermsMenuItem, SearchTermsReportView, search_terms_csv
from .models import Synonym


class SynonymCreateView(CreateView):
    """The add form, with the words filled in when the editor comes from the "Search terms" report."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.method == "GET" and (phrases := self.request.GET.get("phrases", "").strip()):
            initial["phrases"] = phrases[:500]
        return initial


class SynonymViewSet(SnippetViewSet):
    """Editors add and change synonym groups; Moderators may also delete them (see roles.py).
    A group with fewer than two words is refused by ``Synonym.clean``."""

    model = Synonym
    add_view_class = SynonymCreateView
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "search-synonyms"
    add_to_settings_menu = True
    menu_order = 910  # beside Wagtail's "Promoted search results" (900)
    list_display = ["phrases", "language", "note"]
    list_filter = ["language"]
    # Synonym is not in a search index: the listing's search box filters in the database.
    search_fields = ["phrases", "note"]
    ordering = ["phrases"]


register_snippet(SynonymViewSet)


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"), reverse("search_terms_report"), name="site-search-terms", icon_name="search", order=1290
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_own_search_terms_report(request, menu_items):
    """Wagtail's promotions app has a "Search terms" report of its own (superusers only), fed by
    ``Query.add_hit``. This site never calls that (it would keep every query unmasked), so the
    report would always be empty; the report above replaces it."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_admin_urls")
def register_search_terms_urls():
    return [
        path("reports/search-terms/", SearchTermsReportView.as_view(), name="search_terms_report"),
        path("reports/search-terms/search-terms.csv", search_terms_csv, name="search_terms_report_csv"),
    ]

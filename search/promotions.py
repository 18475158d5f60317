"""Promoted results: the pages and links editors put first for a search ("ofsted" -> the Ofsted page).

Editors manage them in Wagtail's "Promoted search results" (``wagtail.contrib.search_promotions``).
Looking them up never writes: ``Query.get`` would create a row for every search anyone types, so
the query is matched with a plain filter on the normalised text.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.utils.translation import get_supported_language_variant

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string


@dataclass(frozen=True)
class Promotion:
    title: str
    url: str
    description: str
    is_external: bool


def _locale(language: str) -> Locale | None:
    with contextlib.suppress(LookupError):
        language = get_supported_language_variant(language)
    return Locale.objects.filter(language_code__iexact=language).first()


def _readable_pages(pages: list[Page], locale: Locale | None) -> dict[int, Page]:
    """For each promoted page id, the page a reader gets: its translation in the reader's language
    if that is live and public, else the page itself if it is; pages no reader may see are left out."""
    visible = Page.objects.live().public()
    originals = {page.pk: page for page in visible.filter(pk__in=[page.pk for page in pages])}
    translations = {}
    if locale is not None:
        keys = [page.translation_key for page in pages if page.locale_id != locale.pk]
        translations = {page.translation_key: page for page in visible.filter(translation_key__in=keys, locale=locale)}
    readable = {}
    for page in pages:
        chosen = translations.get(page.translation_key) or originals.get(page.pk)
        if chosen is not None:
            readable[page.pk] = chosen
    return readable


def promoted_results(query: str, language: str) -> list[Promotion]:
    """The promoted results for ``query`` in their editors' order, for a reader of ``language``."""
    query_string = normalise_query_string(" ".join(query.split()))
    if not query_string:
        return []
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=query_string)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    if not promotions:
        return []
    pages = _readable_pages([p.page for p in promotions if p.page is not None], _locale(language))
    results: list[Promotion] = []
    for promotion in promotions:
        description = promotion.description or ""
        if promotion.page_id is not None:
            page = pages.get(promotion.page_id)
            url = page.get_url() if page is not None else None
            if not url:  # unpublished, private, or outside every site
                continue
            results.append(
                Promotion(
                    title=page.title, url=url, description=description or page.search_description, is_external=False
                )
            )
        elif promotion.external_link_url:
            title = promotion.external_link_text or promotion.external_link_url
            results.append(
                Promotion(title=title, url=promotion.external_link_url, description=description, is_external=True)
            )
    return results

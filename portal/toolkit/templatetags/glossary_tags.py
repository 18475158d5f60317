import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from portal.toolkit.glossary import glossary_page_for, link_glossary_terms, linkable_terms

register = template.Library()


def _cache_key(page, request, glossary_url: str, terms) -> str | None:
    """A key for the linked body of a published page, or None when it must not be cached
    (previews, drafts and revisions render content that is not the live page's)."""
    if getattr(request, "is_preview", False) or not getattr(page, "live", False) or not page.live_revision_id:
        return None
    fingerprint = repr(
        (
            page.pk,
            page.live_revision_id,
            page.last_published_at,
            request.get_host() if request else "",
            glossary_url,
            terms,
        )
    )
    return "glossary-body:" + hashlib.sha256(fingerprint.encode()).hexdigest()


class GlossaryNode(template.Node):
    """Renders the enclosed page body and links glossary terms in it. The result for a live page
    is cached: the key changes whenever the page is republished or the glossary changes."""

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        page = context.get("page")
        request = context.get("request")
        if page is None:
            return self.nodelist.render(context)
        glossary = glossary_page_for(page)
        glossary_url = glossary.get_url(request) if glossary is not None else None
        if not glossary_url:  # no live glossary, or one outside every site
            return self.nodelist.render(context)
        terms = linkable_terms(page.locale_id)
        key = _cache_key(page, request, glossary_url, terms)
        if key is not None and (cached := cache.get(key)) is not None:
            return mark_safe(cached)  # noqa: S308 - our own rendered HTML
        html = link_glossary_terms(self.nodelist.render(context), terms, glossary_url)
        if key is not None:
            cache.set(key, html, settings.GLOSSARY_BODY_CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308


@register.tag
def glossary_links(parser, token):
    """{% glossary_links %}...{% endglossary_links %}: link glossary terms in the enclosed HTML."""
    nodelist = parser.parse(("endglossary_links",))
    parser.delete_first_token()
    return GlossaryNode(nodelist)

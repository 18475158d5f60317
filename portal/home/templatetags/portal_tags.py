import hashlib

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page, Site

register = template.Library()


def _home_for(request, page=None):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    root = site.root_page
    if page is not None and page.locale_id != root.locale_id:
        # The home page in the reader's language, when it has been translated.
        return root.get_translation_or_none(page.locale) or root
    return root


@register.inclusion_tag("components/navigation.html", takes_context=True)
def main_navigation(context):
    """The header menu: the home page's live children marked 'show in menus' (one query)."""
    request = context.get("request")
    current = context.get("page")
    home = _home_for(request, current)
    items = []
    if home is not None:
        for child in (
            home.get_children()
            .live()
            .public()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth", "draft_title")
        ):
            items.append(
                {
                    "title": child.title,
                    "url": child.get_url(request),
                    "active": bool(current and isinstance(current, Page) and current.path.startswith(child.path)),
                }
            )
    return {"items": items, "request": request}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": []}
    ancestors = page.get_ancestors().filter(depth__gt=1).live().only("id", "title", "url_path", "path", "depth")
    return {"ancestors": [{"title": a.title, "url": a.get_url(request)} for a in ancestors], "page": page}


@register.simple_tag(takes_context=True)
def pageurl_home(context):
    """The URL of the home page in the reader's language."""
    request = context.get("request")
    home = _home_for(request, context.get("page"))
    return home.get_url(request) if home is not None else "/"


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    request = context["request"]
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def field_widget(field):
    """Render a form field's widget linked to its hint and error for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.id_for_label}-hint")
    if field.errors:
        described_by.append(f"{field.id_for_label}-error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages it has been translated into (one query)."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or not page.pk:
        return {"translations": []}
    translations = page.get_translations().live().public().select_related("locale").only("id", "url_path", "locale")
    return {
        "translations": [
            {"url": t.get_url(request), "code": t.locale.language_code, "name": t.locale.get_display_name()}
            for t in translations
        ]
    }


class SharedPartNode(template.Node):
    """Renders its contents once per content generation and keeps them (see ``page_cache``)."""

    def __init__(self, nodelist: template.NodeList, name: str, per_page: bool) -> None:
        self.nodelist = nodelist
        self.name = name
        self.per_page = per_page

    def render(self, context: template.Context) -> str:
        seconds = context.get("content_cache_seconds") or 0
        request = context.get("request")
        if not seconds or request is None:  # off, a preview, or rendered outside a request
            return self.nodelist.render(context)
        parts: list[object] = [self.name, context.get("content_generation"), request.get_host(), get_language()]
        if self.per_page:
            page = context.get("page")
            # A page's own revision, and the day: what it shows can depend on the date ("review
            # overdue").
            parts += [getattr(page, "pk", None), getattr(page, "live_revision_id", None), context.get("today")]
        key = "shared-part:" + hashlib.sha256(repr(parts).encode()).hexdigest()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), seconds)
        return mark_safe(html)  # noqa: S308 - our own rendered template output


@register.tag
def shared_part(parser: template.base.Parser, token: template.base.Token) -> SharedPartNode:
    """``{% shared_part "name" %}...{% endshared_part %}``: a part every reader sees alike on every
    page of the site (the footer), or, with ``for_page``, on this page (its menu, breadcrumbs,
    language links, content). It is rendered once per content generation, host and language (and
    page, revision and day) and kept in the cache for ``PAGE_CACHE_SECONDS``; with the page cache
    off, or in a preview, it is rendered every time. Nothing in it may depend on the reader (their
    session, cookies or the query string)."""
    bits = token.split_contents()
    if len(bits) not in (2, 3) or bits[1][0] not in "\"'" or (len(bits) == 3 and bits[2] != "for_page"):
        raise template.TemplateSyntaxError('Use {% shared_part "name" %} or {% shared_part "name" for_page %}.')
    nodelist = parser.parse(("endshared_part",))
    parser.delete_first_token()
    return SharedPartNode(nodelist, bits[1][1:-1], per_page=len(bits) == 3)

"""A whole-page cache for readers who are not signed in.

Most requests are anonymous readers opening the same published pages, and a page looks the same
to all of them: it depends only on the address, the language, the contrast preference and the day
(the print notice carries the date). So a finished response is kept in the cache under exactly
those, and the next reader gets it without routing, queries or templates.

What is never cached:

- a request with a session or a message waiting (an editor signed in, a pupil or a provider in the
  middle of a form, a reader who passed a page's password), a request with a query string (each
  variant would be a page of its own: anyone could fill the cache with ``?x=1``, ``?x=2``...), and
  anything but GET;
- a response that sets a cookie (every form with a CSRF token does, so no form page is kept), that
  says ``Cache-Control: private``, ``no-cache`` or ``no-store`` (the providers' status pages, the
  sent pages), or that a view marked with :func:`page_cache_exempt` (the site search, which counts
  its searches), and anything but a complete ``200`` HTML page;
- the admin, documents, the APIs and the other paths in :data:`EXCLUDED_PREFIXES`.

Every entry belongs to one *generation* of the site: a random token kept in the same cache. Any
change to what pages show (publishing, unpublishing, moving or deleting a page; saving or deleting
a snippet, setting, document, image, site, locale, collection or view restriction:
:func:`shows_on_pages`) draws a new token, so every cached page is left behind at once. It is drawn
when the change is made and again when its transaction commits, so a page rendered from the old
rows while the change was being committed is not kept in the new generation. Everything else
saved (visitors' reports and requests, sessions, search counts, the admin's own bookkeeping:
revisions, logs, editing sessions, subscriptions) leaves the cache alone. ``PAGE_CACHE_SECONDS``
is a backstop.

The same generation keys the parts of a page that are rendered alike for every reader of it (the
menu, the language links, the breadcrumbs, the footer and the content of most page types, kept
with ``{% shared_part %}`` from ``portal_tags``), and the Site each host is served by, kept in
each process, so that the pages the cache doesn't serve (signed-in editors, forms, the first
reader after a change) are quicker too.

The generation is only shared between processes when the cache is (Redis): with a per-process
local-memory cache and several workers, one worker would not hear of another's change, so the
production settings turn the page cache on only with ``REDIS_URL`` (see ``settings/base.py``).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.translation import get_language

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site

from .context_processors import CONTRAST_COOKIE

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/api/", "/preferences/", "/healthz/")
# The project's apps: what they save shows on pages, except the rows visitors' own traffic makes.
CONTENT_APPS = frozenset({"home", "toolkit", "reporting", "location_requests"})
TRAFFIC_MODELS = frozenset(
    {
        "reporting.pupilreport",
        "reporting.hotspotrollup",
        "reporting.monthlyhotspotrollup",
        "reporting.monthlyhotspottotal",
        "reporting.reportroutecell",
        "location_requests.referencesequence",
        "location_requests.locationrequest",
        "location_requests.locationrequestmessage",
        "location_requests.locationrequestnote",
    }
)
# The page columns Wagtail saves alone when a draft is saved or a page is locked or unlocked.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
# Wagtail's own models that change what a page shows or who may see it (pages themselves are
# recognised by class). Its bookkeeping (revisions, logs, workflow states, editing sessions,
# subscriptions, renditions, user profiles) is left out on purpose: it changes all the time while
# editors work and shows on no public page until a page is published.
WAGTAIL_CONTENT_MODELS = frozenset(
    {
        "wagtailcore.site",
        "wagtailcore.locale",
        "wagtailcore.collection",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.collectionviewrestriction",
        "wagtailimages.image",
        "wagtaildocs.document",
    }
)
HIT_HEADER = "X-Page-Cache"


def timeout() -> int:
    return max(0, int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0))


def page_cache_exempt(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Never keep this view's responses (it has an effect besides showing a page)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> HttpResponse:
        response = view(*args, **kwargs)
        response.page_cache_exempt = True
        return response

    return wrapped


def generation() -> str | None:
    """The current generation's token (one cache read), or None when the cache can't say (it is
    unreachable: nothing is then kept, since no change could reach it)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        token = cache.get(GENERATION_KEY)
        if token is None:
            logger.warning("The page cache is off for this request: the cache holds no generation.")
    return token


def new_generation() -> None:
    """Leave every cached page behind (a new token; the old entries expire on their own)."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def new_generation_now_and_on_commit() -> None:
    """A new generation at once, and another when the current transaction commits: a reader who
    rendered the old rows in between (before the commit) kept their page in the generation that
    the commit leaves behind. Nothing to do while the content cache is off."""
    if not timeout():
        return
    new_generation()
    transaction.on_commit(new_generation, robust=True)


def shows_on_pages(model: type) -> bool:
    """Whether saving or deleting a row of ``model`` can change a public page."""
    meta = getattr(model, "_meta", None)
    if meta is None:
        return False
    if issubclass(model, Page) or meta.label_lower in WAGTAIL_CONTENT_MODELS:
        return True
    if meta.auto_created:  # a many-to-many table: as the model that declares it
        return any(shows_on_pages(field.related_model) for field in meta.get_fields() if field.is_relation)
    if isinstance(model, type) and issubclass(model, AbstractDocument | AbstractImage):
        return True
    return meta.app_label in CONTENT_APPS and meta.label_lower not in TRAFFIC_MODELS


def _wants_cache(request: HttpRequest) -> bool:
    if request.method != "GET" or request.META.get("QUERY_STRING") or not timeout():
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def request_generation(request: HttpRequest) -> str | None:
    """The generation this request is served in (read once per request), or None when the
    content cache is off."""
    if not timeout():
        return None
    if not hasattr(request, "_content_generation"):
        request._content_generation = generation()
    return request._content_generation


def cache_key(request: HttpRequest) -> str | None:
    """Where this request's page is kept, or None when the request can't be keyed."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Django answers 400 further on
    contrast = "high" if request.COOKIES.get(CONTRAST_COOKIE) == "high" else "standard"
    address = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    day = timezone.localdate().isoformat()
    token = request_generation(request)
    if token is None:
        return None
    return f"page-cache:{token}:{request.scheme}:{host}:{get_language()}:{contrast}:{day}:{address}"


class _SiteMemo:
    """Which Site serves each host and port, remembered in this process for one generation (a
    site's hostname, port, root page or default flag is changed by saving it, which starts a new
    generation). Wagtail itself finds the site afresh for every request, with one query."""

    def __init__(self) -> None:
        self.generation: str | None = None
        self.sites: dict[tuple[str, str], Site | None] = {}

    def find(self, request: HttpRequest, token: str) -> Site | None:
        if token != self.generation:
            self.sites, self.generation = {}, token
        key = (request._get_raw_host(), request.get_port())
        if key not in self.sites:
            self.sites[key] = Site._find_for_request(request)
        return self.sites[key]


_site_memo = _SiteMemo()


def _storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or getattr(response, "page_cache_exempt", False):
        return False
    if response.cookies or not response.get("Content-Type", "").startswith("text/html"):
        return False
    directives = {part.strip().split("=")[0].lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & {"private", "no-cache", "no-store"}


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the cache; keep the ones rendered for them.

    Sits after ``LocaleMiddleware`` (the language is part of the key) and before everything that
    only matters to a page being rendered (CSRF, sign-in, messages). The headers that middleware
    further down adds (the Content Security Policy, X-Frame-Options) are kept with the page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_generation(request)
        if token is not None:
            request._wagtail_site = _site_memo.find(request, token)  # as Site.find_for_request keeps it
        key = cache_key(request) if _wants_cache(request) else None
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(response):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            # The page differs by the contrast cookie and by having a session: say so to any
            # cache in front (Django's session middleware adds this only after we have stored it).
            patch_vary_headers(response, ["Cookie"])
            cache.set(key, response, timeout())
            response[HIT_HEADER] = "miss"
        return response


def _on_change(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields and issubclass(sender, Page) and set(update_fields) <= DRAFT_FIELDS:
        return  # a draft saved, a page locked: the live page is as it was
    if shows_on_pages(sender):
        new_generation_now_and_on_commit()


def _on_page_event(sender: Any, **kwargs: Any) -> None:
    new_generation_now_and_on_commit()


def connect_signals() -> None:
    """Any saved or deleted row that shows on pages starts a new generation, and so do Wagtail's
    page events that change the tree without saving a page (a move)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="page_cache.post_save")
    post_delete.connect(_on_change, dispatch_uid="page_cache.post_delete")
    m2m_changed.connect(_on_change, dispatch_uid="page_cache.m2m_changed")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"page_cache.{signal!r}")

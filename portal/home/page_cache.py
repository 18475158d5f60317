"""A whole-page cache for readers who are not signed in.

Most requests are anonymous readers opening the same published pages, and a page looks the same
to all of them: it depends only on the address, the language, the contrast preference and the day
(the print notice carries the date). So a finished response is kept in the cache under exactly
those, and the next reader gets it without routing, queries or templates.

What is never cached:

- a request with a session or a message waiting (an editor signed in, a pupil or a provider in the
  middle of a form, a reader who passed a page's password), and anything but GET;
- a response that sets a cookie (every form with a CSRF token does, so no form page is kept), that
  says ``Cache-Control: private``, ``no-cache`` or ``no-store`` (the providers' status pages, the
  sent pages), or that a view marked with :func:`page_cache_exempt` (the site search, which counts
  its searches), and anything but a complete ``200`` HTML page;
- the admin, documents, the APIs and the other paths in :data:`EXCLUDED_PREFIXES`.

Every entry belongs to one *generation* of the site: a random token kept in the same cache. Any
change an editor makes (publishing, unpublishing, moving or deleting a page, saving a snippet,
setting, document, image, site or view restriction) draws a new token, so every cached page is
left behind at once; :data:`CHURN_MODELS` lists what changes with visitors' traffic and does not
touch what pages show. ``PAGE_CACHE_SECONDS`` is a backstop for anything else.

The same generation keys the parts of a page that are rendered alike for every reader of it (the
menu, the language links, the breadcrumbs and the footer, cached with ``{% cache %}`` in
``base.html``), and the Site each host is served by, kept in each process, so that the pages the
cache doesn't serve (signed-in editors, forms, the first reader after a change) are quicker too.

The generation is only shared between processes when the cache is (Redis): with a per-process
local-memory cache and several workers, one worker would not hear of another's change, so the
production settings turn the page cache on only with ``REDIS_URL`` (see ``settings/base.py``).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language

from wagtail.models import Site

from .context_processors import CONTRAST_COOKIE

GENERATION_KEY = "page-cache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/api/", "/preferences/", "/healthz/")
# What changes with visitors' traffic and never with what a cached page shows: pupils' reports and
# their counts, providers' requests and the officers' work on them, sessions, search statistics,
# and the admin's own per-user preferences (made on an editor's first visit). The pages of these
# apps (the report and request pages) are not listed: editing them clears the cache as usual.
CHURN_APPS = frozenset({"sessions"})
CHURN_MODELS = frozenset(
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
        "search.searchqueryday",
        "wagtailsearch.indexentry",
        "wagtailusers.userprofile",
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


def generation() -> str:
    """The current generation's token (one cache read)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        token = cache.get(GENERATION_KEY) or "unshared"
    return token


def new_generation() -> None:
    """Leave every cached page behind (a new token; the old entries expire on their own)."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def _wants_cache(request: HttpRequest) -> bool:
    if request.method != "GET" or not timeout():
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
            cache.set(key, response, timeout())
            response[HIT_HEADER] = "miss"
        return response


def _on_change(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label in CHURN_APPS or meta.label_lower in CHURN_MODELS:
        return
    new_generation()


def _on_page_event(sender: Any, **kwargs: Any) -> None:
    new_generation()


def connect_signals() -> None:
    """Any saved or deleted row (but the traffic's own) starts a new generation, and so do
    Wagtail's page events that change the tree without saving a page (a move)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="page_cache.post_save")
    post_delete.connect(_on_change, dispatch_uid="page_cache.post_delete")
    m2m_changed.connect(_on_change, dispatch_uid="page_cache.m2m_changed")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"page_cache.{signal!r}")

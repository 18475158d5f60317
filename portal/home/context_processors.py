from django.conf import settings
from django.utils import timezone

from wagtail.models import Site

CONTRAST_COOKIE = "contrast"


def portal(request):
    """Values every public template needs: the site's name, the contrast preference and the
    quick-exit target. Site.find_for_request is cached on the request, so this adds no query to
    a page view."""
    site = Site.find_for_request(request)
    return {
        "high_contrast": request.COOKIES.get(CONTRAST_COOKIE) == "high",
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "today": timezone.localdate(),
        "site_name": (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME,
        **_content_cache(request),
    }


def _content_cache(request) -> dict:
    """For {% shared_part %} around the parts every reader of a page sees alike (see page_cache):
    seconds to keep them (0: not kept) and the content generation they belong to. A preview
    (which may show a draft) neither reads nor keeps them."""
    from . import page_cache  # it imports this module

    token = page_cache.request_generation(request)
    if token is None or getattr(request, "is_preview", False):
        return {"content_cache_seconds": 0, "content_generation": "uncached"}
    return {"content_cache_seconds": page_cache.timeout(), "content_generation": token}

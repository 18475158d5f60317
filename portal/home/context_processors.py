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
    }

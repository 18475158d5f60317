from django.conf import settings
from django.utils import timezone

CONTRAST_COOKIE = "contrast"


def portal(request):
    """Values every public template needs: the contrast preference and the quick-exit target."""
    return {
        "high_contrast": request.COOKIES.get(CONTRAST_COOKIE) == "high",
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "today": timezone.localdate(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }

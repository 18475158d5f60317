from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .context_processors import CONTRAST_COOKIE

ONE_YEAR = 365 * 24 * 60 * 60


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.headers.get("referer") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@require_GET
@never_cache
def toggle_contrast(request: HttpRequest) -> HttpResponse:
    """Switch between standard and high contrast. Works as a plain form without JavaScript; with
    JavaScript the page switches at once and asks here in the background.

    A GET form, not a POST: a POST form needs a CSRF token, and a token in every page would give
    every reader a cookie and a page of their own, which no cache could share (see
    ``page_cache``). Setting a display preference to a value named in the address changes nothing
    anyone could abuse, and the same address always has the same effect."""
    wanted = request.GET.get("contrast")
    if wanted not in {"high", "standard"}:
        wanted = "standard" if request.COOKIES.get(CONTRAST_COOKIE) == "high" else "high"
    if request.headers.get("x-requested-with") == "fetch":
        response: HttpResponse = HttpResponse(status=204)
    else:
        response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(
        CONTRAST_COOKIE,
        wanted,
        max_age=ONE_YEAR,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=False,  # the script reads it to keep the toggle's label right
    )
    return response


@require_GET
@never_cache
def healthcheck(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on every page (even plain-text ones); send them to the real
    icon instead of rendering a 404 page each time."""
    return HttpResponseRedirect(staticfiles_storage.url("images/favicon.svg"))

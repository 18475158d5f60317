from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.home import views as home_views
from portal.location_requests import views as location_request_views
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("preferences/contrast/", home_views.toggle_contrast, name="toggle_contrast"),
    path("healthz/", home_views.healthcheck, name="healthcheck"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("api/reporting/", include("portal.reporting.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages carry a language prefix except in the default language (/pl/..., /ro/...).
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path(
        "location-request/status/<str:token>/",
        location_request_views.status_view,
        name="location_request_status",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

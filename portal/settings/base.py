"""Settings shared by every environment. Environment-specific files import from here."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "portal"

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The portal's own apps, one per capability.
    "portal.home",
    "portal.toolkit",
    "portal.location_requests",
    "portal.reporting",
    "search",
    "wagtail.contrib.search_promotions",
    # Wagtail and its contrib apps.
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailgeowidget",
    "modelcluster",
    "taggit",
    "formtools",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous readers' pages from the cache (portal/home/page_cache.py); after the language is
    # known, before CSRF and sign-in.
    "portal.home.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.home.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; DATABASE_URL (e.g. postgres://user@host:5432/name) selects
# PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Per-connection settings for the app's queries (docs/performance.md, "Pupil reports"): JIT
    # compilation cost more than it saved on the hotspot aggregates, and 32 MB of work_mem keeps
    # their bitmaps exact and their sorts in memory. An ?options=... in DATABASE_URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", env_str("DATABASE_PG_OPTIONS", "-c jit=off -c work_mem=32MB")
    )
else:
    # SQLite builds the rollups' covering indexes on their key columns only (it has no INCLUDE).
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
                # A cache outage degrades to "no cache" instead of failing the page.
                "IGNORE_EXCEPTIONS": True,
            },
            "KEY_PREFIX": "portal",
        }
    }
    # ... but say so in the log (a page cache that can't hear of editors' changes, a lost rate limit).
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Seconds a page rendered for anonymous readers is kept (portal/home/page_cache.py). Any change an
# editor makes clears it at once, but only a shared cache carries that news between worker
# processes, so it is on by default only with Redis. 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0)

# --- Passwords and sessions -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Languages --------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
# Languages the borough's families most often read, besides English.
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en-gb", _("English")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bn", _("Bengali")),
    ("ur", _("Urdu")),
    ("so", _("Somali")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("PORTAL_SITE_NAME", "Safeguarding Children Partnership")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "home.PortalDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "pptx", "txt", "rtf"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls home from the admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from a third party
WAGTAILEMBEDS_FINDERS: list[dict] = []  # embeds are never fetched; video links render as links
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# Prefix for the search indexes: Wagtail's (admin search) and the site search's
# (<prefix>site_search, search/backends/elastic.py). The pupil reports' index is named below.
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "portal_")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": ELASTICSEARCH_INDEX_PREFIX,
        "TIMEOUT": 5,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Map tiles come only from the configured tile server (MAP_TILE_URL, e.g. the council's own); with
# none configured, maps show the partnership's own sketch map and no tile is fetched from anywhere.
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION")
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
GEO_WIDGET_DEFAULT_LOCATION = {"lat": 51.5774, "lng": 0.1837}
GEO_WIDGET_ZOOM = 13

# --- Portal -----------------------------------------------------------------------------------
# Where the quick-exit button sends a child who needs to leave the page at once.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@safeguarding-partnership.example")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_TIMEOUT = 10
# How long a published page body with its glossary links stays cached (the key changes when the
# page is republished or the glossary changes, so this only bounds memory use).
GLOSSARY_BODY_CACHE_SECONDS = env_int("GLOSSARY_BODY_CACHE_SECONDS", 6 * 60 * 60)

# --- Security headers ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Public pages load nothing from third parties. The Wagtail admin needs inline scripts and
# styles, so it is excluded from this policy (and is only reachable by signed-in staff).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

if MAP_TILE_URL:
    # The one map-tile server pages may load images from.
    _tiles = urlsplit(MAP_TILE_URL.replace("{s}.", "*."))
    if _tiles.scheme and _tiles.netloc:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"portal": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO"), "propagate": False}},
}

PORTAL_DEMO_MODE = env_bool("PORTAL_DEMO_MODE", False)

# --- Pupil reports and the hotspot map ----------------------------------------------------------
# Places are snapped to H3 cells at this resolution when saved (10: about 120 m across).
REPORTING_CELL_RESOLUTION = env_int("REPORTING_CELL_RESOLUTION", 10)
# Counts shown outside a pupil's own school below this number are suppressed.
REPORTING_SUPPRESSION_THRESHOLD = env_int("REPORTING_SUPPRESSION_THRESHOLD", 5)
# Reports one client may send per hour, counted under a salted hash held only in the cache. A
# whole class may share one school address, so the per-address limit is generous; the per-session
# limit stops one device sending report after report.
REPORTING_RATE_LIMIT_PER_CLIENT_HOUR = env_int("REPORTING_RATE_LIMIT_PER_CLIENT_HOUR", 120)
REPORTING_RATE_LIMIT_PER_SESSION_HOUR = env_int("REPORTING_RATE_LIMIT_PER_SESSION_HOUR", 5)
# An unsent report is forgotten after this many idle seconds (a shared computer's next user must not
# find what a pupil wrote).
REPORTING_DRAFT_IDLE_SECONDS = env_int("REPORTING_DRAFT_IDLE_SECONDS", 30 * 60)
# After this many months a report's free text and any trusted-adult name are erased (the counts stay).
REPORTING_RETENTION_MONTHS = env_int("REPORTING_RETENTION_MONTHS", 24)
# How many reverse proxies (load balancers) sit in front of the app and add X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Pins outside this box (south, west, north, east) are refused: the form covers the borough and
# its edges. Defaults to a box around the demo borough.
REPORTING_MAP_BOUNDS = [float(v) for v in env_list("REPORTING_MAP_BOUNDS", ["51.50", "0.05", "51.65", "0.33"])]
REPORTING_MAP_CENTRE = [float(v) for v in env_list("REPORTING_MAP_CENTRE", ["51.5774", "0.1837"])]
# Without a tile server, maps draw this picture of the borough (south, west, north, east bounds).
MAP_OVERLAY_IMAGE = env_str("MAP_OVERLAY_IMAGE", "images/maps/eastbrook.svg")
MAP_OVERLAY_BOUNDS = [float(v) for v in env_list("MAP_OVERLAY_BOUNDS", ["51.555", "0.140", "51.600", "0.230"])]
# Location risk assessment requests: the response is due this many working days after arrival.
LOCATION_REQUEST_RESPONSE_WORKING_DAYS = env_int("LOCATION_REQUEST_RESPONSE_WORKING_DAYS", 10)
# The team told about each new request (empty: nobody is emailed, the queue is in the admin).
LOCATION_REQUEST_TEAM_EMAIL = env_str("LOCATION_REQUEST_TEAM_EMAIL", "")
ELASTICSEARCH_REPORTS_INDEX = env_str("ELASTICSEARCH_REPORTS_INDEX", "portal_pupil_reports")

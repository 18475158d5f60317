"""Local development: SQLite by default, debug on, e-mail printed to the console."""

from .base import *  # noqa: F403
from .env import env_int, env_str

DEBUG = True
# A fixed key is acceptable only here: the dev server listens on localhost.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Off while developing, so that an edited template shows at once (set PAGE_CACHE_SECONDS to try it:
# the development server is one process, so its local-memory cache can hold pages safely).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)

"""The embedded default: SQLite, local-memory caches, media on local disk, DEBUG on."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Django serves static files and uploads itself (Nginx does in production), also
# with DJANGO_DEBUG=0, which the browser tests use to see the real 404 page.
SERVE_MEDIA = True
# No scheduler runs here: a rating or a moderation shows on the recipe page at once.
RATINGS_REFRESH_AT_ONCE = True

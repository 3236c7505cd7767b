"""Fast settings for the test suite. DATABASE_URL / REDIS_URL still apply."""

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
ALLOWED_HOSTS = ["localhost", "testserver", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests run inside transactions that never commit, so purges (run on commit) would
# not happen: the page cache is off except in the tests that switch it on
# (foodie/cache/tests), which run their purges with captured on-commit callbacks.
WAGTAIL_CACHE = False
# No second edge purge after the test that sent the first has ended; the tests of
# it switch it on (tests/test_edge_cache.py).
EDGE_CACHE_REPURGE_SECONDS = 0
# django-axes needs the request in authenticate(); the test client's login() has none.
AXES_ENABLED = False

"""Production: every secret and address comes from the environment.

A missing SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, WAGTAILADMIN_BASE_URL or (while
the page cache is on) REDIS_URL stops start-up with a message naming the variable,
rather than running with an unsafe default.
"""

import copy

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, REDIS_URL, WAGTAIL_CACHE, env

REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "WAGTAILADMIN_BASE_URL")
missing = [name for name in REQUIRED if not env.str(name, default="")]
# No shared page cache, no page cache: without Redis each Gunicorn worker would keep
# its own local-memory page cache, and a purge empties only the worker that ran the
# publish, so the others keep serving pages made private or unpublished.
if WAGTAIL_CACHE and not REDIS_URL:
    missing.append(
        "REDIS_URL (the page cache must be shared by every worker; "
        "set WAGTAIL_CACHE=false to run without a page cache)"
    )
if missing:
    raise ImproperlyConfigured(
        "Foodie production settings need these environment variables: "
        + ", ".join(missing)
        + ". See .env.example and docs/operators.md."
    )

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Nginx terminates TLS and sets X-Forwarded-Proto itself (never passed through).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = False
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's admin previews pages in a same-origin iframe, so DENY would break them.
X_FRAME_OPTIONS = "SAMEORIGIN"
# One proxy (Nginx) sets X-Forwarded-For; django-axes takes the client from it
# (foodie.security.client_ip). Raise it when a load balancer sits in front of Nginx.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

SILENCED_SYSTEM_CHECKS = [
    "security.W019",  # X_FRAME_OPTIONS is SAMEORIGIN on purpose (previews), see above.
]

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.com:587 (django-environ syntax).
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Foodie <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Logs go to stdout, where the container runtime or process manager collects them;
# LOG_FILE also appends them to a file (rotate it with logrotate's copytruncate).
LOGGING = copy.deepcopy(LOGGING)
LOGGING["handlers"]["console"]["stream"] = "ext://sys.stdout"
LOG_FILE = env("LOG_FILE", default="")
if LOG_FILE:
    LOGGING["handlers"]["file"] = {
        "class": "logging.handlers.WatchedFileHandler",
        "filename": LOG_FILE,
        "formatter": "plain",
    }
    LOGGING["root"]["handlers"] = ["console", "file"]

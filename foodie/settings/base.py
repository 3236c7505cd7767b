"""Settings shared by every environment.

Every address and secret is read through one ``environ.Env`` instance (``env``);
environment-specific modules only change defaults and strictness.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before foodie.cache, whose ready() disconnects its publish handlers (the page
    # cache's purges feed it instead: foodie/cache/edge.py).
    "wagtail.contrib.frontend_cache",
    "foodie.core",
    "foodie.cache",
    "foodie.metrics",
    "home",
    "recipes",
    "blog",
    "search",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prometheus",
]

# The page cache (docs/operators.md) is one middleware, early, so a hit skips the
# rest; whether a request may use it is decided by foodie.cache.rules.
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "foodie.core.middleware.RejectNulBytesMiddleware",
    "foodie.cache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into its 429 response.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "foodie.urls"
WSGI_APPLICATION = "foodie.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# DATABASE_URL switches any environment to PostgreSQL; the embedded default is SQLite.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once (editors, autosave, the scheduler): WAL lets readers
    # run beside a writer, IMMEDIATE takes the write lock when a transaction begins
    # (a deferred one that upgrades later fails with "database is locked" instead of
    # waiting), and a writer waits up to `timeout` seconds for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request (and /ready/) in seconds,
    # rather than holding a worker for the operating system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
# django-prometheus wraps the database backend to count queries and their duration.
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends."
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL moves the caches to Redis. Wagtail's own cache (``default``) must never
# take a page down when Redis fails, hence IGNORE_EXCEPTIONS and short timeouts.
# The page cache lives in its own Redis database (PAGE_CACHE_REDIS_URL, by default
# REDIS_URL with database 1): emptying it is a FLUSHDB that must touch nothing else.
# It does not ignore exceptions: wagtail-cache reports them as X-Wagtail-Cache: err.
REDIS_URL = env("REDIS_URL", default="")
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=3600)
# A hung Redis costs a request one timeout: after a timeout or connection error the
# server's circuit breaker (foodie.cache.breaker) fails every call at once for
# REDIS_BREAKER_COOLDOWN seconds, then lets one trial call through.
REDIS_BREAKER_COOLDOWN = env.float("REDIS_BREAKER_COOLDOWN", default=3.0)
REDIS_OPTIONS = {
    "SOCKET_CONNECT_TIMEOUT": 0.25,
    "SOCKET_TIMEOUT": 0.25,
    "REDIS_CLIENT_CLASS": "foodie.cache.breaker.BreakerRedis",
}


def _redis_db(url: str, db: int) -> str:
    """``url`` pointing at Redis database ``db``."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{db}"))


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_prometheus.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "foodie",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, **REDIS_OPTIONS},
        },
        "pagecache": {
            "BACKEND": "foodie.cache.backend.PageCacheBackend",
            "LOCATION": env("PAGE_CACHE_REDIS_URL", default=_redis_db(REDIS_URL, 1)),
            "TIMEOUT": PAGE_CACHE_TIMEOUT,
            "OPTIONS": REDIS_OPTIONS,
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        # Django's own local-memory backend: django-prometheus' wrapper returns
        # `cached or default`, so an empty cached list (Django's "learned headers" for
        # a page that varies on nothing) reads as a miss and no page would ever hit.
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pagecache": {
            "BACKEND": "foodie.cache.backend.LocalPageCacheBackend",
            "LOCATION": "pagecache",
            "TIMEOUT": PAGE_CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Prometheus (docs/operators.md, Monitoring). /metrics answers only the scraper: by
# default loopback, where the native stack's Prometheus runs; Compose names its
# Prometheus. A proxied request must come from these networks at every hop
# (foodie.metrics.views). Migration gauges are off (one series per worker process
# in multiprocess mode).
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.0/8", "::1/128"])
PROMETHEUS_EXPORT_MIGRATIONS = False

WAGTAIL_CACHE = env.bool("WAGTAIL_CACHE", default=True)
WAGTAIL_CACHE_BACKEND = "pagecache"
# Paths listing every page; purged whenever any page changes.
PAGE_CACHE_LISTING_URLS = ["sitemap", "recipes_feed", "articles_feed"]

# Sessions live in the database, never in Redis: a cache outage must not log editors out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Brute-force protection (django-axes): after AXES_FAILURE_LIMIT failed logins from
# one client address, that address is locked out for AXES_COOLOFF_TIME. The address
# is taken TRUSTED_PROXY_COUNT hops from the right of X-Forwarded-For
# (foodie.security.client_ip), so a client cannot reset it with a forged header.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "foodie.security.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password"]

# Readers' ratings and cook notes (docs/operators.md, "Ratings and cook notes"): each
# reader address may send RATINGS_PER_READER of them in RATINGS_PERIOD_SECONDS (more:
# 429), one per recipe a day. Recipe pages show new ratings and approvals after the
# scheduler's next tick (its every SCHEDULER_TICK_COMMANDS); development has no
# scheduler and refreshes at once.
RATINGS_PER_READER = env.int("RATINGS_PER_READER", default=10)
RATINGS_PERIOD_SECONDS = env.int("RATINGS_PERIOD_SECONDS", default=3600)
RATINGS_REFRESH_AT_ONCE = False
# What `manage.py run_scheduler` runs every tick, in order: publishes, the batched
# refresh of rated recipes (whose purges may fail), then the retry of failed purges.
SCHEDULER_TICK_COMMANDS = ["publish_scheduled", "refresh_ratings", "retry_page_cache_purges"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "foodie" / "static"]
MEDIA_URL = env("MEDIA_URL", default="/media/")
SERVE_MEDIA = False  # development.py: Django serves /static/ and /media/ itself
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# Media goes through STORAGES so S3-compatible storage is configuration alone.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Foodie"
# The demo admin user that `load_demo_content` creates (demo sites only); no password
# means a generated one, printed once.
FOODIE_ADMIN_USERNAME = env("FOODIE_ADMIN_USERNAME", default="admin")
FOODIE_ADMIN_PASSWORD = env("FOODIE_ADMIN_PASSWORD", default="")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.FoodieImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Every {% picture %} offers AVIF, then WebP, then JPEG. 61 is Wagtail's own default,
# pinned so that an upgrade does not change every rendition's bytes unannounced.
WAGTAILIMAGES_AVIF_QUALITY = 61
# Refuses a header claiming a decompression bomb as a form error, not a 500.
WAGTAILIMAGES_IMAGE_FORM_BASE = "foodie.core.forms.FoodieImageForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "txt", "docx", "xlsx", "odt", "ods"]
# Documents are always downloaded through Django (privacy checks, counted), never
# shown inline: Nginx does not serve MEDIA_ROOT/documents/ at all.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Wagtail's database backend, adjusted in search/backends/ (ranking and speed);
# English stemming on PostgreSQL whatever the server's default_text_search_config.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "english"}}
# Daily search counts (Reports → Popular searches) kept this many days (search/popular.py).
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Edge cache (docs/operators.md "Edge cache"): Nginx (or a CDN) keeps what the page
# cache serves for EDGE_CACHE_SECONDS (X-Accel-Expires, foodie.cache.middleware), and
# every page-cache purge is sent to each frontend below (foodie.cache.edge), by the
# public URLs under EDGE_CACHE_BASE_URL.
EDGE_CACHE_SECONDS = env.int("EDGE_CACHE_SECONDS", default=600)
EDGE_CACHE_BASE_URL = env("EDGE_CACHE_BASE_URL", default=WAGTAILADMIN_BASE_URL)
# Every edge purge is sent again this long after (0: never): a page the app sent just
# before a purge may reach Nginx's cache just after it (foodie.cache.purge).
EDGE_CACHE_REPURGE_SECONDS = env.float("EDGE_CACHE_REPURGE_SECONDS", default=2.0)
# Each Nginx node's purge listener, e.g. "http://10.0.0.5:8482,http://10.0.0.6:8482".
WAGTAILFRONTENDCACHE = {
    f"nginx-{number}": {"BACKEND": "foodie.cache.edge.NginxPurgeBackend", "LOCATION": location}
    for number, location in enumerate(env.list("EDGE_CACHE_NGINX_PURGE_URLS", default=[]), 1)
}
if env("EDGE_CACHE_CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("EDGE_CACHE_CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env("EDGE_CACHE_CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("EDGE_CACHE_CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("EDGE_CACHE_CLOUDFLARE_BEARER_TOKEN"),
    }
WAGTAILAPI_LIMIT_MAX = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Calls the Redis circuit breaker failed at once are counted, not logged one by one.
    "filters": {"redis_rejections": {"()": "foodie.cache.breaker.RejectionsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_redis.cache": {"filters": ["redis_rejections"]},
        # Search-index updates run as immediate tasks; one INFO line each is noise.
        "django_tasks": {"level": "WARNING"},
    },
}

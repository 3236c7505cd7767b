"""The outermost middleware: sees every response, page-cache hits included."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_cache_key, get_max_age

from . import keys
from .metrics import OTHER_PAGE_TYPE, page_cache_requests

logger = logging.getLogger(__name__)

STATUS_HEADER = "X-Wagtail-Cache"
PAGE_TYPE_HEADER = "X-Page-Type"
# Readers' browsers revalidate HTML every time, so a purge reaches them at once;
# the server-side copy (wagtail-cache) may live for WAGTAIL_CACHE_TIMEOUT.
BROWSER_CACHE_CONTROL = "no-cache"
# Monitoring traffic (scrapes, probes) is not reader traffic: not counted.
UNCOUNTED_PREFIXES = ("/metrics", "/health/", "/ready/")


class PageCacheMiddleware:
    """Counts page-cache outcomes, indexes stored keys, rewrites browser caching.

    Listed first in MIDDLEWARE (before wagtail-cache's UpdateCacheMiddleware), so it
    runs last on the way out and sees hits, which return before inner middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.alias = settings.WAGTAIL_CACHE_BACKEND

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.get(STATUS_HEADER)
        if not status or request.path.startswith(UNCOUNTED_PREFIXES):
            return response
        page_type = response.get(PAGE_TYPE_HEADER, OTHER_PAGE_TYPE)
        page_cache_requests.labels(status=status, page_type=page_type).inc()
        if status == "miss":
            self._index(request, response)
        if status in ("hit", "miss"):
            response["Cache-Control"] = BROWSER_CACHE_CONTROL
            del response["Expires"]
        return response

    def _index(self, request: HttpRequest, response: HttpResponse) -> None:
        """Record the key wagtail-cache just stored under the request's path."""
        cache = caches[self.alias]
        cache_key = None
        try:
            cache_key = get_cache_key(request, None, request.method, cache)
            if cache_key:
                timeout = get_max_age(response) or cache.default_timeout
                keys.record(self.alias, request.path, cache_key, timeout)
        except Exception:
            # An entry no purge could find must not stay: drop it (best effort).
            logger.exception("Could not index a page-cache entry; dropping it")
            try:
                if cache_key:
                    cache.delete(cache_key)
            except Exception:
                logger.exception("Could not drop an unindexed page-cache entry")

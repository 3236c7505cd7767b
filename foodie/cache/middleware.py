"""The page cache as one middleware, its pieces in the only order that works.

``PageCacheMiddleware`` wraps, outermost first: counting and key indexing (it must
see hits, which return early), wagtail-cache's update (stores misses), wagtail-cache's
fetch (answers hits) and the purge-token read (misses only, before the view renders).
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_cache_key, get_max_age

from wagtailcache.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from foodie.metrics.page_cache import OTHER_PAGE_TYPE, page_cache_requests

from . import keys

logger = logging.getLogger(__name__)

STATUS_HEADER = "X-Wagtail-Cache"
PAGE_TYPE_HEADER = "X-Page-Type"
# Readers' browsers revalidate HTML every time, so a purge reaches them at once;
# the server-side copy (wagtail-cache) may live for WAGTAIL_CACHE_TIMEOUT.
BROWSER_CACHE_CONTROL = "no-cache"
# Monitoring traffic (scrapes, probes) is not reader traffic: not counted.
UNCOUNTED_PREFIXES = ("/metrics", "/health/", "/ready/")
# Where PurgeTokensBeforeRender leaves the purge tokens it read before the render.
RENDER_TOKENS_ATTRIBUTE = "_pagecache_purge_tokens"
NOT_READ = object()


class PageCacheMiddleware:
    """Serves and stores pages (wagtail-cache), counts outcomes, indexes stored keys and
    rewrites browser caching. One entry in MIDDLEWARE, early: what comes before it
    runs for hits too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = UpdateCacheMiddleware(
            FetchFromCacheMiddleware(PurgeTokensBeforeRender(get_response))
        )
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
        """Record the key wagtail-cache just stored under the request's path, or drop the
        entry if the path was purged while it rendered (it may hold what the purge
        replaced). Recorded first, checked second: a later purge finds the key in the
        index; an earlier one has changed the token the check reads."""
        cache = caches[self.alias]
        cache_key = None
        try:
            cache_key = get_cache_key(request, None, request.method, cache)
            if cache_key:
                timeout = get_max_age(response) or cache.default_timeout
                keys.record(self.alias, request.path, cache_key, timeout)
                before = getattr(request, RENDER_TOKENS_ATTRIBUTE, NOT_READ)
                if before is not NOT_READ and before != keys.purge_tokens(request.path):
                    cache.delete(cache_key)
                    logger.info("Dropped a render of %s that a purge overtook", request.path)
        except Exception:
            # An entry no purge could find must not stay: drop it (best effort).
            logger.exception("Could not index a page-cache entry; dropping it")
            try:
                if cache_key:
                    cache.delete(cache_key)
            except Exception:
                logger.exception("Could not drop an unindexed page-cache entry")


class PurgeTokensBeforeRender:
    """Notes the path's purge tokens before a page-cache miss renders.

    Inside wagtail-cache's fetch, so hits never reach it and only requests whose
    response will be stored pay for the read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(request, "_wagtailcache_update", False):
            try:
                tokens = keys.purge_tokens(request.path)
            except Exception:
                tokens = None  # unknown: the store check will drop the entry (safe)
            setattr(request, RENDER_TOKENS_ATTRIBUTE, tokens)
        return self.get_response(request)

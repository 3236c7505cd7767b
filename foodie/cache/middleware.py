"""The page cache as one middleware, its pieces in the only order that works.

``PageCacheMiddleware`` wraps, outermost first: counting and the request's path
generation (it must see hits, which return early), wagtail-cache's update (stores
misses), wagtail-cache's fetch (answers hits) and ``GenerationBeforeRender`` (misses
only, before the view renders). See ``generations`` for why pages carry their path's
generation.

It also tells the edge cache (Nginx's ``proxy_cache``, docs/operators.md "Edge
cache") what it may store: ``X-Accel-Expires`` is positive only on what the page
cache itself serves or stores, for a URL without a query string, and ``0`` on
everything else. Nginx reads that header, ignores ``Cache-Control`` (which is for
browsers) and never passes ``X-Accel-*`` on to the browser.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from wagtailcache.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from foodie.metrics.page_cache import OTHER_PAGE_TYPE, page_cache_requests

from . import generations, rules

logger = logging.getLogger(__name__)

STATUS_HEADER = "X-Wagtail-Cache"
PAGE_TYPE_HEADER = "X-Page-Type"
# Readers' browsers revalidate HTML every time, so a purge reaches them at once;
# the server-side copy (wagtail-cache) may live for WAGTAIL_CACHE_TIMEOUT.
BROWSER_CACHE_CONTROL = "no-cache"
# Monitoring traffic (scrapes, probes) is not reader traffic: not counted.
UNCOUNTED_PREFIXES = ("/metrics", "/health/", "/ready/")
# For Nginx alone: seconds the edge may keep the response (0: never store it).
EDGE_EXPIRES_HEADER = "X-Accel-Expires"


class PageCacheMiddleware:
    """Serves and stores pages (wagtail-cache), checks them against their path's
    generation, counts outcomes and rewrites browser caching. One entry in
    MIDDLEWARE, early: what comes before it runs for hits too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = UpdateCacheMiddleware(
            FetchFromCacheMiddleware(GenerationBeforeRender(get_response))
        )
        self.alias = settings.WAGTAIL_CACHE_BACKEND

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = generations.begin_request(request.path)
        # As sent: wagtail-cache drops tracking parameters from the request, but the
        # edge keys on the query string it received.
        query_string = request.META.get("QUERY_STRING")
        try:
            response = self.get_response(request)
            status = response.get(STATUS_HEADER)
            self._forget_unused_generation(stored=status == "miss")
            response[EDGE_EXPIRES_HEADER] = self._edge_seconds(request, query_string, status)
        finally:
            generations.end_request(token)
        if not status or request.path.startswith(UNCOUNTED_PREFIXES):
            return response
        page_type = response.get(PAGE_TYPE_HEADER, OTHER_PAGE_TYPE)
        page_cache_requests.labels(status=status, page_type=page_type).inc()
        if status in ("hit", "miss"):
            response["Cache-Control"] = BROWSER_CACHE_CONTROL
            del response["Expires"]
        return response

    def _edge_seconds(self, request: HttpRequest, query_string: str, status: str | None) -> int:
        """How long Nginx may keep this response: what the page cache serves (a hit)
        or stored (a miss whose render no purge overtook), without a query string.

        Query strings are left to the page cache: a purge names paths, and the edge
        (unlike the page cache's per-path generations) can only drop exact keys.
        """
        if request.method not in ("GET", "HEAD") or query_string:
            return 0
        if status == "hit":
            return settings.EDGE_CACHE_SECONDS
        if status == "miss" and self._still_current():
            return settings.EDGE_CACHE_SECONDS
        return 0

    def _still_current(self) -> bool:
        try:
            return generations.rendered_under_current(caches[self.alias])
        except Exception:
            logger.exception("Could not re-read the page-cache generation")
            return False

    def _forget_unused_generation(self, stored: bool) -> None:
        try:
            generations.after_response(caches[self.alias], stored)
        except Exception:
            logger.exception("Could not drop an unused page-cache generation")


class GenerationBeforeRender:
    """Notes the path's generation before a page-cache miss renders, and takes
    ``Vary: Cookie`` off what it renders for the caches to share.

    Inside wagtail-cache's fetch, so hits never reach it and only requests whose
    response may be stored pay for the read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.alias = settings.WAGTAIL_CACHE_BACKEND

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(request, "_wagtailcache_update", False):
            try:
                generations.before_render(caches[self.alias])
            except Exception:
                # No generation: the page is served but not stored (safe).
                logger.exception("Could not read the page-cache generation")
        # Before wagtail-cache learns the response's Vary (rules.drop_cookie_vary).
        return rules.drop_cookie_vary(request, self.get_response(request))

"""The page-cache backends: generation-checked pages (``generations``) on django-redis
(with django-prometheus' cache metrics) or, for the embedded default, in local memory.

The Redis backend also memoises Django's "learned headers" lookups. Django's cache
middleware keys a page in two steps: it reads the header key (the list of request
headers the URL's response varies on), then the page key built from those headers.
The first value is the same for every request to a URL, so reading it from Redis on
every hit doubles the round trips of the hottest path. This backend keeps those small
values in process memory for a short time. A stale memo is harmless: it names the
same headers, so the page lookup still finds (or misses) the right entry; the page
entries themselves, and their generations, are always read from Redis.
"""

import time

from django.core.cache.backends.locmem import LocMemCache

from django_prometheus.cache.backends.redis import RedisCache

from .generations import GenerationCheckedCache

HEADER_KEY_PREFIX = "views.decorators.cache.cache_header."
MEMO_SECONDS = 60
MEMO_MAX_ENTRIES = 10_000


class PageCacheBackend(GenerationCheckedCache, RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._header_memo: dict[str, tuple[float, object]] = {}

    def get(self, key, default=None, version=None, client=None):
        if not key.startswith(HEADER_KEY_PREFIX):
            return super().get(key, default, version, client=client)
        now = time.monotonic()
        memo = self._header_memo.get(key)
        if memo and memo[0] > now:
            return memo[1]
        value = super().get(key, default, version, client=client)
        if value is not default:
            if len(self._header_memo) >= MEMO_MAX_ENTRIES:
                self._header_memo.clear()
            self._header_memo[key] = (now + MEMO_SECONDS, value)
        return value

    def clear(self):
        self._header_memo.clear()
        return super().clear()


class LocalPageCacheBackend(GenerationCheckedCache, LocMemCache):
    """The embedded default's page cache (one process: ``make run``)."""

    def _page_and_generation(self, key: str, generation_key: str, version) -> tuple:
        # LocMemCache's get_many calls self.get, which would come back here.
        return LocMemCache.get(self, key, None, version), LocMemCache.get(
            self, generation_key, None, version
        )

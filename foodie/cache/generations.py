"""Per-path generations: purges that hold whatever the cache store evicts.

Each URL path has a generation, a random token kept in the page-cache store beside
the pages. A stored page carries the generation its path had before it rendered, and
a hit is served only while that is still the path's generation: the backend reads
the page and the generation in one round trip (``GenerationCheckedCache``). A purge
gives each path a new generation, so every stored variant of the path (each host,
scheme, query, language and time zone) stops being served at once, without a list of
keys to find and delete. A generation that is missing (evicted, expired, flushed)
means a miss, never a hit. A render that a purge overtook (it read the old content,
then stored after the purge) carries the old generation and is never served.

A path that has no generation gets one before a render, and loses it again if the
response is not stored (a 404, a refused query), so a flood of junk URLs leaves
nothing behind. Deleting a generation is always safe: it can only cause misses.
Generations do not expire (there is one per stored path); the store may evict them,
which also only causes misses.
"""

import hashlib
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

# Django's cache middleware names page entries with this prefix (django.utils.cache);
# its learned-header entries use another and are not generation-checked (a stale
# header list names the same headers: it can only lead to a miss).
PAGE_KEY_PREFIX = "views.decorators.cache.cache_page."


@dataclass
class RequestGeneration:
    """The path a request is for and the generation its render started under."""

    key: str
    rendered_under: str | None = None
    made_by_this_request: bool = False


_current: ContextVar[RequestGeneration | None] = ContextVar("page_cache_generation", default=None)


def generation_key(path: str) -> str:
    return "pagecache:generation:" + hashlib.sha256(path.encode()).hexdigest()


def begin_request(path: str) -> object:
    """Make ``path`` the one this request's page-cache reads and writes are checked
    against; returns the token ``end_request`` takes."""
    return _current.set(RequestGeneration(generation_key(path)))


def end_request(token: object) -> None:
    _current.reset(token)


def before_render(cache: BaseCache) -> None:
    """Note the path's generation (made if it has none) before a miss renders."""
    request = _current.get()
    generation = cache.get(request.key)
    if generation is None:
        made = uuid.uuid4().hex
        request.made_by_this_request = cache.add(request.key, made, None)
        generation = made if request.made_by_this_request else cache.get(request.key)
    request.rendered_under = generation


def after_response(cache: BaseCache, stored: bool) -> None:
    """Drop the generation this request made if it stored nothing under it."""
    request = _current.get()
    if request.made_by_this_request and not stored:
        cache.delete(request.key)


def rendered_under_current(cache: BaseCache) -> bool:
    """Whether the miss this request rendered is still its path's current content:
    it read a generation and no purge has replaced it since. The edge cache
    (``middleware``) stores only such renders; one a purge overtook would otherwise
    sit at the edge after the purge has passed it."""
    request = _current.get()
    return request.rendered_under is not None and cache.get(request.key) == request.rendered_under


def new_generations(cache: BaseCache, paths: set[str]) -> None:
    """Purge ``paths``: one round trip, whatever is or is not stored for them."""
    if paths:
        generation = uuid.uuid4().hex
        names = {generation_key(path): generation for path in paths}
        cache.set_many(names, None)


class GenerationCheckedCache:
    """Mixed into the page-cache backends (before the Django backend class): page
    entries are stored with the generation their render started under, and read back
    only while it is still their path's. Outside a request (no path known) page
    entries are neither served nor stored."""

    def get(self, key, default=None, version=None, **kwargs):
        if not key.startswith(PAGE_KEY_PREFIX):
            return super().get(key, default, version, **kwargs)
        request = _current.get()
        if request is None:
            return default
        stored, generation = self._page_and_generation(key, request.key, version)
        if stored is None or generation is None or stored[0] != generation:
            return default
        return stored[1]

    def _page_and_generation(self, key: str, generation_key: str, version) -> tuple:
        """Both values in one round trip (Redis: MGET)."""
        found = super().get_many([key, generation_key], version=version)
        return found.get(key), found.get(generation_key)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        if not key.startswith(PAGE_KEY_PREFIX):
            return super().set(key, value, timeout, version, **kwargs)
        request = _current.get()
        if request is None or request.rendered_under is None:
            return False
        return super().set(key, (request.rendered_under, value), timeout, version, **kwargs)

"""An index of stored page-cache keys by URL path.

Django derives a cache key from the absolute URI plus the active language and time
zone, so a key cannot be recomputed reliably at purge time (an editor's admin runs
in their own language and zone). Instead, every key stored is recorded under its
path; a purge deletes exactly what was stored. In Redis the index is a set per path
(atomic SADD, then one pipeline to read and delete); elsewhere (the single-process
local-memory default) a lock-guarded list in the same cache.

A purge also gives each path a new purge token before it deletes, for a render already
in flight: one that read the old content before the publish committed and stores its
HTML after the purge. The render reads the token before the view runs and again after
storing; if it changed, it drops what it stored (``PageCacheMiddleware``). Tokens live
in the ``default`` cache, so flushing the page cache's own database cannot wipe them.
"""

import hashlib
import threading
import uuid

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

from redis import Redis

_local_lock = threading.Lock()


# Longer than any render can take (Gunicorn replaces a worker stuck for 60 s).
PURGE_TOKEN_TIMEOUT = 300
TOKEN_CACHE = "default"
_EVERY_PATH = "pagecache:purge:*"


def _index_name(path: str) -> str:
    return "pagecache:path:" + hashlib.sha256(path.encode()).hexdigest()


def _token_name(path: str) -> str:
    return "pagecache:purge:" + hashlib.sha256(path.encode()).hexdigest()


def new_purge_tokens(paths: set[str] | None = None) -> None:
    """Mark ``paths`` (or, with None, every path) as purged: one round trip."""
    names = [_token_name(path) for path in paths] if paths is not None else [_EVERY_PATH]
    if names:
        token = uuid.uuid4().hex
        caches[TOKEN_CACHE].set_many(dict.fromkeys(names, token), PURGE_TOKEN_TIMEOUT)


def purge_tokens(path: str) -> tuple[str | None, str | None]:
    """The tokens of the last purge of ``path`` and of everything (None: none recent)."""
    found = caches[TOKEN_CACHE].get_many([_token_name(path), _EVERY_PATH])
    return found.get(_token_name(path)), found.get(_EVERY_PATH)


def redis_client(cache: BaseCache) -> Redis | None:
    """The raw redis-py client behind a django-redis cache; None for any other backend.

    For what Django's cache API cannot do: sets and pipelines (the key index) and the
    store's size and memory (the operators' dashboard).
    """
    client = getattr(cache, "client", None)
    return client.get_client(write=True) if hasattr(client, "get_client") else None


def record(alias: str, path: str, cache_key: str, timeout: int) -> None:
    """Remember that ``cache_key`` (as given to ``cache.set``) holds a variant of ``path``."""
    cache = caches[alias]
    redis = redis_client(cache)
    if redis is not None:
        index_key = cache.make_key(_index_name(path))
        pipe = redis.pipeline()
        pipe.sadd(index_key, cache_key)
        pipe.expire(index_key, timeout + 60)
        pipe.execute()
        return
    with _local_lock:
        keys = set(cache.get(_index_name(path), ()))
        keys.add(cache_key)
        cache.set(_index_name(path), sorted(keys), timeout + 60)


def purge_paths(alias: str, paths: set[str]) -> int:
    """Delete every stored variant of each path; return how many entries went."""
    new_purge_tokens(paths)  # first: a render in flight then sees the change
    cache = caches[alias]
    redis = redis_client(cache)
    if redis is not None:
        index_keys = [cache.make_key(_index_name(path)) for path in paths]
        pipe = redis.pipeline()
        for index_key in index_keys:
            pipe.smembers(index_key)
            pipe.delete(index_key)
        results = pipe.execute() if index_keys else []
        stored = {key.decode() for members in results[::2] for key in members}
    else:
        with _local_lock:
            stored = set()
            for path in paths:
                stored |= set(cache.get(_index_name(path), ()))
                cache.delete(_index_name(path))
    if stored:
        cache.delete_many(list(stored))
    return len(stored)

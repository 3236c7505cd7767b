"""The least a page-cache hit can do in Foodie's process: the ceiling of issue 14's
"hit / bare WSGI" ratio for any hit path that keeps the page cache's rules.

An experiment, not a serving path (NOTES.md "No hit path before Django's handler").
`make bench-stack` serves it on one worker beside the stack and measures it like the
hit. Before Django's handler, per request, it:

- builds Django's request and applies the page cache's rules (``rules.is_request_cacheable``);
- builds wagtail-cache's key for it;
- reads the path's generation from Redis: the one round trip a hit must make for a purge
  made on any node to be seen at once (``foodie.cache.generations``);
- answers from a copy of the page in process memory, kept per key and generation
  (fetched through the page-cache backend when it has none or an older one).

It does less than a real hit: no Django handler or middleware, no request metrics, no
page-cache counter; the response headers the middleware rewrites on a hit are
rewritten once, when the copy is made. Its limits, fine for a bench of seconds and the
reason it is not a serving path: a copy is not dropped when the Redis entry expires
(only when the generation changes); what it cannot answer goes to Foodie's
application with the query string and cookies wagtail-cache's key trimmed; a bad Host
header raises outside Django's handler (a 500, not a 400).
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIRequest

from wagtailcache.cache import _get_cache_key

from foodie.cache import generations, rules
from foodie.cache.middleware import (
    BROWSER_CACHE_CONTROL,
    EDGE_EXPIRES_HEADER,
    STATUS_HEADER,
)
from foodie.wsgi import application as foodie_application

cache = caches[settings.WAGTAIL_CACHE_BACKEND]
Copy = tuple[str, str, list[tuple[str, str]], bytes]  # generation, status, headers, body
# One entry per URL the bench asks for (unbounded: not for serving).
copies: dict[str, Copy] = {}


def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    """A page-cache hit from the local copy, or Foodie's application."""
    request = WSGIRequest(environ)
    if rules.is_request_cacheable(request):
        token = generations.begin_request(request.path)
        try:
            copy = local_copy(request)
        finally:
            generations.end_request(token)
        if copy is not None:
            _generation, status, headers, body = copy
            start_response(status, headers)
            return [body]
    return foodie_application(environ, start_response)


def local_copy(request: WSGIRequest) -> Copy | None:
    """The page's copy, if the page cache holds it under the path's generation."""
    key = _get_cache_key(request, cache)
    if key is None:
        return None
    generation_key = generations.generation_key(request.path)
    # get_many, as the page-cache backend reads: its get() would also count in metrics.
    generation = cache.get_many([generation_key]).get(generation_key)
    copy = copies.get(key)
    if generation is not None and copy is not None and copy[0] == generation:
        return copy
    response = cache.get(key)  # the page and its path's generation, checked
    if generation is None or response is None:
        return None
    response[STATUS_HEADER] = "hit"
    response[EDGE_EXPIRES_HEADER] = settings.EDGE_CACHE_SECONDS
    response["Cache-Control"] = BROWSER_CACHE_CONTROL
    del response["Expires"]
    status = f"{response.status_code} {response.reason_phrase}"
    copies[key] = (generation, status, list(response.items()), response.content)
    return copies[key]

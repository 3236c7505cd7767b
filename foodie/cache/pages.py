"""The page cache's contract with page models: what a page declares, and what it gets.

A page model mixes in ``CachedPage`` and declares, as Wagtail's own
``frontend_cache`` has pages declare ``get_cached_paths()``:

- ``cache_query_params``: the query parameters it reads, in their canonical order.
  Each page has one URL per thing a reader can ask for: a query string in another
  order, with empty or repeated values, redirects to the canonical one; a request
  with any other parameter, or two values for a single-valued one, is served but
  never stored. So arbitrary URLs cannot multiply cache entries.
- ``cache_multi_value_params``: those of them that may be given several values (a
  set of diets); the canonical query lists the values sorted.
- ``page_cache_depends_on``: models (``"app.Model"``) whose every instance it shows
  (a filter form's taxonomy) or any of which it may show wherever it sits (an author
  index shows recipes), so a change to any of them purges it; with several URLs of its
  own (Wagtail's ``get_cached_paths()``), ``get_cached_paths_showing(obj)`` narrows
  the purge to those that show ``obj``.
- ``lists_page(page)``: whether its HTML lists ``page`` (an index, a home page's
  featured slots), so publishing ``page`` purges it too.
- ``page_cache_shown_everywhere``: other pages link to it wherever they are (bylines
  link to the author index), so any change to it empties the page cache.

It calls ``refuse_page_cache(request, reason)`` when a response must not be stored
(an unrecognised filter value). Everything else (counting, keys, purges) is the
cache's business; nothing in ``foodie.cache`` imports a page module.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect

from wagtail.models import Page

from wagtailcache.cache import WagtailCacheMixin

from .middleware import PAGE_TYPE_HEADER
from .rules import apply_refusal, refuse_to_store

QueryPairs = list[tuple[str, str]]


class CachedPage(WagtailCacheMixin):
    """Mixed into every page model the page cache serves (before ``Page``)."""

    cache_query_params: tuple[str, ...] = ()
    cache_multi_value_params: frozenset[str] = frozenset()
    page_cache_depends_on: tuple[str, ...] = ()
    page_cache_shown_everywhere: bool = False

    def lists_page(self, page: Page) -> bool:
        return False

    def get_cached_paths_showing(self, obj) -> list[str]:
        """Those of ``get_cached_paths()`` whose HTML shows ``obj`` (of a model named in
        ``page_cache_depends_on``): all of them unless the page knows better."""
        return self.get_cached_paths()

    def refuse_page_cache(self, request: HttpRequest, reason: str) -> None:
        """Serve this response, but never store it in the page cache."""
        refuse_to_store(request, reason)

    def canonical_query(self, params: QueryDict) -> QueryPairs:
        """The query that asks for what ``params`` ask for, as (name, value) pairs:
        ``cache_query_params`` order, no empty values, each value once, several
        values of a multi-valued parameter sorted. Parameters the page does not read
        are left out; ``serve`` refuses those first."""
        pairs = []
        for name in self.cache_query_params:
            pairs += [(name, value) for value in sorted(set(params.getlist(name)) - {""})]
        return pairs

    def _uncacheable_query(self, params: QueryDict) -> str | None:
        """Why no canonical query stands for ``params`` (None: one does)."""
        unused = set(params) - set(self.cache_query_params)
        if unused:
            return f"unused query parameters: {sorted(unused)}"
        repeated = [
            name
            for name in self.cache_query_params
            if name not in self.cache_multi_value_params
            and len(set(params.getlist(name)) - {""}) > 1
        ]
        if repeated:
            return f"several values for single-valued parameters: {repeated}"
        return None

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        reason = self._uncacheable_query(request.GET)
        if reason:
            self.refuse_page_cache(request, reason)
        else:
            # The page cache keys on the query string as sent (after wagtail-cache
            # drops tracking parameters), so only the canonical one may be stored.
            query = urlencode(self.canonical_query(request.GET))
            if query != request.META.get("QUERY_STRING", ""):
                return redirect(f"{request.path}?{query}" if query else request.path)
        response = super().serve(request, *args, **kwargs)
        response[PAGE_TYPE_HEADER] = self._meta.label
        return apply_refusal(request, response)

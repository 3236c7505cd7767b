"""The page cache's contract with page models: what a page declares, and what it gets.

A page model mixes in ``CachedPage`` and declares, as Wagtail's own
``frontend_cache`` has pages declare ``get_cached_paths()``:

- ``cache_query_params``: the query parameters it reads. A request with any other is
  served but never stored, so arbitrary URLs cannot multiply cache entries.
- ``page_cache_depends_on``: models (``"app.Model"``) whose every instance it shows
  (a filter form's taxonomy), so a change to any of them purges it.
- ``lists_page(page)``: whether its HTML lists ``page`` (an index, a home page's
  featured slots), so publishing ``page`` purges it too.

It calls ``refuse_page_cache(request, reason)`` when a response must not be stored
(an unrecognised filter value). Everything else (counting, keys, purges) is the
cache's business; nothing in ``foodie.cache`` imports a page module.
"""

from django.http import HttpRequest, HttpResponse

from wagtail.models import Page

from wagtailcache.cache import WagtailCacheMixin

from .middleware import PAGE_TYPE_HEADER
from .rules import apply_refusal, refuse_to_store


class CachedPage(WagtailCacheMixin):
    """Mixed into every page model the page cache serves (before ``Page``)."""

    cache_query_params: frozenset[str] = frozenset()
    page_cache_depends_on: tuple[str, ...] = ()

    def lists_page(self, page: Page) -> bool:
        return False

    def refuse_page_cache(self, request: HttpRequest, reason: str) -> None:
        """Serve this response, but never store it in the page cache."""
        refuse_to_store(request, reason)

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        unused = set(request.GET) - self.cache_query_params
        if unused:
            self.refuse_page_cache(request, f"unused query parameters: {sorted(unused)}")
        response = super().serve(request, *args, **kwargs)
        response[PAGE_TYPE_HEADER] = self._meta.label
        return apply_refusal(request, response)

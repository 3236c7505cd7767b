"""The Wagtail API v2 at /api/v2/ (read-only pages and images)."""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from foodie.core.search_text import search_terms


class WordsOnlySearchFilter(SearchFilter):
    """``?search=`` with its punctuation dropped, so no query text can break the backend."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            words = search_terms(request.GET["search"])
            if not words:
                return queryset.none()
            params = request.GET.copy()
            params["search"] = words
            request._request.GET = params
        return super().filter_queryset(request, queryset, view)


def _with_safe_search(viewset):
    return [WordsOnlySearchFilter if f is SearchFilter else f for f in viewset.filter_backends]


class FoodiePagesAPIViewSet(PagesAPIViewSet):
    filter_backends = _with_safe_search(PagesAPIViewSet)


class FoodieImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = _with_safe_search(ImagesAPIViewSet)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", FoodiePagesAPIViewSet)
api_router.register_endpoint("images", FoodieImagesAPIViewSet)

"""The Wagtail API v2 at /api/v2/ (read-only pages and images).

Wagtail's endpoints turn most bad query parameters into a 400 with a JSON ``message``
(``BadRequestError``); the subclasses here do the same for the ones that reach the
database unchecked and would otherwise be a 500: ``find/?id=``, ``search_operator``,
``site``, a huge ``offset`` and field filters on date and other typed fields.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.module_loading import import_string

from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site

from rest_framework.filters import BaseFilterBackend

from foodie.core.search_text import search_terms

SEARCH_OPERATORS = ("and", "or")
# The largest integer PostgreSQL and SQLite store (signed 64-bit): past it an OFFSET or
# a comparison fails in the database instead of matching nothing.
MAX_INTEGER = 2**63 - 1
MAX_PORT = 65535


def positive_integer(params, name: str) -> int:
    """``params[name]`` as an int, or a 400 saying what was expected."""
    try:
        value = int(params[name])
    except ValueError:
        value = -1
    if value < 0:
        raise BadRequestError(f"{name} must be a positive integer")
    return value


class WordsOnlySearchFilter(SearchFilter):
    """``?search=`` with its punctuation dropped, so no query text can break the backend;
    ``?search_operator=`` must be ``and`` or ``or`` (the backend raises ValueError)."""

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "search" in request.GET:
            words = search_terms(request.GET["search"])
            if not words:
                return queryset.none()
            params = request.GET.copy()
            params["search"] = words
            request._request.GET = params
        return super().filter_queryset(request, queryset, view)


class TypedFieldsFilter(FieldsFilter):
    """Field filters (``?first_published_at=...``) checked against the field's type.

    Wagtail converts boolean, integer and foreign-key values itself; any other typed
    field (dates, times, decimals) gets the raw text, and a bad one fails in the query.
    """

    def filter_queryset(self, request, queryset, view):
        # The type's listing filters take these (by slug: ListingFiltersFilter), not
        # Wagtail's field filter (by id): it does not see them.
        filters_class = listing_filters(queryset.model)
        if filters_class is None:
            return self._checked(request, queryset, view)
        params = request._request.GET
        request._request.GET = params.copy()
        for name in filters_class.PARAMS:
            request._request.GET.pop(name, None)
        try:
            return self._checked(request, queryset, view)
        finally:
            request._request.GET = params

    def _checked(self, request, queryset, view):
        names = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in names or name == "locale":
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_many:
                # Wagtail filters by id without converting the value (a 500 on text).
                raise BadRequestError(
                    f"{name} cannot be filtered on here; use the type's own filters (docs/api.md)"
                )
            if field.is_relation or isinstance(field, (models.BooleanField, models.IntegerField)):
                # Wagtail converts these (a 400 on text); a number no column can hold
                # matches nothing.
                try:
                    number = int(value)
                except ValueError:
                    continue
                if abs(number) > MAX_INTEGER:
                    return queryset.none()
                continue
            try:
                field.to_python(value)
            except ValidationError as error:
                raise BadRequestError(
                    f"field filter error. '{value}' is not a valid value for {name} "
                    f"({' '.join(error.messages)})"
                ) from error
        return super().filter_queryset(request, queryset, view)


class BoundedPagination(WagtailPagination):
    """Wagtail's ``limit``/``offset`` pagination, with an offset the database can take."""

    def paginate_queryset(self, queryset, request, view=None):
        if "offset" in request.GET and positive_integer(request.GET, "offset") > MAX_INTEGER:
            raise BadRequestError(f"offset cannot be higher than {MAX_INTEGER}")
        return super().paginate_queryset(queryset, request, view)


def listing_filters(model: type) -> type | None:
    """The filters a page type's listings take (``api_filters_class``: the same class
    its index page uses, such as ``recipes.filters.RecipeFilters``), if any."""
    path = getattr(model, "api_filters_class", None)
    return import_string(path) if path else None


class ListingFiltersFilter(BaseFilterBackend):
    """``?type=recipes.RecipePage&course=main&diet=vegan&max_time=30``: the type's own
    listing filters, by slug as on the site; a value that matches nothing is a 400
    naming it, not an empty or unfiltered list."""

    def filter_queryset(self, request, queryset, view):
        filters_class = listing_filters(queryset.model)
        if filters_class is None or not set(filters_class.PARAMS) & set(request.GET):
            return queryset
        filters = filters_class(request.GET)
        if filters.invalid:
            names = ", ".join(sorted(set(filters.invalid)))
            raise BadRequestError(
                f"nothing matches the value of {names}: use the values the site's own "
                "filters use (docs/api.md)"
            )
        # As ids: the search backend (a later filter) takes no annotations (max_time's).
        matching = filters.apply(queryset).prefetch_related(None).values("pk")
        return queryset.filter(id__in=matching)


class IdsFilter(BaseFilterBackend):
    """``?ids=12,3,40``: those pages alone, so a reader's saved recipes (kept in their
    browser) come as cards in one request. At most ``WAGTAILAPI_LIMIT_MAX`` ids."""

    def filter_queryset(self, request, queryset, view):
        if "ids" not in request.GET:
            return queryset
        return queryset.filter(pk__in=parse_ids(request.GET["ids"]))


def parse_ids(text: str) -> set[int]:
    """Comma-separated page ids, or a 400 saying what was expected."""
    limit = settings.WAGTAILAPI_LIMIT_MAX
    parts = text.split(",")
    # Length first: int() refuses text of more than 4,300 digits (a 500).
    if not all(part.isdecimal() and len(part) <= 19 and int(part) <= MAX_INTEGER for part in parts):
        raise BadRequestError("ids must be page ids (whole numbers) separated by commas")
    if len(parts) > limit:
        raise BadRequestError(f"ids can name at most {limit} pages")
    return {int(part) for part in parts}


def _checked_filters(viewset):
    replacements = {SearchFilter: WordsOnlySearchFilter, FieldsFilter: TypedFieldsFilter}
    backends = [replacements.get(backend, backend) for backend in viewset.filter_backends]
    if SearchFilter in viewset.filter_backends:  # before it: search results are final
        backends.insert(len(backends) - 1, ListingFiltersFilter)
    return backends


class CheckedFindMixin:
    """``find/?id=`` must be a number: Wagtail hands the text to the query (a 500)."""

    def find_object(self, queryset, request):
        if "id" in request.GET:
            positive_integer(request.GET, "id")
        return super().find_object(queryset, request)


class FoodiePagesAPIViewSet(CheckedFindMixin, PagesAPIViewSet):
    filter_backends = [IdsFilter, *_checked_filters(PagesAPIViewSet)]
    known_query_parameters = PagesAPIViewSet.known_query_parameters | {"ids"}
    pagination_class = BoundedPagination

    def get_queryset(self):
        """Wagtail's, with what a type's ``api_fields`` read fetched with its pages
        (``api_queryset``): a listing costs the same queries at any ``limit``."""
        queryset = super().get_queryset().select_related("locale")  # every item's meta
        if hasattr(queryset.model, "api_queryset"):
            queryset = queryset.model.api_queryset(queryset)
        return queryset

    def check_query_parameters(self, queryset):
        """Wagtail's check, knowing the type's listing filters (this request's view only)."""
        filters_class = listing_filters(queryset.model)
        if filters_class is not None:
            self.known_query_parameters = self.known_query_parameters | set(filters_class.PARAMS)
        return super().check_query_parameters(queryset)

    def get_base_queryset(self):
        """Wagtail's, with ``?site=`` naming a site we serve (it raised DoesNotExist)."""
        if "site" not in self.request.GET:
            return super().get_base_queryset()
        _hostname, _, port = self.request.GET["site"].partition(":")
        if port and not (port.isdecimal() and int(port) <= MAX_PORT):
            raise BadRequestError(f"site port must be a number up to {MAX_PORT}")
        try:
            return super().get_base_queryset()
        except Site.DoesNotExist as error:
            raise BadRequestError(
                "site must be the hostname (and optional :port) of a site served here"
            ) from error


class FoodieImagesAPIViewSet(CheckedFindMixin, ImagesAPIViewSet):
    filter_backends = _checked_filters(ImagesAPIViewSet)
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", FoodiePagesAPIViewSet)
api_router.register_endpoint("images", FoodieImagesAPIViewSet)

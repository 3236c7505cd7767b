"""Abstract page building blocks every content app shares.

``FoodiePage`` is every page's base (page-cache contract, social image);
``HeroImageMixin`` / ``HeroMixin`` are the one hero-image contract; ``IndexPage`` is
every listing's base: filters, pagination, canonical page numbers and its ItemList.
"""

from collections.abc import Iterable
from typing import Any, ClassVar, Protocol
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.module_loading import import_string

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from foodie.cache.pages import CachedPage

from .models.images import optional_image
from .structured_data import item_list


class FoodiePage(CachedPage, Page):
    """Base for every Foodie page: the page-cache contract and a social-sharing image."""

    social_image = optional_image(
        "Shown when the page is shared; defaults to the page's main image."
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_meta_image(self):
        """The image for OpenGraph/Twitter cards."""
        return self.social_image

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any] | None:
        """The page's schema.org JSON-LD for its template's ``json_ld`` (None: none)."""
        return None

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.get_json_ld(request)
        return context

    def get_meta_description(self) -> str:
        return self.search_description


class HeroImageMixin(models.Model):
    """The page's main image: its hero, its cards' picture and its sharing default.

    Mixed in before ``FoodiePage``. A page that must have one checks it at publish
    time (drafts may go without).
    """

    hero_image = optional_image(
        "Landscape, at least 1600px wide. Set its focal point on the image's page."
    )

    class Meta:
        abstract = True

    def get_meta_image(self):
        return super().get_meta_image() or self.hero_image


class HeroMixin(HeroImageMixin):
    """A hero image with an optional heading and intro shown over it."""

    hero_heading = models.CharField(
        max_length=120, blank=True, help_text="Shown over the image; defaults to the page title."
    )
    hero_intro = models.TextField(max_length=300, blank=True)

    hero_panels = [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_heading"), FieldPanel("hero_intro")],
            heading="Hero",
        )
    ]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return super().get_meta_description() or self.hero_intro


class ListingFilters(Protocol):
    """Filters read from a listing's query string (``recipes.filters.RecipeFilters``)."""

    PARAMS: ClassVar[tuple[str, ...]]  # in the order of their canonical query string
    MULTI_VALUE_PARAMS: ClassVar[frozenset[str]]  # those that take several values
    invalid: list[str]  # parameters whose value matched nothing

    def __init__(self, params: QueryDict) -> None: ...

    def apply(self, items: models.QuerySet) -> models.QuerySet: ...


def is_shown_to_readers(page: Page) -> bool:
    """Live and public: no password, login or group restriction on it or above it.

    For a page shown inside another (a card): the other page's HTML is cached and
    served to everyone, so it may show only what every reader may see.
    """
    return page.live and not page.get_view_restrictions().exists()


def is_canonical_page_number(request: HttpRequest, page: PaginatorPage) -> bool:
    """False when ``?page=`` was not the number actually shown (abc, -1, 999999)."""
    asked = request.GET.get("page")
    return asked is None or asked == str(page.number)


def without_empty_fields(request: HttpRequest, names: Iterable[str]) -> HttpResponse | None:
    """A redirect to the URL without empty values when a filter form sent any.

    Filter forms submit every field and "Any" arrives empty: one URL per choice keeps
    the page cache small and links clean.
    """
    if not any("" in request.GET.getlist(name) for name in names):
        return None
    kept = [(name, v) for name, values in request.GET.lists() for v in values if v]
    return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)


class IndexPage(FoodiePage):
    """A listing of the pages below it, ``per_page`` cards a page, narrowed by the
    filters named by ``filters_class``; the template gets ``filters``, the page of items
    as ``listing_name`` and ``item_list`` (JSON-LD).

    ``filters_class`` is a dotted path, as ``subpage_types`` are strings: filters read
    the models, so a models module that imported them would close an import cycle.
    """

    introduction = models.TextField(max_length=400, blank=True)

    content_panels = [*FoodiePage.content_panels, FieldPanel("introduction")]

    per_page: ClassVar[int] = 12
    filters_class: ClassVar[str]
    listing_name: ClassVar[str]

    class Meta:
        abstract = True

    @classmethod
    def get_filters_class(cls) -> type[ListingFilters]:
        return import_string(cls.filters_class)

    @property
    def cache_query_params(self) -> tuple[str, ...]:
        return (*self.get_filters_class().PARAMS, "page")

    @property
    def cache_multi_value_params(self) -> frozenset[str]:
        return self.get_filters_class().MULTI_VALUE_PARAMS

    def canonical_query(self, params: QueryDict) -> list[tuple[str, str]]:
        # Page one is the listing's own URL.
        return [pair for pair in super().canonical_query(params) if pair != ("page", "1")]

    def lists_page(self, page: Page) -> bool:
        return page.path.startswith(self.path) and page.depth > self.depth

    def get_listing(self) -> models.QuerySet:
        """The live, public pages this index lists, ready for their cards, in order."""
        raise NotImplementedError

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        filters = self.get_filters_class()(request.GET)
        items = filters.apply(self.get_listing())
        page = Paginator(items, self.per_page).get_page(request.GET.get("page"))
        if filters.invalid or not is_canonical_page_number(request, page):
            self.refuse_page_cache(request, "unrecognised filter or page value")
        context.update(
            {"filters": filters, self.listing_name: page, "item_list": item_list(page, request)}
        )
        return context

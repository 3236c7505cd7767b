"""Abstract page building blocks every content app shares.

``FoodiePage`` is every page's base (page-cache contract, social image);
``HeroImageMixin`` / ``HeroMixin`` are the one hero-image contract; ``IndexPage`` is
every listing's base: filters, pagination (``PaginatedPage``: canonical page numbers)
and its ItemList.
"""

from collections.abc import Iterable
from typing import Any, ClassVar, NamedTuple, Protocol
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.module_loading import import_string

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

from foodie.cache.pages import CachedPage

from .models.authors import Author
from .models.images import optional_image
from .structured_data import breadcrumb_list, item_list


def _restricting_pages(paths: list[str]) -> RawSQL:
    """The pages at ``paths``, each alias among them replaced by the page it stands for
    (an alias of an alias too): those whose view restrictions apply, as Wagtail's
    ``get_view_restrictions`` finds them with a query for the path and one per alias."""
    table = Page._meta.db_table
    placeholders = ", ".join(["%s"] * len(paths))
    return RawSQL(
        f"""WITH RECURSIVE checked (id, alias_of_id) AS (
            SELECT id, alias_of_id FROM {table} WHERE path IN ({placeholders})
            UNION
            SELECT source.id, source.alias_of_id
            FROM {table} source JOIN checked ON source.id = checked.alias_of_id
        )
        SELECT id FROM checked WHERE alias_of_id IS NULL""",
        paths,
    )


class Crumb(NamedTuple):
    title: str
    url: str


def breadcrumb_trail(page: Page, request: HttpRequest) -> list[Crumb]:
    """The pages from the site's home page ("Home") down to ``page``, for its visible
    breadcrumbs and its BreadcrumbList; empty for the home page itself. After routing,
    which keeps each page's parent (``FoodiePage.route``), this needs no query."""
    site = Site.find_for_request(request)
    if site is None or page.pk == site.root_page_id or not page.pk:
        return []
    trail = [page]
    while trail[-1].pk != site.root_page_id and trail[-1].depth > 1:
        trail.append(trail[-1].get_parent())
    if trail[-1].pk != site.root_page_id:  # not under this site's home page
        return []
    home, *below = reversed(trail)
    return [Crumb("Home", home.get_url(request))] + [
        Crumb(crumb.title, crumb.get_url(request)) for crumb in below
    ]


class AuthorPages(Protocol):
    """The page that gives each author a page of their own (``home.AuthorIndexPage``);
    its type says so with ``gives_author_pages = True``."""

    def author_url(self, author: Author, request: HttpRequest | None = None) -> str | None: ...


def author_pages() -> AuthorPages | None:
    """The site's live author index, if it has one (one query)."""
    for model in get_page_models():
        if getattr(model, "gives_author_pages", False):
            return model.objects.live().order_by("path").first()
    return None


def credited_authors(credits, request: HttpRequest | None = None) -> list[Author]:
    """The authors of a page's credits (a related manager), in the editor's order, with
    what a byline shows and ``url``, their page (None while the site has no author
    index), in two queries. Pass the render's ``request`` so the URL is built from the
    sites' root paths it has already read.

    Works on unsaved preview data (in-memory relations) and on saved pages alike.
    """
    authors = [credit.author for credit in credits.select_related("author__photo")]
    index = author_pages() if authors else None
    for author in authors:
        author.url = index.author_url(author, request) if index else None
    return authors


class CreditsAuthors:
    """A page whose ``credits_relation`` names its authors: ``authors(request)`` gives
    them to its byline, its template and its JSON-LD, read once per page object (as
    a render loads it: credits changed on the same object later are not seen)."""

    credits_relation: ClassVar[str]

    def authors(self, request: HttpRequest | None = None) -> list[Author]:
        if "_authors" not in self.__dict__:
            self._authors = credited_authors(getattr(self, self.credits_relation), request)
        return self._authors

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        return {"authors": self.authors(request), **super().get_context(request, *args, **kwargs)}


class FoodiePage(CachedPage, Page):
    """Base for every Foodie page: the page-cache contract and a social-sharing image."""

    # What the page shows of its foreign keys, loaded with it when its parent routes
    # to it in one query (``route``).
    route_select_related: ClassVar[tuple[str, ...]] = ()

    social_image = optional_image(
        "Shown when the page is shared; defaults to the page's main image."
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_meta_image(self):
        """The image for OpenGraph/Twitter cards."""
        return self.social_image

    @classmethod
    def cards(cls, pages: PageQuerySet) -> PageQuerySet:
        """``pages`` (of this type) that readers may see, with what their card shows, in
        a fixed number of queries: for a block or listing that holds them by id."""
        return (
            shown_to_readers(pages).select_related("hero_image").prefetch_related(card_renditions())
        )

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any] | list[dict] | None:
        """The page's schema.org JSON-LD, one object or several (None: none); base.html
        writes it, with the page's BreadcrumbList."""
        return None

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.get_json_ld(request)
        context["breadcrumbs"] = trail = breadcrumb_trail(self, request)
        context["breadcrumb_json_ld"] = breadcrumb_list(trail, request)
        return context

    def get_meta_description(self) -> str:
        return self.search_description

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Wagtail's routing in one query a level.

        A page on the way is only asked to route, so it is not loaded in full
        (``specific_deferred``); a page whose children are all of one type loads the
        one asked for, with its ``route_select_related``, in a single query.
        """
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        child_models = self.specific_class.allowed_subpage_models()
        child = None
        if len(child_models) == 1 and issubclass(child_models[0], FoodiePage):
            model = child_models[0]
            child = (
                model.objects.child_of(self)
                .select_related(*model.route_select_related)
                .filter(slug=slug)
                .first()
            )
        if child is None:  # another type than allowed today (added before a rule changed)
            child = self.get_children().filter(slug=slug).first()
            if child is None:
                raise Http404
            # A page on the way loads its fields only if asked; one that can have no
            # children serves the rest of the path itself (an author index's author).
            specific_class = child.specific_class
            on_the_way = remaining and (
                specific_class is None or specific_class.allowed_subpage_models()
            )
            child = child.specific_deferred if on_the_way else child.specific
        child._cached_parent_obj = self  # as Wagtail's route: get_parent() needs no query
        return child.route(request, remaining)

    def get_view_restrictions(self) -> models.QuerySet:
        """Wagtail's restrictions on this page and above it, in one query, read once.

        Wagtail's before-serve hook and the page cache's serve (wagtail-cache's mixin)
        both ask; a page instance serves one request, so the second reads the first's
        results.
        """
        if self.__dict__.get("_view_restrictions") is None:
            steps = range(self.steplen, len(self.path) + 1, self.steplen)
            paths = [self.path[:end] for end in steps]
            restrictions = PageViewRestriction.objects
            self._view_restrictions = (
                restrictions.filter(page_id__in=_restricting_pages(paths))
                if paths
                else restrictions.none()  # a new page's preview: not in the tree yet
            )
        return self._view_restrictions


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


# The renditions the picture in includes/card.html asks for
# ({% picture ... format-{avif,webp,jpeg} fill-480x360-c75 %}); a test renders cards and
# checks these are exactly the ones made.
CARD_RENDITION_SPECS = (
    "format-avif|fill-480x360-c75",
    "format-webp|fill-480x360-c75",
    "format-jpeg|fill-480x360-c75",
)
# The one the API gives as a recipe's ``card_image`` (cards built in the browser).
CARD_API_RENDITION_SPEC = CARD_RENDITION_SPECS[1]


def card_renditions() -> Prefetch:
    """For ``prefetch_related``: a card's picture renditions and no others.

    Into ``prefetched_renditions``, as Wagtail's ``prefetch_renditions()`` does, not
    the ``renditions`` relation itself: a filtered ``renditions`` cache would also
    filter ``image.renditions.get_or_create()``, so asking that image for any other
    rendition that exists (a feed's enclosure) would try to create it again.
    """
    renditions = get_image_model().get_rendition_model().objects
    return Prefetch(
        "hero_image__renditions",
        queryset=renditions.filter(filter_spec__in=CARD_RENDITION_SPECS),
        to_attr="prefetched_renditions",
    )


def shown_to_readers(pages: PageQuerySet) -> PageQuerySet:
    """``pages.live().public()`` without ``public()``'s own query for the restrictions:
    a page is left out when a restricted page's path starts its path, in the same query.
    """
    restricting = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.live().filter(~Exists(restricting))


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


class PaginatedPage(FoodiePage):
    """A page that lists ``per_page`` items a page, by ``?page=``: page one is the
    page's own URL, and a number that is not the one shown is served, never stored."""

    per_page: ClassVar[int] = 12

    class Meta:
        abstract = True

    def canonical_query(self, params: QueryDict) -> list[tuple[str, str]]:
        return [pair for pair in super().canonical_query(params) if pair != ("page", "1")]

    def paginate(self, request: HttpRequest, items: models.QuerySet) -> PaginatorPage:
        page = Paginator(items, self.per_page).get_page(request.GET.get("page"))
        if not is_canonical_page_number(request, page):
            self.refuse_page_cache(request, "unrecognised page value")
        return page


class IndexPage(PaginatedPage):
    """A listing of the pages below it, ``per_page`` cards a page, narrowed by the
    filters named by ``filters_class``; the template gets ``filters`` and the page of
    items as ``listing_name``; its JSON-LD is the items' ItemList.

    ``filters_class`` is a dotted path, as ``subpage_types`` are strings: filters read
    the models, so a models module that imported them would close an import cycle.
    """

    introduction = models.TextField(max_length=400, blank=True)

    content_panels = [*FoodiePage.content_panels, FieldPanel("introduction")]

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

    def lists_page(self, page: Page) -> bool:
        return page.path.startswith(self.path) and page.depth > self.depth

    def get_listing(self) -> models.QuerySet:
        """The live, public pages this index lists, ready for their cards, in order."""
        raise NotImplementedError

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        filters = self.get_filters_class()(request.GET)
        items = filters.apply(self.get_listing())
        page = self.paginate(request, items)
        if filters.invalid:
            self.refuse_page_cache(request, "unrecognised filter value")
        context.update(
            {"filters": filters, self.listing_name: page, "json_ld": item_list(page, request)}
        )
        return context

"""The site search: what a reader asked for, and the results, facets and promotions.

One ``SiteSearch`` per request. Everything is lazy, so the template runs only the
queries it needs, and a results page costs the same number of queries whether it shows
one result or ten: one full-text query for the ranked page of ids with the count of
matches per type, then the cards for each content type on the page in bulk. A type facet
(``?type=``) adds one grouped count query, as does a page number past the last page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Window
from django.http import QueryDict
from django.utils.functional import cached_property

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends.base import BaseSearchResults as SearchResults
from wagtail.search.utils import normalise_query_string

from blog.models import ArticleIndexPage, ArticlePage, article_card_fields
from foodie.core.search_text import search_terms
from home.models import StandardPage
from recipes.filters import RecipeFilters
from recipes.models import RecipeIndexPage, RecipePage, recipe_card_fields

from .highlight import matches
from .popular import popular_recipes

# Longer queries are cut to this many characters (after whitespace is collapsed).
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
MAX_MATCHED_INGREDIENTS = 3
FILTER_FORM_PARAMS = ("type", *RecipeFilters.PARAMS)


def clean_query(raw: str | None, limit: int | None = MAX_QUERY_LENGTH) -> str:
    """Drop control characters, collapse whitespace (tabs and newlines too) to single
    spaces; cap the length a reader can send."""
    text = raw or ""
    if not text.isprintable():  # one pass in C for what readers type
        text = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    return " ".join(text.split())[:limit]


@dataclass(frozen=True)
class ResultType:
    """A kind of page search shows: its ``?type=`` key, labels and what its card needs.

    ``card_fields`` adds no visibility filter: results come from live, public candidates.
    """

    key: str
    label: str
    singular: str
    model: type[Page]
    card_fields: Callable[[QuerySet], QuerySet] | None = None
    summary_field: str | None = None

    @property
    def content_type_id(self) -> int:
        return ContentType.objects.get_for_model(self.model).pk


RECIPES = ResultType("recipe", "Recipes", "Recipe", RecipePage, recipe_card_fields, "summary")
RESULT_TYPES = (
    RECIPES,
    ResultType("article", "Articles", "Article", ArticlePage, article_card_fields, "introduction"),
    ResultType("page", "Pages", "Page", StandardPage),
)
RESULT_TYPES_BY_KEY = {result_type.key: result_type for result_type in RESULT_TYPES}


def searchable_pages(public_pages: QuerySet | None = None) -> QuerySet:
    """Live, public pages of the types search shows (not the home or index pages)."""
    if public_pages is None:
        public_pages = Page.objects.live().public()
    content_type_ids = [result_type.content_type_id for result_type in RESULT_TYPES]
    return public_pages.filter(content_type__in=content_type_ids)


def result_type_of(page: Page) -> ResultType | None:
    return next((t for t in RESULT_TYPES if t.content_type_id == page.content_type_id), None)


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    count: int
    query_string: str
    selected: bool


@dataclass(frozen=True)
class Result:
    page: Page
    type: ResultType
    summary: str
    matched_ingredients: list[str]


class CountedResults:
    """What a ``Paginator`` needs of results whose count is already known: the count."""

    def __init__(self, count: int):
        self._count = count

    def count(self) -> int:
        return self._count


def count_name(result_type: ResultType) -> str:
    return f"search_matches_{result_type.key}"


def count_windows() -> dict[str, Window]:
    """Annotations: the matches of each type among all the rows a search selects."""
    return {
        count_name(t): Window(Count("pk", filter=Q(content_type=t.content_type_id)))
        for t in RESULT_TYPES
    }


MAX_PAGE_NUMBER = 10_000


def page_number(value: str | None) -> int | None:
    """``?page=`` as a number from 1; ``None`` when it cannot be a page (0, negative, huge).

    Not a number reads as page 1, as ``Paginator.get_page`` does.
    """
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return number if 1 <= number <= MAX_PAGE_NUMBER else None


class SiteSearch:
    """A reader's search: ``?q=`` plus ``type``, the recipe filters and ``page``."""

    def __init__(self, params: QueryDict):
        self.params = params
        raw = params.get("q") or ""  # the last value when ?q= is repeated
        whole = clean_query(raw, limit=None)
        self.query = whole[:MAX_QUERY_LENGTH]
        self.was_shortened = len(whole) > MAX_QUERY_LENGTH
        self.terms = search_terms(self.query)
        self.type = RESULT_TYPES_BY_KEY.get(params.get("type") or "")

    @property
    def max_query_length(self) -> int:
        return MAX_QUERY_LENGTH

    @cached_property
    def public_pages(self) -> QuerySet:
        """Live pages outside private sections (view restrictions read once per search)."""
        return Page.objects.live().exclude(Page.objects.private_q())

    # What the reader asked for

    @cached_property
    def filters(self) -> RecipeFilters:
        return RecipeFilters(self.params)

    @property
    def shows_recipe_filters(self) -> bool:
        """Recipe filters apply to the "All" and "Recipes" views, not articles or pages."""
        return self.type in (None, RECIPES)

    @cached_property
    def filters_apply(self) -> bool:
        return bool(self.terms) and self.shows_recipe_filters and self.filters.is_active

    @property
    def is_plain_first_page(self) -> bool:
        """A new search typed by a reader, not a later page or a narrowing of one."""
        narrowing = ("type", "page", *RecipeFilters.PARAMS)
        return bool(self.terms) and not any(self.params.get(name) for name in narrowing)

    # Promotions

    @cached_property
    def promotions(self) -> list[SearchPromotion]:
        """Editors' picks for this query, shown above the "All" results on page 1."""
        if not self.terms or self.type or self.filters_apply:
            return []
        query_strings = {normalise_query_string(self.query), normalise_query_string(self.terms)}
        return list(
            SearchPromotion.objects.filter(query__query_string__in=query_strings)
            .filter(Q(page__isnull=True) | Q(page__in=self.public_pages))
            .select_related("page")
            .order_by("sort_order", "pk")
        )

    @property
    def shows_promotions(self) -> bool:
        return bool(self.promotions) and self.page is not None and self.page.number == 1

    # Results

    @cached_property
    def candidates(self) -> QuerySet:
        """Every page this search may show, before the full-text match and type facet."""
        pages = searchable_pages(self.public_pages)
        if self.filters_apply:
            filtered = self.filters.apply(recipe_card_fields(RecipePage.objects.all()))
            recipe_ids = filtered.prefetch_related(None).values("pk")
            pages = pages.filter(~Q(content_type=RECIPES.content_type_id) | Q(id__in=recipe_ids))
        promoted_ids = [promotion.page_id for promotion in self.promotions if promotion.page_id]
        if promoted_ids:
            # Shown once, at the top, rather than again in the list.
            pages = pages.exclude(id__in=promoted_ids)
        return pages

    @cached_property
    def ranked(self) -> SearchResults:
        """The candidates ranked by relevance (not yet run): ids and types only.

        Narrow rows make the database's join and sort of every match cheaper; the cards
        are loaded per type afterwards. In the "All" view the query that ranks a page of
        results also counts the matches of each type (window functions), so a results
        page passes over the matches once rather than twice.
        """
        pages = self.candidates.only("id", "content_type_id")
        if self.type:
            pages = pages.filter(content_type=self.type.content_type_id)
        else:
            pages = pages.annotate(**count_windows())
        return pages.search(self.terms)

    def _ranked_page(self, number: int) -> list[Page]:
        start = (number - 1) * RESULTS_PER_PAGE
        return list(self.ranked[start : start + RESULTS_PER_PAGE])

    @cached_property
    def _requested(self) -> tuple[int | None, list[Page]]:
        """The ``?page=`` number and its results; ``None`` and ``[]`` when out of range."""
        number = page_number(self.params.get("page"))
        return number, self._ranked_page(number) if number else []

    @cached_property
    def counts(self) -> dict[str, int]:
        """Matches per result type: from the ranked page when it has them, or one grouped query."""
        if not self.terms:
            return {}
        if not self.type:
            number, found = self._requested
            if found:
                return {t.key: getattr(found[0], count_name(t)) for t in RESULT_TYPES}
            if number == 1:  # nothing on the first page: nothing at all
                return dict.fromkeys((t.key for t in RESULT_TYPES), 0)
        by_content_type = self.candidates.search(self.terms, order_by_relevance=False).facet(
            "content_type_id"
        )
        return {t.key: by_content_type.get(t.content_type_id, 0) for t in RESULT_TYPES}

    @cached_property
    def total(self) -> int:
        if self.type:
            return self.counts.get(self.type.key, 0)
        return sum(self.counts.values())

    @cached_property
    def page(self) -> PaginatorPage | None:
        """The requested page of results; ``?page=`` out of range or not a number is clamped
        as ``Paginator.get_page`` does (to the last page, or the first)."""
        if not self.terms:
            return None
        number, found = self._requested
        paginator = Paginator(CountedResults(self.total), RESULTS_PER_PAGE)
        if not found and self.total:
            number = paginator.num_pages
            found = self._ranked_page(number)
        return PaginatorPage(found, number or 1, paginator)

    @cached_property
    def results(self) -> list[Result]:
        if not self.total or self.page is None:
            return []
        found = list(self.page.object_list)
        cards = {}
        for result_type in RESULT_TYPES:
            ids = [page.pk for page in found if page.content_type_id == result_type.content_type_id]
            if ids:
                pages = result_type.model.objects.filter(pk__in=ids)
                if result_type.card_fields:
                    pages = result_type.card_fields(pages)
                cards.update(pages.in_bulk())
        return [self._result(cards[page.pk]) for page in found if page.pk in cards]

    def _result(self, page: Page) -> Result:
        result_type = result_type_of(page)
        summary = (
            getattr(page, result_type.summary_field)
            if result_type.summary_field
            else page.get_meta_description()
        )
        return Result(page, result_type, summary, self._matched_ingredients(page))

    def _matched_ingredients(self, page: Page) -> list[str]:
        """Ingredient items the query matched: why a recipe without it in its title is here.

        Read from the stored JSON: converting the blocks (units, quantities) for ten
        recipes cost more than the search query.
        """
        if not isinstance(page, RecipePage):
            return []
        items = []
        for section in page.ingredients.raw_data:
            for row in section.get("value", {}).get("ingredients", []):
                value = row.get("value", row) if isinstance(row, dict) else {}
                item = value.get("item") or ""
                if item and matches(item, self.terms) and item not in items:
                    items.append(item)
        return items[:MAX_MATCHED_INGREDIENTS]

    @cached_property
    def unfiltered_total(self) -> int:
        """Matches with no type or recipe filter: offered when the narrowed search finds none."""
        if not self.terms:
            return 0
        pages = searchable_pages(self.public_pages)
        return pages.search(self.terms, order_by_relevance=False).count()

    @property
    def is_narrowed(self) -> bool:
        return bool(self.type) or self.filters_apply

    # When nothing matched

    @cached_property
    def popular_recipes(self) -> list[RecipePage]:
        return popular_recipes()

    @cached_property
    def index_pages(self) -> list[Page]:
        """The recipe and article indexes, for "browse instead"."""
        return list(self.public_pages.type(RecipeIndexPage, ArticleIndexPage).order_by("path"))

    # Links

    @cached_property
    def facets(self) -> list[Facet]:
        facets = [Facet("", "All", sum(self.counts.values()), self._with_type(None), not self.type)]
        facets += [
            Facet(t.key, t.label, self.counts.get(t.key, 0), self._with_type(t), self.type == t)
            for t in RESULT_TYPES
        ]
        return facets

    def _with_type(self, result_type: ResultType | None) -> str:
        params = self.params.copy()
        params.pop("page", None)
        params.pop("type", None)
        if result_type:
            params["type"] = result_type.key
        if result_type not in (None, RECIPES):
            for name in RecipeFilters.PARAMS:
                params.pop(name, None)
        return params.urlencode()

    @property
    def everything_query_string(self) -> str:
        """The link that drops the type and every filter, keeping the words."""
        params = QueryDict(mutable=True)
        params["q"] = self.query
        return params.urlencode()

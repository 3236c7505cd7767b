"""Authors' pages: one index of everyone with something published, and a page of
their own for each (``<index>/<author slug>/``) with their bio, photo, links and their
recipes and articles. Authors stay snippets (NOTES "Author pages"); the index page
answers their URLs itself (``route``), so the page cache serves and purges them as
any page's."""

import logging
from typing import Any, ClassVar

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest

from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from blog.models import ArticlePage, ArticlePageAuthor, article_cards
from foodie.core.models import Author
from foodie.core.pages import (
    Crumb,
    PaginatedPage,
    shown_to_readers,
)
from foodie.core.structured_data import breadcrumb_list, profile_page
from recipes.models import TAXONOMY_MODELS, RecipePage, RecipePageAuthor, recipe_cards

logger = logging.getLogger(__name__)

# The photo's renditions on the index and on the author's own page (their templates'
# {% image author.photo ... %}, and includes/meta.html's sharing image): loaded with the
# author, so the query-count tests fail if these and the templates part ways.
INDEX_PHOTO_SPEC = "fill-160x160"
PROFILE_PHOTO_SPECS = ("fill-320x320", "fill-1200x630|format-jpeg")


def published_authors() -> models.QuerySet[Author]:
    """Authors credited on at least one recipe or article that readers may see."""
    recipes = shown_to_readers(RecipePage.objects.filter(recipe_authors__author=OuterRef("pk")))
    articles = shown_to_readers(ArticlePage.objects.filter(article_authors__author=OuterRef("pk")))
    return Author.objects.filter(Exists(recipes) | Exists(articles))


def credited_pages(author: Author) -> models.QuerySet[Page]:
    """The recipes and articles crediting ``author`` that readers may see, newest first."""
    credits = Q(pk__in=RecipePageAuthor.objects.filter(author=author).values("page_id")) | Q(
        pk__in=ArticlePageAuthor.objects.filter(author=author).values("page_id")
    )
    return shown_to_readers(Page.objects.filter(credits)).order_by("-first_published_at", "-pk")


def as_cards(pages) -> list[tuple[str, Page]]:
    """``pages`` (of recipes and articles, in order) as (kind, card page) for
    includes/card.html: one set of card queries per type, whatever their number."""
    ids = {RecipePage: [], ArticlePage: []}
    for page in pages:
        ids[page.specific_class].append(page.pk)
    recipes = recipe_cards(RecipePage.objects.filter(pk__in=ids[RecipePage])).in_bulk()
    articles = article_cards(ArticlePage.objects.filter(pk__in=ids[ArticlePage])).in_bulk()
    cards = []
    for page in pages:
        if page.pk in recipes:
            cards.append(("recipe", recipes[page.pk]))
        elif page.pk in articles:
            cards.append(("article", articles[page.pk]))
    return cards


def photo_renditions(*specs: str) -> Prefetch:
    """For ``prefetch_related`` on authors: their photo's renditions to ``specs`` alone."""
    renditions = get_image_model().get_rendition_model().objects
    return Prefetch(
        "photo__renditions",
        queryset=renditions.filter(filter_spec__in=specs),
        to_attr="prefetched_renditions",
    )


def profile_photo(author: Author):
    """The author's photo at their page's size, or None (none, or its file is lost)."""
    if author.photo is None:
        return None
    try:
        return author.photo.get_rendition(PROFILE_PHOTO_SPECS[0])
    except SourceImageIOError:
        logger.warning("The photo of author %s has no file", author.slug)
        return None


class AuthorIndexPage(PaginatedPage):
    """Everyone credited on something published, and each one's page."""

    introduction = models.TextField(max_length=400, blank=True)

    content_panels = [*PaginatedPage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types: ClassVar[list[str]] = []
    max_count = 1

    gives_author_pages = True  # foodie.core.pages.author_pages: bylines link here
    page_cache_shown_everywhere = True  # so publishing, moving or removing it purges them
    cache_query_params = ("page",)
    # Its pages show authors, their recipes' and articles' cards and the recipes' diets.
    page_cache_depends_on = (
        "core.Author",
        "recipes.RecipePage",
        "blog.ArticlePage",
        *TAXONOMY_MODELS,
    )

    class Meta:
        verbose_name = "author index page"

    def author_url(self, author: Author, request: HttpRequest | None = None) -> str | None:
        """The author's page, or None while this index has no URL (outside every site)."""
        url = self.get_url(request)
        return f"{url}{author.slug}/" if url else None

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """``<slug>/`` is the page of the author with that slug, if they have anything
        published; a 404 otherwise."""
        if len(path_components) != 1 or not self.live:
            return super().route(request, path_components)
        author = (
            published_authors()
            .filter(slug=path_components[0])
            .select_related("photo")
            .prefetch_related("links", photo_renditions(*PROFILE_PHOTO_SPECS))
            .first()
        )
        if author is None:
            raise Http404("No author with that address has anything published.")
        return RouteResult(self, kwargs={"author": author})

    def get_cached_paths(self) -> list[str]:
        slugs = published_authors().values_list("slug", flat=True)
        return ["/", *(f"/{slug}/" for slug in slugs)]

    def get_cached_paths_showing(self, obj) -> list[str]:
        """The index and the pages of the authors ``obj`` is, or is credited to."""
        if isinstance(obj, Author):
            return ["/", f"/{obj.slug}/"]
        if isinstance(obj, (RecipePage, ArticlePage)):
            credits = RecipePageAuthor if isinstance(obj, RecipePage) else ArticlePageAuthor
            slugs = credits.objects.filter(page_id=obj.pk).values_list("author__slug", flat=True)
            return ["/", *(f"/{slug}/" for slug in slugs)]
        return self.get_cached_paths()  # a diet's name is on every recipe card

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        """The index and every author with something published (no one else has a page)."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        slugs = published_authors().values_list("slug", flat=True)
        return urls + [{"location": f"{base}{slug}/"} for slug in slugs]

    def get_template(self, request: HttpRequest, *args, author: Author | None = None, **kwargs):
        return "home/author_page.html" if author else super().get_template(request)

    def get_context(
        self, request: HttpRequest, *args, author: Author | None = None, **kwargs
    ) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        if author is None:
            authors = (
                published_authors()
                .select_related("photo")
                .prefetch_related(photo_renditions(INDEX_PHOTO_SPEC))
                .order_by("name", "pk")
            )
            context["authors"] = page = self.paginate(request, authors)
            for each in page:
                each.url = self.author_url(each, request)
            return context
        works = self.paginate(request, credited_pages(author))
        url = self.author_url(author, request)
        photo = profile_photo(author)
        context["breadcrumbs"].append(Crumb(author.name, url))
        author.url = url
        context.update(
            canonical_url=url,
            meta_title=author.name,
            meta_description=author.bio,
            meta_image=author.photo,
            author=author,
            author_photo=photo,
            works=works,
            cards=as_cards(works),
            json_ld=profile_page(author, request, photo.url if photo else None),
            breadcrumb_json_ld=breadcrumb_list(context["breadcrumbs"], request),
        )
        return context

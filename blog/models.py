"""Articles: the blog index and the article page."""

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import slug_unicode_re as slug_re
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase

from foodie.blocks import BodyStreamBlock
from foodie.cache.rules import refuse_to_store
from foodie.core.models import Author
from foodie.core.pages import FoodiePage, is_canonical_page_number
from foodie.core.structured_data import item_list

from .blocks import RecipeCardBlock
from .structured_data import article_json_ld

ARTICLES_PER_PAGE = 10


def article_card_fields(queryset: models.QuerySet) -> models.QuerySet:
    """Articles with what a card shows, in a fixed number of queries, newest first."""
    return (
        queryset.select_related("hero_image")
        .prefetch_related("hero_image__renditions", "article_authors__author")
        .order_by("-date_published", "-pk")
    )


def article_cards(queryset: models.QuerySet) -> models.QuerySet:
    """Live, public articles, ready for their cards."""
    return article_card_fields(queryset.live().public())


def by_slug(model, value: str | None):
    """The object with this slug, or None; never queries with a value that is no slug
    (PostgreSQL refuses NUL bytes in text, which would be a 500)."""
    if not value or not slug_re.fullmatch(value):
        return None
    return model.objects.filter(slug=value).first()


class BlogIndexPage(FoodiePage):
    introduction = models.TextField(max_length=400, blank=True)

    content_panels = [*FoodiePage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]

    cache_query_params = frozenset({"page", "tag", "author"})
    page_cache_depends_on = ("core.Author",)

    class Meta:
        verbose_name = "article index page"

    def lists_page(self, page: Page) -> bool:
        return page.path.startswith(self.path) and page.depth > self.depth

    def get_articles(self) -> models.QuerySet:
        return article_cards(BlogPage.objects.descendant_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.get_articles()
        tag = by_slug(Tag, request.GET.get("tag"))
        author = by_slug(Author, request.GET.get("author"))
        if tag:
            articles = articles.filter(tags=tag)
        if author:
            articles = articles.filter(article_authors__author=author)
        page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        unknown_filter = (request.GET.get("tag") and not tag) or (
            request.GET.get("author") and not author
        )
        if unknown_filter or not is_canonical_page_number(request, page):
            refuse_to_store(request, "unrecognised filter or page value")
        context.update(
            active_tag=tag, active_author=author, articles=page, item_list=item_list(page, request)
        )
        return context


class BlogPage(FoodiePage):
    introduction = models.TextField(max_length=400, help_text="Shown under the title and in lists.")
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date_published = models.DateField(
        default=timezone.localdate, help_text="The date readers see; lists sort by it."
    )
    tags = ClusterTaggableManager(through="blog.BlogPageTag", blank=True)
    body = StreamField(BodyStreamBlock([("recipe_card", RecipeCardBlock())]))

    content_panels = [
        *FoodiePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        InlinePanel("article_authors", label="Author", heading="Authors", min_num=1),
        FieldPanel("date_published"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    search_fields = [
        *FoodiePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "article_authors", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.FilterField("date_published"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"

    @cached_property
    def authors(self) -> list:
        links = self.article_authors.select_related("author__photo").prefetch_related(
            "author__links"
        )
        return [link.author for link in links]

    def get_meta_description(self) -> str:
        return self.search_description or self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = article_json_ld(self, request)
        return context


class BlogPageAuthor(Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey("core.Author", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("author")]


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="tagged_items")

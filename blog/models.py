"""Articles: the blog index and the article page."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from foodie.blocks import BodyStreamBlock
from foodie.core.api_fields import AuthorsSerializer, StoredStreamSerializer, TagsSerializer
from foodie.core.models import AuthorCredit
from foodie.core.pages import (
    CreditsAuthors,
    FoodiePage,
    HeroImageMixin,
    IndexPage,
    card_renditions,
    shown_to_readers,
)
from foodie.core.rich_results import RichResultsMixin, RichResultsPanel

from .blocks import RecipeCardBlock
from .structured_data import article_json_ld, article_rich_result_problems


def article_card_fields(queryset: models.QuerySet) -> models.QuerySet:
    """Articles with what a card shows, in a fixed number of queries, newest first."""
    return (
        queryset.select_related("hero_image")
        .prefetch_related(card_renditions())
        .order_by("-date_published", "-pk")
    )


def article_cards(queryset: models.QuerySet) -> models.QuerySet:
    """Live, public articles, ready for their cards."""
    return article_card_fields(shown_to_readers(queryset))


class ArticleIndexPage(IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ArticlePage"]

    per_page = 10
    filters_class = "blog.filters.ArticleFilters"
    listing_name = "articles"
    page_cache_depends_on = ("core.Author",)

    class Meta:
        verbose_name = "article index page"

    def get_listing(self) -> models.QuerySet:
        return article_cards(ArticlePage.objects.descendant_of(self))


class ArticlePage(CreditsAuthors, RichResultsMixin, HeroImageMixin, FoodiePage):
    credits_relation = "article_authors"
    introduction = models.TextField(max_length=400, help_text="Shown under the title and in lists.")
    date_published = models.DateField(
        default=timezone.localdate, help_text="The date readers see; lists sort by it."
    )
    tags = ClusterTaggableManager(through="blog.ArticlePageTag", blank=True)
    body = StreamField(BodyStreamBlock([("recipe_card", RecipeCardBlock())]))

    content_panels = [
        RichResultsPanel(heading="Google rich results"),
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
        index.FilterField("rich_result_problem_count"),  # the admin listing's filter
    ]

    # The API v2 (docs/api.md), read in a fixed number of queries (api_queryset).
    api_fields = [
        APIField("introduction"),
        APIField("date_published"),
        APIField("authors", serializer=AuthorsSerializer(source="article_authors")),
        APIField("tags", serializer=TagsSerializer()),
        APIField("hero_image"),
        APIField("body", serializer=StoredStreamSerializer()),
    ]

    parent_page_types = ["blog.ArticleIndexPage"]
    subpage_types = []

    route_select_related = ("hero_image",)

    class Meta:
        verbose_name = "article"

    @classmethod
    def api_queryset(cls, pages: models.QuerySet) -> models.QuerySet:
        """What ``api_fields`` read, fetched with the pages."""
        credits = ArticlePageAuthor.objects.select_related("author").order_by("sort_order")
        return pages.select_related("hero_image").prefetch_related(
            "tags", Prefetch("article_authors", queryset=credits)
        )

    def get_meta_description(self) -> str:
        return self.search_description or self.introduction

    def get_json_ld(self, request) -> dict:
        return article_json_ld(self, request)

    def rich_result_problems(self) -> list:
        return article_rich_result_problems(self)


class ArticlePageAuthor(AuthorCredit):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="tagged_items")

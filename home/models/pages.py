from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from blog.models import ArticlePage, article_cards
from foodie.blocks import BodyStreamBlock
from foodie.core.models import SiteSettings
from foodie.core.pages import FoodiePage, HeroMixin
from foodie.core.structured_data import site_identity
from recipes.models import TAXONOMY_MODELS, RecipePage, recipe_cards

FEATURED_RECIPES = 6
FEATURED_ARTICLES = 3


def featured_or_newest(cards, chosen_ids: list[int], limit: int) -> list:
    """The editor's choices in their order, else the newest: always a fixed number of queries."""
    if chosen_ids:
        by_id = cards.filter(pk__in=chosen_ids).in_bulk()
        return [by_id[pk] for pk in chosen_ids if pk in by_id][:limit]
    return list(cards.order_by("-first_published_at", "-pk")[:limit])


class HomePage(HeroMixin, FoodiePage):
    """The site root: a hero, featured content and a free-form body."""

    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = [
        *FoodiePage.content_panels,
        *HeroMixin.hero_panels,
        MultiFieldPanel(
            [
                InlinePanel("featured_recipes", label="Recipe", max_num=FEATURED_RECIPES),
                InlinePanel("featured_articles", label="Article", max_num=FEATURED_ARTICLES),
            ],
            heading="Featured (leave empty to show the newest)",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*FoodiePage.search_fields, index.SearchField("hero_intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "recipes.RecipeIndexPage",
        "blog.ArticleIndexPage",
        "home.AuthorIndexPage",
        "recipes.SavedRecipesPage",
        "recipes.ShoppingListPage",
    ]
    max_count = 1

    page_cache_depends_on = TAXONOMY_MODELS  # its recipe cards show them

    class Meta:
        verbose_name = "home page"

    def get_json_ld(self, request: HttpRequest) -> list[dict]:
        """Who publishes the site and how to search it (Organization, WebSite)."""
        return site_identity(self, SiteSettings.for_request(request), request)

    def lists_page(self, page: Page) -> bool:
        """Featured pages, or any recipe/article while a slot falls back to the newest."""
        specific_class = page.specific_class
        if specific_class is RecipePage:
            chosen = [item.page_id for item in self.featured_recipes.all()]
        elif specific_class is ArticlePage:
            chosen = [item.page_id for item in self.featured_articles.all()]
        else:
            return False
        return not chosen or page.pk in chosen

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        recipe_ids = [item.page_id for item in self.featured_recipes.all()]
        article_ids = [item.page_id for item in self.featured_articles.all()]
        context["featured_recipes"] = featured_or_newest(
            recipe_cards(RecipePage.objects.all()), recipe_ids, FEATURED_RECIPES
        )
        context["featured_articles"] = featured_or_newest(
            article_cards(ArticlePage.objects.all()), article_ids, FEATURED_ARTICLES
        )
        return context


class HomePageFeaturedRecipe(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_recipes")
    page = models.ForeignKey("recipes.RecipePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


class HomePageFeaturedArticle(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    page = models.ForeignKey("blog.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


class StandardPage(HeroMixin, FoodiePage):
    """About, contact and other pages made of body blocks alone."""

    body = StreamField(BodyStreamBlock(), use_json_field=True)

    content_panels = [*FoodiePage.content_panels, *HeroMixin.hero_panels, FieldPanel("body")]
    search_fields = [
        *FoodiePage.search_fields,
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"

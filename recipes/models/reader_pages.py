"""Pages whose content lives in the reader's browser: the HTML is the same for every
reader (cached like any page) and a script fills it from localStorage."""

from typing import Any, ClassVar

from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel

from foodie.core.pages import FoodiePage


class BrowserFilledPage(FoodiePage):
    """One per site, under Home: a title and an introduction around what the reader's
    browser keeps; left out of the sitemap (search engines would see an empty page)."""

    introduction = models.TextField(
        max_length=400,
        blank=True,
        help_text="Shown above what the reader keeps in their browser.",
    )

    content_panels = [*FoodiePage.content_panels, FieldPanel("introduction")]

    parent_page_types: ClassVar[list[str]] = ["home.HomePage"]
    subpage_types: ClassVar[list[str]] = []
    max_count = 1

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        return []


class SavedRecipesPage(BrowserFilledPage):
    """The recipes a reader saved with a recipe's or card's Save button
    (foodie/js/saved-recipes.js)."""

    class Meta:
        verbose_name = "saved recipes page"


class ShoppingListPage(BrowserFilledPage):
    """The ingredients a reader added from recipes, merged and ticked off
    (foodie/js/shopping-list.js)."""

    class Meta:
        verbose_name = "shopping list page"

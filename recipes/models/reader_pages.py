"""Pages whose content lives in the reader's browser: the HTML is the same for every
reader (cached like any page) and a script fills it from localStorage."""

from typing import Any, ClassVar

from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel

from foodie.core.pages import FoodiePage


class SavedRecipesPage(FoodiePage):
    """The recipes a reader saved with a recipe's or card's Save button, kept in their
    browser with no account or cookie (foodie/js/saved-recipes.js)."""

    introduction = models.TextField(
        max_length=400,
        blank=True,
        help_text="Shown above the reader's saved recipes.",
    )

    content_panels = [*FoodiePage.content_panels, FieldPanel("introduction")]

    parent_page_types: ClassVar[list[str]] = ["home.HomePage"]
    subpage_types: ClassVar[list[str]] = []
    max_count = 1

    class Meta:
        verbose_name = "saved recipes page"

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        """None: the page is empty until a reader's browser fills it."""
        return []

"""Article-specific blocks."""

from typing import Any

from wagtail import blocks

from foodie.core.pages import is_shown_to_readers


def _latest_recipe():
    """The newest live recipe, found by page type name so blog needs no recipes import."""
    from wagtail.models import Page

    recipes = (
        Page.objects.live()
        .public()
        .filter(content_type__app_label="recipes", content_type__model="recipepage")
    )
    page = recipes.order_by("-first_published_at").first()
    return page.specific if page else None


class RecipeCardBlock(blocks.StructBlock):
    """Embeds a chosen recipe as a card inside an article."""

    recipe = blocks.PageChooserBlock(page_type="recipes.RecipePage")
    note = blocks.CharBlock(
        max_length=160, required=False, help_text="Optional: why this recipe belongs here."
    )

    class Meta:
        template = "blocks/recipe_card_block.html"
        icon = "doc-full"
        label = "Recipe card"
        group = "Recipes"
        description = "A card linking to one of our recipes, with its photo and total time."
        preview_value = staticmethod(
            lambda: {"recipe": _latest_recipe(), "note": "Try it this weekend."}
        )

    def get_context(self, value, parent_context: dict | None = None) -> dict[str, Any]:
        """``recipe``: the chosen recipe, or None while it is a draft or restricted (the
        card is left out rather than show a private recipe in a public article)."""
        context = super().get_context(value, parent_context)
        recipe = value["recipe"]
        context["recipe"] = recipe.specific if recipe and is_shown_to_readers(recipe) else None
        return context

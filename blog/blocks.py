"""Article-specific blocks."""

from typing import Any

from wagtail import blocks

from foodie.core.pages import is_shown_to_readers, shown_to_readers


def _latest_recipe():
    """The newest live recipe, found by page type name so blog needs no recipes import."""
    from wagtail.models import Page

    recipes = shown_to_readers(Page.objects.all()).filter(
        content_type__app_label="recipes", content_type__model="recipepage"
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

    def bulk_to_python(self, values):
        """The article's recipe cards, each marked with whether readers may see its
        recipe: one check for every card of a body, not a query per card."""
        cards = super().bulk_to_python(values)
        ids = {card["recipe"].pk for card in cards if card["recipe"]}
        model = self.child_blocks["recipe"].target_model
        shown = model.cards(model.objects.filter(pk__in=ids)).in_bulk() if ids else {}
        for card in cards:
            card.recipe_is_shown = bool(card["recipe"]) and card["recipe"].pk in shown
            if card.recipe_is_shown:
                card["recipe"] = shown[card["recipe"].pk]  # with what its card shows
        return cards

    def get_context(self, value, parent_context: dict | None = None) -> dict[str, Any]:
        """``recipe``: the chosen recipe, or None while it is a draft or restricted (the
        card is left out rather than show a private recipe in a public article)."""
        context = super().get_context(value, parent_context)
        recipe = value["recipe"]
        shown = getattr(value, "recipe_is_shown", None)
        if shown is None:  # a value not loaded from a body (a preview, a test)
            shown = bool(recipe) and is_shown_to_readers(recipe)
        context["recipe"] = recipe.specific if shown else None
        return context

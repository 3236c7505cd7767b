from .pages import (
    RecipeIndexPage,
    RecipePage,
    RecipePageAuthor,
    RecipePageRelated,
    recipe_card_fields,
    recipe_cards,
)
from .ratings import NOTE_MAX_LENGTH, NOTES_PER_PAGE, Rating, RatingSummary
from .reader_pages import SavedRecipesPage, ShoppingListPage
from .taxonomy import TAXONOMY_MODELS, Course, Cuisine, Diet, Difficulty, RecipePageTag

__all__ = [
    "NOTES_PER_PAGE",
    "NOTE_MAX_LENGTH",
    "TAXONOMY_MODELS",
    "Course",
    "Cuisine",
    "Diet",
    "Difficulty",
    "Rating",
    "RatingSummary",
    "RecipeIndexPage",
    "RecipePage",
    "RecipePageAuthor",
    "RecipePageRelated",
    "RecipePageTag",
    "SavedRecipesPage",
    "ShoppingListPage",
    "recipe_card_fields",
    "recipe_cards",
]

from .pages import (
    RecipeIndexPage,
    RecipePage,
    RecipePageAuthor,
    RecipePageRelated,
    recipe_card_fields,
    recipe_cards,
)
from .reader_pages import SavedRecipesPage, ShoppingListPage
from .taxonomy import TAXONOMY_MODELS, Course, Cuisine, Diet, Difficulty, RecipePageTag

__all__ = [
    "TAXONOMY_MODELS",
    "Course",
    "Cuisine",
    "Diet",
    "Difficulty",
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

from .pages import (
    RecipeIndexPage,
    RecipePage,
    RecipePageAuthor,
    RecipePageRelated,
    RecipePageTag,
    recipe_card_fields,
    recipe_cards,
)
from .taxonomy import Course, Cuisine, Diet

__all__ = [
    "Course",
    "Cuisine",
    "Diet",
    "RecipeIndexPage",
    "RecipePage",
    "RecipePageAuthor",
    "RecipePageRelated",
    "RecipePageTag",
    "recipe_card_fields",
    "recipe_cards",
]

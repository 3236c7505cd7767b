"""The shapes of the demo data modules, so the data reads as data and the loader stays typed.

Recipes and articles are written as compact tuples rather than StreamField JSON: one
line per ingredient is easier to read and review. ``demo.content.recipes_and_articles``
turns them into block values.
"""

from typing import Any, NotRequired, TypedDict

# (quantity as an editor types it: "", "2", "1/2", "1 1/2"; unit key from
# recipes.blocks.UNITS; item; note)
Ingredient = tuple[str, str, str, str]
# (heading, "" for none; rows)
IngredientSection = tuple[str, list[Ingredient]]
# A step is its text, or (text, timer in minutes); {"section": heading} starts a section.
Step = str | tuple[str, int] | dict[str, str]
# (kcal, protein g, carbohydrate g, fat g) per serving, grams as decimal strings
Nutrition = tuple[int, str, str, str]
# ("heading", text) | ("paragraph", html) | ("quote", quote, attribution)
# | ("callout", kind, title, html) | ("table", caption, rows with a header row)
# | ("recipe_card", recipe slug, note) | ("image", title, alt, palette, caption)
BodyBlock = tuple[Any, ...]


class RecipeData(TypedDict):
    slug: str
    title: str
    summary: str
    palette: str  # a key of demo.content.images.PALETTES
    image_alt: str
    cuisine: str | None  # a name from loader.CUISINES
    course: str  # a name from loader.COURSES
    diets: list[str]  # names from loader.DIETS
    tags: list[str]
    difficulty: str  # easy, medium or hard
    prep_minutes: int
    cook_minutes: int
    yield_amount: int
    yield_unit: str
    authors: list[str]  # names from loader.AUTHORS
    related: NotRequired[list[str]]  # recipe slugs
    ingredients: list[IngredientSection]
    method: list[Step]
    step_images: NotRequired[dict[int, str]]  # step number -> alt text
    tips: NotRequired[list[str]]
    nutrition: NotRequired[Nutrition]


class ArticleData(TypedDict):
    slug: str
    title: str
    introduction: str
    palette: str
    image_alt: str
    authors: list[str]
    tags: list[str]
    days_ago: int  # date published, relative to the day the demo is loaded
    body: list[BodyBlock]

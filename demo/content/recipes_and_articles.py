"""Demo recipes and articles: the two index pages, their pages and the home page's picks.

Idempotent like the rest of the loader: a page whose slug already exists is left alone,
so running the loader again creates nothing and never overwrites an editor's changes.
"""

import html
import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import Page

from blog.models import ArticleIndexPage, ArticlePage, ArticlePageAuthor
from foodie.core.models import Author
from home.models import HomePage, HomePageFeaturedArticle
from recipes.models import (
    Course,
    Cuisine,
    Diet,
    RecipeIndexPage,
    RecipePage,
    RecipePageAuthor,
    RecipePageRelated,
)

from .articles_data import ARTICLES
from .data_types import ArticleData, BodyBlock, IngredientSection, RecipeData
from .helpers import demo_image, ensure_child
from .recipes_data import RECIPES

FEATURED_ARTICLES = [
    "batch-cooking-for-busy-weeks",
    "why-you-should-salt-pasta-water",
    "the-science-of-browning",
]
# Recipes appear to have been published over the last six months, so "newest first"
# listings and feeds have a meaningful order. Seeded, so every load gives the same dates.
PUBLISHING_WINDOW_DAYS = 180


class DemoDataError(ValueError):
    """The demo data itself is wrong (an unknown name or a value an editor could not save)."""


def load_recipes_and_articles(home: HomePage) -> list[Page]:
    """Create the index pages and everything under them; return the index pages."""
    recipe_index = ensure_child(
        home,
        RecipeIndexPage,
        "recipes",
        title="Recipes",
        introduction="Tested recipes for every day of the week, from ten-minute breakfasts "
        "to slow weekend projects. Filter by course, cuisine, diet and time.",
        search_description="Tested recipes with clear steps, timers and servings scaling.",
    )
    article_index = ensure_child(
        home,
        ArticleIndexPage,
        "articles",
        title="Articles",
        introduction="Techniques, ingredients and kitchen know-how: the why behind the recipes.",
        search_description="Food writing from the Foodie kitchen: techniques and guides.",
    )
    authors = {author.name: author for author in Author.objects.all()}
    recipes = load_recipes(recipe_index, authors)
    articles = load_articles(article_index, authors, recipes)
    ensure_featured(home, articles)
    return [recipe_index, article_index]


# Recipes


def load_recipes(index: RecipeIndexPage, authors: dict[str, Author]) -> dict[str, RecipePage]:
    """Create the demo recipes missing from the index; return every recipe there by slug."""
    pages = {page.slug: page for page in RecipePage.objects.child_of(index)}
    taxonomy = _Taxonomy()
    created: list[tuple[RecipePage, RecipeData]] = []
    for data in RECIPES:
        if data["slug"] not in pages:
            page = build_recipe(data, taxonomy, authors)
            index.add_child(instance=page)
            pages[page.slug] = page
            created.append((page, data))
    # Related recipes can only point at pages that exist, so they are set once all are.
    published_at = _publication_dates([data["slug"] for data in RECIPES])
    for page, data in created:
        page.related_recipes = [
            RecipePageRelated(related=pages[slug], sort_order=order)
            for order, slug in enumerate(data.get("related", []))
            if slug in pages
        ]
        page.save_revision().publish()
        RecipePage.objects.filter(pk=page.pk).update(first_published_at=published_at[page.slug])
    return pages


class _Taxonomy:
    """Cuisines, courses and diets by name, with a clear error for a name the data misspells."""

    def __init__(self) -> None:
        self.cuisines = {term.name: term for term in Cuisine.objects.all()}
        self.courses = {term.name: term for term in Course.objects.all()}
        self.diets = {term.name: term for term in Diet.objects.all()}

    @staticmethod
    def lookup(terms: dict[str, Any], name: str, kind: str) -> Any:
        try:
            return terms[name]
        except KeyError:
            raise DemoDataError(f"Unknown {kind} {name!r}; add it to the loader.") from None


def build_recipe(data: RecipeData, taxonomy: _Taxonomy, authors: dict[str, Author]) -> RecipePage:
    """An unsaved RecipePage from demo data, with its streams validated as the editor's are."""
    nutrition = data.get("nutrition")
    page = RecipePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        search_description=data["summary"],
        hero_image=demo_image(data["title"], data["image_alt"], data["palette"]),
        prep_minutes=data["prep_minutes"],
        cook_minutes=data["cook_minutes"],
        yield_amount=data["yield_amount"],
        yield_unit=data["yield_unit"],
        difficulty=data["difficulty"],
        course=taxonomy.lookup(taxonomy.courses, data["course"], "course"),
        cuisine=(
            taxonomy.lookup(taxonomy.cuisines, data["cuisine"], "cuisine")
            if data["cuisine"]
            else None
        ),
        ingredients=ingredient_blocks(data["ingredients"]),
        method=method_blocks(data),
        tips=_html_list(data.get("tips", [])),
        calories=nutrition[0] if nutrition else None,
        protein_grams=Decimal(nutrition[1]) if nutrition else None,
        carbohydrate_grams=Decimal(nutrition[2]) if nutrition else None,
        fat_grams=Decimal(nutrition[3]) if nutrition else None,
    )
    page.diets = [taxonomy.lookup(taxonomy.diets, name, "diet") for name in data["diets"]]
    page.tags.add(*data["tags"])
    page.recipe_authors = [
        RecipePageAuthor(author=_author(authors, name), sort_order=order)
        for order, name in enumerate(data["authors"])
    ]
    _validate_streams(page, ["ingredients", "method"])
    return page


def ingredient_blocks(sections: list[IngredientSection]) -> list[tuple[str, dict]]:
    return [
        (
            "section",
            {
                "heading": heading,
                "ingredients": [
                    {"quantity": quantity, "unit": unit, "item": item, "note": note}
                    for quantity, unit, item, note in rows
                ],
            },
        )
        for heading, rows in sections
    ]


def method_blocks(data: RecipeData) -> list[tuple[str, Any]]:
    """Steps and section headings; steps listed in ``step_images`` get a generated photo."""
    step_images = data.get("step_images", {})
    blocks: list[tuple[str, Any]] = []
    number = 0
    for step in data["method"]:
        if isinstance(step, dict):
            blocks.append(("section", step["section"]))
            continue
        text, timer = (step, None) if isinstance(step, str) else step
        number += 1
        alt = step_images.get(number)
        image = demo_image(f"{data['title']}, step {number}", alt, data["palette"]) if alt else None
        blocks.append(("step", {"text": _paragraph(text), "image": image, "timer_minutes": timer}))
    return blocks


# Articles


def load_articles(
    index: ArticleIndexPage, authors: dict[str, Author], recipes: dict[str, RecipePage]
) -> dict[str, ArticlePage]:
    """Create the demo articles missing from the index; return every article there by slug."""
    pages = {page.slug: page for page in ArticlePage.objects.child_of(index)}
    for data in ARTICLES:
        if data["slug"] in pages:
            continue
        page = build_article(data, authors, recipes)
        index.add_child(instance=page)
        page.save_revision().publish()
        published_at = datetime.combine(page.date_published, time(8, 30))
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=timezone.make_aware(published_at)
        )
        pages[page.slug] = page
    return pages


def build_article(
    data: ArticleData, authors: dict[str, Author], recipes: dict[str, RecipePage]
) -> ArticlePage:
    page = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        introduction=data["introduction"],
        search_description=data["introduction"],
        hero_image=demo_image(data["title"], data["image_alt"], data["palette"]),
        date_published=timezone.localdate() - timedelta(days=data["days_ago"]),
        body=[body_block(block, recipes) for block in data["body"]],
    )
    page.tags.add(*data["tags"])
    page.article_authors = [
        ArticlePageAuthor(author=_author(authors, name), sort_order=order)
        for order, name in enumerate(data["authors"])
    ]
    _validate_streams(page, ["body"])
    return page


def body_block(block: BodyBlock, recipes: dict[str, RecipePage]) -> tuple[str, Any]:
    """One body block from its compact form (see ``data_types.BodyBlock``)."""
    kind, *args = block
    if kind == "heading":
        return kind, {"text": args[0], "level": "h2"}
    if kind == "paragraph":
        return kind, args[0]
    if kind == "quote":
        return kind, {"quote": args[0], "attribution": args[1]}
    if kind == "callout":
        return kind, {"kind": args[0], "title": args[1], "text": args[2]}
    if kind == "table":
        caption, rows = args
        return kind, {
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
            "data": rows,
        }
    if kind == "recipe_card":
        slug, note = args
        if slug not in recipes:
            raise DemoDataError(f"Recipe card points at unknown recipe {slug!r}.")
        return kind, {"recipe": recipes[slug], "note": note}
    if kind == "image":
        title, alt, palette, caption = args
        image = demo_image(title, alt, palette)
        return kind, {"image": image, "caption": caption, "alt_text": "", "credit": ""}
    raise DemoDataError(f"Unknown body block {kind!r}.")


# Home page


def ensure_featured(home: HomePage, articles: dict[str, ArticlePage]) -> None:
    """Choose the home page's featured articles, unless an editor already has.

    Recipes are left unchosen on purpose: the home page then shows the newest, so a
    recipe published in the demo appears there at once (the editor journey checks it).
    """
    if not home.featured_articles.exists():
        home.featured_articles = [
            HomePageFeaturedArticle(page=articles[slug], sort_order=order)
            for order, slug in enumerate(FEATURED_ARTICLES)
            if slug in articles
        ]
        home.save_revision().publish()


# Helpers


def _author(authors: dict[str, Author], name: str) -> Author:
    try:
        return authors[name]
    except KeyError:
        raise DemoDataError(f"Unknown author {name!r}; add them to loader.AUTHORS.") from None


def _paragraph(text: str) -> str:
    # quote=False: apostrophes stay literal, as the rich text editor stores them.
    return f"<p>{html.escape(text, quote=False)}</p>"


def _html_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(_paragraph(item) for item in items)
    return (
        "<ul>" + "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items) + "</ul>"
    )


def _validate_streams(page: Page, field_names: list[str]) -> None:
    """Clean StreamFields as the admin form does: bad demo data fails loudly here."""
    for name in field_names:
        stream_block = type(page)._meta.get_field(name).stream_block
        try:
            stream_block.clean(getattr(page, name))
        except ValidationError as error:
            # Block errors say which child failed in as_json_data(); plain ones only in messages.
            details = error.as_json_data() if hasattr(error, "as_json_data") else error.messages
            raise DemoDataError(f"{page.slug}: invalid {name}: {details}") from error


def _publication_dates(slugs: list[str]) -> dict[str, datetime]:
    rng = random.Random("foodie demo recipes")
    now = timezone.now()
    days = rng.sample(range(1, PUBLISHING_WINDOW_DAYS), len(slugs))
    return {
        slug: now - timedelta(days=day, hours=rng.randint(0, 10))
        for slug, day in zip(slugs, days, strict=True)
    }

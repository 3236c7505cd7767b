"""The shopping list (foodie/static/foodie/js/shopping-list.js): a reader adds two
recipes' ingredients, one at double servings, and finds the same item in the same unit
merged, grouped by item or by recipe, ticks items off, prints and clears the list."""

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from .conftest import screenshot
from .test_accessibility import assert_structure, serious_violations


def two_recipes_sharing_an_item(reader, site_url) -> tuple[dict, dict, tuple[str, str]]:
    """Two recipes (from the API) with an item in the same unit, both with amounts."""
    api = f"{site_url}/api/v2/pages/?type=recipes.RecipePage&fields=ingredients&limit=50"
    recipes = reader.request.get(api).json()["items"]
    counted = {}
    for recipe in recipes:
        for section in recipe["ingredients"]:
            for row in section["ingredients"]:
                if row["amount"] and row["unit"] not in ("", "to_taste"):
                    key = (row["item"].lower(), row["unit"])
                    counted.setdefault(key, {}).setdefault(recipe["id"], (recipe, row))
    for key, by_recipe in counted.items():
        if len(by_recipe) >= 2:
            (first, _), (second, _) = list(by_recipe.values())[:2]
            return first, second, key
    raise AssertionError("no two demo recipes share an item in the same unit")


def amount_of(recipe: dict, key: tuple[str, str]) -> float:
    return sum(
        row["amount"]
        for section in recipe["ingredients"]
        for row in section["ingredients"]
        if (row["item"].lower(), row["unit"]) == key and row["amount"]
    )


def distinct_items(*recipes: dict) -> int:
    return len(Counter(
        (row["item"].lower(), row["unit"] if row["amount"] else "")
        for recipe in recipes for section in recipe["ingredients"] for row in section["ingredients"]
    ))  # fmt: skip


def test_a_reader_shops_for_two_recipes(reader, site_url, viewport):
    first, second, key = two_recipes_sharing_an_item(reader, site_url)
    reader.goto(site_url + "/" + first["meta"]["html_url"].split("/", 3)[3])
    servings = reader.locator("#servings-input")
    doubled = int(servings.input_value()) * 2
    servings.fill(str(doubled))
    servings.dispatch_event("input")
    add = reader.get_by_role("button", name="Add ingredients to shopping list")
    assert serious_violations(reader) == []
    add.click()
    expect(reader.locator(".toast")).to_contain_text(f"for {doubled} ")
    reader.goto(site_url + "/" + second["meta"]["html_url"].split("/", 3)[3])
    reader.get_by_role("button", name="Add ingredients to shopping list").click()

    reader.get_by_role("link", name="Shopping list").first.click()
    lines = reader.locator(".shopping__line")
    expect(lines).to_have_count(distinct_items(first, second))
    total = amount_of(first, key) * 2 + amount_of(second, key)
    shown = reader.evaluate("([v, u]) => window.foodieUnits.formatAmount(v, u)", [total, key[1]])
    merged = lines.filter(
        has_text=re.compile(rf"^{re.escape(shown)} (.+ )?{re.escape(key[0])}( \(|$)", re.I)
    )
    expect(merged).to_have_count(1)
    expect(merged).to_contain_text(first["title"])
    expect(merged).to_contain_text(second["title"])
    assert serious_violations(reader) == []
    assert_structure(reader)

    merged.get_by_role("checkbox").check()
    expect(merged).to_have_class(re.compile("is-checked"))
    reader.get_by_label("By recipe").check()
    sections = reader.locator(".shopping__recipe")
    expect(sections.locator("h2")).to_have_text([second["title"], first["title"]])
    ticked = reader.locator(".shopping__line.is-checked")
    expect(ticked).to_have_count(2)  # the merged line is that item in both recipes
    expect(sections.first.locator(".shopping__line").filter(has_text=re.compile(
        rf"^\S+ (.+ )?{re.escape(key[0])}( \(|$)", re.I
    ))).to_have_class(re.compile("is-checked"))  # fmt: skip
    assert serious_violations(reader) == []
    screenshot(reader, f"shopping-list-{viewport}")

    reader.emulate_media(media="print")
    expect(reader.locator("[data-shopping-controls]")).to_be_hidden()
    expect(ticked.first).to_be_hidden()  # the printed list leaves out what is ticked
    reader.emulate_media(media="screen")

    reader.reload()  # kept in the browser, grouping too
    expect(reader.get_by_label("By recipe")).to_be_checked()
    expect(ticked).to_have_count(2)
    reader.get_by_role("button", name=f"Remove “{second['title']}”").click()
    expect(sections.locator("h2")).to_have_text([first["title"]])
    reader.get_by_role("button", name="Remove ticked items").click()
    expect(reader.locator(".toast")).to_have_text("Removed the ticked items.")
    expect(ticked).to_have_count(0)
    expect(reader.locator(".shopping__line")).to_have_count(distinct_items(first) - 1)

    reader.once("dialog", lambda dialog: dialog.accept())
    reader.get_by_role("button", name="Clear the list").click()
    expect(reader.locator("[data-shopping-empty]")).to_be_visible()
    expect(reader.locator(".shopping__line")).to_have_count(0)


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_adding_a_recipe_again_replaces_its_lines(reader, site_url):
    reader.goto(site_url + "/recipes/")
    reader.locator(".recipe-card .card__title a").first.click()
    add = reader.get_by_role("button", name="Add ingredients to shopping list")
    add.click()
    reader.get_by_label("Metric", exact=True).check()
    add.click()
    expect(reader.locator(".toast")).to_contain_text("Updated the ingredients")
    count = reader.locator(".ingredient").count()

    reader.get_by_role("link", name="Shopping list").first.click()
    reader.get_by_label("By recipe").check()
    expect(reader.locator(".shopping__recipe")).to_have_count(1)
    assert 0 < reader.locator(".shopping__line").count() <= count
    # Metric now: no line's quantity is in spoons or cups (notes may mention them).
    spoons = re.compile(r"^\S+ (tsp|tbsp|cups?) ")
    expect(reader.locator(".shopping__line").filter(has_text=spoons)).to_have_count(0)

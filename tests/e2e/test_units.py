"""The metric / US switch on recipe pages: its conversions against pint's, and a reader
using it with servings scaling (foodie/static/foodie/js/recipe.js)."""

import re
from fractions import Fraction

import pint
import pytest
from playwright.sync_api import expect

from recipes.quantities import VULGAR_FRACTIONS

from .conftest import screenshot

UNITS = pint.UnitRegistry()
# Our unit keys (recipes.blocks.UNITS) as pint names: US customary volumes.
PINT = {"g": "gram", "kg": "kilogram", "oz": "ounce", "lb": "pound", "ml": "milliliter",
        "l": "liter", "tsp": "teaspoon", "tbsp": "tablespoon", "cup": "cup",
        "fl_oz": "fluid_ounce"}  # fmt: skip

# (amount, unit as written, system): the unit a cook expects it in. Every amount the
# browser shows must be pint's conversion to that unit, within the rounding the switch
# promises (recipe.js: metric to 5 from 100, to 1 from 10, to 0.5 below, kg and l to
# 0.1; US to the nearest eighth below 10, whole from 10).
CASES = [
    (500, "g", "us", "lb"), (250, "g", "us", "oz"), (1, "kg", "us", "lb"),
    (5, "g", "us", "oz"), (2.5, "kg", "us", "lb"),
    (2, "tbsp", "metric", "ml"), (1, "cup", "metric", "ml"), (4, "cup", "metric", "ml"),
    (5, "cup", "metric", "l"), (1, "tsp", "metric", "ml"), (0.25, "tsp", "metric", "ml"),
    (3, "fl_oz", "metric", "ml"), (2, "lb", "metric", "g"), (8, "oz", "metric", "g"),
    (3, "lb", "metric", "kg"),
    (400, "ml", "us", "cup"), (15, "ml", "us", "tbsp"), (5, "ml", "us", "tsp"),
    (1, "l", "us", "cup"), (60, "ml", "us", "cup"), (2, "l", "us", "cup"),
]  # fmt: skip
UNCHANGED = [(200, "g", "metric"), (2, "tbsp", "us"), (2, "clove", "metric"),
             (1, "can", "us"), (3, "", "us"), (1, "cup", "written")]  # fmt: skip


def shown_number(text: str) -> float:
    """What a reader reads: 1½, ⅛, 12, 2.5."""
    whole, glyph = re.fullmatch(r"(\d*\.?\d*)([½⅓⅔¼¾⅛⅜⅝⅞]?)", text).groups()
    return float(whole or 0) + float(VULGAR_FRACTIONS.get(glyph, Fraction(0)))


def tolerance(value: float, unit: str) -> float:
    if unit in ("kg", "l"):
        return 0.05 if value < 10 else 0.5
    if unit in ("g", "ml"):
        return 2.5 if value >= 100 else 0.5 if value >= 10 else 0.25
    return 1 / 16 if value < 10 else 0.5


@pytest.fixture
def recipe_page(reader, site_url):
    reader.goto(site_url + "/recipes/")
    reader.locator(".card__title a").first.click()
    expect(reader.locator("[data-units]")).to_be_visible()
    return reader


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_conversions_are_pints_rounded_as_cooks_write(recipe_page):
    for amount, unit, system, expected_unit in CASES:
        got = recipe_page.evaluate(
            "([a, u, s]) => window.foodieUnits.convert(a, u, s)", [amount, unit, system]
        )
        exact = UNITS.Quantity(amount, PINT[unit]).to(PINT[expected_unit]).magnitude
        case = f"{amount} {unit} -> {system}: {got}, pint {exact:.4f} {expected_unit}"
        assert got["unit"] == expected_unit, case
        assert abs(shown_number(got["text"]) - exact) <= tolerance(exact, expected_unit), case
    # Labels follow the number shown: 250 ml is 1.06 cups, shown as "1 cup".
    labels = [(250, "ml", "us", "1", "cup"), (500, "ml", "us", "2⅛", "cups"),
              (1, "oz", "metric", "28", "g"), (0.5, "cup", "metric", "120", "ml")]  # fmt: skip
    for amount, unit, system, text, label in labels:
        got = recipe_page.evaluate(
            "([a, u, s]) => window.foodieUnits.convert(a, u, s)", [amount, unit, system]
        )
        assert (got["text"], got["label"]) == (text, label), (amount, unit, got)
    for amount, unit, system in UNCHANGED:
        assert (
            recipe_page.evaluate(
                "([a, u, s]) => window.foodieUnits.convert(a, u, s)", [amount, unit, system]
            )
            is None
        ), (amount, unit, system)
    temperatures = [(180, "C", "us", "degF"), (350, "F", "metric", "degC"),
                    (220, "C", "us", "degF"), (74, "C", "us", "degF")]  # fmt: skip
    for degrees, scale, system, unit in temperatures:
        got = recipe_page.evaluate(
            "([d, c, s]) => window.foodieUnits.convertTemperature(d, c, s)",
            [degrees, scale, system],
        )
        source = "degC" if scale == "C" else "degF"
        exact = UNITS.Quantity(degrees, source).to(unit).magnitude
        number = int(got["text"].rstrip("CF").rstrip("°"))
        assert number % 5 == 0 and abs(number - exact) <= 2.5, (degrees, scale, got, exact)


def open_recipe_with(reader, site_url, selector: str) -> None:
    reader.goto(site_url + "/recipes/")
    for href in reader.locator(".card__title a").evaluate_all("els => els.map(e => e.href)"):
        reader.goto(href)
        if reader.locator(selector).count():
            return
    raise AssertionError(f"no demo recipe has {selector}")


def test_a_reader_cooks_in_us_units_at_double_servings(reader, site_url, viewport):
    open_recipe_with(reader, site_url, '[data-unit="g"]')
    grams = reader.locator('.ingredient:has([data-unit="g"])').first
    written = grams.inner_text()
    base = float(grams.locator("[data-quantity]").get_attribute("data-quantity"))

    reader.get_by_label("US", exact=True).check()
    quantity, unit = grams.locator("[data-quantity]"), grams.locator("[data-unit]")
    expected_unit = "lb" if base / 28.349523125 >= 16 else "oz"
    expect(unit).to_have_text(expected_unit)
    exact = UNITS.Quantity(base, "gram").to(PINT[expected_unit]).magnitude
    assert abs(shown_number(quantity.inner_text()) - exact) <= tolerance(exact, expected_unit)

    servings = reader.locator("#servings-input")
    servings.fill(str(int(servings.input_value()) * 2))
    servings.dispatch_event("input")
    doubled = UNITS.Quantity(base * 2, "gram").to(PINT[unit.inner_text()]).magnitude
    assert abs(shown_number(quantity.inner_text()) - doubled) <= tolerance(
        doubled, unit.inner_text()
    )
    screenshot(reader, f"recipe-us-units-{viewport}")

    reader.reload()  # the choice persists in the browser; the page itself is the cached one
    expect(reader.get_by_label("US", exact=True)).to_be_checked()
    expect(unit).not_to_have_text("g")
    reader.get_by_label("As written", exact=True).check()
    expect(grams).to_have_text(written)


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_oven_temperatures_in_steps_follow_the_switch(reader, site_url):
    open_recipe_with(reader, site_url, '[data-temperature][data-scale="C"]')
    mark = reader.locator('[data-temperature][data-scale="C"]').first
    written = mark.inner_text()
    celsius = float(mark.get_attribute("data-temperature"))
    reader.get_by_label("US", exact=True).check()
    fahrenheit = int(mark.inner_text().removesuffix("°F"))
    assert abs(fahrenheit - UNITS.Quantity(celsius, "degC").to("degF").magnitude) <= 2.5
    reader.get_by_label("Metric", exact=True).check()
    expect(mark).to_have_text(written)

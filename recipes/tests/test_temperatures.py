"""Oven temperatures in steps are marked for the unit switch (recipe_tags.mark_temperatures)."""

import pytest
from bs4 import BeautifulSoup

from recipes.templatetags.recipe_tags import mark_temperatures


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Heat to 180°C.", [("180", "C", "180°C")]),
        ("Bake at 350 °F, then 400ºF", [("350", "F", "350 °F"), ("400", "F", "400ºF")]),
        ("Fry at 170℃", [("170", "C", "170℃")]),
        ("Not 5°C (one digit), 1.5°C (a fraction) or 2000°C (four digits)", []),
        ('<a href="/x?t=180°C">a link</a> at 180 degrees', []),
    ],
)
def test_temperatures_are_marked_and_nothing_else(text, marked):
    html = str(mark_temperatures(f"<p>{text}</p>"))
    spans = BeautifulSoup(html, "html.parser").select("span.temperature")
    assert [(s["data-temperature"], s["data-scale"], s["data-written"]) for s in spans] == marked
    assert [s.get_text() for s in spans] == [written for *_, written in marked]
    assert (
        BeautifulSoup(html, "html.parser").get_text()
        == BeautifulSoup(f"<p>{text}</p>", "html.parser").get_text()
    )  # the text reads as written

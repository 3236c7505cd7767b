"""Recipe-specific StreamField blocks: ingredients and method."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .quantities import QuantityError, decimal_string, format_quantity, parse_quantity


class Unit:
    """A unit a cook measures in: singular and plural labels (blank for plain counts)."""

    def __init__(self, singular: str, plural: str | None = None):
        self.singular = singular
        self.plural = plural if plural is not None else singular


UNITS = {
    "": Unit(""),
    "g": Unit("g"),
    "kg": Unit("kg"),
    "ml": Unit("ml"),
    "l": Unit("l"),
    "tsp": Unit("tsp"),
    "tbsp": Unit("tbsp"),
    "cup": Unit("cup", "cups"),
    "fl_oz": Unit("fl oz"),
    "oz": Unit("oz"),
    "lb": Unit("lb"),
    "pinch": Unit("pinch", "pinches"),
    "clove": Unit("clove", "cloves"),
    "can": Unit("can", "cans"),
    "bunch": Unit("bunch", "bunches"),
    "slice": Unit("slice", "slices"),
    "handful": Unit("handful", "handfuls"),
    "piece": Unit("piece", "pieces"),
    "to_taste": Unit("to taste"),
}
UNIT_CHOICES = [
    ("", "(none: a count, e.g. 2 eggs)"),
    *[(key, unit.singular) for key, unit in UNITS.items() if key],
]


class QuantityBlock(blocks.CharBlock):
    """A quantity typed as 2, 0.5, 1/2, 1 1/2 or 1½, validated on save."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "e.g. 2, 0.5, 1/2 or 1 1/2. Leave blank for 'to taste'.")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            parse_quantity(value)
        except QuantityError as error:
            raise ValidationError(str(error)) from error
        return value


class IngredientValue(blocks.StructValue):
    def amount(self):
        return parse_quantity(self.get("quantity"))

    def measure(self) -> Unit:
        """The unit's labels (``value.unit`` in templates is the stored key)."""
        return UNITS.get(self.get("unit") or "", UNITS[""])

    def display_quantity(self) -> str:
        return format_quantity(self.amount())

    def canonical_quantity(self) -> str:
        return decimal_string(self.amount())

    def unit_label(self) -> str:
        amount = self.amount()
        unit = self.measure()
        return unit.plural if amount is not None and amount > 1 else unit.singular

    def as_text(self) -> str:
        """One line as schema.org ``recipeIngredient`` wants it: "1½ cups flour, sifted"."""
        words = [self.display_quantity(), self.unit_label(), self.get("item")]
        text = " ".join(word for word in words if word)
        if self.get("unit") == "to_taste":
            text = f"{self.get('item')}, to taste"
        return f"{text}, {self['note']}" if self.get("note") else text


class IngredientBlock(blocks.StructBlock):
    # Quantities ("2", "1/2") and units ("g", "tbsp") are noise to search and slow to index.
    quantity = QuantityBlock(search_index=False)
    unit = blocks.ChoiceBlock(choices=UNIT_CHOICES, required=False, search_index=False)
    item = blocks.CharBlock(max_length=120, help_text="e.g. plain flour")
    note = blocks.CharBlock(max_length=120, required=False, help_text="e.g. finely chopped")

    class Meta:
        value_class = IngredientValue
        template = "blocks/ingredient_block.html"
        icon = "list-ul"
        label = "Ingredient"
        group = "Recipe"
        description = "One ingredient: quantity, unit, item and an optional note."
        preview_value = {
            "quantity": "1 1/2",
            "unit": "cup",
            "item": "plain flour",
            "note": "sifted",
        }


class IngredientSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=80, required=False, help_text="Optional, e.g. 'For the sauce'."
    )
    ingredients = blocks.ListBlock(IngredientBlock(), min_num=1)

    class Meta:
        template = "blocks/ingredient_section_block.html"
        icon = "list-ul"
        label = "Ingredient section"
        group = "Recipe"
        description = "A group of ingredients with an optional heading."
        preview_value = {
            "heading": "For the sauce",
            "ingredients": [
                {"quantity": "2", "unit": "tbsp", "item": "olive oil", "note": ""},
                {"quantity": "1/2", "unit": "", "item": "onion", "note": "finely chopped"},
                {"quantity": "", "unit": "to_taste", "item": "salt", "note": ""},
            ],
        }


class StepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])
    image = ImageChooserBlock(required=False)
    timer_minutes = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=24 * 60,
        help_text="Optional: readers can start a countdown for this step.",
    )

    class Meta:
        template = "blocks/step_block.html"
        icon = "order"
        label = "Step"
        group = "Recipe"
        description = "One method step, with an optional photo and timer."
        preview_value = {
            "text": "<p>Simmer the sauce until it coats the back of a spoon.</p>",
            "timer_minutes": 10,
        }


class MethodSectionBlock(blocks.CharBlock):
    class Meta:
        template = "blocks/method_section_block.html"
        icon = "title"
        label = "Method section heading"
        group = "Recipe"
        description = "A heading that splits the method, e.g. 'Make the dough'."
        preview_value = "Make the dough"


class MethodStreamBlock(blocks.StreamBlock):
    section = MethodSectionBlock(max_length=80)
    step = StepBlock()

    class Meta:
        block_counts = {"step": {"min_num": 1}}

    def clean(self, value):
        if not any(child.block_type == "step" for child in value):
            raise blocks.StreamBlockValidationError(
                non_block_errors=ValidationError("Add at least one method step.")
            )
        return super().clean(value)


def method_sections(children: Iterable[tuple[str, Any]]) -> list[dict]:
    """A method's ``(block type, value)`` pairs as steps grouped under their section
    headings, numbered 1..n across sections (the page's, or the API's from stored data)."""
    sections: list[dict] = [{"heading": "", "steps": []}]
    number = 0
    for block_type, value in children:
        if block_type == "section":
            sections.append({"heading": value, "steps": []})
        else:
            number += 1
            sections[-1]["steps"].append({"number": number, "value": value})
    return [section for section in sections if section["heading"] or section["steps"]]

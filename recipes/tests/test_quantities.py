from fractions import Fraction

import pytest

from recipes.quantities import QuantityError, decimal_string, format_quantity, parse_quantity


@pytest.mark.parametrize(
    ("typed", "value", "shown"),
    [
        ("2", Fraction(2), "2"),
        ("0.5", Fraction(1, 2), "½"),
        (".25", Fraction(1, 4), "¼"),
        ("1,5", Fraction(3, 2), "1½"),
        ("1/2", Fraction(1, 2), "½"),
        ("1 1/2", Fraction(3, 2), "1½"),
        ("1½", Fraction(3, 2), "1½"),
        ("2 ¾", Fraction(11, 4), "2¾"),
        ("3/4", Fraction(3, 4), "¾"),
        ("1.3", Fraction(13, 10), "1.3"),
        ("250", Fraction(250), "250"),
    ],
)
def test_parse_and_format_like_a_cook(typed, value, shown):
    assert parse_quantity(typed) == value
    assert format_quantity(parse_quantity(typed)) == shown


@pytest.mark.parametrize("typed", ["abc", "1/0", "0", "-1", "1 1/2 3", "½½", "1e5", "1..2"])
def test_unparseable_quantities_get_a_clear_message(typed):
    with pytest.raises(QuantityError) as error:
        parse_quantity(typed)
    assert typed in str(error.value)


def test_blank_quantity_is_none():
    assert parse_quantity("  ") is None
    assert format_quantity(None) == ""
    assert decimal_string(None) == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(3, 2) * 2, "3"),
        (Fraction(1, 3) * 2, "⅔"),
        (Fraction(4, 3), "1⅓"),
        (Fraction(1999, 1000), "2"),  # snaps to the whole number
        (Fraction(21, 2) * 3, "32"),  # from 10 up, whole numbers
        (Fraction(65, 2), "33"),  # half rounds up, as the browser script does
        (Fraction(7, 10), "0.7"),
    ],
)
def test_scaled_values_format_as_a_cook_writes(value, shown):
    assert format_quantity(value) == shown


def test_canonical_quantity_is_a_plain_decimal():
    assert decimal_string(Fraction(3, 2)) == "1.5"
    assert decimal_string(Fraction(1, 3)) == "0.333333"

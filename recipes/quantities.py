"""Ingredient quantities: parse what editors type, format as a cook writes.

Editors type ``2``, ``0.5``, ``1/2``, ``1 1/2`` or ``1½``; readers see ``1½``.
``foodie/static/foodie/js/recipe.js`` formats scaled quantities with the same rules.
"""

import math
import re
from fractions import Fraction
from functools import lru_cache

VULGAR_FRACTIONS = {
    "½": Fraction(1, 2),
    "⅓": Fraction(1, 3),
    "⅔": Fraction(2, 3),
    "¼": Fraction(1, 4),
    "¾": Fraction(3, 4),
    "⅛": Fraction(1, 8),
    "⅜": Fraction(3, 8),
    "⅝": Fraction(5, 8),
    "⅞": Fraction(7, 8),
}
GLYPHS = {value: glyph for glyph, value in VULGAR_FRACTIONS.items()}
_QUANTITY = re.compile(
    r"^(?:(?P<whole>\d+)(?:\s+|\s*(?=[½⅓⅔¼¾⅛⅜⅝⅞])))?"
    r"(?:(?P<num>\d+)\s*/\s*(?P<den>\d+)|(?P<glyph>[½⅓⅔¼¾⅛⅜⅝⅞]))$"
)
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)?$|^[.,]\d+$")
MAX_QUANTITY = Fraction(100_000)


class QuantityError(ValueError):
    pass


# Both functions are pure (a string or an immutable Fraction in, an immutable value
# out), so their results are memoised: an ingredient is parsed and formatted several
# times a render (template, data attributes, JSON-LD), and the demo's recipes share
# most quantities. Nothing can go stale; invalid input still raises every time.
@lru_cache(maxsize=1024)
def parse_quantity(text: str) -> Fraction | None:
    """``"1 1/2"`` -> ``Fraction(3, 2)``; blank -> ``None``; anything else raises QuantityError."""
    text = (text or "").strip()
    if not text:
        return None
    if _DECIMAL.match(text):
        value = Fraction(text.replace(",", "."))
    else:
        match = _QUANTITY.match(text)
        if not match:
            raise QuantityError(
                f"“{text}” is not a quantity. Use a number such as 2, 0.5, 1/2 or 1 1/2."
            )
        whole = int(match["whole"] or 0)
        if match["glyph"]:
            part = VULGAR_FRACTIONS[match["glyph"]]
        else:
            if int(match["den"]) == 0:
                raise QuantityError(f"“{text}” divides by zero.")
            part = Fraction(int(match["num"]), int(match["den"]))
        value = whole + part
    if value <= 0 or value > MAX_QUANTITY:
        raise QuantityError(f"“{text}” must be more than 0 and at most {MAX_QUANTITY}.")
    return value


@lru_cache(maxsize=1024)
def format_quantity(value: Fraction | None) -> str:
    """Format as a cook writes: whole numbers, common fractions as glyphs, else 1 decimal.

    From 10 up, whole numbers only (31.5 g -> 32 g). Below, values within 0.02 of a
    common fraction snap to it (1.333 -> 1⅓).
    """
    if value is None:
        return ""
    if value >= 10:
        return str(math.floor(value + Fraction(1, 2)))  # half up, as JavaScript rounds
    whole = int(value)
    rest = value - whole
    for fraction, glyph in GLYPHS.items():
        if abs(rest - fraction) <= Fraction(2, 100):
            return f"{whole or ''}{glyph}"
    if rest < Fraction(2, 100):
        return str(whole)
    if 1 - rest < Fraction(2, 100):
        return str(whole + 1)
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


def decimal_string(value: Fraction | None) -> str:
    """The canonical machine-readable quantity that travels in the HTML (``data-quantity``)."""
    if value is None:
        return ""
    return f"{float(value):.6f}".rstrip("0").rstrip(".")

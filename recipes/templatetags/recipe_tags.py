"""Template filters for recipe pages."""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# An oven temperature as recipes write it: 180°C, 180 °C, 350°F, 350 ºF, 200℃.
TEMPERATURE = re.compile(r"(?<![\w.,])(\d{2,3})\s?(?:[°º]\s?([CF])|([℃℉]))(?!\w)")
TAG = re.compile(r"(<[^>]*>)")


@register.filter
def mark_temperatures(html) -> SafeString:
    """Rich text with each temperature in its text (never in a tag or attribute) in a
    span the unit switch converts (``data-temperature``, ``data-scale``;
    ``data-written`` is the text as written)."""

    def mark(match: re.Match) -> str:
        scale = match[2] or ("C" if match[3] == "℃" else "F")
        written = match[0]
        return (
            f'<span class="temperature" data-temperature="{match[1]}" data-scale="{scale}"'
            f' data-written="{written}">{written}</span>'
        )

    parts = TAG.split(str(html))  # text, tag, text, ...: tags at odd positions
    return mark_safe(
        "".join(part if n % 2 else TEMPERATURE.sub(mark, part) for n, part in enumerate(parts))
    )


@register.filter
def star_row(stars) -> str:
    """Five stars, the first ``stars`` (rounded to the nearest whole star) filled: ★★★★☆.
    Decoration only: the template gives the number in words beside it."""
    filled = min(max(int(Decimal(str(stars)).to_integral_value(ROUND_HALF_UP)), 0), 5)
    return "★" * filled + "☆" * (5 - filled)

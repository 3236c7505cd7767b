"""schema.org JSON-LD built as Python data and serialised so it cannot break out of <script>."""

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

# Escaping <, > and & as \uXXXX keeps "</script>" and "<!--" inert inside the element
# while remaining the same JSON value.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict[str, Any] | list[dict[str, Any]]) -> SafeString:
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


def iso_duration(duration: int | timedelta) -> str:
    """ISO 8601 duration for schema.org, from minutes or a timedelta: 90 -> "PT1H30M",
    0 -> "PT0M", timedelta(minutes=4, seconds=30) -> "PT4M30S"."""
    if isinstance(duration, timedelta):
        seconds = int(duration.total_seconds())
    else:
        seconds = int(duration) * 60
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "")
    text += f"{mins}M" if mins or not (hours or secs) else ""
    return text + (f"{secs}S" if secs else "")


def person(author) -> dict[str, Any]:
    """An Author as a schema.org Person (prefetch ``links`` to keep this query-free)."""
    data: dict[str, Any] = {"@type": "Person", "name": author.name}
    links = [link.url for link in author.links.all()]
    if links:
        data["url"] = links[0]
    return data


def creative_work(
    schema_type: str, page, *, description: str, title_property: str = "name"
) -> dict[str, Any]:
    """The start every page's schema.org CreativeWork (a ``Recipe``, a ``BlogPosting``)
    shares: its type, its title, ``description`` and its authors as Persons."""
    return {
        "@context": "https://schema.org",
        "@type": schema_type,
        title_property: page.title,
        "description": description,
        "author": [person(author) for author in page.authors],
    }


def image_urls(image, request: HttpRequest, specs: Sequence[str]) -> list[str]:
    """Absolute URLs of ``image``'s renditions to ``specs``, in that order."""
    renditions = image.get_renditions(*specs)
    return [request.build_absolute_uri(renditions[spec].url) for spec in specs]


def item_list(pages, request) -> dict[str, Any]:
    """An ItemList for index pages: position and absolute URL of each listed page."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": request.build_absolute_uri(page.url),
                "name": page.title,
            }
            for position, page in enumerate(pages, start=1)
        ],
    }

"""schema.org JSON-LD built as Python data and serialised so it cannot break out of <script>."""

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
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


def date_modified(page) -> str | None:
    """When readers last saw the page change: its last publish (a preview: its latest
    revision), as ISO 8601."""
    modified = page.last_published_at or page.latest_revision_created_at
    return modified.isoformat() if modified else None


def person(author, request: HttpRequest) -> dict[str, Any]:
    """An Author as a schema.org Person: their name and, when they have one, their page
    (``foodie.core.pages.credited_authors`` gives ``author.url``)."""
    data: dict[str, Any] = {"@type": "Person", "name": author.name}
    if author.url:
        data["url"] = request.build_absolute_uri(author.url)
    return data


def creative_work(
    schema_type: str, page, request: HttpRequest, *, description: str, title_property: str = "name"
) -> dict[str, Any]:
    """The start every page's schema.org CreativeWork (a ``Recipe``, a ``BlogPosting``)
    shares: its type, its title, ``description`` and its authors as Persons."""
    return {
        "@context": "https://schema.org",
        "@type": schema_type,
        title_property: page.title,
        "description": description,
        "author": [person(author, request) for author in page.authors(request)],
    }


def profile_page(author, request: HttpRequest, image_url: str | None) -> dict[str, Any]:
    """An author's page as a schema.org ProfilePage whose main entity is the Person:
    name, page, bio, photo and their profiles elsewhere (``sameAs``)."""
    profile: dict[str, Any] = person(author, request)
    if author.bio:
        profile["description"] = author.bio
    if image_url:
        profile["image"] = request.build_absolute_uri(image_url)
    same_as = [link.url for link in author.links.all()]
    if same_as:
        profile["sameAs"] = same_as
    return {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": profile}


# 1:1, 4:3 and 16:9, as Google recommends for a recipe's or an article's images.
JSON_LD_IMAGE_SPECS = ("fill-1200x1200", "fill-1200x900", "fill-1200x675")
# The site's logo for search engines: square, well over Google's 112 px minimum.
LOGO_SPEC = "fill-512x512|format-png"


def image_urls(image, request: HttpRequest, specs: Sequence[str]) -> list[str]:
    """Absolute URLs of ``image``'s renditions to ``specs``, in that order."""
    renditions = image.get_renditions(*specs)
    return [request.build_absolute_uri(renditions[spec].url) for spec in specs]


def absolute_page_url(page, request: HttpRequest) -> str:
    """``page``'s absolute URL for this request. Through the request, so every URL a
    render builds shares the request's one read of the sites' root paths (``page.url``
    reads them from the cache again for each page object)."""
    return request.build_absolute_uri(page.get_url(request))


def item_list(pages, request) -> dict[str, Any]:
    """An ItemList for index pages: position and absolute URL of each listed page."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": absolute_page_url(page, request),
                "name": page.title,
            }
            for position, page in enumerate(pages, start=1)
        ],
    }


def breadcrumb_list(trail: Sequence, request: HttpRequest) -> dict[str, Any] | None:
    """A BreadcrumbList for ``trail`` (``foodie.core.pages.Crumb``s, home first, the
    page itself last): name and absolute URL of each, as Google's breadcrumb asks."""
    if not trail:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": request.build_absolute_uri(crumb.url),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def site_identity(home, settings, request: HttpRequest) -> list[dict[str, Any]]:
    """The home page's Organization (name, URL, logo, its social accounts as
    ``sameAs``) and WebSite, whose SearchAction is the site search."""
    url = absolute_page_url(home, request)
    if settings.logo:
        logo = request.build_absolute_uri(settings.logo.get_rendition(LOGO_SPEC).url)
    else:
        logo = request.build_absolute_uri(static("foodie/img/favicon.svg"))
    organization: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": settings.site_name,
        "url": url,
        "logo": logo,
    }
    # Profiles elsewhere; a feed is not one.
    same_as = [
        link.value["url"] for link in settings.social_links if link.value["platform"] != "rss"
    ]
    if same_as:
        organization["sameAs"] = same_as
    search = request.build_absolute_uri(reverse("search"))
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.site_name,
        "url": url,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return [organization, website]

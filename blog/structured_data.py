"""schema.org BlogPosting JSON-LD for an article."""

from typing import Any

from django.http import HttpRequest

from foodie.core.structured_data import person


def article_json_ld(page, request: HttpRequest) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": page.title,
        "description": page.introduction,
        "author": [person(author) for author in page.authors],
        "datePublished": page.date_published.isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(page.url),
    }
    modified = page.last_published_at or page.latest_revision_created_at
    data["dateModified"] = modified.isoformat() if modified else data["datePublished"]
    if page.hero_image:
        rendition = page.hero_image.get_rendition("fill-1200x675")
        data["image"] = [request.build_absolute_uri(rendition.url)]
    return data

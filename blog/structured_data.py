"""schema.org BlogPosting JSON-LD for an article."""

from typing import Any

from django.http import HttpRequest

from foodie.core.structured_data import creative_work, image_urls


def article_json_ld(page, request: HttpRequest) -> dict[str, Any]:
    data = creative_work(
        "BlogPosting", page, title_property="headline", description=page.introduction
    )
    data["datePublished"] = page.date_published.isoformat()
    data["mainEntityOfPage"] = request.build_absolute_uri(page.url)
    modified = page.last_published_at or page.latest_revision_created_at
    data["dateModified"] = modified.isoformat() if modified else data["datePublished"]
    if page.hero_image:
        data["image"] = image_urls(page.hero_image, request, ("fill-1200x675",))
    return data

"""schema.org BlogPosting JSON-LD for an article."""

from typing import Any

from django.http import HttpRequest

from foodie.core.structured_data import (
    JSON_LD_IMAGE_SPECS,
    creative_work,
    date_modified,
    image_urls,
)


def article_json_ld(page, request: HttpRequest) -> dict[str, Any]:
    data = creative_work(
        "BlogPosting", page, request, title_property="headline", description=page.introduction
    )
    data["datePublished"] = page.date_published.isoformat()
    data["mainEntityOfPage"] = request.build_absolute_uri(page.url)
    data["dateModified"] = date_modified(page) or data["datePublished"]
    if page.hero_image:
        data["image"] = image_urls(page.hero_image, request, JSON_LD_IMAGE_SPECS)
    return data

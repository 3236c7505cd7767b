"""schema.org BlogPosting JSON-LD for an article."""

from typing import Any

from django.http import HttpRequest

from foodie.core.rich_results import Problem, image_problems
from foodie.core.structured_data import (
    JSON_LD_IMAGE_SPECS,
    absolute_page_url,
    creative_work,
    date_modified,
    image_urls,
)


def article_json_ld(page, request: HttpRequest) -> dict[str, Any]:
    data = creative_work(
        "BlogPosting", page, request, title_property="headline", description=page.introduction
    )
    data["datePublished"] = page.date_published.isoformat()
    data["mainEntityOfPage"] = absolute_page_url(page, request)
    data["dateModified"] = date_modified(page) or data["datePublished"]
    if page.hero_image:
        data["image"] = image_urls(page.hero_image, request, JSON_LD_IMAGE_SPECS)
    return data


# Google may cut a longer headline short in results.
MAX_HEADLINE_LENGTH = 110


def article_rich_result_problems(page) -> list[Problem]:
    """What the article lacks for Google's article rich result (all recommended:
    Search Central, Article structured data). Works on an unsaved draft."""
    problems = image_problems(page.hero_image, "Main image", required=False)
    if not page.article_authors.all():
        problems.append(Problem("Authors", "Credit an author."))
    if len(page.title) > MAX_HEADLINE_LENGTH:
        problems.append(
            Problem(
                "Title",
                f"Google may cut headlines longer than {MAX_HEADLINE_LENGTH} characters "
                f"(this one has {len(page.title)}).",
            )
        )
    return problems

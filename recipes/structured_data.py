"""schema.org Recipe JSON-LD for a recipe page (what Google requires and recommends)."""

from html import unescape
from typing import Any

from django.http import HttpRequest
from django.utils.html import strip_tags

from foodie.core.rich_results import Problem, image_problems
from foodie.core.structured_data import (
    JSON_LD_IMAGE_SPECS,
    absolute_page_url,
    creative_work,
    date_modified,
    image_urls,
    iso_duration,
)


def plain_text(html: str) -> str:
    """Rich text as the plain text schema.org wants: no tags, no entities, one-spaced."""
    return " ".join(unescape(strip_tags(html)).split())


def _instructions(page, request: HttpRequest) -> list[dict[str, Any]]:
    page_url = absolute_page_url(page, request)
    items: list[dict[str, Any]] = []
    for section in page.method_sections:
        steps = []
        for step in section["steps"]:
            value = step["value"]
            how_to_step: dict[str, Any] = {
                "@type": "HowToStep",
                "text": plain_text(value["text"].source),
                "url": f"{page_url}#step-{step['number']}",
            }
            if value.get("image"):
                rendition = value["image"].get_rendition("width-1200")
                how_to_step["image"] = request.build_absolute_uri(rendition.url)
            steps.append(how_to_step)
        if section["heading"]:
            items.append(
                {"@type": "HowToSection", "name": section["heading"], "itemListElement": steps}
            )
        else:
            items.extend(steps)
    return items


def _nutrition(page) -> dict[str, Any] | None:
    if page.calories is None:
        return None
    data = {"@type": "NutritionInformation", "calories": f"{page.calories} calories"}
    for field, key in (
        ("protein_grams", "proteinContent"),
        ("carbohydrate_grams", "carbohydrateContent"),
        ("fat_grams", "fatContent"),
    ):
        value = getattr(page, field)
        if value is not None:
            data[key] = f"{value.normalize():f} g"
    return data


def _video(page, request: HttpRequest) -> dict[str, Any] | None:
    """The recipe's video as a VideoObject: Google's required name, description,
    thumbnailUrl and uploadDate (publishing checks the editor gave them), then
    duration and embedUrl."""
    if not (page.video and page.video_thumbnail and page.video_upload_date):
        return None
    data = {
        "@type": "VideoObject",
        "name": page.title,
        "description": page.summary,
        "thumbnailUrl": image_urls(page.video_thumbnail, request, JSON_LD_IMAGE_SPECS),
        "uploadDate": page.video_upload_date.isoformat(),
        "embedUrl": page.video.embed_url,
    }
    if page.video_duration:
        data["duration"] = iso_duration(page.video_duration)
    return data


def recipe_json_ld(page, request: HttpRequest) -> dict[str, Any]:
    data = creative_work("Recipe", page, request, description=page.summary)
    data |= {
        "prepTime": iso_duration(page.prep_minutes),
        "cookTime": iso_duration(page.cook_minutes),
        "totalTime": iso_duration(page.total_minutes),
        "recipeYield": [str(page.yield_amount), f"{page.yield_amount} {page.yield_unit}"],
        "recipeIngredient": [
            ingredient.as_text()
            for section in page.ingredient_sections
            for ingredient in section["ingredients"]
        ],
        "recipeInstructions": _instructions(page, request),
        "url": absolute_page_url(page, request),
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    modified = date_modified(page)
    if modified:
        data["dateModified"] = modified
    if page.hero_image:
        data["image"] = image_urls(page.hero_image, request, JSON_LD_IMAGE_SPECS)
    if page.course:
        data["recipeCategory"] = page.course.name
    if page.cuisine:
        data["recipeCuisine"] = page.cuisine.name
    keywords = [tag.name for tag in page.tags.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    diets = [diet.schema_url for diet in page.diets.all() if diet.schema_url]
    if diets:
        data["suitableForDiet"] = diets
    nutrition = _nutrition(page)
    if nutrition:
        data["nutrition"] = nutrition
    video = _video(page, request)
    if video:
        data["video"] = video
    if page.rating:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": float(page.rating.average),
            "ratingCount": page.rating.count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data


def recipe_rich_result_problems(page) -> list[Problem]:
    """What the recipe lacks for Google's recipe rich result: its required image, and
    the recommended properties this page's JSON-LD takes from fields the editor fills
    (Search Central, Recipe structured data). Works on an unsaved draft."""
    problems = image_problems(page.hero_image, "Main image", required=True)
    wanted = [
        (page.summary, "Summary", "Add a summary: it is the recipe's description."),
        (page.recipe_authors.all(), "Authors", "Credit an author."),
        (
            page.prep_minutes or page.cook_minutes,
            "Time and yield",
            "Give the prep or cook time: Google shows the total time.",
        ),
        (
            any(section["ingredients"] for section in page.ingredient_sections),
            "Ingredients",
            "List the ingredients.",
        ),
        (
            any(section["steps"] for section in page.method_sections),
            "Method",
            "Write the method's steps.",
        ),
        (page.course_id, "Course", "Choose a course: Google reads it as the category."),
        (page.cuisine_id, "Cuisine", "Choose a cuisine."),
        (page.tags.all(), "Tags", "Add tags: Google reads them as keywords."),
        (page.calories is not None, "Calories", "Give the calories per serving."),
        (page.video_url, "Video", "Add a video: the recipe can then show in video results."),
    ]
    problems += [Problem(field, message) for present, field, message in wanted if not present]
    if page.video_url and not (page.video_thumbnail_id and page.video_upload_date):
        problems.append(
            Problem("Video", "A video needs its still and upload date to show in results.")
        )
    return problems

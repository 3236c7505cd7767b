"""What the API v2 (/api/v2/pages/, foodie/api.py) shows of a recipe: its structured
fields as an app needs them (docs/api.md). Everything is read from the page and what
``RecipePage.api_queryset`` fetched with it, so a listing costs a fixed number of
queries whatever its size: steps give their image's id, as Wagtail's API does, from
the stored data rather than by loading each page's images.
"""

from typing import Any

from rest_framework.fields import Field

from foodie.core.structured_data import iso_duration

from .blocks import method_sections


class IngredientsSerializer(Field):
    """Sections of ingredients: each quantity as typed, as a number and as shown, the
    unit's key and label, the item and note, and the line as a cook reads it."""

    def to_representation(self, value) -> list[dict[str, Any]]:
        return [
            {
                "heading": section["heading"],
                "ingredients": [
                    {
                        "quantity": row.get("quantity") or "",
                        "amount": float(row.amount()) if row.amount() is not None else None,
                        "display_quantity": row.display_quantity(),
                        "unit": row.get("unit") or "",
                        "unit_label": row.unit_label(),
                        "item": row.get("item"),
                        "note": row.get("note") or "",
                        "text": row.as_text(),
                    }
                    for row in section["ingredients"]
                ],
            }
            for section in (child.value for child in value)
        ]


class MethodSerializer(Field):
    """Sections of numbered steps: text (rich text as stored), the image's id, the timer."""

    def to_representation(self, value) -> list[dict[str, Any]]:
        sections = method_sections((item["type"], item["value"]) for item in value.raw_data)
        return [
            {
                "heading": section["heading"],
                "steps": [
                    {
                        "number": step["number"],
                        "text": step["value"]["text"],
                        "image": step["value"].get("image"),
                        "timer_minutes": step["value"].get("timer_minutes"),
                    }
                    for step in section["steps"]
                ],
            }
            for section in sections
        ]


class NutritionSerializer(Field):
    def to_representation(self, page) -> dict[str, Any] | None:
        if page.calories is None:
            return None
        grams = ("protein_grams", "carbohydrate_grams", "fat_grams")
        return {
            "calories": page.calories,
            **{name: float(getattr(page, name)) if getattr(page, name) is not None else None
               for name in grams},
        }  # fmt: skip


class VideoSerializer(Field):
    def to_representation(self, page) -> dict[str, Any] | None:
        if not page.video:
            return None
        return {
            "url": page.video.url,
            "provider": page.video.provider,
            "embed_url": page.video.embed_url,
            "thumbnail": page.video_thumbnail_id,
            "upload_date": page.video_upload_date,
            "duration": iso_duration(page.video_duration) if page.video_duration else None,
        }

"""Serializers for page types' ``api_fields`` (the API v2, docs/api.md) that any app
shares: taxonomy by name and slug, tags, credited authors, and StreamFields as stored.
Each reads only what the type's ``api_queryset`` fetched with the pages, so a listing
costs a fixed number of queries whatever its size.
"""

from typing import Any

from rest_framework.fields import Field


def named(obj) -> dict[str, str] | None:
    return {"name": obj.name, "slug": obj.slug} if obj else None


class NamedSerializer(Field):
    """A course or cuisine: its name and the slug the filters take."""

    def to_representation(self, value) -> dict[str, str] | None:
        return named(value)


class NamedListSerializer(Field):
    """Diets (prefetched): names and slugs."""

    def to_representation(self, value) -> list[dict[str, str]]:
        return [named(item) for item in value.all()]


class TagsSerializer(Field):
    def to_representation(self, value) -> list[str]:
        return sorted(tag.name for tag in value.all())


class AuthorsSerializer(Field):
    """The credited authors (prefetched with them), in the editor's order."""

    def to_representation(self, value) -> list[dict[str, str]]:
        return [named(credit.author) for credit in value.all()]


class StoredStreamSerializer(Field):
    """A StreamField as stored: each block's type, id and value, with chosen images,
    pages and snippets as their ids and rich text in Wagtail's stored form (as
    Wagtail's own API gives them), without loading what they choose."""

    def to_representation(self, value) -> list[dict[str, Any]]:
        return list(value.raw_data)

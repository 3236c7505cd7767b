"""Article listing filters: a tag or an author from the query string.

An unknown value is ignored (the listing shows every article) and reported in
``invalid``, so the page is served but not stored in the page cache.
"""

from django.core.validators import slug_unicode_re as slug_re
from django.db.models import Model, QuerySet
from django.http import QueryDict

from taggit.models import Tag

from foodie.core.models import Author


def by_slug(model: type[Model], value: str | None) -> Model | None:
    """The object with this slug, or None; never queries with a value that is no slug
    (PostgreSQL refuses NUL bytes in text, which would be a 500)."""
    if not value or not slug_re.fullmatch(value):
        return None
    return model.objects.filter(slug=value).first()


class ArticleFilters:
    PARAMS = ("tag", "author")
    MULTI_VALUE_PARAMS = frozenset()

    def __init__(self, params: QueryDict):
        self.tag = by_slug(Tag, params.get("tag"))
        self.author = by_slug(Author, params.get("author"))
        found = {"tag": self.tag, "author": self.author}
        self.invalid = [name for name in self.PARAMS if params.get(name) and not found[name]]

    def apply(self, articles: QuerySet) -> QuerySet:
        if self.tag:
            articles = articles.filter(tags=self.tag)
        if self.author:
            articles = articles.filter(article_authors__author=self.author)
        return articles

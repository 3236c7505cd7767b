"""Factories for article pages (wagtail-factories)."""

import factory

from foodie.core.factories import ImageFactory, PublishedPageFactory

from .models import ArticleIndexPage, ArticlePage


class ArticleIndexPageFactory(PublishedPageFactory):
    title = "Articles"
    slug = "articles"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    introduction = "An article worth reading."
    hero_image = factory.SubFactory(ImageFactory)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Some words.</p>")])

    class Meta:
        model = ArticlePage

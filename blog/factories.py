"""Factories for article pages (wagtail-factories)."""

import factory

from foodie.core.factories import HeroImagePageFactory, PublishedPageFactory

from .models import ArticleIndexPage, ArticlePage


class ArticleIndexPageFactory(PublishedPageFactory):
    title = "Articles"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(HeroImagePageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    introduction = "An article worth reading."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Some words.</p>")])

    class Meta:
        model = ArticlePage

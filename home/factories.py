"""Factories for the home app's pages (wagtail-factories)."""

import factory

from foodie.core.factories import PublishedPageFactory
from home.models import AuthorIndexPage, HomePage, StandardPage


class HomePageFactory(PublishedPageFactory):
    title = "Foodie"
    hero_heading = "Cook something good tonight"
    hero_intro = "Tested recipes from home kitchens."

    class Meta:
        model = HomePage


class StandardPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    hero_intro = "A page about us."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Who we are", "level": "h2"}),
            ("paragraph", "<p>We test every recipe three times.</p>"),
        ]
    )

    class Meta:
        model = StandardPage


class AuthorIndexPageFactory(PublishedPageFactory):
    title = "Authors"
    slug = "authors"

    class Meta:
        model = AuthorIndexPage

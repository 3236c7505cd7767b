"""Factories for the home app's pages (wagtail-factories)."""

import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Pages as an editor leaves them: with a published revision (so they have lastmod)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        """Save a revision, and publish it when the page is live (pass publish=False to skip)."""
        if not create or extracted is False:
            return
        revision = page.save_revision()
        if page.live:
            revision.publish()


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

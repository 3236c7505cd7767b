"""Factories every app shares: images, authors and the published-page base (wagtail-factories)."""

from django.utils.text import slugify

from wagtail.models import Collection

import factory
import wagtail_factories

from foodie.core.models import Author, AuthorLink, FoodieImage


class ImageFactory(wagtail_factories.ImageFactory):
    """A small JPEG drawn in memory by Pillow, with the alt text every image must have."""

    title = factory.Sequence(lambda n: f"Test image {n}")
    description = factory.LazyAttribute(lambda image: f"Alt text for {image.title}")
    credit = "Foodie test kitchen"
    # Wagtail's default factory makes a new root collection per image; use the real root.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=320, height=200, color="tomato", format="JPEG")

    class Meta:
        model = FoodieImage


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.LazyAttribute(lambda author: slugify(author.name))
    bio = "Cooks on weeknights."
    links = factory.RelatedFactory(
        "foodie.core.factories.AuthorLinkFactory", factory_related_name="author"
    )

    class Meta:
        model = Author
        skip_postgeneration_save = True


class AuthorLinkFactory(factory.django.DjangoModelFactory):
    author = factory.SubFactory(AuthorFactory, links=None)
    label = "Website"
    url = factory.LazyAttribute(lambda link: f"https://example.com/{link.author.slug}/")

    class Meta:
        model = AuthorLink


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


class HeroImagePageFactory(PublishedPageFactory):
    """Pages with ``HeroImageMixin``'s main image, which their cards and feeds show."""

    hero_image = factory.SubFactory(ImageFactory)

    class Meta:
        abstract = True

"""Factories for the shared models: images and authors (wagtail-factories / factory_boy)."""

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

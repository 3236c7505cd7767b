"""Abstract page building blocks every content app shares."""

from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class HeroMixin(models.Model):
    """A hero image (with its focal point) and an optional heading and intro."""

    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Landscape, at least 1600px wide. Set its focal point on the image's page.",
    )
    hero_heading = models.CharField(
        max_length=120, blank=True, help_text="Shown over the image; defaults to the page title."
    )
    hero_intro = models.TextField(max_length=300, blank=True)

    hero_panels = [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_heading"), FieldPanel("hero_intro")],
            heading="Hero",
        )
    ]

    class Meta:
        abstract = True


class FoodiePage(Page):
    """Base for every Foodie page: a social-sharing image on the promote tab."""

    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared; defaults to the page's main image.",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_meta_image(self):
        """The image for OpenGraph/Twitter cards: the social image, else the hero."""
        return self.social_image or getattr(self, "hero_image", None)

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "hero_intro", "") or ""

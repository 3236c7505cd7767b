from django.conf import settings
from django.db import models

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class FoodieImage(AbstractImage):
    """An image whose alt text is required on upload, with an optional credit.

    Wagtail's own ``description`` field is the alt text source (``default_alt_text``
    reads it); we make it required so every image a reader sees has alt text.
    """

    description = models.CharField(
        "alt text",
        max_length=255,
        help_text="Describe the image for people who cannot see it, e.g. "
        "'A bowl of tomato soup topped with basil'.",
    )
    credit = models.CharField(max_length=255, blank=True, help_text="Photographer or source.")

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"


class FoodieRendition(AbstractRendition):
    image = models.ForeignKey(FoodieImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def optional_image(help_text: str = "") -> models.ForeignKey:
    """A field for an image a model may go without; deleting the image only clears it."""
    return models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )

import functools

from django.conf import settings
from django.db import models

from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image


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

    def get_rendition(self, filter: Filter | str) -> AbstractRendition:
        """One rendition, through ``get_renditions``: Wagtail 7.4's own writes the
        rendition to the cache at every call, even one it has just read from there or
        from a prefetch (fixed upstream by wagtail#14541, after 7.4)."""
        if not isinstance(filter, (Filter, str)):
            raise InvalidFilterSpecError("Unrecognised filter format - string or Filter expected")
        (rendition,) = self.get_renditions(filter).values()
        return rendition

    def get_renditions(self, *filters: Filter | str) -> dict[str, AbstractRendition]:
        return super().get_renditions(*(parsed_filter(f) for f in filters))

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"


def parsed_filter(filter: Filter | str) -> Filter:
    """The process's one ``Filter`` for a spec, its operations parsed once.

    Wagtail's image tags build a new ``Filter`` for each spec at each render, and
    parsing one (about 0.1 ms) cost a recipe page about 50 of them a render. A
    ``Filter`` keeps no state of its own past its parsed operations. Anything but a
    spec or a plain ``Filter`` (a subclass that renders its own way) passes unchanged.
    """
    if isinstance(filter, str):
        return _filter_for_spec(filter)
    return _filter_for_spec(filter.spec) if type(filter) is Filter else filter


@functools.lru_cache(maxsize=512)  # specs come from templates; no view takes one from a URL
def _filter_for_spec(spec: str) -> Filter:
    return Filter(spec=spec)


class FoodieRendition(AbstractRendition):
    image = models.ForeignKey(FoodieImage, on_delete=models.CASCADE, related_name="renditions")

    def __setstate__(self, state: dict) -> None:
        """A rendition unpickled came out of a cache: mark it so ``get_renditions`` does
        not write it back. Wagtail 7.4 marks only prefetched ones, so each rendition it
        read from the cache cost a second round trip to write it again."""
        super().__setstate__(state)
        self._from_cache = True

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

"""The admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

from django.core.exceptions import ValidationError

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL.Image import DecompressionBombError


class ClaimedSizeImageField(WagtailImageField):
    """Wagtail's image field, refusing a file whose header claims too many pixels.

    Wagtail reads the size through Pillow, which raises ``DecompressionBombError`` (not
    a ValidationError: a 500) for a header claiming over twice ``PIL.Image.MAX_IMAGE_PIXELS``,
    whatever the file really holds; a 100-byte PNG can claim 65535 x 65535.
    Wagtail fixed this upstream (wagtail/wagtail#14225, after 7.4.4): drop this then.
    """

    def check_image_pixel_size(self, f) -> None:
        try:
            super().check_image_pixel_size(f)
        except DecompressionBombError as error:
            raise ValidationError(
                "This file claims too many pixels to be a photo. "
                f"Maximum pixels {self.max_image_pixels}.",
                code="file_too_many_pixels",
            ) from error


class FoodieImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Wagtail builds the field with its own callback; a declared field would also
        # come back in the multiple uploader's edit form, which leaves the file out.
        if "file" in self.fields:
            self.fields["file"].__class__ = ClaimedSizeImageField

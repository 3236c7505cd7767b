import re
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

# Provider URL patterns -> privacy-friendly player URL. Anything else is refused in
# the admin, so a page never loads a third-party player the reader did not ask for.
VIDEO_PROVIDERS = [
    (
        "YouTube",
        re.compile(
            r"^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?(?:.*&)?v=|youtu\.be/)([\w-]{11})"
        ),
        "https://www.youtube-nocookie.com/embed/{id}",
    ),
    (
        "Vimeo",
        re.compile(r"^https?://(?:www\.)?vimeo\.com/(\d+)"),
        "https://player.vimeo.com/video/{id}?dnt=1",
    ),
]
VIDEO_URL_ERROR = "Use a YouTube or Vimeo video address."


class VideoLink(NamedTuple):
    provider: str
    url: str  # the address the editor gave: the facade's link without JavaScript
    embed_url: str  # the player, as schema.org's VideoObject names it

    @property
    def player_url(self) -> str:
        """The player that starts at once: loaded only when the reader presses play."""
        return self.embed_url + ("&" if "?" in self.embed_url else "?") + "autoplay=1"


def parse_video_url(url: str | None) -> VideoLink | None:
    """The provider and player of a supported video URL; None for anything else."""
    for provider, pattern, player in VIDEO_PROVIDERS:
        match = pattern.match(url or "")
        if match:
            return VideoLink(provider, url, player.format(id=match.group(1)))
    return None


def validate_video_url(url: str) -> None:
    if parse_video_url(url) is None:
        raise ValidationError(VIDEO_URL_ERROR)


def _latest_image():
    return get_image_model().objects.order_by("-pk").first()


def _captioned_image_preview() -> dict:
    return {"image": _latest_image(), "caption": "Golden, crisp and ready to share."}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(max_length=250, required=False)
    alt_text = blocks.CharBlock(
        max_length=255,
        required=False,
        help_text="Overrides the image's own alt text when this use needs a different one.",
    )
    credit = blocks.CharBlock(
        max_length=120, required=False, help_text="Overrides the image's own credit."
    )

    class Meta:
        template = "blocks/captioned_image_block.html"
        icon = "image"
        label = "Image"
        group = "Media"
        description = "An image with an optional caption and credit."
        # Evaluated when the preview renders. staticmethod, because a plain function
        # in Meta becomes a method of the meta object and Wagtail would call it with
        # that object as an argument (a TypeError in the admin's block preview).
        preview_value = staticmethod(_captioned_image_preview)

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context)
        image = value.get("image")
        context["alt"] = value.get("alt_text") or (image.default_alt_text if image else "")
        context["credit"] = value.get("credit") or (image.credit if image else "")
        return context


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video behind a click-to-play facade.

    The player (a third-party host) loads only when the reader asks for it, so a
    page makes no request to another host on load.
    """

    url = blocks.URLBlock(help_text="A YouTube or Vimeo address.")
    title = blocks.CharBlock(max_length=120, help_text="What the video shows.")
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        template = "blocks/video_block.html"
        icon = "media"
        label = "Video"
        group = "Media"
        description = "A YouTube or Vimeo video that loads only when the reader presses play."
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "How to fold dumplings",
        }

    def clean(self, value):
        value = super().clean(value)
        try:
            validate_video_url(value.get("url"))
        except ValidationError as error:
            raise blocks.StructBlockValidationError({"url": error}) from error
        return value

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context)
        context["video"] = parse_video_url(value.get("url"))
        context["title"], context["caption"] = value.get("title"), value.get("caption")
        context["thumbnail"] = None  # a still is the recipe page's, never the block's
        return context

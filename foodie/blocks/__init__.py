"""The shared StreamField block library.

One module per family (text, media, links, tables); ``BodyStreamBlock`` offers them
all to page bodies. Content areas add their own blocks in ``<app>/blocks.py``.
See docs/blocks.md for how to add a block.
"""

from wagtail import blocks

from .links import CallToActionBlock
from .media import CaptionedImageBlock, VideoBlock
from .tables import TableBlock
from .text import CalloutBlock, HeadingBlock, ParagraphBlock, QuoteBlock

BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", ParagraphBlock()),
    ("image", CaptionedImageBlock()),
    ("quote", QuoteBlock()),
    ("video", VideoBlock()),
    ("call_to_action", CallToActionBlock()),
    ("callout", CalloutBlock()),
    ("table", TableBlock()),
]


class BodyStreamBlock(blocks.StreamBlock):
    """The body blocks every page type shares."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks=[*BODY_BLOCKS, *(local_blocks or [])], **kwargs)


__all__ = [
    "BODY_BLOCKS",
    "BodyStreamBlock",
    "CallToActionBlock",
    "CalloutBlock",
    "CaptionedImageBlock",
    "HeadingBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "TableBlock",
    "VideoBlock",
]

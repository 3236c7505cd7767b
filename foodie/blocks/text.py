from wagtail import blocks

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")],
        default="h2",
        help_text="The page title is the only Heading 1; start sections at Heading 2.",
    )

    class Meta:
        template = "blocks/heading_block.html"
        icon = "title"
        label = "Heading"
        group = "Text"
        description = "A section heading, so readers and screen readers can skim the page."
        preview_value = {"text": "Why this works", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        template = "blocks/paragraph_block.html"
        icon = "pilcrow"
        label = "Paragraph"
        group = "Text"
        description = "Rich text with bold, italic, links and lists."
        preview_value = (
            "<p>Toast the spices in a <b>dry pan</b> until fragrant, then grind them "
            "while still warm.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        template = "blocks/quote_block.html"
        icon = "openquote"
        label = "Quote"
        group = "Text"
        description = "A pull quote with an optional attribution."
        preview_value = {
            "quote": "Cooking is like love: it should be entered into with abandon or not at all.",
            "attribution": "Harriet van Horne",
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("note", "Note"), ("warning", "Warning")], default="tip"
    )
    title = blocks.CharBlock(max_length=80, required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        template = "blocks/callout_block.html"
        icon = "help"
        label = "Tip or callout"
        group = "Text"
        description = "A highlighted tip, note or warning set apart from the text."
        preview_value = {
            "kind": "tip",
            "title": "Make ahead",
            "text": "<p>The sauce keeps for three days in the fridge.</p>",
        }

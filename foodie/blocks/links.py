from django.core.exceptions import ValidationError
from django.http import HttpRequest

from wagtail import blocks
from wagtail.models import Page


def live_page_url(page: Page, request: HttpRequest | None = None) -> str:
    """``page``'s address, or "" where it would lead readers to a 404: a page that is
    not live, or is outside every site (Wagtail gives it no URL)."""
    return (page.get_url(request) or "") if page.live else ""


class LinkValue(blocks.StructValue):
    def href(self, request: HttpRequest | None = None) -> str:
        """The link's address, or "" where it leads nowhere (``live_page_url``; a deleted
        page: the chooser gives None). Templates pass the request (``{% link_href %}``),
        so the links on a page share the request's one read of the sites' root paths."""
        page = self.get("page")
        return (self.get("url") or "") if page is None else live_page_url(page, request)

    def link_text(self) -> str:
        page = self.get("page")
        return self.get("text") or (page.title if page else self.get("url") or "")


class LinkBlock(blocks.StructBlock):
    """A link to a page or an external address (exactly one of them)."""

    text = blocks.CharBlock(max_length=60, required=False, help_text="Defaults to the page title.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label="External URL")

    class Meta:
        value_class = LinkValue
        template = "blocks/link_block.html"
        icon = "link"
        label = "Link"
        group = "Links"
        description = "A link to a page on this site or to another site."
        preview_value = {"text": "Browse all recipes", "url": "https://example.com/recipes/"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose a page or enter an external URL (one, not both)."
            raise blocks.StructBlockValidationError(
                {"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class MenuItemBlock(LinkBlock):
    class Meta:
        template = "blocks/menu_item_block.html"
        icon = "list-ul"
        label = "Menu item"
        description = "An item in the main navigation."
        preview_value = {"text": "Recipes", "url": "https://example.com/recipes/"}


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(
        choices=[
            ("instagram", "Instagram"),
            ("youtube", "YouTube"),
            ("pinterest", "Pinterest"),
            ("mastodon", "Mastodon"),
            ("facebook", "Facebook"),
            ("tiktok", "TikTok"),
            ("rss", "RSS"),
        ]
    )
    url = blocks.URLBlock()

    class Meta:
        template = "blocks/social_link_block.html"
        icon = "site"
        label = "Social link"
        group = "Links"
        description = "A link to one of our social accounts."
        preview_value = {"platform": "instagram", "url": "https://instagram.com/foodie"}


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(max_length=300, required=False)
    link = LinkBlock()

    class Meta:
        template = "blocks/call_to_action_block.html"
        icon = "pick"
        label = "Call to action"
        group = "Links"
        description = "A short heading, a sentence and a button that leads somewhere."
        preview_value = {
            "heading": "Hungry for more?",
            "text": "New recipes every week, tested in a home kitchen.",
            "link": {"text": "Browse recipes", "url": "https://example.com/recipes/"},
        }

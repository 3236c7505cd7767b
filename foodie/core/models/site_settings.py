from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from foodie.blocks.links import MenuItemBlock, SocialLinkBlock

from .images import optional_image


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Identity and footer that every page shows."""

    site_name = models.CharField(max_length=80, default="Foodie")
    tagline = models.CharField(max_length=160, blank=True)
    footer_text = models.TextField(max_length=500, blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    logo = optional_image(
        "Square, at least 112 px: search engines show it with the site's name. "
        "Without one they get the site's icon."
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("logo"),
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = "site settings"


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu; editors reorder its items by dragging them."""

    main_menu = StreamField(
        [("item", MenuItemBlock())],
        blank=True,
        block_counts={"item": {"max_num": 8}},
    )

    panels = [FieldPanel("main_menu")]

    class Meta:
        verbose_name = "navigation"

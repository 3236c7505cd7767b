from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from foodie.blocks import BodyStreamBlock
from foodie.core.pages import FoodiePage, HeroMixin


class HomePage(HeroMixin, FoodiePage):
    """The site root: a hero, featured content and a free-form body."""

    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*FoodiePage.content_panels, *HeroMixin.hero_panels, FieldPanel("body")]
    search_fields = [*FoodiePage.search_fields, index.SearchField("hero_intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(HeroMixin, FoodiePage):
    """About, contact and other pages made of body blocks alone."""

    body = StreamField(BodyStreamBlock(), use_json_field=True)

    content_panels = [*FoodiePage.content_panels, *HeroMixin.hero_panels, FieldPanel("body")]
    search_fields = [
        *FoodiePage.search_fields,
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"

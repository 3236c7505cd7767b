"""Abstract page building blocks every content app shares."""

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from wagtailcache.cache import WagtailCacheMixin

from foodie.cache.middleware import PAGE_TYPE_HEADER
from foodie.cache.rules import apply_refusal, refuse_to_store


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


def is_canonical_page_number(request: HttpRequest, page: PaginatorPage) -> bool:
    """False when ``?page=`` was not the number actually shown (abc, -1, 999999)."""
    asked = request.GET.get("page")
    return asked is None or asked == str(page.number)


class FoodiePage(WagtailCacheMixin, Page):
    """Base for every Foodie page: page-cache rules and a social-sharing image.

    ``cache_query_params`` names the query parameters a page reads; a request with
    any other parameter is served but never stored in the page cache (tracking
    parameters are dropped before this check). ``lists_page`` tells the purge which
    pages an index shows. ``page_cache_depends_on`` names models (``app.Model``)
    shown on every page of this type, so a change to any of them purges it.
    """

    cache_query_params: frozenset[str] = frozenset()
    page_cache_depends_on: tuple[str, ...] = ()

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

    def serve(self, request, *args, **kwargs):
        unused = set(request.GET) - self.cache_query_params
        if unused:
            refuse_to_store(request, f"unused query parameters: {sorted(unused)}")
        response = super().serve(request, *args, **kwargs)
        response[PAGE_TYPE_HEADER] = self._meta.label
        return apply_refusal(request, response)

    def lists_page(self, page: Page) -> bool:
        """Whether this page's HTML lists ``page`` (index pages override it)."""
        return False

    def get_meta_image(self):
        """The image for OpenGraph/Twitter cards: the social image, else the hero."""
        return self.social_image or getattr(self, "hero_image", None)

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "hero_intro", "") or ""

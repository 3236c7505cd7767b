"""Which cached URL paths a content change affects, and purging them."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page, ReferenceIndex, get_page_models

from foodie.metrics.page_cache import PurgeReason, page_cache_purged_paths, page_cache_purges

from . import generations
from .pages import CachedPage

logger = logging.getLogger(__name__)


def page_paths(page: Page) -> set[str]:
    """The URL path a page answers on (empty when it is not routable)."""
    parts = page.get_url_parts()
    return {parts[2]} if parts else set()


def always_affected_paths() -> set[str]:
    """Paths that list every page: the sitemap and the feeds (settings.PAGE_CACHE_LISTING_URLS)."""
    paths = set()
    for name in settings.PAGE_CACHE_LISTING_URLS:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            logger.warning("PAGE_CACHE_LISTING_URLS names an unknown URL: %s", name)
    return paths


def referencing_pages(obj) -> list[Page]:
    """Pages whose content points at ``obj`` (recipe cards, related recipes, featured slots)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in={int(pk) for pk in ids}))


def listing_ancestors(page: Page) -> list[Page]:
    """Ancestors whose HTML lists ``page`` (an index of it, a home page featuring it)."""
    return [
        ancestor
        for ancestor in page.get_ancestors().specific()
        if isinstance(ancestor, CachedPage) and ancestor.lists_page(page)
    ]


def paths_for_page_change(page: Page, *, with_descendants: bool = False) -> set[str]:
    """Everything whose HTML can change when ``page`` is published, unpublished or moved.

    The page, the ancestors that list it, the pages that reference it (a recipe card
    changes the article embedding it, not the article's own listings), optionally
    its descendants, and the sitemap and feeds.
    """
    paths = page_paths(page)
    for other in listing_ancestors(page) + referencing_pages(page):
        paths |= page_paths(other)
    if with_descendants:
        for descendant in page.get_descendants():
            paths |= page_paths(descendant)
    return paths | always_affected_paths()


def purge_paths(paths: Iterable[str], reason: PurgeReason) -> int:
    """Stop serving every cached variant of ``paths`` (new generations); count it.
    Returns how many paths were purged. Never raises."""
    paths = {path for path in paths if path}
    try:
        generations.new_generations(caches[settings.WAGTAIL_CACHE_BACKEND], paths)
    except Exception:
        logger.exception("Page-cache purge failed for %s (%s)", sorted(paths), reason)
        return 0
    page_cache_purges.labels(reason=reason).inc()
    page_cache_purged_paths.labels(reason=reason).inc(len(paths))
    logger.info("Purged %d page-cache paths (%s)", len(paths), reason)
    return len(paths)


def pages_depending_on(model: type) -> list[Page]:
    """Live pages whose type declares ``page_cache_depends_on`` including ``model``.

    For HTML that shows every instance of a model, such as the taxonomy in the
    recipe index's filter form, which the reference index cannot know about.
    """
    label = model._meta.label
    pages: list[Page] = []
    for page_model in get_page_models():
        if issubclass(page_model, CachedPage) and label in page_model.page_cache_depends_on:
            pages += page_model.objects.live()
    return pages


def paths_for_object_change(obj) -> set[str]:
    """Pages that show a snippet or image: those that use it and declared dependants."""
    paths: set[str] = set()
    for page in referencing_pages(obj) + pages_depending_on(type(obj)):
        paths |= page_paths(page)
    return paths


def purge_all(reason: PurgeReason) -> None:
    """Empty the page cache (its own Redis database: nothing else is touched). The
    generations go with it, so a render in flight stores a page nothing serves."""
    try:
        caches[settings.WAGTAIL_CACHE_BACKEND].clear()
    except Exception:
        logger.exception("Page-cache flush failed (%s)", reason)
        return
    page_cache_purges.labels(reason=reason).inc()
    logger.info("Flushed the page cache (%s)", reason)

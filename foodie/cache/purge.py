"""Which cached URL paths a content change affects, and purging them.

A purge that cannot reach the store is never dropped: it is kept as a ``PendingPurge``
row and run again by ``retry_pending_purges`` (the scheduler's every tick), because
pages stored before it would otherwise be served again once the store is back.
"""

import logging
import threading
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page, ReferenceIndex, get_page_models

from foodie.metrics.page_cache import (
    PurgeReason,
    page_cache_purge_failures,
    page_cache_purged_paths,
    page_cache_purges,
)

from . import edge, generations
from .models import PendingPurge
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


def every_cached_path() -> set[str]:
    """Every path the edge cache can hold: each live page's and the listings' (it
    stores no query strings). Nginx's purge module has no "purge all", so emptying
    the page cache purges these from the edge one by one."""
    paths = always_affected_paths()
    for page in Page.objects.live().defer_streamfields():
        paths |= page_paths(page)
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
    Returns how many paths were purged (0 if the purge failed and was kept for a
    retry). Never raises."""
    paths = {path for path in paths if path}
    return len(paths) if _purge_or_keep(paths, reason) else 0


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
    _purge_or_keep(None, reason)


def _purge(paths: set[str] | None, reason: str) -> None:
    """New generations for ``paths``, or (None) a flush, then the same paths at the
    edge, twice; raises if the store or an edge fails."""
    cache = caches[settings.WAGTAIL_CACHE_BACKEND]
    if paths is None:
        cache.clear()
        edge_paths = every_cached_path()
    else:
        generations.new_generations(cache, paths)
        edge_paths = paths
    edge.purge_edge(edge_paths)
    _purge_edge_again_later(edge_paths, reason)


def _purge_edge_again_later(paths: set[str], reason: str) -> None:
    """Purge the edge once more, EDGE_CACHE_REPURGE_SECONDS from now.

    A page the app sent just before the purge (a hit, or a render that checked its
    generation before the purge wrote a new one) can reach Nginx's cache just after
    the PURGE, and would be served from there for EDGE_CACHE_SECONDS; the second
    purge drops it. Not a daemon thread: a management command that publishes waits
    for it before it exits. A failure is kept for a retry like any purge.
    """
    delay = settings.EDGE_CACHE_REPURGE_SECONDS
    if not (delay and paths and settings.WAGTAILFRONTENDCACHE):
        return

    def again() -> None:
        try:
            edge.purge_edge(paths)
        except Exception:
            _keep(paths, reason)
            connection.close()  # this thread's own, opened by _keep

    threading.Timer(delay, again).start()


def _count(paths: set[str] | None, reason: str) -> None:
    page_cache_purges.labels(reason=reason).inc()
    if paths is None:
        logger.info("Flushed the page cache (%s)", reason)
    else:
        page_cache_purged_paths.labels(reason=reason).inc(len(paths))
        logger.info("Purged %d page-cache paths (%s)", len(paths), reason)


def _purge_or_keep(paths: set[str] | None, reason: str) -> bool:
    """Purge; if the store fails, keep the purge for a retry. True if it was done."""
    try:
        _purge(paths, reason)
    except Exception:
        _keep(paths, reason)
        return False
    _count(paths, reason)
    return True


def _keep(paths: set[str] | None, reason: str) -> None:
    """Log, count and keep a purge that failed, for ``retry_pending_purges``."""
    logger.exception("Page-cache purge failed (%s); kept for a retry", reason)
    page_cache_purge_failures.labels(reason=reason).inc()
    try:
        PendingPurge.objects.create(paths=None if paths is None else sorted(paths), reason=reason)
    except Exception:
        logger.exception("Could not keep a failed page-cache purge for a retry")


def retry_pending_purges() -> int:
    """Run the purges that failed, oldest first; stop at the first that fails again
    (the store is still out) and keep it and the rest. Returns how many were done."""
    done = 0
    for pending in PendingPurge.objects.order_by("id"):
        paths = None if pending.paths is None else set(pending.paths)
        try:
            _purge(paths, pending.reason)
        except Exception:
            pending.attempts += 1
            pending.save(update_fields=["attempts"])
            logger.warning(
                "Page-cache purge retry failed (%s, %d attempts)", pending, pending.attempts
            )
            break
        pending.delete()
        _count(paths, pending.reason)
        done += 1
    return done

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

from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.fields import StreamField
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


def page_paths(page: Page, relative_paths: Iterable[str] | None = None) -> set[str]:
    """The URL paths a page answers on (empty when it is not routable): ``relative_paths``
    below its URL, as Wagtail's ``get_cached_paths()`` gives them ("/" is the page), by
    default all of them (a page with routes of its own declares each)."""
    parts = page.get_url_parts()
    if not parts:
        return set()
    if relative_paths is None:
        relative_paths = _cached_paths(page)
    return {parts[2] + path.lstrip("/") for path in relative_paths}


def _cached_paths(page: Page) -> list[str]:
    # Most page types answer on their own URL alone; only load those that say more.
    page_class = page.specific_class
    if page_class is None or page_class.get_cached_paths is Page.get_cached_paths:
        return ["/"]
    return page.specific_deferred.get_cached_paths()


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
    changes the article embedding it, not the article's own listings), the pages
    elsewhere whose type shows its type (an author's page), optionally its
    descendants, and the sitemap and feeds.
    """
    paths = page_paths(page)
    for other in listing_ancestors(page) + referencing_pages(page):
        paths |= page_paths(other)
    if with_descendants:
        for descendant in page.get_descendants():
            paths |= page_paths(descendant)
    if page.specific_class is not None:
        paths |= paths_showing(page.specific_deferred)
    return paths | always_affected_paths()


def purge_paths(paths: Iterable[str], reason: PurgeReason) -> int:
    """Stop serving every cached variant of ``paths`` (new generations); count it.
    Returns how many paths were purged (0 if the purge failed and was kept for a
    retry). Never raises."""
    paths = {path for path in paths if path}
    return len(paths) if _purge_or_keep(paths, reason) else 0


def pages_depending_on(model: type) -> list[Page]:
    """Live pages whose type declares ``page_cache_depends_on`` including ``model``.

    For HTML that shows every instance of a model (the taxonomy in the recipe index's
    filter form) or any of them wherever it sits (an author's page shows their
    recipes), which the tree and the reference index cannot know about.
    """
    pages: list[Page] = []
    for page_model in _dependant_page_models(model):
        pages += page_model.objects.live()
    return pages


def is_shown_selectively(model: type) -> bool:
    """Whether a page type that shows ``model`` narrows its purge by the instance
    (``get_cached_paths_showing``): then an instance's change must purge what showed
    it before the change, too."""
    return any(
        page_model.get_cached_paths_showing is not CachedPage.get_cached_paths_showing
        for page_model in _dependant_page_models(model)
    )


def _dependant_page_models(model: type) -> list[type]:
    label = model._meta.label
    return [
        page_model
        for page_model in get_page_models()
        if issubclass(page_model, CachedPage) and label in page_model.page_cache_depends_on
    ]


def paths_showing(obj) -> set[str]:
    """The paths of the pages that depend on ``obj``'s model, narrowed to those that show
    ``obj`` (``CachedPage.get_cached_paths_showing``)."""
    paths: set[str] = set()
    for page in pages_depending_on(type(obj)):
        paths |= page_paths(page, page.get_cached_paths_showing(obj))
    return paths


def referencing_objects(obj) -> list:
    """What is not a page but points at ``obj`` (an author whose photo it is)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(obj).exclude(base_content_type=page_type)
    objects = []
    for content_type_id, object_id in references.values_list("content_type", "object_id"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        found = model and model._default_manager.filter(pk=object_id).first()
        if found is not None:
            objects.append(found)
    return objects


def shown_in_site_settings(obj) -> bool:
    """Whether a site setting points at ``obj``: a foreign key (the logo, in the home
    page's JSON-LD) or a block (a main-menu item's page, in every page's header). A
    setting's change empties the cache, so a change to what it points at does too; the
    reference index does not record settings, so each setting is asked."""
    for model in settings_registry:
        fields = model._meta.concrete_fields
        keys = [f for f in fields if f.many_to_one and isinstance(obj, f.related_model)]
        if any(model._default_manager.filter(**{f.attname: obj.pk}).exists() for f in keys):
            return True
        streams = [f for f in fields if isinstance(f, StreamField)]
        for setting in model._default_manager.all() if streams else ():
            for field in streams:
                references = field.extract_references(field.value_from_object(setting))
                if any(
                    isinstance(obj, referenced) and str(pk) == str(obj.pk)
                    for referenced, pk, *_ in references
                ):
                    return True
    return False


def paths_for_object_change(obj, *, through_references: bool = True) -> set[str]:
    """Pages that show a snippet or image: those that use it, declared dependants and
    (``through_references``) what shows the snippets that use it (the pages an
    author's photo is shown on as theirs)."""
    paths = paths_showing(obj)
    for page in referencing_pages(obj):
        paths |= page_paths(page)
    if through_references:
        for other in referencing_objects(obj):
            paths |= paths_for_object_change(other, through_references=False)
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

"""Purge the page cache when content changes: precisely, and only after the commit.

Paths are computed when the signal fires (before a delete or move loses them) and
purged on commit, so a concurrent request cannot re-store the old HTML in between.
"""

import copy
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)
from wagtail.snippets.models import get_snippet_models

from foodie.metrics.page_cache import PurgeReason

from .purge import (
    always_affected_paths,
    is_shown_selectively,
    page_paths,
    paths_for_object_change,
    paths_for_page_change,
    paths_showing,
    purge_all,
    purge_paths,
    shown_in_site_settings,
)


def purge_on_commit(paths: Iterable[str], reason: PurgeReason) -> None:
    paths = set(paths)
    transaction.on_commit(lambda: purge_paths(paths, reason))


def purged_everywhere(page: Page, reason: PurgeReason) -> bool:
    """Empty the page cache after the commit if other pages link to ``page`` wherever
    they are (``CachedPage.page_cache_shown_everywhere``: bylines link to the author
    index; or a site setting: the main menu), so any change to it changes them all;
    True if so."""
    page_class = page.specific_class
    if page_class is None:
        return False
    if not (
        getattr(page_class, "page_cache_shown_everywhere", False) or shown_in_site_settings(page)
    ):
        return False
    transaction.on_commit(lambda: purge_all(reason))
    return True


def on_published(sender, instance: Page, **kwargs) -> None:
    shown_before = _shown_before_save(instance)
    if purged_everywhere(instance, PurgeReason.PUBLISH):
        return
    if instance.__dict__.pop("_title_changed", False):
        # The pages below show its title in their breadcrumbs.
        purge_section_on_commit(instance, PurgeReason.PUBLISH, shown_before)
    else:
        purge_on_commit(paths_for_page_change(instance) | shown_before, PurgeReason.PUBLISH)


def note_state_before_save(sender, instance, update_fields=None, **kwargs) -> None:
    """Before a row is saved in full (a publish, a snippet's edit), what the purge after
    the save cannot see any more: whether a page's live title changes, and the pages
    elsewhere that showed the object as it was (the page of an author a recipe no
    longer credits, an author's page at its old slug). A draft's saves name their
    fields and change nothing readers see."""
    if not instance.pk or update_fields is not None:
        return
    if isinstance(instance, Page):
        live_title = Page.objects.filter(pk=instance.pk).values_list("title", flat=True).first()
        instance._title_changed = live_title is not None and live_title != instance.title
    if is_shown_selectively(type(instance)):
        saved = type(instance)._default_manager.filter(pk=instance.pk).first()
        if saved is not None and getattr(saved, "live", True):
            instance._shown_before = paths_showing(saved)


def _shown_before_save(instance) -> set[str]:
    return instance.__dict__.pop("_shown_before", set())


def on_unpublished(sender, instance: Page, **kwargs) -> None:
    shown_before = _shown_before_save(instance)  # unpublishing saves the row in full
    if purged_everywhere(instance, PurgeReason.UNPUBLISH):
        return
    purge_on_commit(paths_for_page_change(instance) | shown_before, PurgeReason.UNPUBLISH)


def on_page_deleted(sender, instance, **kwargs) -> None:
    if not isinstance(instance, Page) or not instance.live:
        return
    if not purged_everywhere(instance, PurgeReason.DELETE):
        purge_on_commit(paths_for_page_change(instance, with_descendants=True), PurgeReason.DELETE)


def on_slug_changed(sender, instance: Page, instance_before: Page, **kwargs) -> None:
    # Sent after the commit already; the new path is purged by the publish.
    if purged_everywhere(instance, PurgeReason.SLUG_CHANGE):
        return
    old_paths = page_paths(instance_before) | _old_descendant_paths(
        instance, instance_before.url_path
    )
    purge_section_on_commit(instance, PurgeReason.SLUG_CHANGE, old_paths)


def before_move(sender, instance: Page, **kwargs) -> None:
    # Where it was: its old URLs (and its descendants') and the listings it leaves.
    if not purged_everywhere(instance, PurgeReason.MOVE):
        purge_section_on_commit(instance.specific, PurgeReason.MOVE)


def after_move(sender, instance: Page, **kwargs) -> None:
    # Where it is now: its new URLs and the listings it joins.
    if not purged_everywhere(instance, PurgeReason.MOVE):
        purge_section_on_commit(Page.objects.get(pk=instance.pk).specific, PurgeReason.MOVE)


def _old_descendant_paths(page: Page, url_path_before: str) -> set[str]:
    paths = set()
    for descendant in page.get_descendants():
        before = copy.copy(descendant)
        before.url_path = url_path_before + descendant.url_path[len(page.url_path) :]
        paths |= page_paths(before)
    return paths


# Past this many live pages below a changed page, purging everything is cheaper than
# finding what lists or references each of them.
MAX_PRECISE_DESCENDANTS = 50


def purge_section_on_commit(page: Page, reason: PurgeReason, extra: set[str] = frozenset()) -> None:
    """Purge the page, the live pages below it and what lists or references any of
    them (``extra`` too): a move, slug change or restriction changes all their URLs or
    who may see them, so cards and listings elsewhere would keep old links or show
    private pages."""
    descendants = list(page.get_descendants().live().specific()[: MAX_PRECISE_DESCENDANTS + 1])
    if len(descendants) > MAX_PRECISE_DESCENDANTS:
        transaction.on_commit(lambda: purge_all(reason))
        return
    paths = paths_for_page_change(page, with_descendants=True) | set(extra)
    for descendant in descendants:
        paths |= paths_for_page_change(descendant)
    purge_on_commit(paths, reason)


def on_model_changed(sender, instance, **kwargs) -> None:
    """Saves and deletes of what pages show: privacy, redirects, settings, snippets, images.

    A model whose app purges for its saves in batches (``page_cache_purged_in_batches``:
    readers' ratings) is left to it.
    """
    if getattr(instance, "page_cache_purged_in_batches", False):
        return
    if isinstance(instance, PageViewRestriction):
        # The restriction covers the pages below too.
        purge_section_on_commit(instance.page.specific, PurgeReason.PRIVACY)
    elif isinstance(instance, Redirect):
        # A cached 404 at the old path would hide the new redirect.
        purge_on_commit(
            {instance.old_path, instance.old_path.rstrip("/") + "/"}, PurgeReason.REDIRECT
        )
    elif isinstance(instance, BaseSiteSetting):
        # Site name, footer and navigation show on every page.
        transaction.on_commit(lambda: purge_all(PurgeReason.SETTINGS))
    elif isinstance(instance, shown_by_pages()):
        shown_before = _shown_before_save(instance)
        if in_site_settings(instance, kwargs):
            # What a site setting points at (the logo) is purged as the setting is.
            transaction.on_commit(lambda: purge_all(PurgeReason.SETTINGS))
            return
        paths = paths_for_object_change(instance)
        deleted = "created" not in kwargs  # post_delete
        if shown_before - paths or (deleted and is_shown_selectively(type(instance))):
            paths |= always_affected_paths()  # a page it had moved or went: the sitemap
        purge_on_commit(paths | shown_before, PurgeReason.SNIPPET)


def shown_by_pages() -> tuple[type, ...]:
    """The models whose saves and deletes purge the pages that show them."""
    return (*get_snippet_models(), get_image_model())


def in_site_settings(instance, signal_kwargs: dict) -> bool:
    """Whether a site setting points at ``instance``. After a delete, what was noted
    before it cleared the link (``SET_NULL``); a new object has no such link yet."""
    if "created" not in signal_kwargs:  # post_delete
        return instance.__dict__.pop("_in_site_settings", False)
    return not signal_kwargs["created"] and shown_in_site_settings(instance)


def note_settings_before_delete(sender, instance, **kwargs) -> None:
    """Before a delete clears the site settings' links to it (``SET_NULL``): whether
    one of them showed it."""
    if isinstance(instance, shown_by_pages()):
        instance._in_site_settings = shown_in_site_settings(instance)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="pagecache_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="pagecache_unpublished")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="pagecache_slug")
    pre_page_move.connect(before_move, dispatch_uid="pagecache_before_move")
    post_page_move.connect(after_move, dispatch_uid="pagecache_after_move")
    pre_delete.connect(on_page_deleted, dispatch_uid="pagecache_page_delete")
    pre_delete.connect(note_settings_before_delete, dispatch_uid="pagecache_settings_delete")
    pre_save.connect(note_state_before_save, dispatch_uid="pagecache_state_before_save")
    post_save.connect(on_model_changed, dispatch_uid="pagecache_model_save")
    post_delete.connect(on_model_changed, dispatch_uid="pagecache_model_delete")

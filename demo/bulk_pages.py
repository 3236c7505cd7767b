"""Loading many pages quickly: the machinery behind ``load_benchmark_content``.

Per page, only what must be per page happens: one insert for the page and one for its
specific model. Everything else is batched or deferred:

* ``PageAppender`` works out tree paths in sequence instead of asking the database for
  the last child of the parent on every ``add_child``, and updates the parent's child
  count once per batch;
* ``bulk_saves`` switches off the search-index and reference-index updates Wagtail
  makes on every save, and ``index_pages`` makes them in bulk afterwards;
* StreamField values are given in their stored JSON form (``raw_block``), so they are
  saved as they are rather than built into block values and serialised again.
"""

import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils.text import slugify

from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.index import RelatedFields, get_indexed_models
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from modelcluster.fields import ParentalManyToManyField


def raw_block(block_type: str, value: Any) -> dict[str, Any]:
    """A block in StreamField's stored JSON form."""
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


class ProgressBar:
    """A text progress bar: redrawn in place on a terminal, a line per 10% in a log."""

    def __init__(self, stream: OutputWrapper, label: str, total: int, width: int = 30):
        self.stream, self.label, self.total, self.width = stream, label, max(total, 1), width
        self.interactive = stream.isatty()
        self.started = self.drawn_at = time.monotonic()
        self.done = self.tenths_shown = 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.interactive and now - self.drawn_at >= 0.1:
            self.drawn_at = now
            self._draw(now, ending="")
        elif not self.interactive and 10 * self.done // self.total > self.tenths_shown:
            self.tenths_shown = 10 * self.done // self.total
            self._draw(now, ending="\n")

    def finish(self) -> None:
        if self.interactive or self.tenths_shown < 10:
            self._draw(time.monotonic(), ending="\n")

    def _draw(self, now: float, ending: str) -> None:
        fraction = min(self.done / self.total, 1)
        filled = int(fraction * self.width)
        rate = self.done / max(now - self.started, 1e-9)
        eta = (self.total - self.done) / rate if rate else 0.0
        bar = "#" * filled + "-" * (self.width - filled)
        start = "\r" if self.interactive else ""
        self.stream.write(
            f"{start}{self.label:<16} [{bar}] {fraction:4.0%} {self.done}/{self.total} "
            f"{rate:6.0f}/s  eta {eta:4.0f}s ",
            ending=ending,
        )
        self.stream.flush()


@contextmanager
def bulk_saves() -> Iterator[None]:
    """Switch off per-save search and reference indexing; restore it however the load ends."""
    disconnected = [
        model
        for model in get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    # Wagtail also logs an INFO line per created page: noise, and slow, at this volume.
    wagtail_logger = logging.getLogger("wagtail")
    level = wagtail_logger.level
    wagtail_logger.setLevel(logging.WARNING)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        wagtail_logger.setLevel(level)
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


class PageAppender:
    """Appends live pages under one parent, in order, without a tree query per page.

    ``add_child`` asks for the parent's last child and validates each page (several
    queries every time). Here each path follows on from the previous one with
    treebeard's own path arithmetic, slugs are made unique against the parent's
    existing children up front, and ``flush`` records the new children on the parent.
    Pages are saved with ``clean=False``: callers build them from trusted values.
    """

    def __init__(self, parent: Page):
        self.parent = parent
        self.last_child = parent.get_last_child()
        self.slugs = set(parent.get_children().values_list("slug", flat=True))
        self.added = 0

    def unique_slug(self, title: str, counter: int) -> str:
        base = slugify(title)[:60]
        while f"{base}-{counter}" in self.slugs:
            counter += 1
        self.slugs.add(f"{base}-{counter}")
        return f"{base}-{counter}"

    def append(self, page: Page) -> None:
        if self.last_child is None:
            page.path = Page._get_path(self.parent.path, self.parent.depth + 1, 1)
        else:
            page.path = self.last_child._inc_path()
        page.depth = self.parent.depth + 1
        page.numchild = 0
        page.locale_id = self.parent.locale_id
        page.draft_title = page.title
        page._cached_parent_obj = self.parent  # Page.save sets url_path from the parent
        page.save(clean=False)
        self.last_child = page
        self.added += 1

    def flush(self) -> None:
        """Record the children appended since the last flush on the parent (one query)."""
        if self.added:
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)
            self.added = 0


def index_pages(
    model: type[Page], ids: Sequence[int], stdout: OutputWrapper, batch_size: int = 500
) -> None:
    """Add pages to every auto-updated search backend and to the reference index, in bulk."""
    if not ids:
        return
    backends = list(get_search_backends(with_auto_update=True))
    progress = ProgressBar(stdout, f"Index {model._meta.verbose_name_plural}", len(ids))
    queryset = model.get_indexed_objects().prefetch_related(*_nested_lookups(model))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        with transaction.atomic():
            objects = list(queryset.filter(pk__in=chunk))
            _preload_parental_many_to_many(model, objects)
            for backend in backends:
                backend.add_bulk(model, objects)
            for page in objects:
                ReferenceIndex.create_or_update_for_object(page)
        progress.advance(len(chunk))
    progress.finish()


def _nested_lookups(model: type[Page]) -> list[str]:
    """Prefetch lookups for nested ``RelatedFields`` (``recipe_authors__author``).

    ``get_indexed_objects`` prefetches only the first level, so the indexer would
    otherwise fetch each author separately.
    """

    def walk(fields, prefix: str) -> Iterator[str]:
        for field in fields:
            if isinstance(field, RelatedFields):
                nested = [child for child in field.fields if isinstance(child, RelatedFields)]
                for child in nested:
                    yield f"{prefix}{field.field_name}__{child.field_name}"
                    yield from walk(
                        child.fields, f"{prefix}{field.field_name}__{child.field_name}__"
                    )

    return list(walk(model.get_search_fields(), ""))


def _preload_parental_many_to_many(model: type[Page], objects: Sequence[Page]) -> None:
    """Load ``ParentalManyToManyField`` values (diets) for a chunk in one query per field.

    modelcluster's manager for these fields ignores ``prefetch_related``, and the indexer
    reads each one several times: without this, five queries per page for diets alone.
    Assigning the values puts them in the page's in-memory cluster, which the indexer reads.
    """
    for field in model._meta.get_fields():
        if not isinstance(field, ParentalManyToManyField):
            continue
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = field.remote_field.through.objects.filter(**{f"{source}__in": objects})
        values: dict[int, list] = defaultdict(list)
        for link in links.select_related(target):
            values[getattr(link, f"{source}_id")].append(getattr(link, target))
        for page in objects:
            setattr(page, field.name, values[page.pk])

"""Popular searches for editors, counted without a database write per search.

Each process counts searches in memory and writes them to Wagtail's search-terms tables
(``wagtail.contrib.search_promotions``: ``Query`` and ``QueryDailyHits``) in one batch
every ``FLUSH_EVERY`` searches or ``FLUSH_INTERVAL`` seconds, whichever comes first. A
batch is a handful of queries however many distinct searches it holds, and counts are
added in SQL (``hits = hits + n``), so workers flushing at once never lose each other's
counts. What is stored is capped: queries longer than ``MAX_STORED_LENGTH`` are not
counted, a batch holds at most ``MAX_DISTINCT_PER_BATCH`` distinct queries (later new
ones are dropped until the next flush), and once a day each process deletes daily counts
older than ``WAGTAILSEARCH_HITS_MAX_AGE`` days (30, in settings) and the queries left with
no counts and no promotion. Counts still in memory when a process stops are lost:
popularity is a trend, not an audit.

Readers never see these queries (they would be a channel for spam and worse); readers
see "popular recipes": the recipes editors promoted for the terms searched most in
those days, topped up with the newest.
"""

import logging
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.utils import normalise_query_string

from recipes.models import RecipePage, recipe_cards

logger = logging.getLogger(__name__)

FLUSH_EVERY = 50
FLUSH_INTERVAL = 300.0
MAX_DISTINCT_PER_BATCH = 200
MAX_STORED_LENGTH = 100
GARBAGE_COLLECT_INTERVAL = 24 * 3600.0


class SearchCounter:
    """Counts searches in this process and writes them to the database in batches."""

    def __init__(
        self,
        flush_every: int = FLUSH_EVERY,
        flush_interval: float = FLUSH_INTERVAL,
        max_distinct: int = MAX_DISTINCT_PER_BATCH,
        clock=time.monotonic,
    ):
        self.flush_every = flush_every
        self.flush_interval = flush_interval
        self.max_distinct = max_distinct
        self.clock = clock
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget everything unwritten (tests start from here)."""
        self._counts: Counter[str] = Counter()
        self._searches = 0
        self._batch_started = self.clock()
        self._last_garbage_collect = self.clock()
        self.dropped = 0

    @property
    def pending(self) -> dict[str, int]:
        return dict(self._counts)

    def record(self, query: str) -> None:
        """Count one search; every ``flush_every`` searches, write the batch."""
        key = normalise_query_string(query)
        if not key or len(key) > MAX_STORED_LENGTH:
            return
        with self._lock:
            if key in self._counts or len(self._counts) < self.max_distinct:
                self._counts[key] += 1
            else:
                self.dropped += 1
            self._searches += 1
            due = (
                self._searches >= self.flush_every
                or self.clock() - self._batch_started >= self.flush_interval
            )
            batch = self._take() if due else None
        if batch:
            self._write(batch)

    def flush(self) -> None:
        """Write whatever is counted now (tests and management commands)."""
        with self._lock:
            batch = self._take()
        if batch:
            self._write(batch)

    def _take(self) -> Counter:
        batch, self._counts = self._counts, Counter()
        self._searches = 0
        self._batch_started = self.clock()
        return batch

    def _write(self, batch: Counter) -> None:
        try:
            write_counts(batch, timezone.localdate())
            if self.clock() - self._last_garbage_collect >= GARBAGE_COLLECT_INTERVAL:
                self._last_garbage_collect = self.clock()
                QueryDailyHits.garbage_collect()
                Query.garbage_collect()
        except DatabaseError:
            # A search must never fail because its popularity could not be saved.
            logger.warning("Could not save %d search counts", sum(batch.values()), exc_info=True)


def write_counts(batch: Counter, date) -> None:
    """Add ``batch`` ({normalised query: searches}) to the day's hits: five queries at most."""
    with transaction.atomic():
        Query.objects.bulk_create(
            [Query(query_string=query) for query in batch], ignore_conflicts=True
        )
        ids = dict(
            Query.objects.filter(query_string__in=list(batch)).values_list("query_string", "pk")
        )
        QueryDailyHits.objects.bulk_create(
            [QueryDailyHits(query_id=pk, date=date, hits=0) for pk in ids.values()],
            ignore_conflicts=True,
        )
        queries_by_id = {pk: query for query, pk in ids.items()}
        rows = list(QueryDailyHits.objects.filter(query_id__in=ids.values(), date=date))
        for row in rows:
            row.hits = F("hits") + batch[queries_by_id[row.query_id]]
        QueryDailyHits.objects.bulk_update(rows, ["hits"])


counter = SearchCounter()
record = counter.record


def popular_recipes(limit: int = 4) -> list[RecipePage]:
    """Recipes promoted for the most-searched terms, then the newest: four queries."""
    since = timezone.localdate() - timedelta(days=settings.WAGTAILSEARCH_HITS_MAX_AGE)
    recent_hits = Sum("query__daily_hits__hits", filter=Q(query__daily_hits__date__gte=since))
    promoted = (
        SearchPromotion.objects.filter(
            page__content_type__app_label=RecipePage._meta.app_label,
            page__content_type__model=RecipePage._meta.model_name,
            page__live=True,
        )
        .values("page_id")
        .annotate(hits=recent_hits)
        .order_by(F("hits").desc(nulls_last=True), "page_id")
    )
    promoted_ids = [row["page_id"] for row in promoted[:limit]]
    newest = recipe_cards(RecipePage.objects.all()).order_by("-first_published_at", "-pk")
    cards = list(
        newest.filter(Q(pk__in=promoted_ids) | Q(pk__in=newest.values("pk")[:limit]))
        if promoted_ids
        else newest[:limit]
    )
    rank = {pk: position for position, pk in enumerate(promoted_ids)}
    cards.sort(key=lambda recipe: rank.get(recipe.pk, len(rank)))
    return cards[:limit]

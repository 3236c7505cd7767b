"""What the operators' dashboard shows: hit ratio by page type and cache size."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

from redis import Redis

from foodie.metrics.counters import workers_registry
from foodie.metrics.page_cache import REQUESTS_METRIC, STATUSES


@dataclass
class PageTypeCounts:
    page_type: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def cacheable(self) -> int:
        return self.counts["hit"] + self.counts["miss"]

    @property
    def hit_ratio(self) -> float | None:
        return self.counts["hit"] / self.cacheable if self.cacheable else None


def request_counts() -> list[PageTypeCounts]:
    by_type: dict[str, PageTypeCounts] = defaultdict(lambda: PageTypeCounts(""))
    for metric in workers_registry().collect():
        if metric.name != REQUESTS_METRIC:
            continue
        for sample in metric.samples:
            if not sample.name.endswith("_total"):
                continue
            page_type = sample.labels["page_type"]
            row = by_type[page_type]
            row.page_type = page_type
            row.counts[sample.labels["status"]] += int(sample.value)
    return sorted(by_type.values(), key=lambda row: -sum(row.counts.values()))


def total(rows: list[PageTypeCounts]) -> PageTypeCounts:
    overall = PageTypeCounts("all")
    for row in rows:
        for status in STATUSES:
            overall.counts[status] += row.counts[status]
    return overall


def redis_client(cache: BaseCache) -> Redis | None:
    """The raw redis-py client behind a django-redis cache; None for any other backend."""
    client = getattr(cache, "client", None)
    return client.get_client(write=True) if hasattr(client, "get_client") else None


def storage() -> dict[str, object]:
    """Entries and memory of the page-cache store (its own Redis database)."""
    cache = caches[settings.WAGTAIL_CACHE_BACKEND]
    redis = redis_client(cache)
    if redis is None:
        entries = len(getattr(cache, "_cache", {}))
        return {"backend": "local memory (this process)", "entries": entries}
    memory = redis.info("memory")
    return {
        "backend": f"Redis database {redis.connection_pool.connection_kwargs.get('db', 0)}",
        "entries": redis.dbsize(),
        "used_memory": memory.get("used_memory_human"),
        "maxmemory": memory.get("maxmemory_human"),
        "maxmemory_policy": memory.get("maxmemory_policy"),
    }

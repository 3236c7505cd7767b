"""Prometheus metrics of the page cache (prometheus_client; multiprocess-safe counters)."""

from prometheus_client import Counter

page_cache_requests = Counter(
    "foodie_page_cache_requests",
    "Requests by page-cache outcome (hit, miss, skip, err) and page type.",
    ["status", "page_type"],
)
page_cache_purges = Counter(
    "foodie_page_cache_purges",
    "Page-cache purges by reason.",
    ["reason"],
)
page_cache_purged_keys = Counter(
    "foodie_page_cache_purged_keys",
    "Cache entries deleted by purges, by reason.",
    ["reason"],
)

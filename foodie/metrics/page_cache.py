"""Prometheus metrics of the page cache (prometheus_client; multiprocess-safe counters).

Every series the code can produce is created at 0 when the page-cache app starts
(``initialise_series``, called by ``foodie.cache.apps``): a counter that appears at 1
shows no increase to ``rate()`` and ``increase()``, so the first hit, publish or purge
of a kind would never reach a graph.
"""

from collections.abc import Iterable
from enum import StrEnum

from prometheus_client import Counter

# wagtail-cache's X-Wagtail-Cache values: the ``status`` label of the request counter.
STATUSES = ("hit", "miss", "skip", "err")
# The page type of responses that are not a Foodie page (404s, feeds, the sitemap).
OTHER_PAGE_TYPE = "other"


class PurgeReason(StrEnum):
    """Why the page cache was purged: the ``reason`` label of the purge counters."""

    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    DELETE = "delete"
    SLUG_CHANGE = "slug_change"
    MOVE = "move"
    PRIVACY = "privacy"
    REDIRECT = "redirect"
    SETTINGS = "settings"
    SNIPPET = "snippet"
    ADMIN = "admin"
    ADMIN_PAGE = "admin_page"
    BULK_LOAD = "bulk_load"
    RATINGS = "ratings"  # readers' ratings and moderated notes, refreshed in batches


# Named once: the admin's page-cache view reads this family back by name.
REQUESTS_METRIC = "foodie_page_cache_requests"
page_cache_requests = Counter(
    REQUESTS_METRIC,
    "Requests by page-cache outcome (hit, miss, skip, err) and page type.",
    ["status", "page_type"],
)
page_cache_purges = Counter(
    "foodie_page_cache_purges",
    "Page-cache purges by reason.",
    ["reason"],
)
page_cache_purged_paths = Counter(
    "foodie_page_cache_purged_paths",
    "URL paths whose cached pages purges stopped serving, by reason.",
    ["reason"],
)
page_cache_purge_failures = Counter(
    "foodie_page_cache_purge_failures",
    "Purges the page cache's store refused (kept in the database and retried), by reason.",
    ["reason"],
)


def initialise_series(page_types: Iterable[str]) -> None:
    """Create every known label set at 0 (``page_types``: the Foodie page models' labels)."""
    page_types = (*page_types, OTHER_PAGE_TYPE)
    for status in STATUSES:
        for page_type in page_types:
            page_cache_requests.labels(status=status, page_type=page_type)
    for reason in PurgeReason:
        page_cache_purges.labels(reason=reason)
        page_cache_purged_paths.labels(reason=reason)
        page_cache_purge_failures.labels(reason=reason)

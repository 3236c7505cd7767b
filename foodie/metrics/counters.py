import os
from collections.abc import Iterable

from prometheus_client import REGISTRY, CollectorRegistry, Counter
from prometheus_client.multiprocess import MultiProcessCollector

pages_published = Counter(
    "foodie_pages_published",
    "Pages published (including scheduled publishing and reverts), by page type.",
    ["page_type"],
)


def initialise_series(page_types: Iterable[str]) -> None:
    """Create each page type's series at 0, so its first publish shows in ``increase()``."""
    for page_type in page_types:
        pages_published.labels(page_type=page_type)


def count_publish(sender, instance, **kwargs) -> None:
    pages_published.labels(page_type=instance._meta.label).inc()


def workers_registry() -> CollectorRegistry:
    """Every worker's counters, summed, under Gunicorn (PROMETHEUS_MULTIPROC_DIR set);
    else this process's registry.

    Each worker counts in its own files; only reading them all gives totals that add up
    across workers (django-prometheus documentation/exports.md).
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return registry
    return REGISTRY

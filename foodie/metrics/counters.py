from collections.abc import Iterable

from prometheus_client import Counter

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

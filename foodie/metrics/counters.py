from prometheus_client import Counter

pages_published = Counter(
    "foodie_pages_published",
    "Pages published (including scheduled publishing and reverts), by page type.",
    ["page_type"],
)


def count_publish(sender, instance, **kwargs) -> None:
    pages_published.labels(page_type=instance._meta.label).inc()

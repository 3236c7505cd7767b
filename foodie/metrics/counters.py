import os
from collections.abc import Iterable
from enum import StrEnum

from prometheus_client import REGISTRY, CollectorRegistry, Counter
from prometheus_client.multiprocess import MultiProcessCollector

pages_published = Counter(
    "foodie_pages_published",
    "Pages published (including scheduled publishing and reverts), by page type.",
    ["page_type"],
)


class RatingOutcome(StrEnum):
    """What became of a reader's rating: the ``outcome`` label of ``ratings_submitted``."""

    ACCEPTED = "accepted"
    INVALID = "invalid"  # a 400: bad stars, a note too long or with HTML, not JSON
    HONEYPOT = "honeypot"  # the field only bots fill was filled
    DUPLICATE = "duplicate"  # this reader already rated the recipe today (409)
    RATE_LIMITED = "rate_limited"  # over the reader's allowance (429)


ratings_submitted = Counter(
    "foodie_ratings_submitted",
    "Readers' ratings and cook notes sent to the app, by outcome (accepted, or refused: "
    "invalid, honeypot, duplicate, rate_limited). Nginx's own 429s never reach it.",
    ["outcome"],
)
MODERATION_DECISIONS = ("approved", "rejected")
notes_moderated = Counter(
    "foodie_cook_notes_moderated",
    "Cook notes approved or rejected by editors, by decision.",
    ["decision"],
)


def initialise_series(page_types: Iterable[str]) -> None:
    """Create every series at 0 (each page type's, each rating outcome's), so the first
    increment shows in ``increase()``."""
    for page_type in page_types:
        pages_published.labels(page_type=page_type)
    for outcome in RatingOutcome:
        ratings_submitted.labels(outcome=outcome)
    for decision in MODERATION_DECISIONS:
        notes_moderated.labels(decision=decision)


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

"""/metrics: never cached, with content gauges (who may read it: test_metrics_access)."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from foodie.metrics.page_cache import STATUSES, PurgeReason
from recipes.factories import RecipeIndexPageFactory, RecipePageFactory

pytestmark = pytest.mark.django_db


def samples(response) -> dict[tuple, float]:
    found = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_live_page_gauges_count_at_scrape_time(client, site):
    home = site.root_page.specific
    index = RecipeIndexPageFactory(parent=home)
    for _ in range(3):
        RecipePageFactory(parent=index)
    RecipePageFactory(parent=index).unpublish()
    ArticlePageFactory(parent=ArticleIndexPageFactory(parent=home))
    values = samples(client.get("/metrics"))
    assert values[("foodie_live_pages", (("page_type", "recipes.RecipePage"),))] == 3
    assert values[("foodie_live_pages", (("page_type", "blog.ArticlePage"),))] == 1


def test_publishes_are_counted_by_page_type(client, site):
    def published() -> float:
        key = ("foodie_pages_published_total", (("page_type", "recipes.RecipePage"),))
        return samples(client.get("/metrics")).get(key, 0)

    before = published()
    index = RecipeIndexPageFactory(parent=site.root_page)
    recipe = RecipePageFactory(parent=index)  # the factory publishes once
    recipe.save_revision().publish()
    assert published() - before == 2


def test_metrics_are_never_page_cached(client, settings):
    settings.WAGTAIL_CACHE = True
    for _ in range(2):
        response = client.get("/metrics")
        assert response.get("X-Wagtail-Cache") in (None, "skip")


def test_every_known_series_is_exported_from_zero(client):
    """A series that first appears at 1 shows no increase to rate(): the first hit,
    purge or publish of each kind would never reach a graph."""
    values = samples(client.get("/metrics"))
    for status in STATUSES:
        for page_type in ("home.StandardPage", "recipes.RecipeIndexPage", "other"):
            labels = (("page_type", page_type), ("status", status))
            assert ("foodie_page_cache_requests_total", labels) in values
    for reason in PurgeReason:
        for name in ("foodie_page_cache_purges_total", "foodie_page_cache_purged_paths_total"):
            assert (name, (("reason", reason.value),)) in values
    for page_type in ("home.HomePage", "blog.ArticlePage", "recipes.RecipePage"):
        assert ("foodie_pages_published_total", (("page_type", page_type),)) in values

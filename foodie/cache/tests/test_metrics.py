"""Page-cache outcomes are counted by status and page type, hits included."""

from django.test import override_settings

import pytest
from prometheus_client import REGISTRY

from ..purge import purge_paths

pytestmark = pytest.mark.django_db


def count(status: str, page_type: str) -> float:
    labels = {"status": status, "page_type": page_type}
    return REGISTRY.get_sample_value("foodie_page_cache_requests_total", labels) or 0.0


def test_requests_are_counted_by_status_and_page_type(client, tree, django_user_model):
    recipe, standard = "recipes.RecipePage", "home.StandardPage"
    before = {
        (status, kind): count(status, kind)
        for status in ("hit", "miss", "skip")
        for kind in (recipe, standard, "other")
    }
    client.get(tree["dal"].url)  # miss
    client.get(tree["dal"].url)  # hit
    client.get(tree["dal"].url)  # hit
    client.get(tree["about"].url + "?unknown=1")  # skip (unused parameter)
    client.get("/no-such-page/")  # skip (a 404 is never stored), no page type
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "x"))
    client.get(tree["about"].url)  # skip: an editor

    def delta(status, kind):
        return count(status, kind) - before[(status, kind)]

    assert delta("miss", recipe) == 1
    assert delta("hit", recipe) == 2
    assert delta("skip", standard) == 2
    assert delta("skip", "other") == 1


def test_errors_are_counted(client, tree):
    broken = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pagecache": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
        },
    }
    before = count("err", "recipes.RecipePage")
    with override_settings(CACHES=broken):
        assert client.get(tree["dal"].url).status_code == 200
    assert count("err", "recipes.RecipePage") - before == 1


def test_purges_and_purged_paths_are_counted(client, tree):
    purged = "foodie_page_cache_purged_paths_total"
    purges = REGISTRY.get_sample_value("foodie_page_cache_purges_total", {"reason": "test"}) or 0
    paths = REGISTRY.get_sample_value(purged, {"reason": "test"}) or 0
    assert purge_paths({tree["about"].url, tree["dal"].url}, "test") == 2
    assert (
        REGISTRY.get_sample_value("foodie_page_cache_purges_total", {"reason": "test"})
        == purges + 1
    )
    assert REGISTRY.get_sample_value(purged, {"reason": "test"}) == paths + 2

"""The real services CI provides: PostgreSQL and Redis.

They skip without DATABASE_URL / REDIS_URL, and fail instead of skipping when
FOODIE_REQUIRE_SERVICES=1 (see conftest.py), so CI proves it used them.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.html import strip_tags

from wagtail.models import Page

import pytest

from home.factories import StandardPageFactory
from home.models import HomePage


@pytest.mark.postgres
@pytest.mark.django_db
def test_suite_runs_on_postgresql(home_page):
    assert connection.vendor == "postgresql"
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000
    StandardPageFactory(parent=home_page, title="Postgres page")
    assert Page.objects.live().descendant_of(home_page).count() == 1
    assert HomePage.objects.get().hero_image_id == home_page.hero_image_id


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_full_text_search(client, home_page):
    StandardPageFactory(parent=home_page, title="Roasted aubergine")
    response = client.get("/search/", {"q": "aubergines"})  # stemmed by PostgreSQL
    assert response.status_code == 200
    # Matched words are highlighted (<mark>), so compare the text readers see.
    assert "Roasted aubergine" in strip_tags(response.content.decode())


@pytest.mark.redis
def test_default_cache_round_trips_through_redis(redis_url):
    from django_redis import get_redis_connection

    assert (
        settings.CACHES["default"]["BACKEND"] == "django_prometheus.cache.backends.redis.RedisCache"
    )
    assert settings.CACHES["default"]["LOCATION"] == redis_url
    key, value = f"test-{uuid.uuid4()}", {"dish": "soup", "servings": 4}
    try:
        cache.set(key, value, timeout=30)
        assert cache.get(key) == value
        # The value really is in Redis, not swallowed by IGNORE_EXCEPTIONS.
        raw = get_redis_connection("default")
        assert raw.ping()
        assert raw.exists(cache.make_key(key)) == 1
    finally:
        cache.delete(key)
    assert cache.get(key) is None

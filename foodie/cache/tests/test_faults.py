"""The site keeps serving when the page-cache Redis refuses or is full (hangs: test_breaker.py)."""

import pytest
import redis

from foodie.cache import breaker

from .redis_process import RedisProcess, redis_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_breaker(settings, monkeypatch):
    """Breakers of this test only, and no cool-down: these tests show what each
    failure costs (test_breaker.py shows the breaker)."""
    monkeypatch.setattr(breaker, "_breakers", {})
    settings.REDIS_BREAKER_COOLDOWN = 0


@pytest.fixture
def server(redis_server, tree):
    return redis_server


def test_refused_connections_serve_uncached_and_recover(client, server, tree, caplog):
    url = tree["dal"].url
    assert client.get(url)["X-Wagtail-Cache"] == "miss"
    server.stop()
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Wagtail-Cache"] == "err"
        assert b"Dal" in response.content
    assert "Could not fetch page from cache backend" in caplog.text
    server.process = None
    server.start()  # same port: the app reconnects without a restart
    assert client.get(url)["X-Wagtail-Cache"] == "miss"
    assert client.get(url)["X-Wagtail-Cache"] == "hit"


def test_a_full_redis_serves_pages_uncached(client, settings, tree, no_breaker):
    process = RedisProcess(maxmemory="2mb").start()
    try:
        settings.CACHES = redis_caches(process.url)
        filler = redis.Redis(port=process.port, db=1)
        with pytest.raises(redis.exceptions.OutOfMemoryError):
            for n in range(10_000):
                filler.set(f"filler:{n}", "x" * 10_000)
        for _ in range(2):
            response = client.get(tree["curry"].url)
            assert response.status_code == 200
            assert response["X-Wagtail-Cache"] == "err"
            assert b"Curry" in response.content
    finally:
        process.stop()

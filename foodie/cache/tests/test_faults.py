"""The site keeps serving when the page-cache Redis refuses, hangs or is full."""

import time

import pytest
import redis

from tests.services import missing_service

from .redis_process import RedisProcess

pytestmark = pytest.mark.django_db


def redis_caches(url: str) -> dict:
    options = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25}
    return {
        # The production backends (foodie/settings/base.py), pointed at this server.
        "default": {
            "BACKEND": "django_prometheus.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, **options},
        },
        "pagecache": {
            "BACKEND": "foodie.cache.backend.PageCacheBackend",
            "LOCATION": url.replace("/0", "/1"),
            "OPTIONS": options,
        },
    }


@pytest.fixture
def server(settings, tree):
    try:
        process = RedisProcess().start()
    except FileNotFoundError as error:
        missing_service(str(error))
    settings.CACHES = redis_caches(process.url)
    yield process
    process.stop()


def timed_get(client, url: str):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


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


def test_a_hung_redis_costs_a_short_timeout_not_a_hang(client, server, tree):
    url = tree["about"].url
    assert client.get(url)["X-Wagtail-Cache"] == "miss"
    server.pause()
    try:
        response, elapsed = timed_get(client, url)
    finally:
        server.resume()
    assert response.status_code == 200
    assert response["X-Wagtail-Cache"] == "err"
    # redis-py's default would block for seconds; the 0.25 s socket timeouts bound it
    # (a generous limit for a noisy machine: this detects a hang, not a slowdown).
    assert elapsed < 2.5
    assert client.get(url)["X-Wagtail-Cache"] == "hit"  # recovered after SIGCONT


def test_a_full_redis_serves_pages_uncached(client, settings, tree):
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

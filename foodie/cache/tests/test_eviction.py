"""Purges hold whatever the store evicts (foodie/cache/generations.py).

A flood of distinct URLs fills a small store while a reader keeps one page hot; then
an editor changes that page. Whatever the flood evicted, no reader may get the old or
private page from the cache afterwards. Run against Redis under ``allkeys-lru`` (the
production setting) and the local-memory backend at its ``MAX_ENTRIES``.
"""

from collections.abc import Callable, Iterator

from django.core.cache import caches

import pytest
import redis

from home.factories import StandardPageFactory
from home.models import StandardPage
from tests.services import missing_service

from .redis_process import RedisProcess

pytestmark = pytest.mark.django_db

FLOOD = 60
SECRET = "Our secret family recipe"


@pytest.fixture
def small_redis(settings) -> Iterator[redis.Redis]:
    try:
        process = RedisProcess(maxmemory="2mb", policy="allkeys-lru").start()
    except FileNotFoundError as error:
        missing_service(str(error))
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "foodie.cache.backend.PageCacheBackend",
            "LOCATION": process.url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
        },
    }
    yield redis.Redis(port=process.port)
    process.stop()


@pytest.fixture
def small_local_memory(settings) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "foodie.cache.backend.LocalPageCacheBackend",
            "LOCATION": "eviction-test",
            "TIMEOUT": settings.PAGE_CACHE_TIMEOUT,  # as in production: eviction, not expiry
            "OPTIONS": {"MAX_ENTRIES": 90},
        },
    }
    caches["pagecache"].clear()


def make_private(page) -> None:
    page.view_restrictions.create(restriction_type="password", password="secret")


def unpublish(page) -> None:
    page.unpublish()


def publish_new_text(page) -> None:
    page.hero_intro = "Now shared with everyone: no secret left."
    page.save_revision().publish()


def move_under_about(page) -> None:
    page.move(page.get_parent().get_children().get(slug="about"), pos="last-child")


def delete(page) -> None:
    page.delete()


EVENTS: dict[str, Callable] = {
    "publish": publish_new_text,
    "unpublish": unpublish,
    "privacy": make_private,
    "move": move_under_about,
    "delete": delete,
}


@pytest.fixture
def flood_pages(home) -> list[str]:
    """Distinct pages, each stored when read: what fills the cache in a flood (URLs
    the cache would not store, such as 404s, fill nothing: test_key_space.py)."""
    text = "<p>" + "A long page fills the cache sooner. " * 600 + "</p>"
    pages = [
        home.add_child(
            instance=StandardPage(title=f"Flood {n}", slug=f"flood-{n}", body=[("paragraph", text)])
        )
        for n in range(FLOOD)
    ]
    return [page.url for page in pages]


def flood_while_reading(client, flood_pages: list[str], url: str) -> None:
    """Every flood page read once, with the hot page read between them; the hot page
    is a hit again at the end (whatever the flood pushed out)."""
    for number, flood_url in enumerate(flood_pages):
        assert client.get(flood_url)["X-Wagtail-Cache"] == "miss"
        if number % 5 == 0:
            client.get(url)
    client.get(url)
    assert client.get(url)["X-Wagtail-Cache"] == "hit"


def assert_flood_evicted(client, flood_pages: list[str]) -> None:
    """The first flood page was pushed out by the later ones (local memory culls the
    least recently used entries, exactly)."""
    assert client.get(flood_pages[0])["X-Wagtail-Cache"] == "miss"


def assert_nothing_stale(client, url: str) -> None:
    """Every event removes the secret from ``url``: no reader may still get it."""
    for _ in range(10):
        assert SECRET.encode() not in client.get(url).content


@pytest.fixture
def hot_page(home):
    StandardPageFactory(parent=home, title="About", slug="about")
    return StandardPageFactory(parent=home, title="Family dal", slug="dal", hero_intro=SECRET)


def warm(client, url: str) -> None:
    assert client.get(url)["X-Wagtail-Cache"] == "miss"
    assert client.get(url)["X-Wagtail-Cache"] == "hit"


@pytest.mark.parametrize("event", EVENTS)
def test_purges_hold_when_redis_evicts(
    client, small_redis, hot_page, flood_pages, event, django_capture_on_commit_callbacks
):
    url = hot_page.url
    warm(client, url)
    flood_while_reading(client, flood_pages, url)
    # Redis's LRU is approximate (sampled): which keys went is not known, that some did is.
    assert small_redis.info("stats")["evicted_keys"] > 0

    with django_capture_on_commit_callbacks(execute=True):
        EVENTS[event](hot_page)

    assert_nothing_stale(client, url)


@pytest.mark.parametrize("event", EVENTS)
def test_purges_hold_when_local_memory_culls(
    client, small_local_memory, hot_page, flood_pages, event, django_capture_on_commit_callbacks
):
    url = hot_page.url
    warm(client, url)
    flood_while_reading(client, flood_pages, url)
    assert_flood_evicted(client, flood_pages)

    with django_capture_on_commit_callbacks(execute=True):
        EVENTS[event](hot_page)

    assert_nothing_stale(client, url)

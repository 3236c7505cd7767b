"""Feeds: one instance (urls.py) serves every thread, so no call may see another's request."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from types import SimpleNamespace
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.test import RequestFactory

from foodie.core.feeds import PageFeed

PUBLISHED = datetime(2026, 1, 1, tzinfo=UTC)


def stub_page(slug: str) -> SimpleNamespace:
    """What PageFeed reads of a page, with URLs built from the request it is given."""
    rendition = SimpleNamespace(url=f"/media/{slug}.jpg", file=SimpleNamespace(size=1))
    return SimpleNamespace(
        title=slug,
        first_published_at=PUBLISHED,
        last_published_at=PUBLISHED,
        hero_image=SimpleNamespace(get_rendition=lambda spec: rendition),
        get_full_url=lambda request: request.build_absolute_uri(f"/{slug}/"),
    )


class BothInsideFeed(PageFeed):
    """Holds each call inside the feed until the other call is inside too."""

    title = "Test feed"
    description = "Two calls at once."
    link = "/"

    def __init__(self) -> None:
        self.both_inside = threading.Barrier(2, timeout=10)

    def get_pages(self) -> list[SimpleNamespace]:
        self.both_inside.wait()
        return [stub_page("dal"), stub_page("curry")]

    def item_summary(self, page: SimpleNamespace) -> str:
        return page.title


def item_urls(response: HttpResponse) -> list[str]:
    items = ET.fromstring(response.content).find("channel").findall("item")
    return [item.findtext("link") for item in items] + [
        item.find("enclosure").get("url") for item in items
    ]


def test_concurrent_calls_each_build_urls_from_their_own_request(settings):
    settings.ALLOWED_HOSTS = ["plain.example", "secure.example"]
    feed = BothInsideFeed()
    factory = RequestFactory()
    requests = {
        "http://plain.example/": factory.get("/feed.xml", HTTP_HOST="plain.example"),
        "https://secure.example/": factory.get(
            "/feed.xml", HTTP_HOST="secure.example", secure=True
        ),
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        calls = {origin: pool.submit(feed, request) for origin, request in requests.items()}
    for origin, call in calls.items():
        urls = item_urls(call.result())
        assert len(urls) == 4
        assert all(url.startswith(origin) for url in urls), urls

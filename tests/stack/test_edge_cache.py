"""The edge cache on the running stack: fresh after every change, served when the app is not.

Through Nginx like a reader: a page, the index that lists it and a page that shows
it (a recipe card, a related recipe) are first stored at the edge (a HIT), then
the recipe is changed from a management shell (the scheduler's and the admin's
publishes go through the same signals) and the very next anonymous request must
show the new state, for each of the three (docs/operators.md "Edge cache").

Then the outages: Gunicorn stopped or overloaded, Redis hung, PostgreSQL down. Stored
pages answer from the edge at once; a page never stored gets what the outage allows
(the friendly 503, a render without the cache, the app's own error page). Each
service is restored however a test ends, and the stack is fully ready before the
next test.
"""

import contextlib
import json
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

import pytest
import requests

from .conftest import Stack
from .test_resilience import gunicorn_workers, hung, stopped, wait_until

CANDIDATES = """
import json
from recipes.models import RecipePage
from foodie.cache.purge import listing_ancestors, referencing_pages
found = []
for recipe in RecipePage.objects.live().public().order_by("-first_published_at")[:40]:
    shows = [p.url for p in referencing_pages(recipe) if p.live and p.url]
    lists = [p.url for p in listing_ancestors(recipe) if p.live and p.url]
    if shows and lists:
        found.append({"id": recipe.id, "url": recipe.url, "title": recipe.title,
                      "shows": shows[0], "lists": lists[0]})
print(json.dumps(found))
"""


def change(stack, recipe_id: int, code: str) -> None:
    stack.shell(
        "from recipes.models import RecipePage;"
        "from wagtail.models import PageViewRestriction;"
        f"page = RecipePage.objects.get(id={recipe_id});" + code + ";print('ok')"
    )


def edge_status(client, url: str) -> str:
    return client.get(url).headers.get("X-Edge-Cache", "")


def warm(client, *urls: str) -> None:
    """Each URL is at the edge: its next request is a HIT."""
    for url in urls:
        for _ in range(3):
            if edge_status(client, url) == "HIT":
                break
        else:
            pytest.fail(f"{url} is never stored at the edge")


@pytest.fixture
def recipe(stack, client):
    """A recipe, a page that lists it and a page that shows it, all stored at the edge."""
    candidates = json.loads(stack.shell(CANDIDATES))
    for candidate in candidates:
        urls = [stack.url + candidate[key] for key in ("url", "lists", "shows")]
        if all(candidate["url"] in client.get(url).text for url in urls[1:]):
            break
    else:
        pytest.skip("the demo content has no recipe that is both listed and shown")
    candidate["urls"] = urls
    yield candidate
    change(
        stack, candidate["id"],
        "PageViewRestriction.objects.filter(page=page).delete();"
        f"page.title = {candidate['title']!r};"
        "page.save_revision().publish()",
    )  # fmt: skip


def test_publish_unpublish_and_privacy_reach_readers_at_once(stack, client, recipe):
    page_url, listing_url, showing_url = recipe["urls"]
    stale = []

    def check(url: str, ok, what: str) -> None:
        response = client.get(url)
        if not ok(response):
            stale.append(
                f"{what}: {url} ({response.status_code}, {response.headers.get('X-Edge-Cache')})"
            )

    # Publish a new title.
    warm(client, *recipe["urls"])
    title = f"{recipe['title']} (edge {time.monotonic_ns()})"
    change(stack, recipe["id"], f"page.title = {title!r}; page.save_revision().publish()")
    for url in recipe["urls"]:
        check(url, lambda r: title in r.text, "published title missing")

    # Unpublish: gone from its URL and from the pages that listed or showed it.
    warm(client, *recipe["urls"])
    change(stack, recipe["id"], "page.unpublish()")
    check(page_url, lambda r: r.status_code == 404, "unpublished page served")
    for url in (listing_url, showing_url):
        check(url, lambda r: recipe["url"] not in r.text, "unpublished page still linked")

    # Publish again, then make it private (a password).
    change(stack, recipe["id"], "page.save_revision().publish()")
    warm(client, *recipe["urls"])
    change(stack, recipe["id"], "PageViewRestriction.objects.create(page=page, "
                                "restriction_type='password', password='edge-test')")  # fmt: skip
    check(page_url, lambda r: 'name="password"' in r.text, "private page served")
    check(page_url, lambda r: r.headers.get("X-Edge-Cache") != "HIT", "private page from the edge")
    for url in (listing_url, showing_url):
        check(url, lambda r: recipe["url"] not in r.text, "private page still linked")

    assert not stale, stale


def test_a_url_with_a_query_string_is_left_to_the_page_cache(stack, client):
    """Never looked up at the edge (the app never lets one be stored): a lookup would
    queue every request for a hot URL behind proxy_cache_lock, polled every 500 ms."""
    url = stack.url + f"/recipes/?utm_source=edge-test-{time.monotonic_ns()}"
    responses = [client.get(url) for _ in range(3)]
    assert [r.headers.get("X-Edge-Cache") for r in responses] == ["BYPASS"] * 3
    assert responses[-1].headers.get("X-Wagtail-Cache") == "hit"


@contextlib.contextmanager
def overloaded(stack):
    """Every Gunicorn worker busy: each one stopped (SIGSTOP), so the kernel still
    accepts connections into Gunicorn's backlog and nothing answers, while the master
    runs on, as in a real overload. Continued however the block ends (well within
    Gunicorn's 60 s worker timeout, so the master replaces none)."""
    with contextlib.ExitStack() as workers:
        for pid in gunicorn_workers(stack.pid("gunicorn")):
            workers.enter_context(hung(pid))
        yield


def friendly_503(response: requests.Response) -> None:
    """Nginx's own answer when the app is down or times out (its 502 or 504 made our page)."""
    assert response.status_code == 503
    assert "Foodie will be back shortly" in response.text
    assert response.headers["Retry-After"] == "30"


def rendered_without_the_cache(response: requests.Response) -> None:
    """The app renders it without the page cache: its breakers keep the hung Redis out
    of the way (docs/operators.md "A hung Redis")."""
    assert response.status_code == 200
    assert response.headers["X-Wagtail-Cache"] in {"err", "skip"}


def the_apps_error_page(response: requests.Response) -> None:
    """The app's own 500 page (templates/500.html, no database needed), passed on as
    it is: Nginx replaces only its own 502 and 504."""
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text


@dataclass(frozen=True)
class Outage:
    """A failure to run a test under: ``cause(stack)`` holds it, ``owns`` names the
    service the stack must run itself."""

    cause: Callable[[Stack], AbstractContextManager]
    owns: str | None
    # What a page never stored at the edge gets, or None: with Gunicorn overloaded it
    # waits for the app (proxy_read_timeout, 65 s, then the friendly 503); the test
    # does not wait that long (docs/operators.md "Edge cache").
    never_stored: Callable[[requests.Response], None] | None


OUTAGES = {
    "gunicorn-stopped": Outage(lambda stack: stopped(stack, "gunicorn"), None, friendly_503),
    "gunicorn-overloaded": Outage(overloaded, None, None),
    "redis-hung": Outage(lambda stack: hung(stack.pid("redis")), "redis",
                         rendered_without_the_cache),
    "postgres-down": Outage(lambda stack: stopped(stack, "postgres"), "postgres",
                            the_apps_error_page),
}  # fmt: skip


@pytest.fixture
def recovers(stack, client):
    """After the test, however it ended: the stack is fully ready again (every service
    back, Redis's breakers closed), so the next test finds it whole."""
    yield

    def fully_ready() -> bool:
        response = client.get(stack.url + "/ready/", timeout=10)
        return response.status_code == 200 and response.json()["status"] == "ok"

    wait_until(fully_ready, 30, "the stack was not ready again within 30 s")


@pytest.mark.parametrize("outage", OUTAGES.values(), ids=OUTAGES.keys())
def test_stored_pages_answer_at_nginx_speed_whatever_fails(
    stack, client, owned, recipe, recovers, outage
):
    if outage.owns:
        owned(outage.owns)
    warm(client, *recipe["urls"])
    never_stored = stack.url + f"/recipes/?page=1&edge-test={time.monotonic_ns()}"

    stored = []
    with outage.cause(stack):
        for url in recipe["urls"]:
            started = time.monotonic()
            response = client.get(url, timeout=30)
            stored.append((url, response.headers.get("X-Edge-Cache"), time.monotonic() - started))
            assert response.status_code == 200, url
            assert recipe["title"] in response.text or recipe["url"] in response.text
        if outage.never_stored:
            outage.never_stored(client.get(never_stored, timeout=30))

    # From the edge, at Nginx speed: no wait on the failed service.
    assert all(status == "HIT" and seconds < 1 for _, status, seconds in stored), stored


def test_a_page_made_private_is_never_served_stale_with_the_app_down(
    stack, client, recipe, recovers
):
    page_url = recipe["urls"][0]
    warm(client, page_url)
    change(stack, recipe["id"], "PageViewRestriction.objects.create(page=page, "
                                "restriction_type='password', password='edge-test')")  # fmt: skip
    with stopped(stack, "gunicorn"):
        response = client.get(page_url, timeout=30)
    friendly_503(response)
    assert recipe["title"] not in response.text

"""Readers' ratings through the whole stack: the token, Nginx's and the app's limits, and
the batched refresh that purges the recipe from both caches (docs/operators.md,
"Ratings and cook notes")."""

import json
import re
import time
from urllib.parse import urlsplit

import pytest

NGINX_LIMITED = "<center>nginx</center>"
# Every rating but the demo's (a test stack's readers are these tests).
READERS_RATINGS_DELETED = (
    "from recipes.models import Rating; "
    "print(Rating.objects.exclude(client__startswith='demo-reader-').delete())"
)
RESET_LIMITS = (
    "from django.core.cache import cache; print(cache.delete_pattern('*rate-limit:ratings:*'))"
)


@pytest.fixture
def fresh_allowance(stack):
    """Every test here starts and leaves the stack's reader (127.0.0.1) with a whole
    allowance and without the ratings it made, so the browser journeys and the
    monitoring check can rate the same recipes after it."""
    stack.shell(RESET_LIMITS)
    started = stack.shell("from django.utils import timezone; print(timezone.now().isoformat())")
    stack.shell(READERS_RATINGS_DELETED)  # what an interrupted run may have left
    yield
    stack.shell(
        "from recipes.models import Rating; "
        f"print(Rating.objects.filter(created_at__gte='{started}').delete())"
    )
    stack.shell(RESET_LIMITS)


def post_rating(client, stack, recipe_id: int, body: dict):
    client.cookies.clear()
    token = client.get(stack.url + "/ratings/token/")
    assert token.status_code == 200 and "no-store" in token.headers["Cache-Control"]
    return client.post(
        f"{stack.url}/ratings/{recipe_id}/",
        json=body,
        headers={"X-CSRFToken": token.json()["csrfToken"], "Referer": stack.url + "/"},
    )


def rating_count(client, url: str) -> int:
    client.cookies.clear()
    html = client.get(url).text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    return data.get("aggregateRating", {}).get("ratingCount", 0)


def recipes(client, stack) -> list[dict]:
    listing = client.get(stack.url + "/api/v2/pages/?type=recipes.RecipePage&limit=50")
    return listing.json()["items"]


def test_a_rating_reaches_both_caches_within_a_scheduler_tick(stack, client, fresh_allowance):
    interval = float(stack.env.get("STACK_SCHEDULER_INTERVAL", 10))
    recipe = recipes(client, stack)[0]
    url = stack.url + urlsplit(recipe["meta"]["html_url"]).path
    before = rating_count(client, url)
    rating_count(client, url)  # stored at the edge and in the page cache

    response = post_rating(client, stack, recipe["id"], {"stars": 5, "made_it": True})

    assert response.status_code == 201, response.text
    deadline = time.monotonic() + 3 * interval + 15
    while rating_count(client, url) != before + 1:
        assert time.monotonic() < deadline, "the rating never showed on the page"
        time.sleep(1)


def test_a_flood_is_stopped_by_nginx_and_stores_at_most_one(stack, client, fresh_allowance):
    recipe = recipes(client, stack)[-1]
    assert post_rating(client, stack, recipe["id"], {"stars": 2}).status_code == 201
    client.cookies.clear()
    token = client.get(stack.url + "/ratings/token/").json()["csrfToken"]
    headers = {"X-CSRFToken": token, "Referer": stack.url + "/"}

    responses = [
        client.post(f"{stack.url}/ratings/{recipe['id']}/", json={"stars": 1}, headers=headers)
        for _ in range(30)
    ]

    by_nginx = [r for r in responses if r.status_code == 429 and NGINX_LIMITED in r.text]
    nodes = len(stack.state["nodes"])
    assert len(by_nginx) >= 30 - 7 * nodes  # each node's edge lets a burst of 5 (+1) by
    by_app = [r for r in responses if r not in by_nginx]
    assert by_app, "Nginx let none through"
    assert {r.status_code for r in by_app} <= {409, 429}  # one rating a day, whatever the flood
    assert all(r.json()["message"] for r in by_app)

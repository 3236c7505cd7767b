"""The Foodie traffic mix for Locust (`make load`, `make chaos`, `make soak`).

Readers browse the home page, listings (recipes with filters, articles), recipes and
articles with their images, and search with suggestions; a few editors log in to the
admin and save drafts, preview and publish; bots ask for junk URLs. Every request is
appended to LOADTEST_REQUEST_LOG (CSV: when the answer arrived, route, ms, failed,
status, edge and page cache headers), from which loadtest/run.py computes its tables
and fault windows.

Environment: LOADTEST_ADMIN_PASSWORD (the stack's admin), LOADTEST_CA (its TLS
certificate; FastHttpUser's readers and bots do not verify it), LOADTEST_EDITORS (how
many editor users, default 2), LOADTEST_EDITOR_WAIT (seconds between an editor's
publishes, default 20), LOADTEST_STEPS (``users:seconds,...``: the ramp the shape
follows, stopping once the last 10 s' p95 passes LOADTEST_STOP_P95_MS; unset, the
command line's users and run time apply).
"""

from __future__ import annotations

import csv
import itertools
import os
import random
import re
import time
from typing import Any

from locust import FastHttpUser, HttpUser, LoadTestShape, between, events, task

from loadtest.admin_form import edit_form_data

LOG_PATH = os.environ.get("LOADTEST_REQUEST_LOG", "")
CA = os.environ.get("LOADTEST_CA") or True
EDIT_MARK = re.compile(r" \(edit \d+\)$")
IMAGE = re.compile(r'src="(/media/images/[^"]+)"')
FILTERS = {
    "course": ["breakfast", "main", "dessert", "baking"],
    "cuisine": ["italian", "indian", "mexican", "japanese", "french"],
    "difficulty": ["easy", "medium", "hard"],
    "max_time": ["15", "30", "60", "120"],
}
SEARCH_WORDS = ["pasta", "chicken", "salt", "curry", "bread", "soup", "cake", "rice"]
JUNK = ["/wp-login.php", "/.env", "/xmlrpc.php", "/admin.php", "/recipes/no-such-recipe/",
        "/.git/config", "/phpmyadmin/", "/articles/old-post-2019/"]  # fmt: skip

_log_file = open(LOG_PATH, "a", newline="") if LOG_PATH else None  # noqa: SIM115
_log = csv.writer(_log_file) if _log_file else None
pages: dict[str, list[str]] = {"recipes": [], "articles": []}
article_ids: list[int] = []
editor_numbers = itertools.count()
STEPS = [
    tuple(map(int, step.split(":")))
    for step in os.environ.get("LOADTEST_STEPS", "").split(",")
    if step
]


@events.request.add_listener
def log_request(
    name: str, response_time: float, response: Any, exception: Any, start_time: float, **_: Any
) -> None:
    """Log when the answer arrived: the start plus the response time. Locust fires this
    event later for a ``catch_response`` block (after the block's own work, such as
    reading the edit form), so the clock at firing would misplace the request."""
    if _log is None:
        return
    headers = getattr(response, "headers", None) or {}
    status = getattr(response, "status_code", 0) or 0
    edge, page_cache = headers.get("X-Edge-Cache", ""), headers.get("X-Wagtail-Cache", "")
    failed = int(exception is not None)
    arrived = f"{start_time + response_time / 1000:.3f}"
    _log.writerow([arrived, name, round(response_time), failed, status, edge, page_cache])


@events.quitting.add_listener
def close_log(**_: Any) -> None:
    if _log_file:
        _log_file.close()


@events.test_start.add_listener
def find_pages(environment: Any, **_: Any) -> None:
    """Every live recipe and article, from the (uncached) API, before the users start."""
    import requests  # Locust's own dependency; the API read is not part of the load.

    session = requests.Session()
    session.trust_env = False
    for kind, model in (("recipes", "recipes.RecipePage"), ("articles", "blog.ArticlePage")):
        items: list[dict] = []
        while len(items) < 200:  # the API's pages hold 50 at most
            url = f"{environment.host}/api/v2/pages/?type={model}&limit=50&offset={len(items)}"
            batch = session.get(url, verify=CA, timeout=30).json()["items"]
            items += batch
            if len(batch) < 50:
                break
        pages[kind] = ["/" + item["meta"]["html_url"].split("/", 3)[3] for item in items]
        if kind == "articles":
            article_ids[:] = [item["id"] for item in items]


class Reader(FastHttpUser):
    """An anonymous reader: mostly pages the caches hold, some filters and searches."""

    weight = 20
    wait_time = between(1, 4)

    def _page_with_images(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            images = IMAGE.findall(response.text or "")
        for image in images[:3]:
            self.client.get(image, name="image")

    @task(4)
    def home(self) -> None:
        self._page_with_images("/", "home")

    @task(3)
    def recipe(self) -> None:
        self._page_with_images(random.choice(pages["recipes"]), "recipe")

    @task(2)
    def article(self) -> None:
        self._page_with_images(random.choice(pages["articles"]), "article")

    @task(2)
    def listing(self) -> None:
        self._page_with_images(random.choice(["/recipes/", "/articles/"]), "listing")

    @task(2)
    def filtered_listing(self) -> None:
        name = random.choice(list(FILTERS))
        self.client.get(f"/recipes/?{name}={random.choice(FILTERS[name])}", name="listing filtered")

    @task(2)
    def search(self) -> None:
        word = random.choice(SEARCH_WORDS)
        for length in (3, 4):
            self.client.get(f"/search/suggest/?q={word[:length]}", name="search suggest")
        self.client.get(f"/search/?q={word}", name="search")


class Bot(FastHttpUser):
    """A scanner: junk URLs, answered 404 (anything else is a failure)."""

    weight = 2
    wait_time = between(0.5, 2)

    @task
    def junk(self) -> None:
        with self.client.get(random.choice(JUNK), name="junk", catch_response=True) as response:
            if response.status_code == 404:
                response.success()
            else:
                response.failure(f"status {response.status_code}, not 404")


class Editor(HttpUser):
    """An editor with an article of their own: edits the title, previews it, saves a
    draft, then publishes it, through the admin's own forms (requests' session, for
    its cookie and form handling)."""

    fixed_count = int(os.environ.get("LOADTEST_EDITORS", "2"))
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.client.verify = CA
        self.client.trust_env = False
        self.article = article_ids[next(editor_numbers) % len(article_ids)]
        self.edits = 0
        self.next_publish = 0.0
        self.log_in()

    def log_in(self) -> None:
        self.client.get("/admin/login/", name="admin login")
        self.client.post(
            "/admin/login/",
            data={"username": "admin", "password": os.environ["LOADTEST_ADMIN_PASSWORD"],
                  "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={"Referer": f"{self.host}/admin/login/"},
            name="admin login",
        )  # fmt: skip

    def edit_form(self) -> list[tuple[str, str]] | None:
        with self.client.get(f"/admin/pages/{self.article}/edit/", name="admin edit",
                             catch_response=True) as response:  # fmt: skip
            if "/admin/login/" in (response.url or ""):
                response.success()
                self.log_in()
                return None
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return None
            return edit_form_data(response.text)

    @task
    def edit_and_publish(self) -> None:
        if time.monotonic() < self.next_publish:
            self.client.get("/admin/", name="admin dashboard")
            return
        form = self.edit_form()
        if form is None:
            return
        self.edits += 1
        form = [(k, EDIT_MARK.sub("", v) + f" (edit {self.edits})" if k == "title" else v)
                for k, v in form]  # fmt: skip
        edit_url = f"/admin/pages/{self.article}/edit/"
        headers = {"Referer": self.host + edit_url}
        self.client.post(edit_url + "preview/", data=form, headers=headers, name="admin preview")
        self.client.get(edit_url + "preview/?mode=", name="admin preview")
        self.post_form(edit_url, form, headers, "admin save draft")
        form = self.edit_form()
        if form is not None:
            self.post_form(
                edit_url, [*form, ("action-publish", "action-publish")], headers, "admin publish"
            )
        self.next_publish = time.monotonic() + float(os.environ.get("LOADTEST_EDITOR_WAIT", "20"))

    def post_form(self, url: str, form: list, headers: dict, name: str) -> None:
        """A save answers with a redirect; the edit view again (200) means it was refused."""
        with self.client.post(url, data=form, headers=headers, name=name, allow_redirects=False,
                              catch_response=True) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"status {response.status_code}, not a redirect")


if STEPS:

    class Steps(LoadTestShape):
        """LOADTEST_STEPS' ramp, spawning a fifth of a step's users a second; stops once
        the last 10 s' p95 passes LOADTEST_STOP_P95_MS (after the first step's warm-up)."""

        stop_p95_ms = float(os.environ.get("LOADTEST_STOP_P95_MS", "1000"))

        def tick(self) -> tuple[int, float] | None:
            elapsed = self.get_run_time()
            ends = list(itertools.accumulate(seconds for _, seconds in STEPS))
            step = next((n for n, end in enumerate(ends) if elapsed < end), None)
            if step is None:
                return None
            p95 = self.runner.stats.total.get_current_response_time_percentile(0.95) or 0
            if step > 0 and p95 > self.stop_p95_ms:
                return None
            users = STEPS[step][0]
            return users, max(users / 5, 1)

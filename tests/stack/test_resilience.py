"""Reloads, restarts and failures under load: what readers see while they happen.

Load is wrk on loopback, bounded in time (tests/stack/load.py).
"""

import contextlib
import math
import os
import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from .load import Load


def gunicorn_workers(master: int) -> set[int]:
    workers = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == master and fields[0] != "Z":
            workers.add(int(stat.parent.name))
    return workers


def wait_until(condition, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(message)


def test_gunicorn_reload_under_load_drops_no_request(stack):
    master = stack.pid("gunicorn")
    before = gunicorn_workers(master)
    load = Load(stack.url + "/recipes/", seconds=8)

    time.sleep(2)
    os.kill(master, signal.SIGHUP)
    time.sleep(3)
    os.kill(master, signal.SIGHUP)
    result = load.result()

    assert result.requests > 500, result.output
    assert result.failed == 0, result.output
    # Every worker was replaced; the old ones finish their requests and leave.
    wait_until(
        lambda: (
            not before & gunicorn_workers(master) and len(gunicorn_workers(master)) == len(before)
        ),
        30,
        "the old workers did not all exit after the reload",
    )


def test_rolling_worker_restart_under_load_drops_no_request(stack):
    master = stack.pid("gunicorn")
    workers = gunicorn_workers(master)
    load = Load(stack.url + "/articles/", seconds=8)

    time.sleep(1)
    for worker in sorted(workers):
        # Finishes its request, then exits (unless max_requests recycled it already).
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signal.SIGTERM)
        wait_until(
            lambda w=worker: (
                w not in gunicorn_workers(master) and len(gunicorn_workers(master)) == len(workers)
            ),
            15,
            f"worker {worker} was not replaced",
        )
    result = load.result()

    assert result.failed == 0, result.output
    assert not workers & gunicorn_workers(master)


def terminate_backends(database_url: str) -> int:
    """Terminate every other connection to the database, then wait until their backends
    have exited, so that a request started after this returns meets none."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        pids = [pid for pid, _ in connection.execute(
            "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )]  # fmt: skip
        deadline = time.monotonic() + 5
        while connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids]
        ).fetchone()[0]:  # fmt: skip
            if time.monotonic() > deadline:
                raise RuntimeError(f"terminated backends still running after 5 s: {pids}")
            time.sleep(0.002)
    return len(pids)


def test_killed_database_connections_are_replaced_under_load(stack):
    # The API is never cached: every request queries PostgreSQL.
    url = stack.url + "/api/v2/pages/?limit=5"
    load = Load(url, seconds=6)
    killed = 0
    for _ in range(3):
        time.sleep(1.5)
        killed += terminate_backends(stack.env["DATABASE_URL"])
    during = load.result()

    after = Load(url, seconds=3).result()

    assert killed >= 3, "the load held no database connections to kill"
    # A query in flight at the moment its backend dies can fail; nothing else may.
    assert during.server_errors <= killed, during.output
    assert after.requests > 10
    assert after.failed == 0, after.output


@contextlib.contextmanager
def stopped(stack, service: str):
    """Run the block with ``service`` stopped; start it again however the block ends."""
    result = stack.runner("stop-service", service)
    assert result.returncode == 0, result.stdout + result.stderr
    try:
        yield
    finally:
        result = stack.runner("start-service", service)
        assert result.returncode == 0, result.stdout + result.stderr


def test_database_down_makes_ready_fail_while_cached_pages_are_served(stack, client, owned):
    owned("postgres")
    cached = stack.url + "/recipes/"
    client.get(cached)
    # The page cache's tier (Gunicorn itself): Nginx's edge cache would answer anyway.
    stack.app_get("/recipes/")
    assert stack.app_get("/recipes/").headers["X-Wagtail-Cache"] == "hit"

    with stopped(stack, "postgres"):
        ready = client.get(stack.url + "/ready/")
        assert ready.status_code == 503
        assert ready.json()["checks"]["database"]["status"] == "error"
        assert ready.elapsed.total_seconds() < 5
        assert client.get(stack.url + "/health/").status_code == 200
        assert client.get(cached).status_code == 200
        page = stack.app_get("/recipes/")
        assert page.status_code == 200
        assert page.headers["X-Wagtail-Cache"] == "hit"

    wait_until(
        lambda: client.get(stack.url + "/ready/").status_code == 200,
        30,
        "/ready/ did not recover after PostgreSQL came back",
    )
    assert client.get(stack.url + "/api/v2/pages/").status_code == 200


def test_redis_down_is_degraded_but_ready(stack, client, owned):
    owned("redis")
    with stopped(stack, "redis"):
        ready = client.get(stack.url + "/ready/")
        assert ready.status_code == 200
        assert ready.json()["status"] == "degraded"
        assert client.get(stack.url + "/articles/").status_code == 200
        page = stack.app_get("/articles/")  # the page cache's tier, behind the edge
        assert page.status_code == 200
        assert page.headers["X-Wagtail-Cache"] == "err"

    wait_until(
        lambda: client.get(stack.url + "/ready/").json()["status"] == "ok",
        15,
        "/ready/ did not report ok after Redis came back",
    )


@contextlib.contextmanager
def hung(pid: int):
    """Run the block with the process stopped (SIGSTOP: it accepts connections and never
    answers); continue it however the block ends."""
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def p95(durations: list[float]) -> float:
    ordered = sorted(durations)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def circuit_open(stack) -> float | None:
    """foodie_redis_circuit_open for the stack's Redis, as Gunicorn exports it to the
    scraper (by the Host name ALLOWED_HOSTS accepts)."""
    port = stack.env["GUNICORN_BIND"].rpartition(":")[2]
    metrics = requests.get(f"http://localhost:{port}/metrics", timeout=5)
    metrics.raise_for_status()
    server = urlsplit(stack.env["REDIS_URL"]).netloc
    for family in text_string_to_metric_families(metrics.text):
        if family.name == "foodie_redis_circuit_open":
            for sample in family.samples:
                if sample.labels["server"] == server:
                    return sample.value
    return None


def test_a_hung_redis_leaves_pages_at_their_uncached_speed(stack, client, owned):
    owned("redis")
    recipes = client.get(stack.url + "/recipes/")
    slug = re.search(r'href="/recipes/([a-z0-9-]+)/"', recipes.text)[1]
    # Gunicorn itself (the page cache's tier): Nginx's edge cache would answer the
    # home page and the recipe without asking the app.
    search = f"/search/?q={slug.split('-')[0]}"
    pages = {"home": "/", "recipe": f"/recipes/{slug}/", "search": search}
    for path in pages.values():
        stack.app_get(path)
    wait_until(
        lambda: stack.app_get(pages["recipe"]).headers["X-Wagtail-Cache"] == "hit",
        10,
        "the recipe did not become a page-cache hit",
    )

    def fetch(name: str) -> tuple[str, float, requests.Response]:
        started = time.monotonic()
        response = stack.app_get(pages[name])
        return name, time.monotonic() - started, response

    # Two readers at a time (one per core of a CI runner), long enough for every
    # worker's breaker to open, cool down and try Redis again (REDIS_BREAKER_COOLDOWN
    # is 3 s) several times.
    plan = list(pages) * 50
    with hung(stack.pid("redis")):
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(fetch, plan))
        while_hung = circuit_open(stack)

    durations = {name: [] for name in pages}
    for name, seconds, response in results:
        assert response.status_code == 200, (name, response.status_code)
        durations[name].append(seconds)
    statuses = {response.headers.get("X-Wagtail-Cache") for _, _, response in results}
    assert statuses <= {"err", "skip"}, statuses  # Redis really was out of the picture
    report = {name: round(p95(values), 3) for name, values in durations.items()}
    print(f"p95 with Redis stopped (s): {report}")
    assert all(value < 1 for value in report.values()), report
    assert while_hung == 1

    # Full service within seconds of SIGCONT: each worker's next trial call closes it.
    resumed = time.monotonic()
    wait_until(
        lambda: all(
            stack.app_get(pages[name]).headers["X-Wagtail-Cache"] == "hit"
            for name in ("home", "recipe")
            for _ in range(4)
        ),
        10,
        "pages were not served from the cache again within 10 s of SIGCONT",
    )
    print(f"cache hits again {time.monotonic() - resumed:.1f} s after SIGCONT")
    wait_until(
        lambda: [stack.app_get(pages["home"]) for _ in range(8)] and circuit_open(stack) == 0,
        15,
        "foodie_redis_circuit_open did not return to 0 after Redis came back",
    )

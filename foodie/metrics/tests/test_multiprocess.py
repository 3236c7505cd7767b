"""Counters add up exactly across Gunicorn workers, on every scrape and after a reload.

Starts the real Gunicorn (gunicorn.conf.py, 3 workers, PROMETHEUS_MULTIPROC_DIR)
against a throwaway SQLite database and a real Redis page cache, sends requests of
known kinds, tallies what the responses said, and compares every scrape with it.
"""

import collections
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families

from tests.services import missing_service

ROOT = Path(__file__).resolve().parents[3]
WORKERS = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        missing_service("needs Redis (REDIS_URL) for a page cache shared by the workers")
    base = redis_url.rsplit("/", 1)[0]
    for db in (14, 15):
        redis.Redis.from_url(f"{base}/{db}").flushdb()
    work = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "foodie.settings.production",
        "SECRET_KEY": "multiprocess-test-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "REDIS_URL": f"{base}/14",
        "PAGE_CACHE_REDIS_URL": f"{base}/15",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "PROMETHEUS_MULTIPROC_DIR": str(work / "prometheus"),
        "GUNICORN_WORKERS": str(WORKERS),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "GUNICORN_PIDFILE": str(work / "gunicorn.pid"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    manage = [sys.executable, "manage.py"]
    # Set-up commands are not workers: their counters must not land in the directory.
    setup_env = {k: v for k, v in env.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    run = {"cwd": ROOT, "env": setup_env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "--no-input"], **run)
    subprocess.run([*manage, "collectstatic", "--no-input"], **run)
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from home.models import HomePage, StandardPage; home = HomePage.objects.get(); "
            "about = StandardPage(title='About', slug='about', body=[('paragraph', '<p>Hi</p>')]); "
            "home.add_child(instance=about); about.save_revision().publish()",
        ],
        **run,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "foodie.wsgi:application", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            get(url + "/health/")
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("Gunicorn did not start: " + process.stderr.read().decode()[-2000:])
    yield url, process
    process.terminate()
    process.wait(timeout=30)


def scrape(url: str) -> collections.Counter:
    status, _, body = get(url + "/metrics")
    assert status == 200
    counts = collections.Counter()
    for family in text_string_to_metric_families(body.decode()):
        if family.name == "foodie_page_cache_requests":
            for sample in family.samples:
                if sample.name.endswith("_total") and sample.value:
                    counts[(sample.labels["status"], sample.labels["page_type"])] = int(
                        sample.value
                    )
    return counts


def test_counters_add_up_exactly_across_workers(server):
    url, process = server
    sent = collections.Counter()
    plan = [("/", 20), ("/about/", 20), ("/about/?unknown=1", 10), ("/missing/", 10), ("/gone/", 5)]
    for path, times in plan:
        for _ in range(times):
            status, headers, _ = get(url + path)
            assert status in (200, 404)
            sent[(headers["X-Wagtail-Cache"], headers.get("X-Page-Type", "other"))] += 1
    assert sum(sent.values()) == 65
    assert {status for status, _ in sent} == {"hit", "miss", "skip"}

    # Each scrape lands on any of the workers; every one must see every worker's counts.
    for _ in range(2 * WORKERS):
        assert scrape(url) == sent

    # Recycle every worker (HUP): counts of the dead workers are kept, not lost or doubled.
    pids_before = set(worker_pids(process.pid))
    os.kill(process.pid, signal.SIGHUP)
    for _ in range(200):
        pids = set(worker_pids(process.pid))
        if len(pids) == WORKERS and not pids & pids_before:
            break
        time.sleep(0.1)
    else:
        pytest.fail("workers were not replaced after HUP")
    status, headers, _ = get(url + "/about/")
    sent[(headers["X-Wagtail-Cache"], headers["X-Page-Type"])] += 1
    for _ in range(2 * WORKERS):
        assert scrape(url) == sent


def test_series_of_kinds_not_yet_seen_are_exported_at_zero(server):
    """Each worker creates every known series at 0; added up, they stay 0."""
    url, _ = server
    status, _, body = get(url + "/metrics")
    assert status == 200
    zero = {
        (family.name, tuple(sorted(sample.labels.items())))
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
        if sample.name.endswith("_total") and sample.value == 0
    }
    assert (
        "foodie_page_cache_requests",
        (("page_type", "blog.ArticlePage"), ("status", "err")),
    ) in zero
    assert ("foodie_page_cache_purges", (("reason", "bulk_load"),)) in zero
    assert ("foodie_pages_published", (("page_type", "recipes.RecipePage"),)) in zero


def worker_pids(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()]

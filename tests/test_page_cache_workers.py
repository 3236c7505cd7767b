"""A purge reaches every Gunicorn worker: there is one page cache, shared in Redis.

Starts the real Gunicorn (gunicorn.conf.py, three gthread workers) with production
settings on PostgreSQL and Redis, and warms a page until every worker has served it
as a page-cache hit. An editor then password-protects the page through the admin,
over HTTP, so the purge runs in whichever worker took that request, as in
production. Afterwards no worker may show the page's content to anonymous readers.

The same run against the local-memory page cache that production used to fall back
to without REDIS_URL (one per worker) must find stale hits: proof that the test sees
the failure the production settings now refuse to start with.
"""

import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis
import requests

from tests.servers import free_port, wait_until_up
from tests.services import missing_service

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 3
READS_AFTER_PURGE = 40
EDITOR, PASSWORD = "editor", "editor-password-not-secret"
MARKER = "members-only-content-" + uuid.uuid4().hex[:8]
# Which worker answered which request, and whether it was a hit: the access log
# records Gunicorn's worker pid (as <pid>), a probe id the test sends, and X-Wagtail-Cache.
ACCESS_LOG_FORMAT = "%(p)s %({x-probe}i)s %({x-wagtail-cache}o)s"
# Production settings, but with the page cache that base.py builds without
# REDIS_URL (local memory in each process); Wagtail's own cache stays in Redis.
PER_WORKER_SETTINGS = """\
import os
import runpy

from foodie.settings.production import *  # noqa: F403

_redis_url = os.environ.pop("REDIS_URL")
CACHES = {
    **CACHES,  # noqa: F405
    "pagecache": runpy.run_module("foodie.settings.base")["CACHES"]["pagecache"],
}
os.environ["REDIS_URL"] = _redis_url
"""


@dataclass
class Server:
    url: str
    access_log: Path
    workers: set[int]
    page_id: int
    page_path: str

    def answered(self, probes: set[str]) -> dict[str, tuple[int, str]]:
        """{probe: (worker pid, cache status)} from the access log, once all are logged."""
        for _ in range(100):
            found = {}
            for line in self.access_log.read_text().splitlines():
                pid, probe, status = [*line.split(), "-", "-"][:3]
                if probe in probes:
                    found[probe] = (int(pid.strip("<>")), status)
            if len(found) == len(probes):
                return found
            time.sleep(0.05)  # Gunicorn logs just after the response is sent
        raise AssertionError(f"{len(probes) - len(found)} requests missing from the access log")


def _database(tmp_name: str) -> tuple[str, str]:
    """A new PostgreSQL database next to DATABASE_URL's: (its URL, maintenance URL)."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        missing_service("needs PostgreSQL: set DATABASE_URL=postgres://...")
    # DATABASE_URL's own database may not exist (the test runner uses test_<name>).
    server_url = urlsplit(os.environ["DATABASE_URL"])
    admin_url = urlunsplit(server_url._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{tmp_name}"')
    return urlunsplit(server_url._replace(path=f"/{tmp_name}")), admin_url


def _worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(pid) for pid in children.read_text().split()}


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("static")


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("shared", marks=pytest.mark.postgres),
        pytest.param("per-worker", marks=pytest.mark.postgres),
    ],
)
def server(request, tmp_path_factory, static_root) -> Iterator[Server]:
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        missing_service("needs Redis (REDIS_URL) for the shared page cache")
    # Databases 10 and 11 of the test Redis belong to this test alone.
    redis_base = redis_url.rsplit("/", 1)[0]
    for db in (10, 11):
        redis.Redis.from_url(f"{redis_base}/{db}").flushdb()
    name = f"foodie_workers_{uuid.uuid4().hex[:8]}"
    database_url, admin_url = _database(name)
    workdir = tmp_path_factory.mktemp(f"workers-{request.param}")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "foodie.settings.production",
        "SECRET_KEY": "page-cache-workers-test-key-0123456789-abcdefghijklmnopqrstu",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"{redis_base}/10",
        "PAGE_CACHE_REDIS_URL": f"{redis_base}/11",
        "WAGTAIL_CACHE": "true",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(workdir / "media"),
        "GUNICORN_WORKERS": str(WORKERS),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": str(workdir / "access.log"),
        "GUNICORN_ERROR_LOG": str(workdir / "error.log"),
        "GUNICORN_MAX_REQUESTS": "0",  # the same three workers throughout
        "GUNICORN_PIDFILE": str(workdir / "gunicorn.pid"),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "DJANGO_SUPERUSER_EMAIL": "editor@example.com",
        "LOG_LEVEL": "WARNING",
    }
    for variable in ("PROMETHEUS_MULTIPROC_DIR", "PYTEST_XDIST_WORKER"):
        env.pop(variable, None)
    if request.param == "per-worker":
        (workdir / "per_worker_settings.py").write_text(PER_WORKER_SETTINGS)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(workdir), env.get("PYTHONPATH")]))
        env["DJANGO_SETTINGS_MODULE"] = "per_worker_settings"
    manage = [sys.executable, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    process = None
    try:
        subprocess.run([*manage, "migrate", "--no-input"], **quiet)
        if not (static_root / "staticfiles.json").exists():
            subprocess.run([*manage, "collectstatic", "--no-input"], **quiet)
        subprocess.run([*manage, "createsuperuser", "--no-input", "--username", EDITOR], **quiet)
        created = subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from home.models import HomePage, StandardPage; home = HomePage.objects.get(); "
                "page = StandardPage(title='Members', slug='members', "
                f"body=[('paragraph', '<p>{MARKER}</p>')]); "
                "home.add_child(instance=page); page.save_revision().publish(); "
                "print(page.pk, page.url)",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        page_id, page_path = created.stdout.split()[-2:]
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "foodie.wsgi:application"),
                *("--config", "gunicorn.conf.py", "--access-logformat", ACCESS_LOG_FORMAT),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, process)
        for _ in range(100):
            workers = _worker_pids(process.pid)
            if len(workers) == WORKERS:
                break
            time.sleep(0.1)
        assert len(workers) == WORKERS, workers
        yield Server(url, workdir / "access.log", workers, int(page_id), page_path)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=40)
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def read_as_anonymous(server: Server, count: int) -> list[tuple[int, str, bool]]:
    """``count`` anonymous reads of the page, a new connection each, several at once
    so that every worker takes some: [(worker pid, X-Wagtail-Cache, shows content)]."""

    def read(probe: str) -> tuple[str, str, bool]:
        response = requests.get(
            server.url + server.page_path,
            headers={"X-Probe": probe, "Connection": "close"},
            timeout=30,
        )
        assert response.status_code == 200, response.status_code
        return probe, response.headers.get("X-Wagtail-Cache", "-"), MARKER in response.text

    probes = [uuid.uuid4().hex for _ in range(count)]
    with ThreadPoolExecutor(max_workers=2 * WORKERS) as pool:
        results = list(pool.map(read, probes))
    workers = server.answered(set(probes))
    return [(workers[probe][0], cache, shown) for probe, cache, shown in results]


def read_until_every_worker(server: Server, minimum: int, seen, per_batch: int = 12) -> list:
    """Anonymous reads, at least ``minimum``, until ``seen(pid, cache, shown)`` holds
    for a read from each of the workers."""
    reads = []
    for _ in range(40):
        reads += read_as_anonymous(server, per_batch)
        covered = {pid for pid, cache, shown in reads if seen(pid, cache, shown)}
        if len(reads) >= minimum and covered >= server.workers:
            return reads
    pytest.fail(f"not every worker answered: {Counter(pid for pid, *_ in reads)}")


def password_protect_as_editor(server: Server) -> None:
    """The editor's privacy dialog in the admin. Production cookies are Secure, so
    over plain HTTP the test carries them itself."""
    cookies = {}

    def send(method: str, path: str, **data: str) -> requests.Response:
        if data:
            data["csrfmiddlewaretoken"] = cookies["csrftoken"]
        response = requests.request(
            method, server.url + path, data=data, cookies=cookies, allow_redirects=False
        )
        cookies.update(response.cookies.get_dict())
        return response

    send("GET", "/admin/login/")
    login = send("POST", "/admin/login/", username=EDITOR, password=PASSWORD)
    assert login.status_code == 302 and "sessionid" in cookies, login.status_code
    privacy = send(
        "POST",
        f"/admin/pages/{server.page_id}/privacy/",
        restriction_type="password",
        password="members-password",
    )
    assert privacy.status_code == 200 and "set_privacy_done" in privacy.text, privacy.text[:500]


def test_a_purge_in_one_worker_is_seen_by_every_worker(server, request):
    warm = read_until_every_worker(
        server, minimum=WORKERS, seen=lambda pid, cache, shown: cache == "hit" and shown
    )
    assert all(shown for *_, shown in warm)

    password_protect_as_editor(server)

    after = read_until_every_worker(
        server, minimum=READS_AFTER_PURGE, seen=lambda pid, cache, shown: True
    )
    stale = [(pid, cache) for pid, cache, shown in after if shown]
    if request.node.callspec.params["server"] == "shared":
        assert stale == [], f"{len(stale)} of {len(after)} reads showed the protected page"
    else:
        # One local-memory cache per worker: the purge emptied only the editor's
        # worker, so the others still answer hits with the protected content.
        assert stale and all(cache == "hit" for _, cache in stale)
        assert len({pid for pid, _ in stale}) >= WORKERS - 1

"""The edge cache against a real Nginx: what it stores, purges and serves when the app is down.

Nginx is rendered from nginx/templates as `make stack` renders it (NGINX_EDGE_CACHE=on),
in front of a stub upstream whose responses the tests choose, so the Nginx side of
the contract (docs/operators.md "Edge cache") is tested on its own: X-Accel-Expires
decides, the session cookie and never-cached paths bypass, the header never reaches
the browser, PURGE (through ``foodie.cache.edge``) drops exactly the path and is
refused from outside the app's network, stale pages answer while the app is down
and pages never stored answer a friendly 503.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from foodie.cache.edge import EdgePurgeFailed, purge_edge
from foodie.cache.purge import purge_paths
from foodie.metrics.page_cache import PurgeReason
from tests.servers import free_port, wait_until_up
from tests.services import missing_service
from tests.test_metrics_through_nginx import client_at

ROOT = Path(__file__).resolve().parents[1]
MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"


@dataclass
class Upstream:
    """What the stub app answers: ``X-Accel-Expires`` per path, an error status instead
    of every page (``failing``), and whether it answers at all (``answering``: while
    cleared, requests wait, as on an app that accepted them and hangs)."""

    expires: dict[str, str] = field(default_factory=dict)
    page_types: dict[str, str] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    version: int = 1
    failing: int | None = None
    answering: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.answering.set()


def stub_handler(upstream: Upstream):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            upstream.requests.append(self.path)
            version = upstream.version  # rendered now, sent when it answers
            # Longer than the client's timeout: an edge that waited would fail the test.
            upstream.answering.wait(30)
            if upstream.failing:
                body = f"app error {upstream.failing}".encode()
                self.send_response(upstream.failing)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            body = f"{self.path} version {version}".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Content-Length", str(len(body)))
            expires = upstream.expires.get(self.path.split("?")[0], "60")
            if expires is not None:
                self.send_header("X-Accel-Expires", expires)
            if page_type := upstream.page_types.get(self.path.split("?")[0]):
                self.send_header("X-Page-Type", page_type)
            if self.path.startswith("/sets-cookie/"):
                self.send_header("Set-Cookie", "csrftoken=x; Path=/")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@dataclass
class Edge:
    url: str
    purge_url: str
    upstream: Upstream
    server: ThreadingHTTPServer
    app_port: int
    mtail_url: str

    def get(self, path: str, **kwargs) -> requests.Response:
        session = requests.Session()
        session.trust_env = False
        return session.get(self.url + path, timeout=10, **kwargs)

    def counted(self) -> dict[tuple[str, str], float]:
        """mtail's foodie_edge_requests_total by (cache_status, page_type)."""
        session = requests.Session()
        session.trust_env = False
        text = session.get(self.mtail_url + "/metrics", timeout=10).text
        return {
            (sample.labels["cache_status"], sample.labels["page_type"]): sample.value
            for family in text_string_to_metric_families(text)
            if family.name == "foodie_edge_requests"
            for sample in family.samples
        }

    def stop_app(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def start_app(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", self.app_port), stub_handler(self.upstream))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def edge() -> Iterator[Edge]:
    if not shutil.which("nginx") or not Path(MODULE).exists() or not shutil.which("mtail"):
        missing_service("needs nginx, libnginx-mod-http-cache-purge and mtail (apt-get install)")
    app_port, http_port, purge_port = free_port(), free_port(), free_port()
    mtail_port, edge_log_port = free_port(), free_port()
    # Nginx's workers (nobody, when the tests run as root) write the cache: not
    # under pytest's private tmp_path.
    work = Path(tempfile.mkdtemp(prefix="foodie-edge-"))
    work.chmod(0o755)
    nginx_dir = work / "nginx"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "NGINX_TLS": "off",
        "NGINX_UPSTREAM": f"127.0.0.1:{app_port}",
        "NGINX_SERVER_NAMES": "localhost",
        "NGINX_LISTEN_HTTP": f"127.0.0.1:{http_port}",
        "NGINX_LISTEN_HTTPS": "127.0.0.1:1",
        "NGINX_HTTPS_PORT_SUFFIX": "",
        "NGINX_LISTEN_STATUS": f"127.0.0.1:{free_port()}",
        "NGINX_INTERNAL_NETWORK": "127.0.0.3/32",
        "NGINX_STATIC_ROOT": str(work / "static"),
        "NGINX_MEDIA_ROOT": str(work / "media"),
        "NGINX_MEDIA_ORIGIN": "",
        "NGINX_TLS_CERTIFICATE": "unused.pem",
        "NGINX_TLS_CERTIFICATE_KEY": "unused.key",
        "NGINX_HSTS_MAX_AGE": "300",
        "NGINX_RUN_DIR": str(nginx_dir),
        "NGINX_WORKER_PROCESSES": "1",
        "NGINX_ERROR_LOG": str(nginx_dir / "error.log"),
        "NGINX_EDGE_CACHE": "on",
        "NGINX_EDGE_CACHE_DIR": str(nginx_dir / "edge-cache"),
        "NGINX_LISTEN_PURGE": f"127.0.0.1:{purge_port}",
        "NGINX_PURGE_NETWORK": "127.0.0.1/32",
        "NGINX_SESSION_COOKIE": settings.SESSION_COOKIE_NAME,
        "NGINX_EDGE_LOG_SERVER": f"127.0.0.1:{edge_log_port}",
    }
    subprocess.run(
        [sys.executable, "nginx/render.py", str(nginx_dir)],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    nginx = ["nginx", "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf")]
    nginx += ["-e", str(nginx_dir / "error.log")]
    subprocess.run([*nginx, "-t", "-q"], check=True)

    upstream = Upstream()
    result = Edge(f"http://localhost:{http_port}", f"http://127.0.0.1:{purge_port}", upstream,
                  None, app_port, f"http://127.0.0.1:{mtail_port}")  # fmt: skip
    result.start_app()
    # As deploy/stack.py runs it: the counter is listening before Nginx sends.
    mtail = subprocess.Popen(
        ["mtail", "-progs", str(ROOT / "monitoring" / "mtail"),
         "-logs", f"udp://127.0.0.1:{edge_log_port}", "-address", "127.0.0.1",
         "-port", str(mtail_port), "-emit_prog_label=false", "-logtostderr"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    process = None
    try:
        wait_until_up(result.mtail_url, mtail)
        process = subprocess.Popen([*nginx, "-g", "daemon off;"], stdout=subprocess.DEVNULL)
        for _ in range(100):
            try:
                result.get("/up/")
                break
            except requests.ConnectionError:
                threading.Event().wait(0.05)
        yield result
    finally:
        upstream.answering.set()  # a test that hung the stub app leaves no request waiting
        for started in (process, mtail):
            if started is not None:
                started.terminate()
                started.wait(timeout=30)
        result.stop_app()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def nginx_node(settings, edge):
    settings.EDGE_CACHE_BASE_URL = "https://localhost:8443"
    settings.WAGTAILFRONTENDCACHE = {
        "nginx-1": {"BACKEND": "foodie.cache.edge.NginxPurgeBackend", "LOCATION": edge.purge_url}
    }
    return edge


def served(edge: Edge, path: str, **kwargs) -> tuple[str, str]:
    response = edge.get(path, **kwargs)
    assert "X-Accel-Expires" not in response.headers  # for Nginx alone
    return response.text, response.headers.get("X-Edge-Cache", "")


def test_stores_what_the_app_says_and_browsers_still_revalidate(edge):
    assert served(edge, "/recipes/") == ("/recipes/ version 1", "MISS")
    edge.upstream.version = 2
    assert served(edge, "/recipes/") == ("/recipes/ version 1", "HIT")
    assert edge.get("/recipes/").headers["Cache-Control"] == "no-cache"
    assert edge.upstream.requests == ["/up/", "/recipes/"]


def test_refused_responses_are_never_stored(edge):
    edge.upstream.expires["/refused/"] = "0"
    edge.upstream.expires["/silent/"] = None
    for path in ("/refused/", "/silent/", "/sets-cookie/"):
        served(edge, path)
        edge.upstream.version += 1
        assert served(edge, path) == (f"{path} version {edge.upstream.version}", "MISS")


@pytest.mark.parametrize(
    "path", ["/admin/pages/", "/search/?q=x", "/api/v2/pages/", "/health/", "/ready/"]
)
def test_never_cached_paths_bypass_the_edge_whatever_the_app_says(edge, path):
    served(edge, path)
    edge.upstream.version = 2
    assert served(edge, path) == (f"{path} version 2", "BYPASS")


def test_a_session_cookie_bypasses_the_edge(edge):
    served(edge, "/recipes/")
    edge.upstream.version = 2
    cookie = {settings.SESSION_COOKIE_NAME: "abc"}
    assert served(edge, "/recipes/", cookies=cookie) == ("/recipes/ version 2", "BYPASS")
    # ... and what it got is not stored for anonymous readers.
    assert served(edge, "/recipes/") == ("/recipes/ version 1", "HIT")


def test_purge_edge_drops_exactly_the_paths_through_wagtail_frontend_cache(nginx_node):
    edge = nginx_node
    for path in ("/recipes/", "/recipes/pasta/", "/blog/"):
        served(edge, path)
    edge.upstream.version = 2

    purge_edge({"/recipes/", "/recipes/pasta/", "/never-stored/"})

    assert served(edge, "/recipes/") == ("/recipes/ version 2", "MISS")
    assert served(edge, "/recipes/pasta/") == ("/recipes/pasta/ version 2", "MISS")
    assert served(edge, "/blog/") == ("/blog/ version 1", "HIT")


def test_purge_failures_raise(nginx_node, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "nginx-1": {
            "BACKEND": "foodie.cache.edge.NginxPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",
        }
    }
    with pytest.raises(EdgePurgeFailed):
        purge_edge({"/recipes/"})


def test_purge_is_refused_outside_the_apps_network_and_on_the_public_port(edge):
    served(edge, "/recipes/")
    outside = client_at("127.0.0.2")
    assert outside.request("PURGE", edge.purge_url + "/recipes/", timeout=5).status_code == 403
    public = requests.Session()
    public.trust_env = False
    assert public.request("PURGE", edge.url + "/recipes/", timeout=5).status_code != 200
    assert served(edge, "/recipes/")[1] == "HIT"


# How the app fails: an error status (proxy_cache_use_stale http_500 ... http_504), or
# down, refusing connections (error).
FAILURES = [500, 502, 503, 504, "down"]


def fail(edge: Edge, failure: int | str) -> None:
    if failure == "down":
        edge.stop_app()
    else:
        edge.upstream.failing = failure


def recover(edge: Edge, failure: int | str) -> None:
    if failure == "down":
        edge.start_app()
    else:
        edge.upstream.failing = None


def expired(edge: Edge, path: str) -> None:
    """``path`` stored with ``X-Accel-Expires: 1``, then left to expire: the next request
    for it makes Nginx ask the app again."""
    edge.upstream.expires[path] = "1"
    assert served(edge, path) == (f"{path} version 1", "MISS")
    threading.Event().wait(2.5)  # Nginx counts whole seconds


def wait_for(condition, message: str) -> None:
    """Until Nginx's background update (a subrequest after the response) has run."""
    for _ in range(100):
        if condition():
            return
        threading.Event().wait(0.05)
    pytest.fail(message)


def served_once_updated(edge: Edge, path: str) -> tuple[str, str]:
    """``served`` once no background update of ``path`` is running."""
    answers = []
    wait_for(lambda: answers.append(served(edge, path)) or answers[-1][1] != "UPDATING",
             f"{path} was still updating")  # fmt: skip
    return answers[-1]


@pytest.mark.parametrize("failure", FAILURES)
def test_expired_pages_are_served_stale_while_the_app_fails(edge, failure):
    expired(edge, "/recipes/")
    edge.upstream.version = 2
    asked = len(edge.upstream.requests)
    fail(edge, failure)

    # At once, from the edge; the refresh runs in the background.
    assert served(edge, "/recipes/") == ("/recipes/ version 1", "STALE")
    if failure != "down":
        wait_for(lambda: len(edge.upstream.requests) > asked, "the app was never asked")
    # The failed refresh kept the stored page.
    assert served_once_updated(edge, "/recipes/") == ("/recipes/ version 1", "STALE")

    edge.upstream.expires["/recipes/"] = "60"
    recover(edge, failure)
    wait_for(lambda: served(edge, "/recipes/")[0] == "/recipes/ version 2",
             "the page was not refreshed once the app was back")  # fmt: skip
    assert served(edge, "/recipes/") == ("/recipes/ version 2", "HIT")


def test_expired_pages_are_served_while_the_app_hangs_and_updating_meanwhile(edge):
    """A hung app (proxy_cache_use_stale timeout, updating): no reader waits for it."""
    expired(edge, "/recipes/")
    edge.upstream.version = 2
    asked = len(edge.upstream.requests)
    edge.upstream.answering.clear()

    assert served(edge, "/recipes/") == ("/recipes/ version 1", "STALE")
    wait_for(lambda: len(edge.upstream.requests) > asked, "the app was never asked")
    # One refresh at a time (proxy_cache_background_update, proxy_cache_lock): while
    # it waits for the app, every reader gets the stored page.
    for _ in range(3):
        assert served(edge, "/recipes/") == ("/recipes/ version 1", "UPDATING")
    assert len(edge.upstream.requests) == asked + 1

    edge.upstream.expires["/recipes/"] = "60"
    edge.upstream.answering.set()
    assert served_once_updated(edge, "/recipes/") == ("/recipes/ version 2", "HIT")


@pytest.mark.parametrize("failure", FAILURES)
def test_a_purged_page_is_never_served_stale_when_the_app_fails(nginx_node, failure):
    edge = nginx_node
    served(edge, "/recipes/")
    purge_edge({"/recipes/"})
    fail(edge, failure)

    response = edge.get("/recipes/")

    if failure == "down":
        assert response.status_code == 503
        assert "Foodie will be back shortly" in response.text
    else:
        # The app's own answer, as it sent it: Nginx replaces only its own 502 and 504.
        assert (response.status_code, response.text) == (failure, f"app error {failure}")
        assert response.headers["X-Edge-Cache"] == "MISS"


def test_pages_never_stored_answer_a_friendly_503_when_the_app_is_down(edge):
    edge.stop_app()

    response = edge.get("/never-stored/")

    assert response.status_code == 503
    assert "Foodie will be back shortly" in response.text
    assert response.headers["Retry-After"] == "30"
    assert response.headers["Cache-Control"] == "no-store"
    edge.start_app()


def test_outcomes_are_counted_for_prometheus_by_page_type(edge):
    """Every request that reached the cache is one line to mtail (monitoring/mtail),
    counted by outcome and by the page type the app named; nothing else is."""
    edge.upstream.page_types["/recipes/soup/"] = "recipes.RecipePage"
    before = edge.counted()
    for _ in range(3):
        served(edge, "/recipes/soup/")  # a miss, then two hits
    served(edge, "/feed/")  # no page type: "other"
    served(edge, "/admin/pages/")  # never cached: a bypass
    edge.get("/static/missing.css")  # static files never reach the cache

    expected = {
        ("miss", "recipes.RecipePage"): 1,
        ("hit", "recipes.RecipePage"): 2,
        ("miss", "other"): 1,
        ("bypass", "other"): 1,
    }

    def increase() -> dict[tuple[str, str], float]:
        after = edge.counted()
        return {
            key: after[key] - before.get(key, 0)
            for key in after
            if after[key] != before.get(key, 0)
        }

    # UDP lines arrive a moment after the responses.
    for _ in range(50):
        if increase() == expected:
            break
        threading.Event().wait(0.1)
    assert increase() == expected


def test_a_page_in_flight_during_a_purge_is_purged_again(nginx_node, settings):
    """The app sends a page, a publish purges its path, and only then does Nginx store
    the page (it was still arriving): the PURGE found nothing to drop. The second purge,
    EDGE_CACHE_REPURGE_SECONDS later (foodie.cache.purge), drops it."""
    edge = nginx_node
    settings.EDGE_CACHE_REPURGE_SECONDS = 0.5
    edge.upstream.answering.clear()
    in_flight = threading.Thread(target=edge.get, args=("/recipes/soup/",))
    in_flight.start()
    for _ in range(100):
        if "/recipes/soup/" in edge.upstream.requests:
            break
        threading.Event().wait(0.05)
    edge.upstream.version = 2  # the publish
    assert purge_paths({"/recipes/soup/"}, PurgeReason.PUBLISH) == 1
    edge.upstream.answering.set()
    in_flight.join()
    assert served(edge, "/recipes/soup/") == ("/recipes/soup/ version 1", "HIT")

    for _ in range(100):  # the second purge is due after 0.5 s
        if served(edge, "/recipes/soup/")[0] == "/recipes/soup/ version 2":
            break
        threading.Event().wait(0.1)
    assert served(edge, "/recipes/soup/") == ("/recipes/soup/ version 2", "HIT")


def test_a_second_purge_that_fails_is_kept_for_a_retry(nginx_node, settings, transactional_db):
    from foodie.cache.models import PendingPurge
    from foodie.cache.purge import retry_pending_purges

    settings.EDGE_CACHE_REPURGE_SECONDS = 0.5
    assert purge_paths({"/recipes/soup/"}, PurgeReason.PUBLISH) == 1
    # The Nginx node stops answering purges before the second one is due.
    node = settings.WAGTAILFRONTENDCACHE["nginx-1"]
    settings.WAGTAILFRONTENDCACHE = {
        "nginx-1": {**node, "LOCATION": f"http://127.0.0.1:{free_port()}"}
    }
    for _ in range(100):
        if PendingPurge.objects.exists():
            break
        threading.Event().wait(0.1)
    kept = PendingPurge.objects.get()
    assert (kept.paths, kept.reason) == (["/recipes/soup/"], "publish")

    settings.EDGE_CACHE_REPURGE_SECONDS = 0
    settings.WAGTAILFRONTENDCACHE = {"nginx-1": node}
    assert retry_pending_purges() == 1
    assert not PendingPurge.objects.exists()

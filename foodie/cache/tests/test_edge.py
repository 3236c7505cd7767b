"""The edge cache, app side: what the page cache tells Nginx (X-Accel-Expires), and
that every page-cache purge reaches each configured frontend (foodie.cache.edge).

Nginx's side is tested against a real Nginx in tests/test_edge_cache.py. CloudFront
and Cloudflare are Wagtail's own backends, configured from the environment; their
HTTP calls are recorded: CloudFront's by a local HTTP server (boto3's endpoint),
Cloudflare's (a fixed api.cloudflare.com URL) at the requests layer.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

from django.conf import settings as django_settings

from wagtail.signals import page_published

import pytest
import requests

from foodie.cache import edge
from foodie.cache.purge import purge_all, purge_paths
from foodie.metrics.page_cache import PurgeReason

from .test_rules import CONTROL_VIEW, UNSHAREABLE_VIEWS, test_urls  # noqa: F401 - fixture


def edge_seconds(client, url: str, **kwargs) -> int:
    return int(client.get(url, **kwargs)["X-Accel-Expires"])


def test_what_the_page_cache_serves_or_stores_is_for_the_edge(client, tree, settings):
    settings.EDGE_CACHE_SECONDS = 123
    assert edge_seconds(client, tree["about"].url) == 123  # miss, stored
    assert edge_seconds(client, tree["about"].url) == 123  # hit
    assert client.get(tree["about"].url)["Cache-Control"] == "no-cache"  # browsers


@pytest.mark.parametrize("path", UNSHAREABLE_VIEWS)
def test_what_the_page_cache_refuses_is_not(client, test_urls, db, path):  # noqa: F811
    assert edge_seconds(client, path) == 0


def test_sessions_queries_posts_and_never_cached_paths_are_not(client, tree, test_urls):  # noqa: F811
    url = tree["about"].url
    client.get(url)
    assert edge_seconds(client, url, **{"QUERY_STRING": "page=2"}) == 0
    assert edge_seconds(client, url + "?utm_source=x") == 0
    assert int(client.post(url)["X-Accel-Expires"]) == 0
    for path in ("/search/?q=dal", "/health/", "/ready/", "/api/v2/pages/", "/no-such-page/"):
        assert edge_seconds(client, path) == 0, path
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "abc"
    assert edge_seconds(client, url) == 0
    assert edge_seconds(client, CONTROL_VIEW) == 0


def test_a_render_a_purge_overtook_is_not_for_the_edge(client, tree):
    """The page cache does not serve it (its generation is old); the edge must not
    store it either, or it would outlive the purge that passed it."""
    url = tree["about"].url
    path = tree["about"].get_url_parts()[2]
    from foodie.cache import generations

    real = generations.before_render

    def render_then_purge(cache):
        real(cache)
        generations.new_generations(cache, {path})

    with mock.patch.object(generations, "before_render", render_then_purge):
        response = client.get(url)
    assert response["X-Wagtail-Cache"] == "miss"
    assert response["X-Accel-Expires"] == "0"


@pytest.fixture
def edge_purges(settings):
    """Records what reaches the edge (purge_edge's paths)."""
    calls = []
    with mock.patch.object(edge, "purge_edge", side_effect=lambda paths: calls.append(paths)):
        yield calls


def test_every_purge_reaches_the_edge_with_the_same_paths(tree, edge_purges):
    assert purge_paths({"/about/", "/recipes/"}, PurgeReason.ADMIN) == 2
    assert edge_purges == [{"/about/", "/recipes/"}]


def test_emptying_the_page_cache_purges_every_page_from_the_edge(tree, edge_purges):
    purge_all(PurgeReason.ADMIN)

    (paths,) = edge_purges
    for name in ("about", "dal", "curry", "article"):
        assert tree[name].get_url_parts()[2] in paths
    assert {"/sitemap.xml"} <= paths


def test_an_edge_failure_fails_the_purge(tree, settings):
    with mock.patch.object(edge, "purge_edge", side_effect=edge.EdgePurgeFailed("down")):
        assert purge_paths({"/about/"}, PurgeReason.ADMIN) == 0


def test_wagtails_own_publish_purge_is_replaced(tree):
    from wagtail.contrib.frontend_cache import signal_handlers

    receivers = page_published._live_receivers(type(tree["dal"]))
    receivers = [r for group in receivers for r in (group if isinstance(group, list) else [group])]
    assert signal_handlers.page_published_signal_handler not in receivers


def test_no_frontend_configured_purges_nothing(settings):
    settings.WAGTAILFRONTENDCACHE = {}
    edge.purge_edge({"/about/"})  # nothing to do, no error


class Recorder(BaseHTTPRequestHandler):
    calls: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Recorder.calls.append((self.path, body.decode()))
        reply = (
            b'<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
            b"<Id>I1</Id><Status>InProgress</Status><CreateTime>2026-11-27T00:00:00Z</CreateTime>"
            b"<InvalidationBatch><Paths><Quantity>0</Quantity></Paths><CallerReference>x</CallerReference>"
            b"</InvalidationBatch></Invalidation>"
        )
        self.send_response(201)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def test_cloudfront_by_configuration_alone(settings, monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Recorder.calls = []
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    settings.EDGE_CACHE_BASE_URL = "https://foodie.example.com"
    settings.WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": "E123",
        }
    }
    try:
        edge.purge_edge({"/recipes/", "/recipes/dal/"})
    finally:
        server.shutdown()
        server.server_close()

    ((path, body),) = Recorder.calls
    assert path == "/2020-05-31/distribution/E123/invalidation"
    assert "<Path>/recipes/</Path>" in body and "<Path>/recipes/dal/</Path>" in body


def cloudflare_settings(settings):
    settings.EDGE_CACHE_BASE_URL = "https://foodie.example.com"
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone1",
            "BEARER_TOKEN": "token1",
        }
    }


def recorded_send(calls: list, status: int, payload: dict):
    def send(adapter, request, **kwargs):
        calls.append(request)
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(payload).encode()
        response.request = request
        return response

    return send


def test_cloudflare_by_configuration_alone(settings):
    cloudflare_settings(settings)
    calls = []
    send = recorded_send(calls, 200, {"success": True, "result": {"id": "x"}})
    with mock.patch.object(requests.adapters.HTTPAdapter, "send", send):
        edge.purge_edge({"/recipes/", "/recipes/dal/"})

    (request,) = calls
    assert request.url == "https://api.cloudflare.com/client/v4/zones/zone1/purge_cache"
    assert request.headers["Authorization"] == "Bearer token1"
    assert json.loads(request.body)["files"] == [
        "https://foodie.example.com/recipes/",
        "https://foodie.example.com/recipes/dal/",
    ]


def test_a_cloudflare_refusal_raises(settings):
    cloudflare_settings(settings)
    send = recorded_send([], 400, {"success": False, "errors": [{"message": "bad zone"}]})
    with (
        mock.patch.object(requests.adapters.HTTPAdapter, "send", send),
        pytest.raises(edge.EdgePurgeFailed, match="cloudflare"),
    ):
        edge.purge_edge({"/recipes/"})


def test_nginx_is_told_the_real_session_cookie():
    import importlib.util
    import sys
    from pathlib import Path

    deploy = Path(__file__).resolve().parents[3] / "deploy"
    sys.path.insert(0, str(deploy))
    try:
        spec = importlib.util.spec_from_file_location("stack_for_edge", deploy / "stack.py")
        stack = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(stack)
    finally:
        sys.path.remove(str(deploy))
    env = stack.nginx_env(Path("/c"), Path("/k"))
    assert env["NGINX_SESSION_COOKIE"] == django_settings.SESSION_COOKIE_NAME

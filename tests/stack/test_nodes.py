"""Several app nodes behind one load balancer (`make stack NODES=2`).

Each node is a Gunicorn and its edge Nginx; the balancer (nginx/balancer.conf.template)
terminates TLS and spreads requests over them; PostgreSQL, Redis, the media and the
scheduler are shared. `make stack-test` runs these tests against a stack of several
nodes, and only there (tests/stack/conftest.py); CI runs it with media in S3.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import signal
import time
from http.cookies import SimpleCookie

import pytest
import requests
from PIL import Image

from loadtest.admin_form import edit_form_data
from tests.servers import SourceAddressAdapter

from .load import Load

pytestmark = pytest.mark.nodes


class NodeClient:
    """Requests straight to one node's edge Nginx, as the balancer sends them (Host,
    X-Forwarded-Proto https). Cookies are kept here: Django's are Secure, and requests
    never sends those over the node's plain HTTP."""

    def __init__(self, stack, number: int):
        self.stack = stack
        self.node = stack.state["nodes"][number - 1]
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.mount("http://", SourceAddressAdapter(stack.state["internal_address"]))
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            "Referer": self.stack.url + path,
            "Origin": self.stack.url,
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.session.request(
            method, self.node["edge_url"] + path, headers=headers, allow_redirects=False,
            timeout=30, **kwargs,
        )  # fmt: skip
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        data = kwargs.pop("data", [])
        token = [("csrfmiddlewaretoken", self.cookies.get("csrftoken", ""))]
        return self.request("POST", path, data=list(data) + token, **kwargs)

    def log_in(self) -> None:
        assert self.get("/admin/login/").status_code == 200
        response = self.post(
            "/admin/login/",
            data=[("username", "admin"), ("password", self.stack.env["FOODIE_ADMIN_PASSWORD"])],
        )
        assert response.status_code == 302, response.text[:500]
        assert "sessionid" in self.cookies

    def requests_served(self) -> int:
        """Requests this node's Nginx has handled (stub_status, on its status port)."""
        response = self.session.get(self.node["status_url"] + "/stub_status", timeout=5)
        response.raise_for_status()
        return int(response.text.splitlines()[2].split()[2])


@pytest.fixture
def nodes(stack) -> list[NodeClient]:
    return [NodeClient(stack, number) for number in range(1, len(stack.state["nodes"]) + 1)]


def test_the_balancer_spreads_requests_over_every_node(stack, client, nodes):
    before = [node.requests_served() for node in nodes]
    for _ in range(20):
        response = client.get(stack.url + "/")
        assert response.status_code == 200
    after = [node.requests_served() for node in nodes]

    # Round robin: every node took its share.
    assert all(a - b >= 20 // len(nodes) - 1 for a, b in zip(after, before, strict=True)), (
        before,
        after,
    )
    # The node knew the reader came over HTTPS (the balancer's X-Forwarded-Proto).
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert client.get(stack.http_url + "/", allow_redirects=False).status_code == 301


def test_a_node_answers_the_balancer_only(stack, nodes):
    edge = nodes[0].node["edge_url"]
    direct = requests.Session()
    direct.trust_env = False
    with pytest.raises(requests.ConnectionError):  # 444: closed without an answer
        direct.get(edge + "/ready/", headers={"Host": "localhost"}, timeout=5)

    assert nodes[0].get("/ready/").status_code == 200


def test_nodes_see_the_readers_address_not_the_balancers(stack, client):
    probe = secrets.token_hex(6)
    # A client's own X-Forwarded-For is replaced by the balancer, never passed on.
    client.get(stack.url + f"/?probe={probe}", headers={"X-Forwarded-For": "203.0.113.9"})

    logs = [stack.directory / "logs" / f"{node['nginx']}.log" for node in stack.state["nodes"]]
    deadline = time.monotonic() + 5
    while not (lines := [ln for log in logs for ln in log.read_text().splitlines() if probe in ln]):
        assert time.monotonic() < deadline, "the request is in no node's access log"
        time.sleep(0.2)
    (line,) = lines
    assert line.startswith("127.0.0.1 - "), line  # the reader, not 127.0.0.2 or 203.0.113.9


def test_a_session_made_on_one_node_works_on_the_other(nodes):
    first, second = nodes[:2]
    first.log_in()
    assert first.get("/admin/").status_code == 200

    second.cookies = dict(first.cookies)
    response = second.get("/admin/")
    assert response.status_code == 200  # not a redirect to the login form
    assert "Dashboard" in response.text


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, "PNG")
    return out.getvalue()


def rendition_urls(html: str) -> list[str]:
    """The images' sources (not the admin's scripts under /static/wagtailimages/)."""
    return re.findall(r'<img[^>]*\ssrc="([^"]*images/[^"]+)"', html)


def test_an_image_uploaded_through_one_node_is_served_by_the_other(stack, nodes):
    first, second = nodes[:2]
    first.log_in()
    second.cookies = dict(first.cookies)
    title = f"Node upload {secrets.token_hex(4)}"
    response = first.post(
        "/admin/images/add/",
        data=[("title", title), ("description", "A red square")],
        files={"file": (f"{title}.png", png("tomato"), "image/png")},
    )
    assert response.status_code == 302, form_errors(response.text)
    image_id = int(
        stack.shell(
            "from wagtail.images import get_image_model;"
            f"print(get_image_model().objects.get(title={title!r}).pk)"
        )
    )
    count_renditions = (
        "from wagtail.images import get_image_model;"
        f"print(get_image_model().objects.get(pk={image_id}).renditions.count())"
    )
    try:
        # The other node shows it: its edit view makes the preview rendition ...
        page = second.get(f"/admin/images/{image_id}/")
        assert page.status_code == 200
        (url, *_) = rendition_urls(page.text)
        # On disk the node's Nginx serves /media/; in S3 mode the page links to the bucket.
        served = second.get(url) if url.startswith("/") else requests.get(url, timeout=10)
        assert served.status_code == 200
        assert served.headers["Content-Type"].startswith("image/")
        assert Image.open(io.BytesIO(served.content)).size[0] > 0
        made = int(stack.shell(count_renditions))

        # ... and the first node uses that one rendition rather than making its own.
        assert url in rendition_urls(first.get(f"/admin/images/{image_id}/").text)
        assert int(stack.shell(count_renditions)) == made
    finally:
        stack.shell(
            "from wagtail.images import get_image_model;"
            f"get_image_model().objects.filter(pk={image_id}).delete(); print('ok')"
        )


def form_errors(html: str) -> list[str]:
    """The admin's messages on a form it would not save."""
    return [m.strip() for m in re.findall(r'class="error-message">([^<]+)', html)]


def edge_status(node: NodeClient, path: str) -> str:
    return node.get(path).headers.get("X-Edge-Cache", "")


def test_a_publish_through_one_node_is_fresh_on_every_node(stack, client, nodes):
    recipe = stack.shell(
        "from recipes.models import RecipePage;"
        "page = RecipePage.objects.live().public().order_by('pk').first();"
        "print(page.pk, page.url)"
    )
    page_id, path = recipe.split()
    for node in nodes:  # stored at every node's edge
        for _ in range(5):
            if edge_status(node, path) == "HIT":
                break
        else:
            pytest.fail(f"{path} never stored at {node.node['nginx']}")

    # The editor's session bypasses the edge: the nodes' anonymous readers do not.
    editor = NodeClient(stack, 1)
    editor.log_in()
    edit = f"/admin/pages/{page_id}/edit/"
    fields = edit_form_data(editor.get(edit).text)
    original = dict(fields)["title"]
    title = f"{original} (node {secrets.token_hex(3)})"
    fields = [(name, value) for name, value in fields if name != "title"]
    try:
        response = editor.post(
            edit, data=[*fields, ("title", title), ("action-publish", "action-publish")]
        )
        assert response.status_code == 302, form_errors(response.text)

        for node in nodes:
            page = node.get(path)
            assert title in page.text, (
                f"{node.node['nginx']} served {page.headers.get('X-Edge-Cache')}"
            )
        for _ in range(len(nodes) * 2):
            assert title in client.get(stack.url + path).text
    finally:
        stack.shell(
            f"from wagtail.models import Page; page = Page.objects.get(pk={page_id}).specific;"
            f"page.title = {original!r}; page.save_revision().publish(); print('ok')"
        )


def kill_node(stack, number: int) -> None:
    """SIGKILL a node's edge Nginx, then its Gunicorn, each with every process of its
    session (the edge first: a request in flight then fails at the balancer's end,
    which retries it, rather than inside the node)."""
    node = stack.state["nodes"][number - 1]
    for service in (node["nginx"], node["gunicorn"]):
        os.killpg(stack.pid(service), signal.SIGKILL)


def test_a_node_killed_under_load_loses_no_request_and_takes_traffic_when_back(
    stack, client, nodes
):
    # Past the edge cache (a query string), so every request reaches a Gunicorn.
    url = stack.url + "/recipes/?node-failover=1"
    # Each node renders it once first: a cold render (renditions, templates) can take
    # seconds on a slow machine, and the count below is about failover, not warm-up.
    for _ in range(2 * len(nodes)):
        assert client.get(url).status_code == 200
    connections = 8
    during = Load(url, seconds=5, connections=connections)
    time.sleep(3)
    try:
        kill_node(stack, 2)
        time.sleep(1)
        after = Load(url, seconds=10, connections=connections)
        # From the first second on, the balancer retries on node 1: not one failure.
        result = after.result()
        assert result.requests > 50, result.output
        assert result.failed == 0, result.output
        # Only a response already under way when node 2 died can fail: one per
        # connection at most.
        killed = during.result()
        assert killed.failed <= connections, killed.output
    finally:
        for service in ("gunicorn-2", "nginx-2"):
            started = stack.runner("start-service", service)
            assert started.returncode == 0, started.stdout + started.stderr

    time.sleep(6)  # the balancer's fail_timeout (deploy/topology.py BALANCER_FAIL_TIMEOUT)
    before = nodes[1].requests_served()
    for _ in range(10):
        assert client.get(stack.url + "/").status_code == 200
    assert nodes[1].requests_served() - before >= 4

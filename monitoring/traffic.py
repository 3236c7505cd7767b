"""The stack `make monitoring-check` runs against, and the traffic it sends: requests of
known kinds through Gunicorn and Nginx, each checked to be what it was meant to be, and
the counters that traffic must raise (monitoring/live_check.py waits for them)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import requests

REPO = Path(__file__).resolve().parent.parent
# The stack `make stack` runs, or the one FOODIE_STACK_DIR names (as deploy/stack.py).
STACK = Path(os.environ.get("FOODIE_STACK_DIR", REPO / ".stack")).resolve()


class CheckError(RuntimeError):
    pass


def read_json(path: Path, hint: str) -> dict:
    if not path.exists():
        raise CheckError(f"{path} is missing: {hint}")
    return json.loads(path.read_text())


def stack_env() -> dict[str, str]:
    """The stack's environment (.stack/env), parsed by a shell as documented."""
    output = subprocess.run(
        ["bash", "-c", f'set -a; . "{STACK / "env"}"; env -0'],
        capture_output=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout.decode()
    return dict(item.split("=", 1) for item in output.split("\0") if "=" in item)


def publish_a_recipe(env: dict[str, str]) -> str:
    """Republish a live recipe (counts a publish, purges its pages); return its path."""
    code = (
        "import json\n"
        "from recipes.models import RecipePage\n"
        "page = RecipePage.objects.live().public().order_by('pk').first()\n"
        "(page.latest_revision or page.save_revision()).publish()\n"
        "print('MONITORING-CHECK ' + json.dumps(page.get_url_parts()[2]))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    for line in result.stdout.splitlines():
        if line.startswith("MONITORING-CHECK "):
            return json.loads(line.split(" ", 1)[1])
    raise CheckError(f"publishing a recipe failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def traffic_round(
    session: requests.Session, url: str, app_url: str, env: dict[str, str]
) -> list[str]:
    """Requests of known kinds; each response must say it was what it was meant to be.

    The page-cache requests go to Gunicorn itself, as Nginx forwards them: through
    Nginx, its edge cache answers stored pages without asking the app
    (docs/operators.md "Edge cache"). Then the recipe through Nginx: stored there too.
    """
    recipe = publish_a_recipe(env)  # A purge: the recipe's next request is a miss.
    missing = f"/monitoring-check-{uuid.uuid4().hex[:12]}/"
    plan = [
        (recipe, 200, "miss"),
        (recipe, 200, "hit"),
        (recipe, 200, "hit"),
        ("/", 200, None),  # hit or miss, depending on what ran before
        ("/admin/login/", 200, "skip"),
        ("/admin/login/", 200, "skip"),
        (missing, 404, "skip"),  # 404s are never stored (a bounded key space)
    ]
    forwarded = {
        "Host": urlsplit(url).hostname,
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "127.0.0.1",
    }
    problems = []
    for path, status, cache in plan:
        # A new reader each time: /admin/login/ sets a CSRF cookie, and pages rendered
        # for a request with one are (rightly) not stored for everyone.
        session.cookies.clear()
        response = session.get(app_url + path, headers=forwarded, timeout=30, allow_redirects=False)
        seen = response.headers.get("X-Wagtail-Cache")
        if response.status_code != status or (cache and seen != cache):
            problems.append(f"GET {path}: {response.status_code} {seen}, expected {status} {cache}")
    for expected in ("MISS", "HIT"):
        session.cookies.clear()
        response = session.get(url + recipe, timeout=30, allow_redirects=False)
        seen = response.headers.get("X-Edge-Cache")
        if response.status_code != 200 or seen != expected:
            problems.append(f"GET {recipe} through Nginx: {response.status_code} edge {seen}")
    problems += refused_rating(session, app_url, forwarded)
    return problems


def refused_rating(session: requests.Session, app_url: str, forwarded: dict) -> list[str]:
    """A rating the app refuses as invalid (nothing is stored; the body is checked
    before the recipe), as the widget sends it: the readers' panels get data."""
    session.cookies.clear()
    token = session.get(app_url + "/ratings/token/", headers=forwarded, timeout=30)
    headers = {
        **forwarded,
        # A reader of its own (TEST-NET): the check spends nobody's rating allowance.
        "X-Forwarded-For": f"192.0.2.{secrets.randbelow(254) + 1}",
        "X-CSRFToken": token.json()["csrfToken"],
        "Origin": f"https://{forwarded['Host']}",
        # The cookie is Secure and this hop is plain HTTP: requests would not send it.
        "Cookie": f"csrftoken={token.cookies['csrftoken']}",
    }
    response = session.post(app_url + "/ratings/1/", json={"stars": 9}, headers=headers, timeout=30)
    if response.status_code != 400:
        return [f"POST /ratings/1/: {response.status_code}, expected 400"]
    return []


EXPECTED_INCREASES = {
    "page-cache hits": 'foodie_page_cache_requests_total{job="foodie", status="hit"}',
    "page-cache misses": 'foodie_page_cache_requests_total{job="foodie", status="miss"}',
    "page-cache skips": 'foodie_page_cache_requests_total{job="foodie", status="skip"}',
    "404 responses": 'django_http_responses_total_by_status_total{job="foodie", status="404"}',
    "purges on publish": 'foodie_page_cache_purges_total{job="foodie", reason="publish"}',
    "publishes": 'foodie_pages_published_total{job="foodie"}',
    "Nginx requests": 'nginx_http_requests_total{job="nginx"}',
    "edge-cache hits": 'foodie_edge_requests_total{job="edge", cache_status="hit"}',
    "edge-cache misses": 'foodie_edge_requests_total{job="edge", cache_status="miss"}',
    "refused ratings": 'foodie_ratings_submitted_total{job="foodie", outcome="invalid"}',
}

"""Colliding saves in the admin never answer 500 and never lose a revision.

A double click on "Save draft", autosave racing a click, or two tabs publishing the
same page send the same save at once. Each backend gets a real server of the kind
that runs it: the embedded default (``runserver`` on SQLite, threaded) and the
production shape (Gunicorn, two gthread workers with four threads, on PostgreSQL).
The requests are released together by a barrier, so they overlap on the server.
"""

import os
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import psycopg
import pytest
import requests

from tests.servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
EDITOR, PASSWORD = "editor", "editor-password-not-secret"
COLLIDING_REQUESTS = 6


@dataclass
class Server:
    url: str
    database_url: str
    log: Path

    def query(self, sql: str, *params) -> list[tuple]:
        """Read the server's database directly (``%s`` placeholders on both backends)."""
        if self.database_url.startswith("sqlite"):
            with sqlite3.connect(urlsplit(self.database_url).path) as connection:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql, params).fetchall()

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def _server_command(backend: str, port: int) -> list[str]:
    if backend == "sqlite":
        # `make run`: Django's threaded development server.
        return [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    return [sys.executable, "-m", "gunicorn", "foodie.wsgi", "--workers", "2", "--threads", "4"]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def server(request, tmp_path_factory) -> Iterator[Server]:
    backend = request.param
    workdir = tmp_path_factory.mktemp(f"saves-{backend}")
    if backend == "sqlite":
        database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
    else:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
        # The server's maintenance database: DATABASE_URL's own may not exist (the
        # test runner uses test_<name>).
        server_url = urlsplit(os.environ["DATABASE_URL"])
        admin_url = urlunsplit(server_url._replace(path="/postgres"))
        name = f"foodie_saves_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        database_url = urlunsplit(server_url._replace(path=f"/{name}"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "foodie.settings.development",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "DJANGO_SUPERUSER_EMAIL": "editor@example.com",
    }
    for variable in ("REDIS_URL", "PAGE_CACHE_REDIS_URL", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(variable, None)
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input"], **quiet)
    subprocess.run(
        [sys.executable, "manage.py", "createsuperuser", "--no-input", "--username", EDITOR],
        **quiet,
    )
    log = workdir / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            _server_command(backend, port), cwd=ROOT, env=env, stdout=output, stderr=output
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield Server(url, database_url, log)
    finally:
        process.terminate()
        process.wait(timeout=30)
        if backend == "postgresql":
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def editor(server: Server) -> requests.Session:
    """A logged-in editor's browser session (cookies and CSRF token)."""
    session = requests.Session()
    session.get(f"{server.url}/admin/login/")
    token = session.cookies["csrftoken"]
    response = session.post(
        f"{server.url}/admin/login/",
        data={"username": EDITOR, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.url.rstrip("/").endswith("/admin"), server.log_tail()
    return session


def _page_form(title: str, slug: str, **extra: str) -> dict[str, str]:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "hero_heading": "",
            "hero_intro": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{title}</p>"))]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def _all_at_once(editor: requests.Session, calls: list[tuple[str, dict, dict]]) -> list:
    """POST every (url, data, headers) at the same moment, each on its own connection."""
    barrier = threading.Barrier(len(calls))
    responses: list = [None] * len(calls)

    def post(index: int, url: str, data: dict, headers: dict) -> None:
        session = requests.Session()
        session.cookies.update(editor.cookies)
        data = {**data, "csrfmiddlewaretoken": editor.cookies["csrftoken"]}
        barrier.wait()
        responses[index] = session.post(url, data=data, headers=headers, timeout=60)

    threads = [
        threading.Thread(target=post, args=(index, *call)) for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def _home_id(server: Server) -> int:
    return server.query("SELECT id FROM wagtailcore_page WHERE depth = 2")[0][0]


def _revision_count(server: Server, page_id: int) -> int:
    return server.query(
        "SELECT count(*) FROM wagtailcore_revision WHERE object_id = %s", str(page_id)
    )[0][0]


HTML = {"Accept": "text/html"}
AUTOSAVE = {"Accept": "application/json"}


def test_colliding_saves_of_a_new_page_create_one_page(server: Server, editor) -> None:
    slug = f"double-click-{uuid.uuid4().hex[:6]}"
    create_url = f"{server.url}/admin/pages/add/home/standardpage/{_home_id(server)}/"
    form = _page_form("Double click", slug)
    calls = [(create_url, form, AUTOSAVE if index % 3 == 2 else HTML) for index in range(6)]
    calls[1] = (create_url, {**form, "action-publish": "action-publish"}, HTML)

    responses = _all_at_once(editor, calls)

    statuses = [response.status_code for response in responses]
    assert all(status < 500 for status in statuses), (statuses, server.log_tail())
    pages = server.query("SELECT id FROM wagtailcore_page WHERE slug = %s", slug)
    assert len(pages) == 1, pages
    page_id = pages[0][0]
    edit_url = f"{server.url}/admin/pages/{page_id}/edit/"
    listing_url = f"{server.url}/admin/pages/{_home_id(server)}/"
    for (_, data, headers), response in zip(calls, responses, strict=True):
        if headers is AUTOSAVE:
            assert response.json()["pk"] == page_id, response.text
        elif "action-publish" in data:
            assert response.url == listing_url  # Wagtail's publish goes to the listing
        else:
            assert response.url == edit_url  # a draft save stays on the page's edit view
    assert _revision_count(server, page_id) == len(calls), "every save is kept as a revision"


def test_colliding_saves_and_publishes_of_a_page_keep_every_revision(
    server: Server, editor
) -> None:
    slug = f"two-tabs-{uuid.uuid4().hex[:6]}"
    create_url = f"{server.url}/admin/pages/add/home/standardpage/{_home_id(server)}/"
    created = editor.post(
        create_url,
        data={**_page_form("Two tabs", slug), "csrfmiddlewaretoken": editor.cookies["csrftoken"]},
    )
    assert created.status_code == 200, server.log_tail()
    page_id = server.query("SELECT id FROM wagtailcore_page WHERE slug = %s", slug)[0][0]
    edit_url = f"{server.url}/admin/pages/{page_id}/edit/"
    calls = []
    for index in range(COLLIDING_REQUESTS):
        extra = {"action-publish": "action-publish"} if index % 2 else {}
        headers = AUTOSAVE if index % 3 == 0 and not extra else HTML
        calls.append((edit_url, _page_form(f"Two tabs {index}", slug, **extra), headers))

    responses = _all_at_once(editor, calls)

    statuses = [response.status_code for response in responses]
    assert all(status < 500 for status in statuses), (statuses, server.log_tail())
    assert server.query("SELECT count(*) FROM wagtailcore_page WHERE slug = %s", slug) == [(1,)]
    assert _revision_count(server, page_id) == 1 + len(calls), "every save is kept"
    (live, title) = server.query("SELECT live, title FROM wagtailcore_page WHERE id = %s", page_id)[
        0
    ]
    assert live
    published = [data["title"] for _, data, _ in calls if "action-publish" in data]
    assert title in published

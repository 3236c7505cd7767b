"""Browser journeys: Debian's Chromium driven by Playwright (never `playwright install`).

The site under test is E2E_BASE_URL when set (CI points it at the native stack, through
Nginx); otherwise a development server on a fresh SQLite database with the demo content,
started here. Screenshots go to test-artifacts/e2e/ (git-ignored).
"""

import os
import re
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.servers import free_port, wait_until_up
from tests.services import missing_service

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = "/usr/bin/chromium"
ADMIN_USERNAME = "admin"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 740}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def site_url() -> str:
    """The site's base URL and, for the dev server, its life cycle."""
    if os.environ.get("E2E_BASE_URL"):
        yield os.environ["E2E_BASE_URL"].rstrip("/")
        return
    workdir = Path(tempfile.mkdtemp(prefix="foodie-e2e-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "foodie.settings.development",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "FOODIE_ADMIN_PASSWORD": admin_password(),
        "LOG_LEVEL": "WARNING",
    }
    for variable in ("REDIS_URL", "PAGE_CACHE_REDIS_URL"):
        env.pop(variable, None)  # the embedded default: local-memory caches
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input"], **quiet)
    subprocess.run([sys.executable, "manage.py", "load_demo_content"], **quiet)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def admin_password() -> str:
    return os.environ.get("E2E_ADMIN_PASSWORD") or os.environ.get(
        "FOODIE_ADMIN_PASSWORD", "e2e-admin-password-not-secret"
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        missing_service("needs Debian's chromium (apt-get install chromium)")
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    if os.environ.get("E2E_BASE_URL", "").startswith("https://"):
        # The stack's certificate is self-signed. ``ignore_https_errors`` (below) covers
        # pages and fetches but not service worker scripts, which Chromium refuses to
        # register over a certificate error (the saved recipes page's offline worker).
        args.append("--ignore-certificate-errors")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "ignore_https_errors": True}


@pytest.fixture
def editor(browser, site_url):
    """An editor signed in to the admin, in a browser of their own."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000}, ignore_https_errors=True
    )
    # Wagtail starts watching a form for edits (and so autosaving it) 2 s after it
    # loads and announces it with this event; the journey waits for it before typing.
    context.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => (window.watchingEdits = true));"
    )
    page = context.new_page()
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", ADMIN_USERNAME)
    page.fill("#id_password", admin_password())
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    yield page
    context.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


class PageWatch:
    """Collects what must not happen on a reader's page."""

    def __init__(self, site_url: str):
        self.host = urlsplit(site_url).netloc
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.expected_document_status: int | None = None

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.on("request", self._request)

    def _request_failed(self, request) -> None:
        # ERR_ABORTED: the test navigated on before a lazy image or icon finished.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"{request.url} {request.failure}")

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.host:
            self.foreign.append(request.url)

    def _response(self, response) -> None:
        # The 404 journey expects exactly one 404: the document itself.
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed.append(f"{response.url} {response.status}")

    @contextmanager
    def offline(self, page):
        """The browser offline while the block runs: what fails for want of a network
        then (a fetch, its console message) is expected and not kept."""
        counts = len(self.console_errors), len(self.failed)
        page.context.set_offline(True)
        try:
            yield
        finally:
            page.context.set_offline(False)
            del self.console_errors[counts[0] :], self.failed[counts[1] :]

    def expect_document_status(self, status: int) -> None:
        """The page itself answers ``status`` (the 404 journey); Chromium logs that."""
        self.expected_document_status = status

    def assert_clean(self) -> None:
        if self.expected_document_status:
            logged = f"the server responded with a status of {self.expected_document_status}"
            self.console_errors = [m for m in self.console_errors if logged not in m]
        assert self.console_errors == []
        assert self.failed == []
        assert self.foreign == []


@pytest.fixture
def reader(page, site_url, viewport):
    """A reader's tab at the viewport's size, watched for errors and foreign requests."""
    page.set_viewport_size(VIEWPORTS[viewport])
    watch = PageWatch(site_url)
    watch.attach(page)
    page.watch = watch
    yield page
    watch.assert_clean()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 0}
    page.screenshot(path=str(ARTIFACTS / f"{name}-{size['width']}.png"), full_page=True)

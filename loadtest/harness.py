"""What `make load`, `make chaos` and `make soak` share (loadtest/run.py): the stack
under test, Locust run as its own process, its request log, resource sampling and the
check that every page readers get is current."""

from __future__ import annotations

import html
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg
import redis
import requests

from loadtest.report import Request, read_log
from tests.stack.conftest import Stack, read_env_file

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts" / "load"
# The stack's processes a run samples, by pid file (and their children); CPU is also
# reported for Locust itself, which takes it from the same cores.
SERVICES = ("nginx", "gunicorn", "postgres", "redis")
SAMPLED = (*SERVICES, "locust")


def open_stack() -> Stack:
    directory = Path(os.environ.get("FOODIE_STACK_DIR") or REPO / ".stack")
    state = json.loads((directory / "state.json").read_text())
    env = read_env_file(Path(state["env_file"]))
    url = os.environ.get("FOODIE_STACK_URL") or env["FOODIE_STACK_URL"]
    return Stack(url=url, http_url=state["http_url"], status_url=state["status_url"],
                 ca=state["ca"], directory=directory, state=state, env=env)  # fmt: skip


def run_locust(stack: Stack, out: Path, *, seconds: int, users: int = 0, steps: str = "",
               editors: int = 2, editor_wait: float = 20) -> subprocess.Popen:  # fmt: skip
    """Start Locust headless: ``users`` for ``seconds``, or the LOADTEST_STEPS ramp."""
    if not stack.url.startswith("https://localhost:"):
        raise ValueError("load runs target this machine's loopback only")
    out.mkdir(parents=True, exist_ok=True)
    (out / "requests.csv").unlink(missing_ok=True)  # the locustfile appends
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "LOADTEST_REQUEST_LOG": str(out / "requests.csv"),
        "LOADTEST_ADMIN_PASSWORD": (stack.directory / "admin_password").read_text().strip(),
        "LOADTEST_CA": stack.ca,
        "LOADTEST_EDITORS": str(editors),
        "LOADTEST_EDITOR_WAIT": str(editor_wait),
        "LOADTEST_STEPS": steps,
    }
    command = [sys.executable, "-m", "locust", "-f", str(REPO / "loadtest" / "locustfile.py"),
               "--headless", "--host", stack.url, "--only-summary", "--csv", str(out / "locust"),
               "--html", str(out / "report.html"), "--stop-timeout", "10"]  # fmt: skip
    if not steps:
        command += ["-u", str(users), "-r", str(max(users // 5, 1)), "-t", f"{seconds}s"]
    log = (out / "locust.log").open("w")
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)


def finish(process: subprocess.Popen, out: Path, timeout: float) -> list[Request]:
    """Wait for Locust (its exit code only says whether anything failed: the log
    decides) and read its request log."""
    process.wait(timeout=timeout)
    requests_made = read_log(out / "requests.csv")
    if not requests_made:
        raise RuntimeError(f"Locust made no request: see {out / 'locust.log'}")
    return requests_made


def service_processes(stack: Stack, service: str) -> list[psutil.Process]:
    """The service's main process (from its pid file) and all its children."""
    try:
        main = psutil.Process(stack.pid(service))
        return [main, *main.children(recursive=True)]
    except (FileNotFoundError, ValueError, psutil.Error):
        return []


@dataclass
class Sampler:
    """Every ``interval`` s in a thread: each service's CPU %, each Gunicorn worker's
    RSS, open files per service, PostgreSQL connections and Redis memory."""

    stack: Stack
    interval: float
    samples: list[dict] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _known: dict[int, psutil.Process] = field(default_factory=dict)
    locust: int | None = None  # Locust's pid: its CPU is taken from the same cores

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _process(self, process: psutil.Process) -> psutil.Process:
        # cpu_percent() measures since the previous call on the same object.
        return self._known.setdefault(process.pid, process)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.samples.append(self.sample())

    def sample(self) -> dict:
        cpu, fds, rss = {}, {}, {}
        for service in SAMPLED:
            processes = [self._process(p) for p in self._processes(service)]
            cpu[service], fds[service] = 0.0, 0
            for process in processes:
                try:
                    cpu[service] += process.cpu_percent(None)
                    fds[service] += process.num_fds()
                    if service == "gunicorn" and process.pid != self.stack.pid("gunicorn"):
                        rss[str(process.pid)] = process.memory_info().rss
                except (psutil.Error, FileNotFoundError, ValueError):
                    continue
        return {"time": time.time(), "cpu": cpu, "open_files": fds, "worker_rss": rss,
                "postgres_connections": self._postgres_connections(),
                "redis_memory": self._redis_memory()}  # fmt: skip

    def _processes(self, service: str) -> list[psutil.Process]:
        if service != "locust":
            return service_processes(self.stack, service)
        try:
            return [psutil.Process(self.locust)] if self.locust else []
        except psutil.Error:
            return []

    def _postgres_connections(self) -> int | None:
        try:
            with psycopg.connect(self.stack.env["DATABASE_URL"], connect_timeout=2) as db:
                return db.execute("SELECT count(*) FROM pg_stat_activity"
                                  " WHERE datname = current_database()").fetchone()[0]  # fmt: skip
        except psycopg.Error:
            return None

    def _redis_memory(self) -> int | None:
        try:
            client = redis.Redis.from_url(self.stack.env["REDIS_URL"], socket_timeout=2)
            return client.info("memory")["used_memory"]
        except redis.RedisError:
            return None

    def mean_cpu(self, start: float, end: float) -> dict[str, float]:
        inside = [s for s in self.samples if start < s["time"] <= end]
        return {svc: statistics.fmean(s["cpu"][svc] for s in inside) if inside else 0.0
                for svc in SAMPLED}  # fmt: skip


def live_pages(stack: Stack) -> list[tuple[str, str]]:
    """(path, title) of every live public page, from the API (which reads the database
    and is never cached)."""
    session = stack.session()
    items: list[dict] = []
    while True:
        batch = session.get(f"{stack.url}/api/v2/pages/?limit=50&offset={len(items)}",
                            timeout=30).json()["items"]  # fmt: skip
        items += batch
        if len(batch) < 50:
            break
    return [("/" + item["meta"]["html_url"].split("/", 3)[3], item["title"]) for item in items]


def warm(stack: Stack) -> None:
    """Request every live page once through Nginx, as a reader would, so that a run
    measures the site as readers find it: renditions made and caches filled, not the
    first views after a deploy or after the browser journeys' publishes (a recipe's
    first view makes its 15 renditions, seconds on a busy machine)."""
    session = stack.session()
    for path, _title in live_pages(stack):
        try:
            session.get(stack.url + path, timeout=60)
        except requests.RequestException:
            continue  # a page that cannot be warmed is measured cold


def stale_pages(stack: Stack) -> list[str]:
    """Every live public page whose current title is not what an anonymous reader
    gets through Nginx."""
    session = stack.session()
    stale = []
    for path, title in live_pages(stack):
        page = session.get(stack.url + path, timeout=30)
        if page.status_code != 200 or html.escape(title) not in page.text:
            shown = re.search(r"<title>(.*?)</title>", page.text, re.S)
            stale.append(f"{path}: {title!r}, shown {shown and shown[1].strip()!r} "
                         f"({page.status_code})")  # fmt: skip
    return stale


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())

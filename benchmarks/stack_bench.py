"""The full path through the native stack (`make stack`), with wrk on loopback.

The home page's bytes, served nine ways in one run, so their ratios mean something
on a noisy machine (issue 14's targets):

1. Nginx serving them as a static file over HTTPS: the physical limit here;
2. an edge-cache hit (Nginx's proxy_cache) over HTTPS;
3. a page-cache hit in Gunicorn with the edge out of the way, twice: through Nginx
   over HTTPS (a tracking parameter: the edge never looks up a URL with a query
   string, the page cache drops utm_*), and at Gunicorn's own port with the headers
   Nginx sends;
4. a render (a session cookie makes the page uncacheable) through Nginx over HTTPS;
5. benchmarks/bare_wsgi.py returning the same bytes under Gunicorn with the stack
   Gunicorn's own settings, measured like the hit at Gunicorn's port;
6. the hit and the bare app again, each on a Gunicorn of one worker started beside the
   stack (the hit's with the stack's whole environment and its page cache): the pair
   issue 14's "hit / bare" target is judged on;
7. benchmarks/hit_ceiling.py on one worker: the least a page-cache hit can do while
   keeping the page cache's rules and purges, the ceiling of that ratio.

    make stack && make bench-stack        # prints Markdown tables for RESULTS.md

The Gunicorn settings are whatever the stack was started with (GUNICORN_* in the
environment of `make stack`); the bare app gets the same ones.

Every row is measured BENCH_REPEATS times (default 3), the rows taking turns, and the
medians are printed: wrk's keep-alive connections stay with the Gunicorn worker that
accepted them, and when one of the two workers takes most of them a run of either
Gunicorn row measures about one core (seen: 13 of 16 sockets on one worker, a third of
the usual rate), so a single run of a row can be off by half. That is why the hit /
bare ratio is judged on the one-worker pair (6): with one worker each there is no split
to land on either side, and the ratio holds from run to run; the stack's own pair is
printed beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import requests
from page_cache_bench import Gunicorn, median_of, wrk

REPO = Path(__file__).resolve().parent.parent
STACK = Path(os.environ.get("FOODIE_STACK_DIR", REPO / ".stack"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
# Where the stack's Gunicorn listens, logs and keeps state: never shared with the
# Gunicorns the bench starts.
NOT_SETTINGS = (
    "GUNICORN_BIND",
    "GUNICORN_PIDFILE",
    "GUNICORN_ACCESS_LOG",
    "GUNICORN_ERROR_LOG",
    "GUNICORN_CMD_ARGS",
    "PROMETHEUS_MULTIPROC_DIR",
)
# A row: the URL, the request headers, and the response headers that prove it (None:
# absent).
Row = tuple[str, dict[str, str], dict[str, str | None]]
EDGE, PAGE_CACHE = "X-Edge-Cache", "X-Wagtail-Cache"


def process_environment(pid: int) -> dict[str, str]:
    """The environment a process runs with (its /proc environ), minus where the stack's
    Gunicorn listens and keeps state."""
    pairs = Path(f"/proc/{pid}/environ").read_bytes().decode().split("\0")
    variables = dict(pair.partition("=")[::2] for pair in pairs if "=" in pair)
    return {key: value for key, value in variables.items() if key not in NOT_SETTINGS}


def gunicorn_settings(environment: dict[str, str]) -> dict[str, str]:
    """The GUNICORN_* variables of a Gunicorn's environment."""
    return {key: value for key, value in environment.items() if key.startswith("GUNICORN_")}


def checked(response: requests.Response, body: bytes, headers: dict[str, str | None]) -> None:
    """Asserts a response is the one a row claims to measure (a 200, the same bytes,
    these headers; None: absent), before wrk measures it."""
    seen = {name: response.headers.get(name) for name in headers}
    assert response.status_code == 200 and seen == headers, (response.url, seen)
    assert response.content == body, f"{response.url}: not the same bytes"


def main() -> int:
    if not shutil.which("wrk"):
        sys.exit("stack_bench: wrk not found (apt-get install wrk)")
    state_file = STACK / "state.json"
    if not state_file.exists():
        sys.exit("stack_bench: no running stack: `make stack` first")
    state = json.loads(state_file.read_text())
    session = requests.Session()
    session.trust_env = False
    session.verify = state["ca"]
    body = session.get(state["url"] + "/").content
    # The pid file, not state.json: `stack.py start-service gunicorn` replaces it.
    stack_env = process_environment(int((STACK / "pids" / "gunicorn.pid").read_text()))
    settings = gunicorn_settings(stack_env)
    static = STACK / "static" / "bench" / "home.html"
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_bytes(body)
    try:
        rows = measure_rows(state, session, body, static, stack_env)
    finally:
        static.unlink()
    report(rows, len(body), settings)
    return 0


def measure_rows(
    state: dict, session: requests.Session, body: bytes, static: Path, stack_env: dict[str, str]
) -> dict[str, dict[str, float]]:
    url, app_url = state["url"], state["app_url"]
    # What Nginx sends Gunicorn ($host has no port): the same page-cache keys.
    forwarded = {
        "Host": urlsplit(url).hostname,
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "127.0.0.1",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env = {**env, **gunicorn_settings(stack_env), "BENCH_BODY_FILE": str(static)}
    with ExitStack() as servers:

        def app_env(**extra: str) -> dict[str, str]:
            """The stack's environment, with metrics of its own (Gunicorn empties them)."""
            metrics_dir = tempfile.mkdtemp(prefix="bench-metrics-")
            servers.callback(shutil.rmtree, metrics_dir, ignore_errors=True)
            return {**stack_env, "PROMETHEUS_MULTIPROC_DIR": metrics_dir, **extra}

        bench_dir = REPO / "benchmarks"
        bare = servers.enter_context(Gunicorn("bare_wsgi:application", env, None, bench_dir))
        bare_one = servers.enter_context(Gunicorn("bare_wsgi:application", env, 1, bench_dir))
        hit_one = servers.enter_context(
            Gunicorn("foodie.wsgi:application", app_env(), 1, headers=forwarded)
        )
        ceiling = servers.enter_context(
            Gunicorn(
                "hit_ceiling:application",
                app_env(PYTHONPATH=str(REPO)),
                1,
                bench_dir,
                headers=forwarded,
            )
        )
        return measure(
            session,
            body,
            {
                "static": (url + "/static/bench/home.html", {}, {EDGE: None}),
                "edge": (url + "/", {}, {EDGE: "HIT"}),
                "hit via Nginx": (
                    url + "/?utm_source=bench",
                    {},
                    {EDGE: "BYPASS", PAGE_CACHE: "hit"},
                ),
                "hit": (app_url + "/", forwarded, {EDGE: None, PAGE_CACHE: "hit"}),
                "bare": (bare.url + "/", {}, {PAGE_CACHE: None}),
                "hit, one worker": (hit_one.url + "/", forwarded, {EDGE: None, PAGE_CACHE: "hit"}),
                "bare, one worker": (bare_one.url + "/", {}, {PAGE_CACHE: None}),
                "hit ceiling": (ceiling.url + "/", forwarded, {EDGE: None, PAGE_CACHE: "hit"}),
                "render": (
                    url + "/",
                    {"Cookie": "sessionid=bench-not-a-session"},
                    {EDGE: "BYPASS", PAGE_CACHE: "skip"},
                ),
            },
        )


def measure(
    session: requests.Session, body: bytes, rows: dict[str, Row]
) -> dict[str, dict[str, float]]:
    """Each row checked, then measured by wrk, REPEATS times, the rows taking turns."""
    # A fresh stack stores the page on its first requests.
    for target, headers, _ in rows.values():
        session.get(target, headers=headers)
    runs: dict[str, list[dict[str, float]]] = {key: [] for key in rows}
    for _ in range(REPEATS):
        for key, (target, headers, proof) in rows.items():
            checked(session.get(target, headers=headers), body, proof)
            runs[key].append(
                wrk(target, SECONDS, CONNECTIONS, *(f"{k}: {v}" for k, v in headers.items()))
            )
    return {key: median_of(results) for key, results in runs.items()}


LABELS = {
    "static": "Nginx: the same bytes as a static file (HTTPS)",
    "edge": "Nginx: edge-cache hit, `X-Edge-Cache: HIT` (HTTPS)",
    "hit via Nginx": "Nginx + Gunicorn: page-cache hit, edge bypassed by `?utm_source=` (HTTPS)",
    "hit": "Gunicorn's port: page-cache hit, Nginx's Host/X-Forwarded-* headers (HTTP)",
    "render": "Nginx + Gunicorn: rendered, session cookie (HTTPS)",
    "bare": "Gunicorn's settings: `benchmarks/bare_wsgi.py`, the same bytes (HTTP)",
    "hit, one worker": "One worker beside the stack: page-cache hit, as above (HTTP)",
    "bare, one worker": "One worker: `benchmarks/bare_wsgi.py`, the same bytes (HTTP)",
    "hit ceiling": "One worker: `benchmarks/hit_ceiling.py`, the least a hit can do (HTTP)",
}


def report(rows: dict[str, dict[str, float]], size: int, settings: dict[str, str]) -> None:
    gunicorn = ", ".join(f"{k}={v}" for k, v in sorted(settings.items()))
    print(
        f"\nHome page ({size} bytes, identical in every row), wrk -t2 -c{CONNECTIONS} "
        f"-d{SECONDS}s, medians of {REPEATS} runs taking turns, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, Gunicorn: gunicorn.conf.py"
        f"{' with ' + gunicorn if gunicorn else ' defaults'}. Each row checked first (a 200, "
        "the same bytes, its X-Edge-Cache and X-Wagtail-Cache); wrk saw no error:\n"
    )
    print("| path | req/s | p50 ms | p99 ms | share of the static rate |")
    print("|---|---:|---:|---:|---:|")
    static = rows["static"]
    for key, result in rows.items():
        print(
            f"| {LABELS[key]} | {result['rps']:.0f} | {result['p50']:.2f} "
            f"| {result['p99']:.2f} | {result['rps'] / static['rps']:.1%} |"
        )
    targets = [
        ("edge hit / static file, req/s", rows["edge"]["rps"] / static["rps"], ">=", 0.5),
        ("edge hit p99 / static file p99", rows["edge"]["p99"] / static["p99"], "<=", 2.0),
        (
            "page-cache hit / bare WSGI, one worker each, req/s",
            rows["hit, one worker"]["rps"] / rows["bare, one worker"]["rps"],
            ">=",
            0.5,
        ),
    ]
    print("\n| issue 14 target | measured | target | |")
    print("|---|---:|---:|---|")
    for name, ratio, sense, bound in targets:
        met = ratio >= bound if sense == ">=" else ratio <= bound
        print(f"| {name} | {ratio:.2f} | {sense} {bound} | {'PASS' if met else 'MISS'} |")
    split = rows["hit"]["rps"] / rows["bare"]["rps"]
    ceiling = rows["hit ceiling"]["rps"] / rows["bare, one worker"]["rps"]
    print(
        f"\nWith the stack's workers (subject to the connection split): hit / bare {split:.2f}."
        f"\nThe least a hit can do (`benchmarks/hit_ceiling.py`) / bare, one worker each:"
        f" {ceiling:.2f}."
    )


if __name__ == "__main__":
    sys.exit(main())

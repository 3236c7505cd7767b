"""The full path through the native stack (`make stack`), with wrk on loopback.

Three measurements in one run, so their ratios mean something on a noisy machine:

1. Nginx serving the home page's HTML as a static file: the physical limit here;
2. the home page from the page cache, through Nginx and Gunicorn;
3. the home page rendered by Django (a session cookie makes it uncacheable),
   through Nginx and Gunicorn.

    make stack && make bench-stack        # prints a Markdown table for RESULTS.md

The Gunicorn settings are whatever the stack was started with (GUNICORN_WORKERS,
GUNICORN_WORKER_CLASS, GUNICORN_THREADS in the environment of `make stack`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
STACK = Path(os.environ.get("FOODIE_STACK_DIR", REPO / ".stack"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))


def wrk(url: str, *headers: str) -> dict:
    argv = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency"]
    for header in headers:
        argv += ["-H", header]
    output = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", output).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    errors = "Non-2xx" in output or "Socket errors" in output
    return {"rate": rate, "p50": p50, "p99": p99, "errors": errors}


def main() -> int:
    if not shutil.which("wrk"):
        sys.exit("stack_bench: wrk not found (apt-get install wrk)")
    state_file = STACK / "state.json"
    if not state_file.exists():
        sys.exit("stack_bench: no running stack: `make stack` first")
    state = json.loads(state_file.read_text())
    url = state["url"]
    session = requests.Session()
    session.trust_env = False
    session.verify = state["ca"]

    html = session.get(url + "/").content
    static = STACK / "static" / "bench" / "home.html"
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_bytes(html)
    for _ in range(2):
        cached = session.get(url + "/")
    assert cached.headers.get("X-Wagtail-Cache") == "hit", cached.headers

    rows = [
        ("Nginx: the same HTML as a static file", wrk(url + "/static/bench/home.html")),
        ("Nginx + Gunicorn: page-cache hit", wrk(url + "/")),
        (
            "Nginx + Gunicorn: rendered (uncacheable: session cookie)",
            wrk(url + "/", "Cookie: sessionid=bench-not-a-session"),
        ),
    ]
    static.unlink()
    limit = rows[0][1]["rate"]
    gunicorn = ", ".join(f"{k} {v}" for k, v in state.get("gunicorn", {}).items())
    print(
        f"\nHome page ({len(html)} bytes) over HTTPS, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, "
        f"{time.strftime('%Y-%m-%d')}, Gunicorn {gunicorn}:\n"
    )
    print("| path | req/s | p50 | p99 | share of the static limit |")
    print("|---|---:|---:|---:|---:|")
    for label, result in rows:
        flag = " (errors!)" if result["errors"] else ""
        print(
            f"| {label}{flag} | {result['rate']:.0f} | {result['p50']} | {result['p99']} "
            f"| {result['rate'] / limit:.1%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

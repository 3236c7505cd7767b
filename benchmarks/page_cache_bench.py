"""Page-cache benchmark: bare WSGI vs cache hit vs uncached render, through Gunicorn.

Run: make bench-cache, or make bench for every benchmark (needs PostgreSQL, Redis and
wrk; see benchmarks/RESULTS.md).
Everything is measured in one run, 3 repetitions each, medians reported, and the
ratios hit/bare and hit/uncached printed and appended to benchmarks/RESULTS.md.
"""

import argparse
import datetime
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "foodie.settings.production",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


class Gunicorn:
    """Gunicorn on a free port with gunicorn.conf.py; ``workers`` overrides its count
    (None: what the configuration and the environment's GUNICORN_* variables say).
    ``headers`` go with the requests that wait for it to answer (a proxy's headers,
    for settings that redirect plain HTTP)."""

    def __init__(
        self,
        app: str,
        env: dict[str, str],
        workers: int | None,
        chdir: Path = ROOT,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [PYTHON, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{self.port}"]
        command += ["--log-level", "warning"]
        if workers is not None:
            command += ["--workers", str(workers)]
        if (ROOT / "gunicorn.conf.py").exists():
            command += ["--config", str(ROOT / "gunicorn.conf.py")]
        # Access logs (gunicorn.conf.py sends them to stdout) go nowhere: same cost, no noise.
        self.process = subprocess.Popen(
            [*command, "--chdir", str(chdir)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        for _ in range(200):
            try:
                target = self.url + "/robots.txt" if "foodie" in app else self.url
                urllib.request.urlopen(
                    urllib.request.Request(target, headers=headers or {}), timeout=1
                )
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn for {app} did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def __enter__(self) -> "Gunicorn":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def wrk(url: str, seconds: int, connections: int, *headers: str) -> dict[str, float]:
    """req/s and p50/p99 in ms; raises unless every response was a 2xx or 3xx."""
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for header in headers:
        argv += ["-H", header]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors or "Socket errors" in out:
        raise RuntimeError(f"wrk saw errors for {url}:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
    }


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench-cache` installs it with apt.")

    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/foodie_bench"
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
    page_cache_url = redis_url.rsplit("/", 1)[0] + "/13"
    env = bench_env(database_url, redis_url, PAGE_CACHE_REDIS_URL=page_cache_url)
    create_database(database_url)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo_content", "--if-empty")
    manage(env, "collectstatic", "--no-input")

    cached = Gunicorn("foodie.wsgi:application", env, args.workers)
    uncached = Gunicorn("foodie.wsgi:application", {**env, "WAGTAIL_CACHE": "0"}, args.workers)
    pages = {"home": "/", "recipe index": "/recipes/", "recipe": first_recipe_path(cached.url)}
    rows = []
    try:
        for name, path in pages.items():
            body = urllib.request.urlopen(cached.url + path).read()
            assert urllib.request.urlopen(cached.url + path).headers["X-Wagtail-Cache"] == "hit"
            with tempfile.NamedTemporaryFile(suffix=".html") as body_file:
                body_file.write(body)
                body_file.flush()
                bare = Gunicorn(
                    "bare_wsgi:application",
                    {**env, "BENCH_BODY_FILE": body_file.name},
                    args.workers,
                    chdir=ROOT / "benchmarks",
                )
                try:
                    results = {
                        label: median_of(
                            [
                                wrk(url, args.seconds, args.connections)
                                for _ in range(args.repetitions)
                            ]
                        )
                        for label, url in (
                            ("bare", bare.url + "/"),
                            ("hit", cached.url + path),
                            ("uncached", uncached.url + path),
                        )
                    }
                finally:
                    bare.stop()
            rows.append((name, path, results))
    finally:
        cached.stop()
        uncached.stop()
    report(rows, args)


def first_recipe_path(base_url: str) -> str:
    html = urllib.request.urlopen(base_url + "/recipes/").read().decode()
    return re.search(r'class="card__title"><a href="(/recipes/[^"]+/)"', html).group(1)


def create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


HEADER = (
    "| page | bare req/s | hit req/s | uncached req/s | hit p50 / p99 ms "
    "| uncached p50 / p99 ms | hit/bare | hit/uncached |"
)


def report(rows, args) -> None:
    lines = [
        f"### Page cache, {datetime.date.today().isoformat()} "
        f"(wrk -t2 -c{args.connections} -d{args.seconds}s, {args.repetitions} runs, medians; "
        f"gunicorn {args.workers} workers)",
        "",
        HEADER,
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path, r in rows:
        bare, hit, uncached = r["bare"], r["hit"], r["uncached"]
        cells = [
            f"{name} (`{path}`)",
            f"{bare['rps']:.0f}",
            f"{hit['rps']:.0f}",
            f"{uncached['rps']:.0f}",
            f"{hit['p50']:.1f} / {hit['p99']:.1f}",
            f"{uncached['p50']:.1f} / {uncached['p99']:.1f}",
            f"{hit['rps'] / bare['rps']:.2f}",
            f"{hit['rps'] / uncached['rps']:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    print(text)
    with RESULTS.open("a") as results:
        results.write("\n" + text)


if __name__ == "__main__":
    main()

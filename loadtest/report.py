"""Figures from the request log loadtest/locustfile.py writes: per route, per time
window, cache hit ratios; printed as Markdown tables for benchmarks/RESULTS.md."""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

# Reader pages that Nginx's edge cache and the page cache may answer (not search, not
# images, not the admin): the routes the hit ratios are counted on.
CACHEABLE_ROUTES = {"home", "listing", "recipe", "article"}


@dataclass(frozen=True)
class Request:
    time: float  # when the answer arrived, in seconds since the epoch
    route: str
    ms: int
    failed: bool
    status: int
    edge: str
    page_cache: str

    @property
    def started(self) -> float:
        return self.time - self.ms / 1000


def read_log(path: Path) -> list[Request]:
    """The log's requests in the order their answers arrived (Locust writes a row when
    it reports the request, which for a ``catch_response`` block can be later)."""
    with path.open(newline="") as file:
        requests = [
            Request(float(t), route, int(ms), failed == "1", int(status), edge, page_cache)
            for t, route, ms, failed, status, edge, page_cache in csv.reader(file)
        ]
    return sorted(requests, key=lambda request: request.time)


def percentile(values: list[int], fraction: float) -> int:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


@dataclass(frozen=True)
class Window:
    requests: int
    failed: int
    per_second: float
    p50: int
    p95: int
    p99: int


def window(requests: list[Request], start: float, end: float) -> Window:
    """The requests that ended in [start, end)."""
    inside = [r for r in requests if start <= r.time < end]
    ms = [r.ms for r in inside]
    seconds = max(end - start, 1e-9)
    return Window(
        requests=len(inside),
        failed=sum(r.failed for r in inside),
        per_second=len(inside) / seconds,
        p50=percentile(ms, 0.50),
        p95=percentile(ms, 0.95),
        p99=percentile(ms, 0.99),
    )


def route_table(requests: list[Request]) -> str:
    """Requests/s, p50/p95/p99 (ms) and failures per route, as Markdown."""
    if not requests:
        return "(no requests)"
    start, end = requests[0].time, requests[-1].time + 1e-3
    by_route: dict[str, list[Request]] = defaultdict(list)
    for request in requests:
        by_route[request.route].append(request)
    lines = ["| route | requests | req/s | p50 ms | p95 ms | p99 ms | failed |",
             "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for route, rows in [*sorted(by_route.items()), ("all", requests)]:
        w = window(rows, start, end)
        name = f"**{route}**" if route == "all" else route
        lines.append(f"| {name} | {w.requests} | {w.per_second:.1f} | {w.p50} | {w.p95} "
                     f"| {w.p99} | {w.failed} |")  # fmt: skip
    return "\n".join(lines)


def cache_ratios(requests: list[Request]) -> dict[str, float]:
    """Of the cacheable reader pages: the share Nginx's edge cache answered (HIT, STALE,
    UPDATING), and of those that reached the app, the share the page cache answered."""
    pages = [r for r in requests if r.route in CACHEABLE_ROUTES and not r.failed]
    edge = Counter(r.edge for r in pages)
    from_edge = edge["HIT"] + edge["STALE"] + edge["UPDATING"]
    app = [r for r in pages if r.edge not in ("HIT", "STALE", "UPDATING")]
    page_hits = sum(r.page_cache == "hit" for r in app)
    return {
        "edge": from_edge / len(pages) if pages else 0.0,
        "page_cache": page_hits / len(app) if app else 0.0,
        "either": (from_edge + page_hits) / len(pages) if pages else 0.0,
    }

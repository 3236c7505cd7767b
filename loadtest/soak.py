"""`make soak`: the mix for a long run, sampling resources to find what grows."""

from __future__ import annotations

import json
import statistics
import time

from loadtest.harness import ARTIFACTS, SERVICES, Sampler, finish, load_average, run_locust
from loadtest.report import percentile, window
from tests.stack.conftest import Stack

# Growth allowed between the first and last third of a soak (after a warm-up tenth):
# relative, plus an absolute floor for small series.
GROWTH_LIMITS = {"worker_rss": (0.10, 16 << 20), "postgres_connections": (0.25, 3),
                 "redis_memory": (0.25, 8 << 20), "open_files": (0.10, 16)}  # fmt: skip


def grows(values: list[float], relative: float, absolute: float) -> bool:
    """Whether the series' last third is above its first third (after a warm-up tenth)
    by more than both limits: a leak, not noise or a cache filling up once."""
    values = [v for v in values if v is not None][len(values) // 10 :]
    if len(values) < 6:
        return False
    third = len(values) // 3
    first, last = statistics.median(values[:third]), statistics.median(values[-third:])
    return last - first > max(first * relative, absolute)


def soak(stack: Stack, users: int, minutes: float) -> tuple[str, list[str]]:
    """The mix at ``users`` for ``minutes``, sampling resources every 15 s (5 s for a
    run under ten minutes); the summary and what grew or failed."""
    out = ARTIFACTS / time.strftime("soak-%Y%m%d-%H%M%S")
    seconds = int(minutes * 60)
    with Sampler(stack, interval=15 if minutes >= 10 else 5) as sampler:
        process = run_locust(stack, out, seconds=seconds, users=users)
        requests_made = finish(process, out, timeout=seconds + 120)
    samples = sampler.samples
    (out / "resources.jsonl").write_text("".join(json.dumps(s) + "\n" for s in samples))
    # Workers come and go (max_requests); their total is what must stay bounded.
    series = {
        "worker_rss": [sum(s["worker_rss"].values()) for s in samples],
        "postgres_connections": [s["postgres_connections"] for s in samples],
        "redis_memory": [s["redis_memory"] for s in samples],
        **{f"open_files {svc}": [s["open_files"][svc] for s in samples] for svc in SERVICES},
    }
    problems = [f"{name} grows: {values[0]} -> {values[-1]}" for name, values in series.items()
                if grows(values, *GROWTH_LIMITS[name.split()[0]])]  # fmt: skip
    failed = sum(r.failed for r in requests_made)
    if failed:
        problems.append(f"{failed} failed requests")
    rows = [f"| {name} | {values[0]} | {max(v for v in values if v is not None)} | {values[-1]} |"
            for name, values in series.items()]  # fmt: skip
    whole = window(requests_made, requests_made[0].time, requests_made[-1].time)
    summary = "\n".join([
        f"# make soak, {minutes:g} min at {users} users, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"load average {load_average()}", "",
        f"{whole.requests} requests, {whole.per_second:.1f} req/s, p95 {whole.p95} ms, "
        f"p99 {percentile([r.ms for r in requests_made], 0.99)} ms, {whole.failed} failed.", "",
        "| series | first | max | last |", "|---|---:|---:|---:|", *rows, "",
        "Problems: " + ("; ".join(problems) if problems else "none"),
        f"Samples: {out / 'resources.jsonl'}",
    ])  # fmt: skip
    (out / "summary.md").write_text(summary + "\n")
    return summary, problems

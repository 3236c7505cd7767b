"""`make load`, `make chaos` and `make soak`: Locust's mix (loadtest/locustfile.py)
against the running native stack, and the figures benchmarks/RESULTS.md records.

    python -m loadtest.run load   [--steps 10:45,20:45,...]  ramp until p95 passes 1 s
    python -m loadtest.run chaos  [--users 30 --gap 25]      faults under load
    python -m loadtest.run soak   [--users 40 --minutes 30]  resources over time
    python -m loadtest.run check                             CI's short chaos, thresholds

This module is the command line and `make load`'s ramp; `make chaos` (and CI's
check) is loadtest/chaos.py, `make soak` loadtest/soak.py, and what they share (the
stack, Locust, sampling, the staleness check) loadtest/harness.py. Locust runs as its
own process (gevent stays out of this one); every request it makes lands in a CSV log
that loadtest/report.py reads. Each run writes its Markdown summary,
Locust's HTML report and CSVs, and the raw logs under test-artifacts/load/ (ignored by
git). The stack is the one FOODIE_STACK_DIR and FOODIE_STACK_URL name (.stack/ and
.stack/env by default), loopback only.
"""

from __future__ import annotations

import argparse
import sys
import time

from loadtest.chaos import chaos, check
from loadtest.harness import (
    ARTIFACTS,
    SAMPLED,
    Sampler,
    finish,
    load_average,
    open_stack,
    run_locust,
)
from loadtest.report import cache_ratios, route_table, window
from loadtest.soak import soak
from tests.stack.conftest import Stack

SUSTAINABLE_P95_MS = 500


# --- make load ----------------------------------------------------------------------


def load(stack: Stack, steps: str) -> str:
    """Ramp through ``steps`` (``users:seconds,...``) until p95 passes 1 s; the
    Markdown summary, with the highest rate held at p95 < 500 ms and no error."""
    out = ARTIFACTS / time.strftime("load-%Y%m%d-%H%M%S")
    plan = [tuple(map(int, step.split(":"))) for step in steps.split(",")]
    with Sampler(stack, interval=2) as sampler:
        process = run_locust(stack, out, seconds=0, steps=steps)
        sampler.locust = process.pid
        requests_made = finish(process, out, timeout=sum(s for _, s in plan) + 120)
    rows, sustainable = [], None
    start = requests_made[0].time  # the shape's time zero, give or take a request
    for users, seconds in plan:
        end = start + seconds
        # The step's second half: the users are all spawned and past their first pages.
        w = window(requests_made, start + seconds / 2, end)
        if not w.requests:
            break
        pages = window([r for r in requests_made if r.route != "image"], start + seconds / 2, end)
        cpu = sampler.mean_cpu(start + seconds / 2, end)
        rows.append(f"| {users} | {w.per_second:.1f} | {pages.per_second:.1f} | {w.p50} | {w.p95} "
                    f"| {w.p99} | {w.failed} | "
                    + " | ".join(f"{cpu[s]:.0f}" for s in SAMPLED) + " |")  # fmt: skip
        if w.p95 < SUSTAINABLE_P95_MS and not w.failed:
            sustainable = max(sustainable or 0, w.per_second)
        start = end
    ratios = cache_ratios(requests_made)
    summary = "\n".join([
        f"# make load, {time.strftime('%Y-%m-%d %H:%M')}, load average {load_average()}",
        "", "Each step's second half (all users spawned). CPU: % of one core, mean.", "",
        "| users | req/s | of which not images | p50 ms | p95 ms | p99 ms | failed | "
        + " | ".join(f"CPU {s}" for s in SAMPLED) + " |",
        "|" + "---:|" * (7 + len(SAMPLED)),
        *rows, "",
        f"Sustainable (p95 < {SUSTAINABLE_P95_MS} ms, 0 errors): "
        + (f"{sustainable:.1f} req/s" if sustainable else "no step"),
        f"Cache: edge {ratios['edge']:.1%} of reader pages; page cache {ratios['page_cache']:.1%}"
        f" of those reaching Gunicorn; {ratios['either']:.1%} answered by a cache.", "",
        "Whole run, per route:", "", route_table(requests_made), "",
        f"HTML report: {out / 'report.html'}",
    ])  # fmt: skip
    (out / "summary.md").write_text(summary + "\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ramp = commands.add_parser("load", help="ramp until p95 passes 1 s")
    ramp.add_argument(
        "--steps", default="20:40,50:40,100:40,200:40,300:40,400:40,550:40,700:40,900:40"
    )
    faults = commands.add_parser("chaos", help="every fault under load, then staleness")
    faults.add_argument("--users", type=int, default=30)
    faults.add_argument("--gap", type=float, default=25)
    long_run = commands.add_parser("soak", help="resources over a long run")
    long_run.add_argument("--users", type=int, default=50)
    long_run.add_argument("--minutes", type=float, default=30)
    commands.add_parser("check", help="CI's short chaos with thresholds")
    args = parser.parse_args(argv)
    stack = open_stack()
    if args.command == "check":
        problems = check(stack)
        for problem in problems:
            print(f"FAIL {problem}")
        return 1 if problems else 0
    if args.command == "load":
        print(load(stack, args.steps))
        return 0
    if args.command == "chaos":
        result = chaos(stack, args.users, args.gap)
        print(result.summary())
        for problem in result.problems():
            print(f"FAIL {problem}")
        return 1 if result.problems() else 0
    summary, problems = soak(stack, args.users, args.minutes)
    print(summary)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

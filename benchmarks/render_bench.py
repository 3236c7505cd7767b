"""In-process render time per page type: a base commit against the working tree, in one run.

Run: make bench-render (BASE=<commit>, default d0e28e9, the commit before issue 17's
render work; ROUNDS=<n>; REDIS=<url>: Django's cache in Redis as in production, where
each cache call a render makes is a round trip). The base commit is checked out as a
git worktree in a temporary directory; each side runs in a subprocess of its own (cwd
and PYTHONPATH its tree, the same .venv) with foodie.settings.test (DEBUG off, page
cache off, local-memory caches unless REDIS is given), a fresh SQLite database and the
demo content (load_demo_content). Pages are rendered through Django's test Client (the
full middleware stack), after a warm-up that creates the image renditions. Renders
alternate between the two sides, page by page and in alternating order, so machine
noise hits both alike; medians are reported with the ratio new/base against issue
17's target (half for the recipe page and home, 30 % less for the others).

With HITS=<n> (``--hits``) the page cache is on in both sides and each sample is the
mean of n page-cache hits of the page (search is never cached, so it is left out):
the cost of a hit inside Django, for changes to the hit path (issue 14, item 7),
without Gunicorn's and the network's share. Issue 17's targets do not apply there.
"""

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Issue 17's targets: the largest acceptable new/base ratio per page type.
TARGETS = {
    "recipe page": 0.5,
    "recipe index": 0.7,
    "recipe index ?diet=": 0.7,
    "article page": 0.7,
    "article index": 0.7,
    "home": 0.5,
    "standard page": 0.7,
    "search ?q=chicken": 0.7,
}
WARM_UP = 3
# Pages the page cache never stores (`--hits` leaves them out).
NEVER_CACHED = {"search ?q=chicken"}


def timed_pages(hits: int) -> list[str]:
    return [name for name in TARGETS if not (hits and name in NEVER_CACHED)]


def page_urls() -> dict[str, str]:
    """One URL per page type in the demo content (run inside a side's Django)."""
    from blog.models import ArticleIndexPage, ArticlePage
    from home.models import HomePage, StandardPage
    from recipes.models import Diet, RecipeIndexPage, RecipePage

    diet = Diet.objects.filter(recipes__live=True).first()
    index = RecipeIndexPage.objects.live().get().url
    return {
        "recipe page": RecipePage.objects.live().order_by("path").first().url,
        "recipe index": index,
        "recipe index ?diet=": f"{index}?diet={diet.slug}",
        "article page": ArticlePage.objects.live().order_by("path").first().url,
        "article index": ArticleIndexPage.objects.live().get().url,
        "home": HomePage.objects.live().get().url,
        "standard page": StandardPage.objects.live().order_by("path").first().url,
        "search ?q=chicken": "/search/?q=chicken",
    }


def worker() -> None:
    """One side: build its database, then render the page named on each stdin line and
    answer with the milliseconds taken (stdout is kept for these answers)."""
    answers, sys.stdout = sys.stdout, sys.stderr
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    hits = int(os.environ.get("RENDER_BENCH_HITS", "0"))
    settings.WAGTAIL_CACHE = bool(hits)
    for alias in caches:  # Redis databases from an earlier run
        caches[alias].clear()

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    urls = page_urls()
    client = Client()

    def render(name: str) -> float:
        """Milliseconds for one render, or for one hit as the mean of ``hits``."""
        start = time.perf_counter()
        for _ in range(hits or 1):
            response = client.get(urls[name])
        elapsed = (time.perf_counter() - start) * 1000 / (hits or 1)
        if response.status_code != 200:
            raise RuntimeError(f"{urls[name]} answered {response.status_code}")
        if hits and response.get("X-Wagtail-Cache") != "hit":
            raise RuntimeError(f"{urls[name]}: not a page-cache hit")
        return elapsed

    for name in timed_pages(hits):
        client.get(urls[name])  # with hits on, this stores the page
        for _ in range(WARM_UP):
            render(name)
    print(json.dumps(urls), file=answers, flush=True)
    for line in sys.stdin:
        print(json.dumps(render(line.strip())), file=answers, flush=True)


class Side:
    """A worker subprocess rendering one tree's code."""

    def __init__(
        self, tree: Path, database: Path, redis_url: str | None = None, hits: int = 0
    ) -> None:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"REDIS_URL", "PAGE_CACHE_REDIS_URL"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="foodie.settings.test",
            DATABASE_URL=f"sqlite:///{database}",
            PYTHONPATH=str(tree),
            RENDER_BENCH_HITS=str(hits),
            LOG_LEVEL="WARNING",
        )
        if redis_url:
            env["REDIS_URL"] = redis_url
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            cwd=tree,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.samples: dict[str, list[float]] = {name: [] for name in TARGETS}

    def ready(self) -> dict[str, str]:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("a worker failed while loading the demo content (see above)")
        return json.loads(line)

    def render(self, name: str) -> None:
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        self.samples[name].append(json.loads(self.process.stdout.readline()))

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def redis_database(url: str | None, offset: int) -> str | None:
    """``url`` with its database number moved by ``offset`` (each side has its own
    default cache, and its page cache in the database after it)."""
    if not url:
        return None
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    if not number.isdigit():
        raise SystemExit(f"--redis {url}: the path must be a database number, as in /10")
    return urlunsplit(parts._replace(path=f"/{int(number) + offset}"))


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of hits (1 or more)")
    return int(value)


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="d0e28e9")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="Django's cache in Redis, as in production: redis://host:port/N (the base side "
        "uses database N, the new side N + 2; both are emptied)",
    )
    parser.add_argument(
        "--hits", type=positive, default=0, metavar="N",
        help="time page-cache hits instead of renders, each sample the mean of N hits",
    )  # fmt: skip
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker()

    base_commit = git("rev-parse", "--short", args.base)
    new_label = f"working tree at {git('rev-parse', '--short', 'HEAD')}"
    if args.redis:
        new_label += f", Django's cache in Redis ({args.redis})"
    names = timed_pages(args.hits)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="render-bench-") as tmp:
        tree = Path(tmp) / "base"
        git("worktree", "add", "--detach", str(tree), base_commit)
        try:
            base, new = (
                Side(tree, Path(tmp) / "base.sqlite3", redis_database(args.redis, 0), args.hits),
                Side(ROOT, Path(tmp) / "new.sqlite3", redis_database(args.redis, 2), args.hits),
            )
            try:
                urls = base.ready()
                if new.ready() != urls:
                    raise RuntimeError("the two sides' demo content has different URLs")
                for round_number in range(args.rounds):
                    for position, name in enumerate(names):
                        pair = (base, new) if (round_number + position) % 2 else (new, base)
                        for side in pair:
                            side.render(name)
            finally:
                base.stop()
                new.stop()
        finally:
            git("worktree", "remove", "--force", str(tree))
    report(base, new, urls, names, base_commit, new_label, args, load_before)


def report(
    base: Side,
    new: Side,
    urls: dict[str, str],
    names: list[str],
    base_commit: str,
    new_label: str,
    args: argparse.Namespace,
    load_before: tuple[float, float, float],
) -> None:
    load_after = os.getloadavg()
    samples = f"{args.hits} page-cache hits (mean)" if args.hits else "renders"
    print(
        f"base {base_commit} vs {new_label}; {args.rounds} samples of {samples} per page "
        f"and side, medians; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print("| page | URL | base ms | new ms | new/base | target | |")
    print("|---|---|---:|---:|---:|---:|---|")
    digits = 3 if args.hits else 1  # a hit is a fraction of a millisecond
    for name in names:
        before = statistics.median(base.samples[name])
        after = statistics.median(new.samples[name])
        ratio = after / before
        target, verdict = "-", ""  # issue 17's targets are for renders
        if not args.hits:
            target = f"<= {TARGETS[name]:.2f}"
            verdict = "PASS" if ratio <= TARGETS[name] else "MISS"
        print(
            f"| {name} | {urls[name]} | {before:.{digits}f} | {after:.{digits}f} | {ratio:.2f} "
            f"| {target} | {verdict} |"
        )


if __name__ == "__main__":
    main()

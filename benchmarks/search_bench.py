"""Search latency on PostgreSQL at 1,000 and 10,000 recipes: p50 and p95, in process.

Run: make bench-search, or
    .venv/bin/python benchmarks/search_bench.py [--sizes 1000 10000] [--repeat 40]

It creates its own database (SEARCH_BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/foodie_search_bench), migrates it, grows the content
with ``manage.py load_benchmark_content`` (one article per ten recipes) to each size in
turn, and times whole requests through Django's test client: URL routing, the search,
cards and template rendering, as a reader's request costs in a Gunicorn worker minus
the network. The database is dropped at the end (``--keep`` leaves it).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foodie.settings.test")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/foodie_search_bench"
DATABASE_URL = os.environ.get("SEARCH_BENCH_DATABASE_URL", DEFAULT_URL)
os.environ["DATABASE_URL"] = DATABASE_URL

# (label, URL): realistic searches over the load_benchmark_content vocabulary.
SCENARIOS = [
    ("one word", "/search/?q=chicken"),
    ("one word, many matches", "/search/?q=garlic"),
    ("two words", "/search/?q=lentil+soup"),
    ("ingredient", "/search/?q=chickpeas"),
    ("ingredient, two words", "/search/?q=coconut+milk"),
    ("stemmed", "/search/?q=roasted"),
    ("no match", "/search/?q=xylophone"),
    ("with filters", "/search/?q=chicken&difficulty=easy&max_time=45"),
    ("with diet filter", "/search/?q=curry&diet=vegan"),
    ("type facet", "/search/?q=salad&type=recipe"),
    ("page 3", "/search/?q=chicken&page=3"),
    ("10,000-character query", "/search/?q=" + "spiced+lamb+" * 833),
    ("operators only", "/search/?q=%26+%7C+!+%3A+*+(+)+%27+%22+%5C+%3C+%3E"),
    ("suggestions", "/search/suggest/?q=chi"),
    ("suggestions, two words", "/search/suggest/?q=smoky+chick"),
]


def admin_connection():
    import psycopg

    parts = urlsplit(DATABASE_URL)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def database_name() -> str:
    return urlsplit(DATABASE_URL).path.lstrip("/")


def create_database() -> None:
    with admin_connection() as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name()]
        ).fetchone()
        if exists:
            sys.exit(f"{database_name()} exists; drop it first (dropdb) or use another name.")
        connection.execute(f'CREATE DATABASE "{database_name()}"')


def drop_database() -> None:
    from django.db import connections

    connections.close_all()
    with admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database_name()}"')


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # renditions, site root paths, connection
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "max": max(samples),
        "queries": len(queries),
        "matches": matches(url),
    }


def matches(url: str) -> str:
    from django.http import QueryDict

    from search.query import SiteSearch

    path, _, query_string = url.partition("?")
    if path != "/search/":
        return "-"
    return f"{SiteSearch(QueryDict(query_string)).total:,}"


def grow_to(recipes: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from recipes.models import RecipePage

    missing = recipes - RecipePage.objects.count()
    if missing > 0:
        call_command("load_benchmark_content", recipes=missing, articles=missing // 10)
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load, so the plans are the steady-state ones.
        cursor.execute("VACUUM ANALYZE")


def run(sizes: list[int], repeat: int) -> list[str]:
    from django.core.management import call_command
    from django.test import Client

    from blog.models import BlogPage
    from recipes.models import RecipePage

    call_command("migrate", verbosity=0)
    client = Client()
    rows = {}
    counts = {}
    for size in sizes:
        grow_to(size)
        counts[size] = (RecipePage.objects.live().count(), BlogPage.objects.live().count())
        for label, url in SCENARIOS:
            rows.setdefault(label, {})[size] = measure(client, url, repeat)
            figures = rows[label][size]
            print(f"{size:>6} {label:<26} p50 {figures['p50']:6.1f}  p95 {figures['p95']:6.1f} ms")
    header = " | ".join(
        f"{counts[size][0]:,} recipes + {counts[size][1]:,} articles: p50 / p95 (max) ms"
        for size in sizes
    )
    lines = [f"| scenario | queries | {header} |", "|---|---:|" + "---:|" * len(sizes)]
    for label, by_size in rows.items():
        cells = " | ".join(
            f"{f['p50']:.1f} / {f['p95']:.1f} ({f['max']:.0f}); {f['matches']} found"
            for f in by_size.values()
        )
        queries = "/".join(sorted({str(f["queries"]) for f in by_size.values()}))
        lines.append(f"| {label} | {queries} | {cells} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=40, help="Timed requests per scenario.")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--reuse", action="store_true", help="Use an existing database.")
    args = parser.parse_args()
    if not args.reuse:
        create_database()
    django.setup()
    try:
        lines = run(sorted(args.sizes), args.repeat)
    finally:
        if not args.keep:
            drop_database()
    print()
    print("\n".join(lines))
    print(f"\nLoad average at the end (1, 5, 15 min): {os.getloadavg()}")


if __name__ == "__main__":
    main()

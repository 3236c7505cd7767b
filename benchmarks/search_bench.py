"""Search latency on PostgreSQL at 1,000 and 10,000 recipes: p50 and p95, in process.

Run: make bench-search (make bench runs it after the page cache bench), or
    .venv/bin/python benchmarks/search_bench.py [--sizes 1000 10000] [--repeat 40]

It creates its own database (SEARCH_BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/foodie_search_bench), migrates it, grows the content
with ``manage.py load_benchmark_content`` (one article per ten recipes) to each size in
turn, and times each scenario two ways:

- search: what ``SiteSearch`` asks of the database for a results page (filter choices,
  promotions, counts per type, the ranked page, its cards), or ``suggestions()``;
- whole page: the request through Django's test client, with routing, middleware and
  template rendering, as a Gunicorn worker would serve it minus the network.

The database is dropped at the end (``--keep`` leaves it, ``--reuse`` starts from it).
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


def timed(call, repeat: int) -> dict:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(samples), "p95": percentile(samples, 0.95)}


def run_search(url: str, request) -> None:
    """The search alone: what ``SiteSearch`` and ``suggestions`` ask of the database."""
    from django.http import QueryDict

    from search.query import SiteSearch, clean_query
    from search.suggest import suggestions

    path, _, query_string = url.partition("?")
    params = QueryDict(query_string)
    if path == "/search/suggest/":
        suggestions(clean_query(params.get("q")), request)
        return
    search = SiteSearch(params)
    search.facets, search.results, search.promotions  # noqa: B018 (evaluated for timing)
    if not search.total:
        search.popular_recipes  # noqa: B018


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.http import QueryDict
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from search.query import SiteSearch

    request = RequestFactory().get(url)
    for _ in range(3):  # renditions, site root paths, connection
        response = client.get(url)
        run_search(url, request)
    assert response.status_code == 200, (url, response.status_code)
    reset_queries()  # the log is a bounded deque; a full one would capture nothing
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # read now: the next request empties the log
    path, _, query_string = url.partition("?")
    found = f"{SiteSearch(QueryDict(query_string)).total:,}" if path == "/search/" else "-"
    return {
        "search": timed(lambda: run_search(url, request), repeat),
        "page": timed(lambda: client.get(url), repeat),
        "queries": query_count,
        "found": found,
    }


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

    from blog.models import ArticlePage
    from recipes.models import RecipePage

    call_command("migrate", verbosity=0)
    client = Client()
    rows: dict[str, dict[int, dict]] = {}
    corpus = {}
    for size in sizes:
        grow_to(size)
        recipes, articles = RecipePage.objects.live().count(), ArticlePage.objects.live().count()
        corpus[size] = f"{recipes:,} recipes + {articles:,} articles"
        for label, url in SCENARIOS:
            figures = rows.setdefault(label, {})[size] = measure(client, url, repeat)
            print(
                f"{size:>6} {label:<26} search p50 {figures['search']['p50']:6.1f}"
                f" p95 {figures['search']['p95']:6.1f} | page p50 {figures['page']['p50']:6.1f}"
                f" p95 {figures['page']['p95']:6.1f} ms",
                flush=True,
            )
    return table(rows, corpus, sizes)


def table(rows: dict, corpus: dict, sizes: list[int]) -> list[str]:
    """Markdown: search alone and whole page, p50 / p95 ms, for each corpus size."""
    headings = [f"search, {corpus[size]}" for size in sizes]
    headings += [f"whole page, {corpus[size]}" for size in sizes]
    lines = [
        "| scenario | found | queries | " + " | ".join(headings) + " |",
        "|---|---:|---:|" + "---:|" * len(headings),
    ]
    for label, by_size in rows.items():
        found = " / ".join(by_size[size]["found"] for size in sizes)
        queries = " / ".join(str(by_size[size]["queries"]) for size in sizes)
        cells = [
            f"{by_size[size][kind]['p50']:.1f} / {by_size[size][kind]['p95']:.1f}"
            for kind in ("search", "page")
            for size in sizes
        ]
        lines.append(f"| {label} | {found} | {queries} | " + " | ".join(cells) + " |")
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

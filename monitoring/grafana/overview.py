"""The "Foodie overview" dashboard: traffic, latency, errors, the page cache, content,
the database, and the Redis and Nginx numbers that explain them."""

from __future__ import annotations

from .panels import RATE, UP_STEPS, dashboard, row, stat, target, timeseries, variable

APP = 'job="foodie", instance=~"$instance"'
REQUESTS = f"sum(rate(django_http_responses_before_middlewares_total{{{APP}}}{RATE}))"
# Reader-facing 5xx: probes (/ready/ answers 503 while the database is down) and
# scrapes are not readers' errors.
ERRORS_5XX = (
    f"sum(rate(django_http_responses_total_by_status_view_method_total"
    f'{{{APP}, status=~"5..", view!~"health|ready|metrics"}}{RATE}))'
)


def hit_ratio(by: str = "", selector: str = APP) -> str:
    """hits / (hits + misses); `or 0 * misses` keeps it 0, not empty, with no hits."""
    group = f" by ({by})" if by else ""
    series = f"foodie_page_cache_requests_total{{{selector}"
    return (
        f'sum{group} (rate({series}, status="hit"}}{RATE})'
        f' or 0 * rate({series}, status="miss"}}{RATE}))'
        f' / sum{group} (rate({series}, status=~"hit|miss"}}{RATE}))'
    )


def quantiles(metric: str, selector: str, by: str = "le") -> list[dict]:
    return [
        target(
            f"histogram_quantile({q}, sum by ({by}) (rate({metric}{{{selector}}}{RATE})))",
            f"p{round(q * 100)}" + (" {{view}}" if "view" in by else ""),
        )
        for q in (0.5, 0.95, 0.99)
    ]


def view_quantile(q: float) -> dict:
    selector = f'{APP}, view!~"health|ready|metrics"'
    return target(
        f"histogram_quantile({q}, sum by (le, view) "
        f"(rate(django_http_requests_latency_seconds_by_view_method_bucket{{{selector}}}{RATE})))",
        "{{view}}",
    )


RATIO_STEPS_LOW_BAD = ((None, "red"), (0.5, "orange"), (0.8, "green"))


def overview() -> dict:
    publishes = f"foodie_pages_published_total{{{APP}}}"
    return dashboard(
        "foodie-overview",
        "Foodie overview",
        "Traffic, latency, errors, the page cache, content and the services behind the site.",
        [
            variable("instance", "App instance", 'up{job="foodie"}'),
            variable("page_type", "Page type", 'foodie_page_cache_requests_total{job="foodie"}'),
        ],
        [
            row("At a glance"),
            stat(
                "App instances up",
                "Gunicorn instances Prometheus can scrape.",
                f"sum(up{{{APP}}})",
                steps=UP_STEPS,
            ),
            stat(
                "Requests/s",
                "Responses per second, page-cache hits included.",
                REQUESTS,
                unit="reqps",
            ),
            stat(
                "Page-cache hit ratio",
                "Hits / (hits + misses) over the rate interval.",
                hit_ratio(),
                unit="percentunit",
                steps=RATIO_STEPS_LOW_BAD,
            ),
            stat(
                "5xx ratio",
                "Reader-facing server errors / all responses.",
                f"({ERRORS_5XX} or 0 * {REQUESTS}) / {REQUESTS}",
                unit="percentunit",
                steps=((None, "green"), (0.005, "orange"), (0.02, "red")),
            ),
            stat(
                "p95 latency",
                "95th percentile of every request, cache hits included.",
                "histogram_quantile(0.95, sum by (le) (rate("
                f"django_http_requests_latency_including_middlewares_seconds_bucket{{{APP}}}"
                f"{RATE})))",
                unit="s",
                steps=((None, "green"), (0.5, "orange"), (1, "red")),
            ),
            stat(
                "Live recipes",
                "Live, public recipe pages (counted at scrape time).",
                f'max(foodie_live_pages{{{APP}, page_type="recipes.RecipePage"}})',
            ),
            stat(
                "Live articles",
                "Live, public blog articles (counted at scrape time).",
                f'max(foodie_live_pages{{{APP}, page_type="blog.ArticlePage"}})',
            ),
            stat(
                "Publishes in range",
                "Pages published in the dashboard's time range.",
                f"sum(increase({publishes}[$__range]))",
            ),
            row("Traffic and errors"),
            timeseries(
                "Traffic",
                "Responses per second: everything the app answered, and "
                "reader requests (without probes and scrapes).",
                [
                    target(REQUESTS, "all responses"),
                    target(
                        f"sum(rate(foodie_page_cache_requests_total{{{APP}}}{RATE}))",
                        "reader requests",
                    ),
                ],
                unit="reqps",
                width=8,
            ),
            timeseries(
                "Responses by status",
                "Responses that reached Django's views, by "
                "HTTP status. Page-cache hits never get there and are not counted.",
                [
                    target(
                        f"sum by (status) (rate(django_http_responses_total_by_status_total"
                        f"{{{APP}}}{RATE}))",
                        "{{status}}",
                    ),
                ],
                unit="reqps",
                width=8,
            ),
            timeseries(
                "Error rates",
                "Reader-facing 5xx and all 4xx per second, and "
                "exceptions raised in views by type (Http404 is a 404).",
                [
                    target(ERRORS_5XX, "5xx"),
                    target(
                        f"sum(rate(django_http_responses_total_by_status_total"
                        f'{{{APP}, status=~"4.."}}{RATE}))',
                        "4xx",
                    ),
                    target(
                        f"sum by (type) (rate(django_http_exceptions_total_by_type_total"
                        f"{{{APP}}}{RATE}))",
                        "exception {{type}}",
                    ),
                ],
                unit="reqps",
                width=8,
            ),
            row("Latency"),
            timeseries(
                "Latency, all requests",
                "p50, p95 and p99 of every request the app "
                "answered, measured by the outermost middleware: hits included.",
                quantiles("django_http_requests_latency_including_middlewares_seconds_bucket", APP),
                unit="s",
                width=6,
            ),
            timeseries(
                "p50 latency by view",
                "Median time in the view, by Django URL name; "
                "cache hits return before a view is chosen.",
                [view_quantile(0.5)],
                unit="s",
                width=6,
            ),
            timeseries(
                "p95 latency by view",
                "95th percentile by view.",
                [view_quantile(0.95)],
                unit="s",
                width=6,
            ),
            timeseries(
                "p99 latency by view",
                "99th percentile by view.",
                [view_quantile(0.99)],
                unit="s",
                width=6,
            ),
            row("Page cache"),
            timeseries(
                "Page-cache hit ratio over time",
                "Hits / (hits + misses), all pages. Skips are "
                "requests that must not use the cache and are left out.",
                [target(hit_ratio(), "hit ratio")],
                unit="percentunit",
                width=8,
                maximum=1,
            ),
            timeseries(
                "Hit ratio by page type",
                "The same ratio per page type ($page_type).",
                [
                    target(
                        hit_ratio("page_type", f'{APP}, page_type=~"$page_type"'), "{{page_type}}"
                    )
                ],
                unit="percentunit",
                width=8,
                maximum=1,
            ),
            timeseries(
                "Page-cache outcomes",
                "Requests per second by outcome: hit, miss, "
                "skip (not cacheable) and err (Redis failed; served uncached).",
                [
                    target(
                        f"sum by (status) (rate(foodie_page_cache_requests_total{{{APP}}}{RATE}))",
                        "{{status}}",
                    ),
                ],
                unit="reqps",
                width=8,
            ),
            timeseries(
                "Purges",
                "Page-cache purges per minute by reason (publish, "
                "unpublish, move, snippet, admin, ...).",
                [
                    target(
                        f"sum by (reason) (rate(foodie_page_cache_purges_total{{{APP}}}"
                        f"{RATE})) * 60",
                        "{{reason}}",
                    ),
                ],
                width=8,
            ),
            timeseries(
                "Purged entries",
                "Cache entries the purges deleted, per minute: "
                "every stored variant of every affected path.",
                [
                    target(
                        f"sum by (reason) (rate(foodie_page_cache_purged_keys_total{{{APP}}}"
                        f"{RATE})) * 60",
                        "{{reason}}",
                    ),
                ],
                width=8,
            ),
            timeseries(
                "Publishes",
                "Pages published per minute by page type (editors, "
                "scheduled publishing and reverts).",
                [
                    target(f"sum by (page_type) (rate({publishes}{RATE})) * 60", "{{page_type}}"),
                ],
                width=8,
            ),
            row("Content and database"),
            timeseries(
                "Live pages by type",
                "Live, public pages per page type.",
                [
                    target(f"max by (page_type) (foodie_live_pages{{{APP}}})", "{{page_type}}"),
                ],
                width=8,
            ),
            timeseries(
                "Database queries/s",
                "SQL statements executed by the app.",
                [
                    target(
                        f"sum by (alias) (rate(django_db_execute_total{{{APP}}}{RATE}))",
                        "{{alias}}",
                    ),
                    target(
                        f"sum(rate(django_db_new_connections_total{{{APP}}}{RATE}))",
                        "new connections",
                    ),
                ],
                width=8,
            ),
            timeseries(
                "Database query duration",
                "p50, p95 and p99 time of one SQL statement.",
                quantiles("django_db_query_duration_seconds_bucket", APP),
                unit="s",
                width=8,
            ),
            row("Redis and Nginx"),
            timeseries(
                "Redis memory",
                "Memory Redis uses for data and the maxmemory limit.",
                [
                    target('sum(redis_memory_used_bytes{job="redis"})', "used"),
                    target('sum(redis_memory_max_bytes{job="redis"})', "maxmemory"),
                ],
                unit="bytes",
                width=6,
            ),
            timeseries(
                "Redis evictions",
                "Keys evicted to stay under maxmemory, and keys expired, per second.",
                [
                    target(f'sum(rate(redis_evicted_keys_total{{job="redis"}}{RATE}))', "evicted"),
                    target(f'sum(rate(redis_expired_keys_total{{job="redis"}}{RATE}))', "expired"),
                ],
                width=6,
            ),
            timeseries(
                "Nginx connections",
                "Client connections by state.",
                [
                    target('sum(nginx_connections_active{job="nginx"})', "active"),
                    target('sum(nginx_connections_reading{job="nginx"})', "reading"),
                    target('sum(nginx_connections_writing{job="nginx"})', "writing"),
                    target('sum(nginx_connections_waiting{job="nginx"})', "waiting (keep-alive)"),
                ],
                width=6,
            ),
            timeseries(
                "Nginx requests/s",
                "Every request Nginx handled: pages, static files, media and redirects.",
                [
                    target(
                        f'sum(rate(nginx_http_requests_total{{job="nginx"}}{RATE}))', "requests"
                    ),
                ],
                unit="reqps",
                width=6,
            ),
        ],
    )

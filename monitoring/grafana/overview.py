"""The "Foodie overview" dashboard: traffic, latency, errors, the page cache, content,
the database, and the Redis and Nginx numbers that explain them."""

from __future__ import annotations

from .panels import (
    RATE,
    UP_STEPS,
    dashboard,
    row,
    stat,
    target,
    timeseries,
    total,
    totals,
    variable,
)
from .services import EVICTED_AND_EXPIRED

APP = 'job="foodie", instance=~"$instance"'
REQUESTS = total("django_http_responses_before_middlewares_total", APP, rate=True)
# Reader-facing 5xx: probes (/ready/ answers 503 while the database is down) and
# scrapes are not readers' errors.
ERRORS_5XX = total(
    "django_http_responses_total_by_status_view_method_total",
    f'{APP}, status=~"5..", view!~"health|ready|metrics"',
    rate=True,
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


# The edge cache's outcomes (mtail, monitoring/mtail): answered by Nginx, or sent on.
EDGE = 'job="edge"'
EDGE_ANSWERED = 'cache_status=~"hit|stale|updating|revalidated"'
EDGE_SENT_ON = 'cache_status=~"miss|expired"'


def edge_hit_ratio(by: str = "", selector: str = EDGE) -> str:
    """Answered at the edge / (answered + sent on to the app); bypasses left out."""
    group = f" by ({by})" if by else ""
    series = f"foodie_edge_requests_total{{{selector}"
    answered = f"rate({series}, {EDGE_ANSWERED}}}{RATE})"
    sent_on = f"rate({series}, {EDGE_SENT_ON}}}{RATE})"
    return f"sum{group} ({answered} or 0 * {sent_on}) / sum{group} ({answered} or {sent_on})"


def combined_hit_ratio(by: str = "", page_types: str = "") -> str:
    """Requests no one rendered: (edge answers + page-cache hits) / (those + page-cache
    misses). The alert FoodieCacheHitRatioLow uses the same definition. Without an
    edge (NGINX_EDGE_CACHE=off) its terms are 0 and this is the page cache's ratio."""
    group = f" by ({by})" if by else ""
    pages = f', page_type=~"{page_types}"' if page_types else ""
    edge = f"sum{group} (rate(foodie_edge_requests_total{{{EDGE}, {EDGE_ANSWERED}{pages}}}{RATE}))"
    app = f"foodie_page_cache_requests_total{{{APP}{pages}"
    hits = f'sum{group} (rate({app}, status="hit"}}{RATE}))'
    misses = f'sum{group} (rate({app}, status="miss"}}{RATE}))'
    answered = f"({edge} or 0 * {misses}) + ({hits} or 0 * {misses})"
    return f"({answered}) / ({answered} + {misses})"


def quantile(q: float, histogram: str, selector: str, by: str = "le") -> str:
    """PromQL: the ``q`` quantile of ``histogram``'s buckets (grouped ``by``, ``le`` first)."""
    return f"histogram_quantile({q}, {total(histogram, selector, rate=True, by=by)})"


def quantiles(histogram: str, selector: str) -> list[dict]:
    return [
        target(quantile(q, histogram, selector), f"p{round(q * 100)}") for q in (0.5, 0.95, 0.99)
    ]


def view_quantile(q: float) -> dict:
    selector = f'{APP}, view!~"health|ready|metrics"'
    histogram = "django_http_requests_latency_seconds_by_view_method_bucket"
    return target(quantile(q, histogram, selector, by="le, view"), "{{view}}")


RATIO_STEPS_LOW_BAD = ((None, "red"), (0.5, "orange"), (0.8, "green"))
LATENCY_INCLUDING_MIDDLEWARES = "django_http_requests_latency_including_middlewares_seconds_bucket"
RESPONSES_BY_STATUS = "django_http_responses_total_by_status_total"


def per_minute(counter: str, by: str) -> dict:
    """How much ``counter`` grows a minute, a series for each value of the label ``by``."""
    return target(f"{total(counter, APP, rate=True, by=by)} * 60", f"{{{{{by}}}}}")


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
                total("up", APP),
                steps=UP_STEPS,
            ),
            stat(
                "Requests/s",
                "Responses per second, page-cache hits included.",
                REQUESTS,
                unit="reqps",
            ),
            stat(
                "Cache hit ratio",
                "Cacheable requests answered by the edge cache or the page cache, "
                "not rendered, over the rate interval.",
                combined_hit_ratio(),
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
                quantile(0.95, LATENCY_INCLUDING_MIDDLEWARES, APP),
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
                        total("foodie_page_cache_requests_total", APP, rate=True), "reader requests"
                    ),
                ],
                unit="reqps",
                width=8,
            ),
            timeseries(
                "Responses by status",
                "Responses that reached Django's views, by "
                "HTTP status. Page-cache hits never get there and are not counted.",
                [target(total(RESPONSES_BY_STATUS, APP, rate=True, by="status"), "{{status}}")],
                unit="reqps",
                width=8,
            ),
            timeseries(
                "Error rates",
                "Reader-facing 5xx and all 4xx per second, and "
                "exceptions raised in views by type (Http404 is a 404).",
                [
                    target(ERRORS_5XX, "5xx"),
                    target(total(RESPONSES_BY_STATUS, f'{APP}, status=~"4.."', rate=True), "4xx"),
                    target(
                        total(
                            "django_http_exceptions_total_by_type_total", APP, rate=True, by="type"
                        ),
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
                quantiles(LATENCY_INCLUDING_MIDDLEWARES, APP),
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
            row("Caches: Nginx's edge cache, then the app's page cache"),
            timeseries(
                "Hit ratio by tier",
                "Edge: answered by Nginx (hit, stale, updating) / looked up there "
                "(bypasses left out). Page cache: hits / (hits + misses) of what "
                "reached the app; it falls as the edge answers more. Combined: "
                "requests no one rendered.",
                [
                    target(edge_hit_ratio(), "edge"),
                    target(hit_ratio(), "page cache"),
                    target(combined_hit_ratio(), "combined"),
                ],
                unit="percentunit",
                width=8,
                maximum=1,
            ),
            timeseries(
                "Combined hit ratio by page type",
                "Requests no one rendered, per page type ($page_type).",
                [target(combined_hit_ratio("page_type", "$page_type"), "{{page_type}}")],
                unit="percentunit",
                width=8,
                maximum=1,
            ),
            timeseries(
                "Edge hit ratio by page type",
                "Answered by Nginx / looked up there, per page type ($page_type).",
                [
                    target(
                        edge_hit_ratio("page_type", f'{EDGE}, page_type=~"$page_type"'),
                        "{{page_type}}",
                    )
                ],
                unit="percentunit",
                width=8,
                maximum=1,
            ),
            timeseries(
                "Page-cache hit ratio by page type",
                "Hits / (hits + misses) of what reached the app, per page type ($page_type).",
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
                "Edge-cache outcomes",
                "Requests per second by Nginx's cache status: hit, stale and updating "
                "(answered by Nginx), miss and expired (sent to the app), bypass "
                "(a session, the admin, search, the API).",
                [
                    target(
                        total("foodie_edge_requests_total", EDGE, rate=True, by="cache_status"),
                        "{{cache_status}}",
                    )
                ],
                unit="reqps",
                width=8,
            ),
            timeseries(
                "Page-cache outcomes",
                "Requests per second by outcome: hit, miss, "
                "skip (not cacheable) and err (Redis failed; served uncached).",
                [
                    target(
                        total("foodie_page_cache_requests_total", APP, rate=True, by="status"),
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
                [per_minute("foodie_page_cache_purges_total", "reason")],
                width=8,
            ),
            timeseries(
                "Purged paths",
                "URL paths purged per minute: every stored variant of each stops being served.",
                [per_minute("foodie_page_cache_purged_paths_total", "reason")],
                width=8,
            ),
            timeseries(
                "Publishes",
                "Pages published per minute by page type (editors, "
                "scheduled publishing and reverts).",
                [per_minute("foodie_pages_published_total", "page_type")],
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
                        total("django_db_execute_total", APP, rate=True, by="alias"), "{{alias}}"
                    ),
                    target(
                        total("django_db_new_connections_total", APP, rate=True), "new connections"
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
            row("Readers taking part"),
            timeseries(
                "Ratings sent per minute by outcome",
                "Readers' ratings and cook notes reaching the app: accepted, or refused as "
                "invalid (400), honeypot (a bot), duplicate (rated today already) or "
                "rate_limited (429). Nginx's own 429s stop before the app.",
                [per_minute("foodie_ratings_submitted_total", "outcome")],
                width=12,
            ),
            timeseries(
                "Cook notes moderated per minute",
                "Notes editors approved or rejected (Ratings & notes in the admin).",
                [per_minute("foodie_cook_notes_moderated_total", "decision")],
                width=12,
            ),
            row("Redis and Nginx"),
            timeseries(
                "Redis memory",
                "Memory Redis uses for data and the maxmemory limit.",
                totals(
                    'job="redis"',
                    {"redis_memory_used_bytes": "used", "redis_memory_max_bytes": "maxmemory"},
                ),
                unit="bytes",
                width=6,
            ),
            timeseries(
                "Redis evictions",
                "Keys evicted to stay under maxmemory, and keys expired, per second.",
                totals('job="redis"', EVICTED_AND_EXPIRED, rate=True),
                width=6,
            ),
            timeseries(
                "Nginx connections",
                "Client connections by state.",
                totals(
                    'job="nginx"',
                    {
                        "nginx_connections_active": "active",
                        "nginx_connections_reading": "reading",
                        "nginx_connections_writing": "writing",
                        "nginx_connections_waiting": "waiting (keep-alive)",
                    },
                ),
                width=6,
            ),
            timeseries(
                "Nginx requests/s",
                "Every request Nginx handled: pages, static files, media and redirects.",
                [target(total("nginx_http_requests_total", 'job="nginx"', rate=True), "requests")],
                unit="reqps",
                width=6,
            ),
        ],
    )

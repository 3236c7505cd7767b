"""Dashboards of the services behind Foodie: Nginx, Redis and PostgreSQL (exporters)."""

from __future__ import annotations

from .panels import (
    UP_STEPS,
    dashboard,
    rate_share,
    stat,
    target,
    timeseries,
    total,
    totals,
    variable,
)


def exporter_instances(job: str, up_metric: str) -> tuple[str, dict]:
    """The selector of the exporter instances a dashboard shows, and the ``$instance``
    variable that picks them from those reporting ``up_metric``."""
    selector = f'job="{job}", instance=~"$instance"'
    return selector, variable("instance", "Exporter", f'{up_metric}{{job="{job}"}}')


def up_stat(title: str, description: str, up_metric: str, selector: str, width: int) -> dict:
    """Green 1 while every chosen exporter reaches its service, red 0 once one does not."""
    return stat(title, description, f"min({up_metric}{{{selector}}})", steps=UP_STEPS, width=width)


# --- Nginx --------------------------------------------------------------------------


def nginx() -> dict:
    sel, instance = exporter_instances("nginx", "nginx_up")
    requests = total("nginx_http_requests_total", sel, rate=True)
    accepted = total("nginx_connections_accepted", sel, rate=True)
    handled = total("nginx_connections_handled", sel, rate=True)
    return dashboard(
        "foodie-nginx",
        "Foodie Nginx",
        "Nginx from stub_status (nginx-prometheus-exporter): connections and requests.",
        [instance],
        [
            up_stat("Nginx up", "1 when the exporter can read stub_status.", "nginx_up", sel, 6),
            stat("Requests/s", "All requests Nginx handled.", requests, unit="reqps", width=6),
            stat(
                "Active connections",
                "Open client connections, idle keep-alive included.",
                total("nginx_connections_active", sel),
                width=6,
            ),
            stat(
                "Dropped connections/s",
                "Accepted but not handled: a worker_connections or resource limit was hit.",
                f"{accepted} - {handled}",
                steps=((None, "green"), (0.01, "red")),
                width=6,
            ),
            timeseries(
                "Requests per second",
                "Requests per second per Nginx.",
                [
                    target(
                        total("nginx_http_requests_total", sel, rate=True, by="instance"),
                        "{{instance}}",
                    ),
                ],
                unit="reqps",
            ),
            timeseries(
                "Connections by state",
                "Reading a request, writing a response, or waiting (idle keep-alive).",
                totals(
                    sel,
                    {
                        "nginx_connections_reading": "reading",
                        "nginx_connections_writing": "writing",
                        "nginx_connections_waiting": "waiting",
                    },
                ),
            ),
            timeseries(
                "Accepted and handled connections",
                "New connections per second; the two lines part when connections are dropped.",
                [target(accepted, "accepted"), target(handled, "handled")],
            ),
            timeseries(
                "Requests per connection",
                "Requests per new connection: high with "
                "keep-alive, near 1 when clients reconnect every time.",
                [target(f"{requests} / {accepted}", "requests")],
            ),
        ],
    )


# --- Redis --------------------------------------------------------------------------

# Keys Redis dropped: evicted by the LRU policy, or expired (the overview shows them too).
EVICTED_AND_EXPIRED = {"redis_evicted_keys_total": "evicted", "redis_expired_keys_total": "expired"}


def redis() -> dict:
    sel, instance = exporter_instances("redis", "redis_up")
    return dashboard(
        "foodie-redis",
        "Foodie Redis",
        "Redis behind the default cache (db0) and the page cache (db1), from redis_exporter.",
        [instance],
        [
            up_stat("Redis up", "1 when the exporter can reach Redis.", "redis_up", sel, 4),
            stat(
                "Uptime",
                "Time since Redis started (a restart empties the caches).",
                f"min(redis_uptime_in_seconds{{{sel}}})",
                unit="s",
                width=4,
            ),
            stat(
                "Memory used of limit",
                "Used memory / maxmemory (empty without a limit).",
                f"max(redis_memory_used_bytes{{{sel}}} / (redis_memory_max_bytes{{{sel}}} > 0))",
                unit="percentunit",
                steps=((None, "green"), (0.8, "orange"), (0.9, "red")),
                width=4,
            ),
            stat(
                "Connected clients",
                "Client connections (Gunicorn workers, scheduler, exporter).",
                total("redis_connected_clients", sel),
                width=4,
            ),
            stat("Keys", "Keys in all databases.", total("redis_db_keys", sel), width=4),
            stat(
                "Evictions/s",
                "Keys evicted to stay under maxmemory.",
                total("redis_evicted_keys_total", sel, rate=True),
                steps=((None, "green"), (1, "red")),
                width=4,
            ),
            timeseries(
                "Memory",
                "Used memory, the maxmemory limit and the resident set "
                "(fragmentation shows as RSS above used).",
                totals(
                    sel,
                    {
                        "redis_memory_used_bytes": "used",
                        "redis_memory_max_bytes": "maxmemory",
                        "redis_memory_used_rss_bytes": "rss",
                    },
                ),
                unit="bytes",
            ),
            timeseries(
                "Evicted and expired keys",
                "Evicted: pushed out by the LRU policy; expired: reached their timeout.",
                totals(sel, EVICTED_AND_EXPIRED, rate=True),
            ),
            timeseries(
                "Keyspace hit ratio",
                "Redis-level GET hits / lookups, for every "
                "key (header keys, Wagtail's own). Not the page-cache hit ratio.",
                [
                    target(
                        rate_share("redis_keyspace_hits_total", "redis_keyspace_misses_total", sel),
                        "hit ratio",
                    ),
                ],
                unit="percentunit",
                maximum=1,
            ),
            timeseries(
                "Commands/s",
                "The ten busiest commands.",
                [
                    target(
                        f"topk(10, {total('redis_commands_total', sel, rate=True, by='cmd')})",
                        "{{cmd}}",
                    ),
                ],
            ),
            timeseries(
                "Keys by database",
                "db0 is the default cache (Wagtail's data), "
                "db1 the page cache (pages and their path index).",
                [target(f"{total('redis_db_keys', sel, by='db')} > 0", "{{db}}")],
            ),
            timeseries(
                "Clients",
                "Connected clients (each Gunicorn worker, the scheduler "
                "and the exporter hold connections) and clients blocked on a command.",
                totals(
                    sel,
                    {"redis_connected_clients": "connected", "redis_blocked_clients": "blocked"},
                ),
            ),
            timeseries(
                "Network I/O",
                "Bytes per second to and from Redis clients.",
                totals(
                    sel,
                    {"redis_net_output_bytes_total": "out", "redis_net_input_bytes_total": "in"},
                    rate=True,
                ),
                unit="Bps",
            ),
            timeseries(
                "App circuit breaker",
                "Seen from the app (job foodie): 1 while a Gunicorn worker has stopped asking "
                "this Redis after a timeout or refused connection (foodie.cache.breaker), and "
                "how often breakers opened a minute. Pages are served uncached meanwhile.",
                [
                    target('max by (server) (foodie_redis_circuit_open{job="foodie"})', "open"),
                    target(
                        total("foodie_redis_circuit_openings_total", 'job="foodie"', rate=True)
                        + " * 60",
                        "openings/min",
                    ),
                ],
            ),
        ],
    )


# --- PostgreSQL ---------------------------------------------------------------------


def postgres() -> dict:
    sel, instance = exporter_instances("postgres", "pg_up")
    db = f'{sel}, datname=~"$datname"'
    commits = total("pg_stat_database_xact_commit", db, rate=True)
    return dashboard(
        "foodie-postgres",
        "Foodie PostgreSQL",
        "PostgreSQL from postgres_exporter: availability, connections, transactions, I/O.",
        [instance, variable("datname", "Database", 'pg_database_size_bytes{job="postgres"}')],
        [
            up_stat("PostgreSQL up", "1 when the exporter can connect.", "pg_up", sel, 4),
            stat(
                "Connections used",
                "Client connections / (max_connections minus the "
                "superuser reserve): the saturation alert's ratio.",
                f"{total('pg_stat_activity_count', sel)} / (max(pg_settings_max_connections"
                f"{{{sel}}}) - max(pg_settings_superuser_reserved_connections{{{sel}}}))",
                unit="percentunit",
                steps=((None, "green"), (0.6, "orange"), (0.8, "red")),
                width=4,
            ),
            stat(
                "Max connections",
                "max_connections.",
                f"max(pg_settings_max_connections{{{sel}}})",
                width=4,
            ),
            stat(
                "Database size",
                "Size of the selected databases on disk.",
                total("pg_database_size_bytes", db),
                unit="bytes",
                width=4,
            ),
            stat("Commits/s", "Committed transactions per second.", commits, width=4),
            stat(
                "Longest transaction",
                "Age of the oldest open transaction.",
                f"max(pg_stat_activity_max_tx_duration{{{db}}})",
                unit="s",
                steps=((None, "green"), (60, "orange"), (300, "red")),
                width=4,
            ),
            timeseries(
                "Connections by state",
                "Client connections: active (running a "
                "query), idle (kept by CONN_MAX_AGE), idle in transaction.",
                [
                    target(f"{total('pg_stat_activity_count', db, by='state')} > 0", "{{state}}"),
                    target(f"max(pg_settings_max_connections{{{sel}}})", "max_connections"),
                ],
            ),
            timeseries(
                "Transactions",
                "Commits and rollbacks per second.",
                [
                    target(commits, "commits"),
                    target(total("pg_stat_database_xact_rollback", db, rate=True), "rollbacks"),
                ],
            ),
            timeseries(
                "Buffer cache hit ratio",
                "Blocks found in shared buffers / blocks "
                "requested. Below about 0.99 the working set does not fit in memory.",
                [
                    target(
                        rate_share("pg_stat_database_blks_hit", "pg_stat_database_blks_read", db),
                        "hit ratio",
                    ),
                ],
                unit="percentunit",
                maximum=1,
            ),
            timeseries(
                "Rows",
                "Rows read and written per second.",
                totals(
                    db,
                    {
                        f"pg_stat_database_tup_{operation}": operation
                        for operation in ("fetched", "returned", "inserted", "updated", "deleted")
                    },
                    rate=True,
                ),
            ),
            timeseries(
                "Size by database",
                "Size on disk by database.",
                [target(total("pg_database_size_bytes", db, by="datname"), "{{datname}}")],
                unit="bytes",
                minimum=None,
            ),
            timeseries(
                "Locks by mode",
                "Locks held or awaited, by mode.",
                [target(total("pg_locks_count", db, by="mode"), "{{mode}}")],
            ),
            timeseries(
                "Deadlocks and temporary files",
                "Deadlocks per second, and bytes "
                "written to temporary files (sorts and hashes that overflow work_mem).",
                totals(
                    db,
                    {
                        "pg_stat_database_deadlocks": "deadlocks/s",
                        "pg_stat_database_temp_bytes": "temp bytes/s",
                    },
                    rate=True,
                ),
            ),
        ],
    )

"""Dashboards of the services behind Foodie: Nginx, Redis and PostgreSQL (exporters)."""

from __future__ import annotations

from .panels import RATE, UP_STEPS, dashboard, stat, target, timeseries, variable

# --- Nginx --------------------------------------------------------------------------


def nginx() -> dict:
    sel = 'job="nginx", instance=~"$instance"'
    return dashboard(
        "foodie-nginx",
        "Foodie Nginx",
        "Nginx from stub_status (nginx-prometheus-exporter): connections and requests.",
        [variable("instance", "Exporter", 'nginx_up{job="nginx"}')],
        [
            stat(
                "Nginx up",
                "1 when the exporter can read stub_status.",
                f"min(nginx_up{{{sel}}})",
                steps=UP_STEPS,
                width=6,
            ),
            stat(
                "Requests/s",
                "All requests Nginx handled.",
                f"sum(rate(nginx_http_requests_total{{{sel}}}{RATE}))",
                unit="reqps",
                width=6,
            ),
            stat(
                "Active connections",
                "Open client connections, idle keep-alive included.",
                f"sum(nginx_connections_active{{{sel}}})",
                width=6,
            ),
            stat(
                "Dropped connections/s",
                "Accepted but not handled: a worker_connections or resource limit was hit.",
                f"sum(rate(nginx_connections_accepted{{{sel}}}{RATE})) - "
                f"sum(rate(nginx_connections_handled{{{sel}}}{RATE}))",
                steps=((None, "green"), (0.01, "red")),
                width=6,
            ),
            timeseries(
                "Requests per second",
                "Requests per second per Nginx.",
                [
                    target(
                        f"sum by (instance) (rate(nginx_http_requests_total{{{sel}}}{RATE}))",
                        "{{instance}}",
                    ),
                ],
                unit="reqps",
            ),
            timeseries(
                "Connections by state",
                "Reading a request, writing a response, or waiting (idle keep-alive).",
                [
                    target(f"sum(nginx_connections_reading{{{sel}}})", "reading"),
                    target(f"sum(nginx_connections_writing{{{sel}}})", "writing"),
                    target(f"sum(nginx_connections_waiting{{{sel}}})", "waiting"),
                ],
            ),
            timeseries(
                "Accepted and handled connections",
                "New connections per second; the two lines part when connections are dropped.",
                [
                    target(f"sum(rate(nginx_connections_accepted{{{sel}}}{RATE}))", "accepted"),
                    target(f"sum(rate(nginx_connections_handled{{{sel}}}{RATE}))", "handled"),
                ],
            ),
            timeseries(
                "Requests per connection",
                "Requests per new connection: high with "
                "keep-alive, near 1 when clients reconnect every time.",
                [
                    target(
                        f"sum(rate(nginx_http_requests_total{{{sel}}}{RATE})) / "
                        f"sum(rate(nginx_connections_accepted{{{sel}}}{RATE}))",
                        "requests",
                    ),
                ],
            ),
        ],
    )


# --- Redis --------------------------------------------------------------------------


def redis() -> dict:
    sel = 'job="redis", instance=~"$instance"'
    return dashboard(
        "foodie-redis",
        "Foodie Redis",
        "Redis behind the default cache (db0) and the page cache (db1), from redis_exporter.",
        [variable("instance", "Exporter", 'redis_up{job="redis"}')],
        [
            stat(
                "Redis up",
                "1 when the exporter can reach Redis.",
                f"min(redis_up{{{sel}}})",
                steps=UP_STEPS,
                width=4,
            ),
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
                f"sum(redis_connected_clients{{{sel}}})",
                width=4,
            ),
            stat("Keys", "Keys in all databases.", f"sum(redis_db_keys{{{sel}}})", width=4),
            stat(
                "Evictions/s",
                "Keys evicted to stay under maxmemory.",
                f"sum(rate(redis_evicted_keys_total{{{sel}}}{RATE}))",
                steps=((None, "green"), (1, "red")),
                width=4,
            ),
            timeseries(
                "Memory",
                "Used memory, the maxmemory limit and the resident set "
                "(fragmentation shows as RSS above used).",
                [
                    target(f"sum(redis_memory_used_bytes{{{sel}}})", "used"),
                    target(f"sum(redis_memory_max_bytes{{{sel}}})", "maxmemory"),
                    target(f"sum(redis_memory_used_rss_bytes{{{sel}}})", "rss"),
                ],
                unit="bytes",
            ),
            timeseries(
                "Evicted and expired keys",
                "Evicted: pushed out by the LRU policy; expired: reached their timeout.",
                [
                    target(f"sum(rate(redis_evicted_keys_total{{{sel}}}{RATE}))", "evicted"),
                    target(f"sum(rate(redis_expired_keys_total{{{sel}}}{RATE}))", "expired"),
                ],
            ),
            timeseries(
                "Keyspace hit ratio",
                "Redis-level GET hits / lookups, for every "
                "key (header keys, Wagtail's own). Not the page-cache hit ratio.",
                [
                    target(
                        f"sum(rate(redis_keyspace_hits_total{{{sel}}}{RATE})) / "
                        f"(sum(rate(redis_keyspace_hits_total{{{sel}}}{RATE})) + "
                        f"sum(rate(redis_keyspace_misses_total{{{sel}}}{RATE})))",
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
                        f"topk(10, sum by (cmd) (rate(redis_commands_total{{{sel}}}{RATE})))",
                        "{{cmd}}",
                    ),
                ],
            ),
            timeseries(
                "Keys by database",
                "db0 is the default cache (Wagtail's data), "
                "db1 the page cache (pages and their path index).",
                [
                    target(f"sum by (db) (redis_db_keys{{{sel}}}) > 0", "{{db}}"),
                ],
            ),
            timeseries(
                "Clients",
                "Connected clients (each Gunicorn worker, the scheduler "
                "and the exporter hold connections) and clients blocked on a command.",
                [
                    target(f"sum(redis_connected_clients{{{sel}}})", "connected"),
                    target(f"sum(redis_blocked_clients{{{sel}}})", "blocked"),
                ],
            ),
            timeseries(
                "Network I/O",
                "Bytes per second to and from Redis clients.",
                [
                    target(f"sum(rate(redis_net_output_bytes_total{{{sel}}}{RATE}))", "out"),
                    target(f"sum(rate(redis_net_input_bytes_total{{{sel}}}{RATE}))", "in"),
                ],
                unit="Bps",
            ),
        ],
    )


# --- PostgreSQL ---------------------------------------------------------------------


def postgres() -> dict:
    sel = 'job="postgres", instance=~"$instance"'
    db = f'{sel}, datname=~"$datname"'
    return dashboard(
        "foodie-postgres",
        "Foodie PostgreSQL",
        "PostgreSQL from postgres_exporter: availability, connections, transactions, I/O.",
        [
            variable("instance", "Exporter", 'pg_up{job="postgres"}'),
            variable("datname", "Database", 'pg_database_size_bytes{job="postgres"}'),
        ],
        [
            stat(
                "PostgreSQL up",
                "1 when the exporter can connect.",
                f"min(pg_up{{{sel}}})",
                steps=UP_STEPS,
                width=4,
            ),
            stat(
                "Connections used",
                "Client connections / (max_connections minus the "
                "superuser reserve): the saturation alert's ratio.",
                f"sum(pg_stat_activity_count{{{sel}}}) / (max(pg_settings_max_connections"
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
                f"sum(pg_database_size_bytes{{{db}}})",
                unit="bytes",
                width=4,
            ),
            stat(
                "Commits/s",
                "Committed transactions per second.",
                f"sum(rate(pg_stat_database_xact_commit{{{db}}}{RATE}))",
                width=4,
            ),
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
                    target(f"sum by (state) (pg_stat_activity_count{{{db}}}) > 0", "{{state}}"),
                    target(f"max(pg_settings_max_connections{{{sel}}})", "max_connections"),
                ],
            ),
            timeseries(
                "Transactions",
                "Commits and rollbacks per second.",
                [
                    target(f"sum(rate(pg_stat_database_xact_commit{{{db}}}{RATE}))", "commits"),
                    target(f"sum(rate(pg_stat_database_xact_rollback{{{db}}}{RATE}))", "rollbacks"),
                ],
            ),
            timeseries(
                "Buffer cache hit ratio",
                "Blocks found in shared buffers / blocks "
                "requested. Below about 0.99 the working set does not fit in memory.",
                [
                    target(
                        f"sum(rate(pg_stat_database_blks_hit{{{db}}}{RATE})) / "
                        f"(sum(rate(pg_stat_database_blks_hit{{{db}}}{RATE})) + "
                        f"sum(rate(pg_stat_database_blks_read{{{db}}}{RATE})))",
                        "hit ratio",
                    ),
                ],
                unit="percentunit",
                maximum=1,
            ),
            timeseries(
                "Rows",
                "Rows read and written per second.",
                [
                    target(f"sum(rate(pg_stat_database_tup_fetched{{{db}}}{RATE}))", "fetched"),
                    target(f"sum(rate(pg_stat_database_tup_returned{{{db}}}{RATE}))", "returned"),
                    target(f"sum(rate(pg_stat_database_tup_inserted{{{db}}}{RATE}))", "inserted"),
                    target(f"sum(rate(pg_stat_database_tup_updated{{{db}}}{RATE}))", "updated"),
                    target(f"sum(rate(pg_stat_database_tup_deleted{{{db}}}{RATE}))", "deleted"),
                ],
            ),
            timeseries(
                "Size by database",
                "Size on disk by database.",
                [
                    target(f"sum by (datname) (pg_database_size_bytes{{{db}}})", "{{datname}}"),
                ],
                unit="bytes",
                minimum=None,
            ),
            timeseries(
                "Locks by mode",
                "Locks held or awaited, by mode.",
                [
                    target(f"sum by (mode) (pg_locks_count{{{db}}})", "{{mode}}"),
                ],
            ),
            timeseries(
                "Deadlocks and temporary files",
                "Deadlocks per second, and bytes "
                "written to temporary files (sorts and hashes that overflow work_mem).",
                [
                    target(f"sum(rate(pg_stat_database_deadlocks{{{db}}}{RATE}))", "deadlocks/s"),
                    target(f"sum(rate(pg_stat_database_temp_bytes{{{db}}}{RATE}))", "temp bytes/s"),
                ],
            ),
        ],
    )

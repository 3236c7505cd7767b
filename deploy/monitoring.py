#!/usr/bin/env python3
"""Prometheus and the three exporters, natively, beside a running `make stack`.

    python deploy/monitoring.py up       # make monitoring-up (idempotent)
    python deploy/monitoring.py down     # make monitoring-down: stops exactly its pids
    python deploy/monitoring.py status

It reads what deploy/stack.py recorded (.stack/state.json and .stack/env: the
database, Redis, Gunicorn and Nginx status addresses) and starts, on 127.0.0.1:

- a relay that reaches Nginx's internal status server from the stack's "internal"
  address (127.0.0.2), as the exporter container does from the internal network
  in Compose: that server answers nobody else;
- prometheus-nginx-exporter (stub_status through the relay), prometheus-redis-exporter
  and prometheus-postgres-exporter (the Debian packages);
- Prometheus with monitoring/prometheus/prometheus.yml and its rules, the targets
  rewritten to these addresses and the intervals shortened (NATIVE_INTERVAL) so
  `make monitoring-check` waits seconds, not minutes. Job names and labels are
  unchanged: the rules and dashboards are the ones Compose runs.

Processes are started and stopped with deploy/processes.py, as the stack's are (pid
files in .stack/pids, logs in .stack/logs); Prometheus keeps its data in
.stack/monitoring.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import processes  # deploy/processes.py: the stack's pid files, logs and start/stop rules.
import stack  # deploy/stack.py: registers the stack's services, which must be up.
from processes import LOOPBACK, REPO, STACK, StackError, port

HOME = STACK / "monitoring"
CONFIG = REPO / "monitoring" / "prometheus" / "prometheus.yml"
RULES = REPO / "monitoring" / "prometheus" / "rules"
NATIVE_CONFIG = HOME / "prometheus.yml"
STATE = HOME / "state.json"
# Seconds between scrapes and rule evaluations natively (Compose: 15 s).
NATIVE_INTERVAL = 5

PORTS = {
    "prometheus": port("PROMETHEUS", 8490),
    "nginx-exporter": port("NGINX_EXPORTER", 8491),
    "redis-exporter": port("REDIS_EXPORTER", 8492),
    "postgres-exporter": port("POSTGRES_EXPORTER", 8493),
    "status-relay": port("STATUS_RELAY", 8494),
}
# Start order; `down` stops them in reverse.
SERVICES = ("status-relay", "nginx-exporter", "redis-exporter", "postgres-exporter", "prometheus")
# Each program and the apt package that provides it.
PACKAGES = {
    "prometheus": "prometheus",
    "promtool": "prometheus",
    "prometheus-nginx-exporter": "prometheus-nginx-exporter",
    "prometheus-redis-exporter": "prometheus-redis-exporter",
    "prometheus-postgres-exporter": "prometheus-postgres-exporter",
}
# What /proc/<pid>/cmdline must contain before a recorded pid is signalled.
processes.register("status-relay", "monitoring.py relay")
processes.register("nginx-exporter", "prometheus-nginx-exporter")
processes.register("redis-exporter", "prometheus-redis-exporter")
processes.register("postgres-exporter", "prometheus-postgres-exporter")
processes.register("prometheus", str(NATIVE_CONFIG))


def log(message: str) -> None:
    print(f"monitoring: {message}", flush=True)


def address(name: str) -> str:
    return f"{LOOPBACK}:{PORTS[name]}"


def http_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status == 200


# --- what the stack recorded --------------------------------------------------------


def stack_settings() -> tuple[dict, dict[str, str]]:
    """The running stack's state.json and environment; an error if it is not up."""
    # PostgreSQL or Redis may be down: an outage is what the exporters report.
    state_file = STACK / "state.json"
    if not (state_file.exists() and processes.running("gunicorn") and processes.running("nginx")):
        raise StackError("the stack is not running: `make stack` first")
    state = json.loads(state_file.read_text())
    env = {}
    for line in (STACK / "env").read_text().splitlines():
        words = shlex.split(line, comments=True)
        if len(words) == 2 and words[0] == "export":
            key, _, value = words[1].partition("=")
            env[key] = value
    return state, env


def postgres_dsn(database_url: str) -> str:
    """DATABASE_URL for postgres_exporter (lib/pq requires TLS unless told otherwise)."""
    parts = urlsplit(database_url)
    query = dict(parse_qsl(parts.query))
    if parts.hostname in ("127.0.0.1", "localhost", "::1"):
        query.setdefault("sslmode", "disable")
    return urlunsplit(parts._replace(scheme="postgresql", query=urlencode(query)))


def redis_address(redis_url: str) -> str:
    """REDIS_URL without the database: the exporter reports every database."""
    parts = urlsplit(redis_url)
    return urlunsplit(parts._replace(path="", query=""))


# --- Prometheus configuration -------------------------------------------------------


def native_config(targets: dict[str, list[str]]) -> dict:
    """monitoring/prometheus/prometheus.yml with native targets, rules and intervals."""
    from ruamel.yaml import YAML

    config = YAML(typ="safe").load(CONFIG.read_text())
    interval = f"{NATIVE_INTERVAL}s"
    config["global"].update(
        scrape_interval=interval, evaluation_interval=interval, scrape_timeout=interval
    )
    config["rule_files"] = [str(RULES / "*.yml")]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    unknown = set(jobs) - set(targets)
    if unknown:
        raise StackError(f"no native target for job(s) {sorted(unknown)} in {CONFIG}")
    for name, job in jobs.items():
        job["static_configs"] = [{**job["static_configs"][0], "targets": targets[name]}]
    return config


def write_config(state: dict) -> dict[str, list[str]]:
    # Every node's Gunicorn directly, with a Host its ALLOWED_HOSTS accepts (Django
    # answers 400 to any other); Nginx's own copy of /metrics is for the internal network.
    apps = [node["app_url"].rpartition(":")[2] for node in state["nodes"]]
    targets = {
        "prometheus": [address("prometheus")],
        "foodie": [f"{stack.HOST}:{port}" for port in apps],
        # Node 1's edge Nginx (stub_status); a balanced stack's others are not scraped.
        "nginx": [address("nginx-exporter")],
        # mtail runs with Nginx (deploy/stack.py); every node's edge sends it its lines.
        "edge": [urlsplit(state["mtail_url"]).netloc],
        "redis": [address("redis-exporter")],
        "postgres": [address("postgres-exporter")],
    }
    HOME.mkdir(parents=True, exist_ok=True)
    NATIVE_CONFIG.write_text(json.dumps(native_config(targets), indent=2) + "\n")
    result = subprocess.run(
        ["promtool", "check", "config", str(NATIVE_CONFIG)], capture_output=True, text=True
    )
    if result.returncode:
        raise StackError(f"promtool rejected {NATIVE_CONFIG}:\n{result.stdout}{result.stderr}")
    return targets


# --- commands -----------------------------------------------------------------------


def check_tools() -> None:
    missing = sorted({package for tool, package in PACKAGES.items() if not shutil.which(tool)})
    if missing:
        raise StackError(f"not installed: apt-get install -y {' '.join(missing)}")


def up(args: argparse.Namespace) -> int:
    alive = [name for name in SERVICES if processes.running(name)]
    if STATE.exists() and len(alive) == len(SERVICES):
        log(f"already running: Prometheus on http://{address('prometheus')}/")
        return 0
    if alive:
        log(f"partly running ({', '.join(alive)}): restarting all")
        down(args)
    check_tools()
    state, env = stack_settings()
    busy = [port for port in PORTS.values() if not processes.port_is_free(port)]
    if busy:
        raise StackError(f"ports in use on {LOOPBACK}: {busy} (set STACK_<NAME>_PORT)")
    targets = write_config(state)
    base = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}

    status = env["NGINX_LISTEN_STATUS"]
    relay = processes.spawn(
        "status-relay",
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "relay",
            address("status-relay"),
            state["internal_address"],
            status,
        ],
        base,
    )

    def relay_listening() -> bool:
        return not processes.port_is_free(PORTS["status-relay"])

    processes.wait_for("status relay", relay_listening, 10, relay)
    # `--name=value`: Debian 12's nginx and redis exporters parse flags with Go's flag
    # package (which also takes one dash), newer releases and postgres_exporter with
    # kingpin (two dashes only). The DSN stays out of argv (ps shows argv).
    commands = {
        "nginx-exporter": [
            "prometheus-nginx-exporter",
            f"--nginx.scrape-uri=http://{address('status-relay')}/stub_status",
            f"--web.listen-address={address('nginx-exporter')}",
        ],
        "redis-exporter": [
            "prometheus-redis-exporter",
            f"--redis.addr={redis_address(env['REDIS_URL'])}",
            f"--web.listen-address={address('redis-exporter')}",
        ],
        "postgres-exporter": [
            "prometheus-postgres-exporter",
            f"--web.listen-address={address('postgres-exporter')}",
        ],
        "prometheus": [
            "prometheus",
            f"--config.file={NATIVE_CONFIG}",
            f"--storage.tsdb.path={HOME / 'data'}",
            "--storage.tsdb.retention.time=2d",
            f"--web.listen-address={address('prometheus')}",
        ],
    }
    secrets = {"postgres-exporter": {"DATA_SOURCE_NAME": postgres_dsn(env["DATABASE_URL"])}}
    started = [relay] + [
        processes.spawn(name, argv, {**base, **secrets.get(name, {})})
        for name, argv in commands.items()
    ]

    # Ready when each answers on its port; any of them exiting meanwhile fails `up`.
    for name in SERVICES[1:]:
        metrics = f"http://{address(name)}/metrics"
        processes.wait_for(name, lambda url=metrics: http_ok(url), 30, *started)
    prometheus_url = f"http://{address('prometheus')}"
    processes.wait_for("Prometheus", lambda: http_ok(prometheus_url + "/-/ready"), 30, *started)
    STATE.write_text(
        json.dumps(
            {
                "prometheus_url": prometheus_url,
                "interval_seconds": NATIVE_INTERVAL,
                "targets": targets,
                "pids": {name: processes.read_pid(name) for name in SERVICES},
            },
            indent=2,
        )
        + "\n"
    )
    log(f"up: Prometheus {prometheus_url}/ (alerts: {prometheus_url}/alerts)")
    log(f"logs in {processes.LOGS}/")
    return 0


def down(args: argparse.Namespace) -> int:
    stopped = [name for name in reversed(SERVICES) if processes.stop(name, log)]
    STATE.unlink(missing_ok=True)
    log(f"stopped {', '.join(stopped)}" if stopped else "nothing was running")
    return 0


def status(args: argparse.Namespace) -> int:
    for name in SERVICES:
        state, pid = processes.state_of(name)
        print(f"{name:18} {state:8} {pid or '':>7}  {address(name)}")
    return 0


# --- the status relay ---------------------------------------------------------------


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def _relay(listen: str, source: str, target: str) -> None:
    listen_host, _, listen_port = listen.rpartition(":")
    target_host, _, target_port = target.rpartition(":")

    async def handle(client_reader, client_writer) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                target_host, int(target_port), local_addr=(source, 0)
            )
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            _pipe(client_reader, upstream_writer), _pipe(upstream_reader, client_writer)
        )

    server = await asyncio.start_server(handle, listen_host, int(listen_port))
    async with server:
        await server.serve_forever()


def relay(args: argparse.Namespace) -> int:
    """Forward LISTEN to TARGET, connecting from SOURCE (an address on loopback)."""
    asyncio.run(_relay(args.listen, args.source, args.target))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser, commands = processes.command_line(
        "Prometheus and exporters beside `make stack`.",
        {"up": up, "down": down, "status": status, "relay": relay},
    )
    for name in ("listen", "source", "target"):
        commands["relay"].add_argument(name)
    return processes.run_command(parser.parse_args(argv), log, down, SERVICES)


if __name__ == "__main__":
    sys.exit(main())

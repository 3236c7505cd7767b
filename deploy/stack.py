#!/usr/bin/env python3
"""The native runner: Foodie's production topology on 127.0.0.1, without Docker.

The same pieces the Compose deployment runs, from the repository's own config:
PostgreSQL and Redis, the migrate step, Gunicorn (gunicorn.conf.py), the scheduler
(`manage.py run_scheduler`) and Nginx (nginx/templates, rendered by nginx/render.py)
with HTTPS on a self-signed certificate, collected static files and the demo media.

    python deploy/stack.py up      # make stack
    python deploy/stack.py down    # make stack-down: stops exactly the pids it started
    python deploy/stack.py status

Media: on disk (served by Nginx), or with STACK_MEDIA=s3 (`make stack MEDIA=s3`) in a
bucket on a moto S3 server the runner starts (STACK_S3_PORT): uploads, renditions and
the demo images go there, pages link to the bucket, and Nginx serves no media.

Several app nodes: with STACK_NODES=N (`make stack NODES=2`, at most 4) the runner
starts N nodes, each a Gunicorn with its own edge Nginx (NGINX_TLS=offloaded), behind
one load-balancing Nginx (nginx/balancer.conf.template) on the public ports, as
machines behind a cloud load balancer would run; they share PostgreSQL, Redis, the
media and the one scheduler. Node 1 keeps the single node's service names
(gunicorn, nginx); node N's are gunicorn-N and nginx-N.

PostgreSQL and Redis: by default the runner starts its own (a private cluster in
.stack/postgres and a redis-server; deploy/services.py), so tests may stop them
without touching anything else on the machine. With STACK_DATABASE_URL /
STACK_REDIS_URL it uses the running servers those name instead (creating the
database if needed).

Everything it writes is under .stack/ (FOODIE_STACK_DIR): pids/, logs/, the
rendered Nginx configs, the certificate, state.json and `env`, a file of `export`
lines that gives a shell (or a test) the stack's environment (node 1's). Every
process binds 127.0.0.1 (or 127.0.0.2) only.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from processes import (  # deploy/processes.py: pid files, logs, start and stop
    BIN,
    LOGS,
    LOOPBACK,
    REPO,
    STACK,
    StackError,
    command_line,
    port_is_free,
    read_pid,
    register,
    run,
    run_command,
    running,
    spawn,
    state_of,
    stop,
    wait_for,
)
from services import (  # deploy/services.py: PostgreSQL, Redis, S3 and mtail
    ensure_database,
    log,
    redis_ping,
    start_mtail,
    start_postgres,
    start_redis,
    start_s3,
)
from topology import (  # deploy/topology.py: ports, nodes and each process's environment
    BUCKET,
    HOST,
    INTERNAL_ADDRESS,
    MAX_NODES,
    MEDIA,
    PORTS,
    Node,
    balancer_env,
    django_env,
    nginx_env,
    node_env,
    s3_endpoint,
    stack_nodes,
    stack_url,
)

# Loaded by nginx/nginx.conf.template (the edge cache's PURGE).
PURGE_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"
# One-shot steps (deploy/processes.py run()); `down` stops one a killed runner left.
STEPS = ("initdb", "migrate", "collectstatic", "nginx-check")
register("scheduler", "run_scheduler")
register("migrate", "manage.py")
register("collectstatic", "static")  # manage.py collectstatic, compress_static.py
register("nginx-check", "nginx")


# Every node a stack may have run, whatever STACK_NODES says now: their services'
# names are the same for any count.
ALL_NODES = [Node(number, MAX_NODES) for number in range(1, MAX_NODES + 1)]
for _node in ALL_NODES:
    register(_node.gunicorn, "gunicorn", stop_timeout=40)  # outlasts its graceful_timeout
    register(_node.nginx, "nginx")
register("balancer", "nginx")
NODE_SERVICES = [node.gunicorn for node in ALL_NODES] + [node.nginx for node in ALL_NODES]
# Shown by `status` only while they run: a single node's stack has none of them.
EXTRA_SERVICES = {"s3", "balancer", *NODE_SERVICES} - {"gunicorn", "nginx"}
# Start order; `down` stops them in reverse.
SERVICES = (
    "postgres", "redis", "s3", *(node.gunicorn for node in ALL_NODES), "scheduler", "mtail",
    *(node.nginx for node in ALL_NODES), "balancer",
)  # fmt: skip


# --- configuration ----------------------------------------------------------------


def make_certificate() -> tuple[Path, Path]:
    tls = STACK / "tls"
    tls.mkdir(parents=True, exist_ok=True)
    cert, key = tls / "localhost.crt", tls / "localhost.key"
    if not cert.exists():
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
             "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:{LOOPBACK}",
             "-keyout", str(key), "-out", str(cert)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        key.chmod(0o600)
    return cert, key


def render_nginx(env: dict[str, str], role: str = "site") -> list[str]:
    """Render an Nginx config into its NGINX_RUN_DIR, test it, and return the command
    that runs it."""
    run_dir = Path(env["NGINX_RUN_DIR"])
    run_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(BIN / "python"), "nginx/render.py", "--role", role, str(run_dir)],
        check=True, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    nginx = ["nginx", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"),
             "-e", str(run_dir / "error.log")]  # fmt: skip
    run([*nginx, "-t", "-q"], env, "nginx-check")
    return nginx


def write_env_file(env: dict[str, str]) -> Path:
    path = STACK / "env"
    lines = ["# Written by deploy/stack.py: `set -a; . .stack/env; set +a`"]
    lines += [f"export {key}={shlex.quote(value)}" for key, value in sorted(env.items())]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def https_get(path: str, cafile: Path, timeout: float = 3) -> int:
    context = ssl.create_default_context(cafile=str(cafile))
    try:
        with urllib.request.urlopen(stack_url() + path, timeout=timeout, context=context) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


def app_health(node: Node) -> bool:
    request = urllib.request.Request(
        f"http://{LOOPBACK}:{node.app_port}/health/", headers={"Host": HOST}
    )
    with urllib.request.urlopen(request, timeout=2) as response:
        return response.status == 200


def edge_ready(node: Node) -> bool:
    """A balanced node's edge answers /ready/ to the balancer's address."""
    import http.client

    connection = http.client.HTTPConnection(
        LOOPBACK, node.http_port, timeout=3, source_address=(INTERNAL_ADDRESS, 0)
    )
    try:
        connection.request("GET", "/ready/", headers={"Host": HOST})
        return connection.getresponse().status == 200
    finally:
        connection.close()


def spawn_gunicorn(node: Node, env: dict[str, str]) -> subprocess.Popen:
    gunicorn = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "foodie.wsgi"]
    return spawn(node.gunicorn, gunicorn, {**env, **node_env(node)})


def start_gunicorn(node: Node, env: dict[str, str]) -> None:
    wait_for(
        f"Gunicorn ({node.gunicorn})", partial(app_health, node), 60, spawn_gunicorn(node, env)
    )


def nginx_command(run_dir: Path) -> list[str]:
    return ["nginx", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"),
            "-e", str(run_dir / "error.log"), "-g", "daemon off;"]  # fmt: skip


def spawn_nginx(node: Node, env: dict[str, str]) -> subprocess.Popen:
    """A node's edge Nginx, its cache emptied first: while it was down it may have
    missed purges (the app retries them, but only every scheduler tick)."""
    shutil.rmtree(node.run_dir / "edge-cache", ignore_errors=True)
    return spawn(node.nginx, nginx_command(node.run_dir), env)


def start_nginx(node: Node, env: dict[str, str]) -> None:
    """Start one node's edge Nginx again (start-service) and wait until it answers."""
    process = spawn_nginx(node, env)
    if node.balanced:
        wait_for(f"Nginx ({node.nginx})", partial(edge_ready, node), 30, process)
    else:
        cert = STACK / "tls" / "localhost.crt"
        wait_for("Nginx", lambda: https_get("/ready/", cert) == 200, 30, process)


def stack_env() -> dict[str, str]:
    """The running stack's Django environment (its `env` file) over the caller's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NGINX_"))}
    for line in (STACK / "env").read_text().splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export ") :].partition("=")
            if not key.startswith("NGINX_"):
                env[key] = shlex.split(value)[0] if value else ""
    return env


def node_named(service: str) -> Node:
    """The running stack's node a service name belongs to (gunicorn-2: node 2)."""
    state_file = STACK / "state.json"
    count = len(json.loads(state_file.read_text())["nodes"]) if state_file.exists() else 1
    number = int(service.partition("-")[2] or 1)
    if number > count:
        raise StackError(f"{service}: the stack runs {count} node(s)")
    return Node(number, count)


# --- commands ---------------------------------------------------------------------


def up(args: argparse.Namespace) -> int:
    if MEDIA not in ("disk", "s3"):
        raise StackError(f"STACK_MEDIA={MEDIA!r}: use disk or s3 (make stack MEDIA=s3)")
    nodes = stack_nodes()
    balanced = len(nodes) > 1
    expected = ["postgres", "redis", *(["s3"] if MEDIA == "s3" else []), "scheduler", "mtail"]
    expected += [node.gunicorn for node in nodes] + [node.nginx for node in nodes]
    expected += ["balancer"] if balanced else []
    state_file = STACK / "state.json"
    if (
        state_file.exists()
        and all(running(name) for name in expected)
        and len(json.loads(state_file.read_text()).get("nodes", [])) == len(nodes)
    ):
        log(f"already running: {stack_url()}/")
        return 0
    left = [name for name in SERVICES + STEPS if running(name)]
    if left:
        log(f"stopping what an earlier `up` that did not finish left running: {', '.join(left)}")
        down(args)
    for tool in ("nginx", "openssl", "mtail"):
        if not shutil.which(tool):
            raise StackError(f"{tool} not found: apt-get install nginx openssl mtail")
    if not Path(PURGE_MODULE).exists():
        raise StackError(f"{PURGE_MODULE} not found: apt-get install libnginx-mod-http-cache-purge")
    STACK.mkdir(parents=True, exist_ok=True)
    # prometheus*: each node's metrics files (migrate counts its queries there too).
    for name in ("static", "media", "no-media", *(f"prometheus{n.suffix}" for n in nodes)):
        (STACK / name).mkdir(parents=True, exist_ok=True)

    external_db = os.environ.get("STACK_DATABASE_URL", "")
    external_redis = os.environ.get("STACK_REDIS_URL", "")
    unused = {"postgres": bool(external_db), "redis": bool(external_redis), "s3": MEDIA != "s3"}
    # Balanced, the nodes have ports of their own and the public ones are the balancer's.
    unused |= {"status": balanced, "purge": balanced}
    wanted = {p for k, p in PORTS.items() if not unused.get(k)}
    wanted |= {p for node in nodes for p in node.ports}
    busy = sorted(p for p in wanted if not port_is_free(p))
    if busy:
        raise StackError(f"ports in use on {LOOPBACK}: {busy} (set STACK_<NAME>_PORT)")

    # The caller's settings for Django, Nginx, media and the page cache's Redis never
    # leak in: the stack's own (django_env) are the only ones its processes see.
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "NGINX_", "AWS_")) and k != "PAGE_CACHE_REDIS_URL"
    }
    # Its own database in S3 mode, whose bucket (moto, in memory) starts empty.
    database = "foodie_s3" if MEDIA == "s3" else "foodie"
    database_url = external_db or start_postgres(PORTS["postgres"], database)
    ensure_database(database_url, fresh=MEDIA == "s3" and not external_db)
    redis_url = external_redis or start_redis(PORTS["redis"])
    if external_redis:
        wait_for("Redis", lambda: redis_ping(redis_url), 5)
    if MEDIA == "s3":
        start_s3(PORTS["s3"], BUCKET)

    shared = django_env(database_url, redis_url, nodes)
    env = {**base, **shared, **node_env(nodes[0])}
    manage = [str(BIN / "python"), "manage.py"]
    log("migrate, demo content and collectstatic")

    def release() -> None:
        run([*manage, "migrate", "--no-input"], env, "migrate")
        run([*manage, "load_demo_content", "--if-empty"], env, "migrate")

    def static() -> None:
        run([*manage, "collectstatic", "--no-input", "--verbosity", "0"], env, "collectstatic")
        run([str(BIN / "python"), "deploy/compress_static.py", env["STATIC_ROOT"]], env,
            "collectstatic")  # fmt: skip

    with ThreadPoolExecutor(2) as pool:
        for future in [pool.submit(release), pool.submit(static)]:
            future.result()

    cert, key = make_certificate()
    for node in nodes:
        render_nginx({**base, **nginx_env(cert, key, node)})
    if balanced:
        render_nginx({**base, **balancer_env(cert, key, nodes)}, "balancer")

    gunicorns = [spawn_gunicorn(node, env) for node in nodes]
    for node in nodes:
        wait_for(f"Gunicorn ({node.gunicorn})", partial(app_health, node), 60, *gunicorns)
    interval = os.environ.get("STACK_SCHEDULER_INTERVAL", "10")
    scheduler = spawn("scheduler", [*manage, "run_scheduler", "--interval", interval], env)
    start_mtail(base, PORTS["mtail"], PORTS["edge-log"])
    servers = [spawn_nginx(node, base) for node in nodes]
    if balanced:
        for node in nodes:
            wait_for(f"Nginx ({node.nginx})", partial(edge_ready, node), 30, *servers, scheduler)
        servers.append(spawn("balancer", nginx_command(STACK / "balancer"), base))
    wait_for("Nginx", lambda: https_get("/ready/", cert) == 200, 30, *servers, scheduler)

    env_file = write_env_file(
        {
            **shared,
            **node_env(nodes[0]),
            **nginx_env(cert, key, nodes[0]),
            "FOODIE_STACK_URL": stack_url(),
            "FOODIE_STACK_CA": str(cert),
            "FOODIE_STACK_DIR": str(STACK),
        }
    )
    node_states = [
        {
            "gunicorn": node.gunicorn,
            "nginx": node.nginx,
            "app_url": f"http://{LOOPBACK}:{node.app_port}",
            "status_url": f"http://{LOOPBACK}:{node.status_port}",
            "purge_url": f"http://{LOOPBACK}:{node.purge_port}",
            # Balanced: the node's edge, which answers the balancer's address only.
            "edge_url": f"http://{LOOPBACK}:{node.http_port}" if balanced else None,
        }
        for node in nodes
    ]
    state = {
        "url": stack_url(),
        "http_url": f"http://{HOST}:{PORTS['http']}",
        "status_url": node_states[0]["status_url"],
        "mtail_url": f"http://{LOOPBACK}:{PORTS['mtail']}",
        "app_url": node_states[0]["app_url"],
        "nodes": node_states,
        "internal_address": INTERNAL_ADDRESS,
        "media": MEDIA,
        "s3_endpoint": s3_endpoint() if MEDIA == "s3" else None,
        "bucket": BUCKET if MEDIA == "s3" else None,
        "ca": str(cert),
        "env_file": str(env_file),
        "gunicorn": {
            key: os.environ.get(f"GUNICORN_{key.upper()}", "default")
            for key in ("workers", "worker_class", "threads")
        },
        "owns_postgres": not external_db,
        "owns_redis": not external_redis,
        "pids": {name: read_pid(name) for name in SERVICES if read_pid(name)},
    }
    state_file.write_text(json.dumps(state, indent=2) + "\n")
    shape = f"{len(nodes)} nodes behind a load balancer" if balanced else "one node"
    log(f"up ({shape}): {stack_url()}/  (admin: {stack_url()}/admin/ as admin)")
    log("the admin password is in .stack/admin_password")
    log(f"self-signed certificate: {cert}; environment: {env_file}; logs: {LOGS}/")
    return 0


def down(args: argparse.Namespace) -> int:
    (STACK / "state.json").unlink(missing_ok=True)
    stopped = [name for name in reversed(SERVICES + STEPS) if stop(name, log)]
    log(f"stopped {', '.join(stopped)}" if stopped else "nothing was running")
    return 0


def status(args: argparse.Namespace) -> int:
    for name in SERVICES:
        state, pid = state_of(name)
        if pid or name not in EXTRA_SERVICES:
            print(f"{name:10} {state:8} {pid or ''}")
    return 0


# Services tests may stop and start on their own (the database going away, a node failing).
STOPPABLE = ("postgres", "redis", *NODE_SERVICES)


def stop_service(args: argparse.Namespace) -> int:
    """Stop one owned service (tests: the database or Redis going away, a node failing)."""
    if not stop(args.service, log):
        log(f"{args.service} was not running (or is not ours)")
        return 1
    return 0


def start_service(args: argparse.Namespace) -> int:
    if running(args.service):
        return 0
    if args.service == "postgres":
        start_postgres(PORTS["postgres"], "postgres")
    elif args.service == "redis":
        start_redis(PORTS["redis"])
    elif args.service.startswith("gunicorn"):
        start_gunicorn(node_named(args.service), stack_env())
    else:
        start_nginx(node_named(args.service), dict(os.environ))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser, commands = command_line(
        "Foodie's native production stack.",
        {
            "up": up,
            "down": down,
            "status": status,
            "stop-service": stop_service,
            "start-service": start_service,
        },
    )
    for name in ("stop-service", "start-service"):
        commands[name].add_argument("service", choices=STOPPABLE)
    args = parser.parse_args(argv)
    return run_command(
        args, log, down, ("gunicorn", "nginx", "balancer", "migrate", "collectstatic")
    )


if __name__ == "__main__":
    sys.exit(main())

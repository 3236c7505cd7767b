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

PostgreSQL and Redis: by default the runner starts its own (a private cluster in
.stack/postgres and a redis-server), so tests may stop them without touching
anything else on the machine. With STACK_DATABASE_URL / STACK_REDIS_URL it uses
the running servers those name instead (creating the database if needed).

Everything it writes is under .stack/ (FOODIE_STACK_DIR): pids/, logs/, the
rendered Nginx config, the certificate, state.json and `env`, a file of `export`
lines that gives a shell (or a test) the stack's environment. Every process binds
127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pwd
import secrets
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from processes import (  # deploy/processes.py: pid files, logs, start and stop
    BIN,
    LOGS,
    LOOPBACK,
    REPO,
    STACK,
    StackError,
    command_line,
    port,
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

HOST = "localhost"
# An address on the loopback network that the Nginx status server treats as
# "internal", so tests can reach /stub_status from it and be refused from 127.0.0.1.
INTERNAL_ADDRESS = "127.0.0.2"

PORTS = {
    "http": port("HTTP", 8480),
    "https": port("HTTPS", 8443),
    "status": port("STATUS", 8481),
    "purge": port("PURGE", 8482),
    "app": port("APP", 8400),
    "postgres": port("POSTGRES", 8432),
    "redis": port("REDIS", 8479),
    # mtail: Prometheus metrics (HTTP) and the edge cache's log lines from Nginx (UDP).
    "mtail": port("MTAIL", 8495),
    "edge-log": port("EDGE_LOG", 8496),
    "s3": port("S3", 8497),  # STACK_MEDIA=s3 only
}
# Where media lives: "disk" (MEDIA_ROOT, served by Nginx) or "s3" (a moto bucket).
MEDIA = os.environ.get("STACK_MEDIA") or "disk"
BUCKET = "foodie-media"
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "foodie-stack", "AWS_SECRET_ACCESS_KEY": "foodie-stack"}
S3_REGION = "us-east-1"
# Loaded by nginx/nginx.conf.template (the edge cache's PURGE).
PURGE_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"
# Start order; `down` stops them in reverse.
SERVICES = ("postgres", "redis", "s3", "gunicorn", "scheduler", "mtail", "nginx")
# One-shot steps (deploy/processes.py run()); `down` stops one a killed runner left.
STEPS = ("initdb", "migrate", "collectstatic", "nginx-check")
# PostgreSQL's SIGTERM waits for every client to disconnect; SIGINT ("fast") ends
# their sessions, as a real outage would.
register("postgres", "postgres", stop_timeout=30, stop_signal=signal.SIGINT)
register("redis", "redis-server", stop_timeout=10)
register("s3", "moto_server")
register("gunicorn", "gunicorn", stop_timeout=40)  # outlasts its graceful_timeout
register("scheduler", "run_scheduler")
register("mtail", "mtail")
register("nginx", "nginx")
register("initdb", "initdb")
register("migrate", "manage.py")
register("collectstatic", "static")  # manage.py collectstatic, compress_static.py
register("nginx-check", "nginx")


def log(message: str) -> None:
    print(f"stack: {message}", flush=True)


# --- PostgreSQL and Redis ---------------------------------------------------------


def postgres_bindir() -> Path:
    if os.environ.get("STACK_PG_BINDIR"):
        return Path(os.environ["STACK_PG_BINDIR"])
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/postgres"),
        key=lambda path: int(Path(path).parts[-3]),
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("postgres")
    if found:
        return Path(found).parent
    raise StackError("PostgreSQL server binaries not found (apt-get install postgresql)")


def postgres_user() -> str | None:
    """initdb and postgres refuse to run as root: use the postgres account then."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as error:
        raise StackError("running as root needs a 'postgres' system user") from error
    return "postgres"


def start_postgres(env: dict[str, str]) -> str:
    bindir = postgres_bindir()
    user = postgres_user()
    home = STACK / "postgres"
    data = home / "data"
    sockets = home / "run"
    for path in (home, sockets):
        path.mkdir(parents=True, exist_ok=True)
        if user:
            shutil.chown(path, user)
    if not data.exists():
        log("creating a PostgreSQL cluster in " + str(data))
        # Made beside and renamed when complete: an interrupted initdb leaves no cluster.
        partial = home / "data.partial"
        shutil.rmtree(partial, ignore_errors=True)
        run(
            [str(bindir / "initdb"), "-D", str(partial), "-U", "postgres", "--auth=trust",
             "--encoding=UTF8", "--no-instructions"],
            {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}, "initdb", user=user,
        )  # fmt: skip
        partial.rename(data)
    process = spawn(
        "postgres",
        [str(bindir / "postgres"), "-D", str(data), "-p", str(PORTS["postgres"]),
         "-k", str(sockets), "-c", f"listen_addresses={LOOPBACK}",
         "-c", "max_connections=60", "-c", "fsync=off", "-c", "full_page_writes=off"],
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
        user=user,
    )  # fmt: skip
    # Its own database in S3 mode, whose bucket (moto, in memory) starts empty.
    database = "foodie_s3" if MEDIA == "s3" else "foodie"
    url = f"postgres://postgres@{LOOPBACK}:{PORTS['postgres']}/{database}"
    wait_for("PostgreSQL", lambda: connect(url, "postgres") or True, 30, process)
    return url


def connect(url: str, database: str | None = None):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    info = conninfo_to_dict(url)
    if database:
        info["dbname"] = database
    return psycopg.connect(make_conninfo(**info), connect_timeout=3, autocommit=True)


def ensure_database(url: str, fresh: bool = False) -> None:
    """Create the database if missing; with ``fresh``, drop it first."""
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    name = conninfo_to_dict(url)["dbname"]
    with connect(url, "postgres") as connection:
        if fresh:
            log(f"starting {name} afresh (its media bucket starts empty)")
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            log(f"creating database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def start_redis() -> str:
    home = STACK / "redis"
    home.mkdir(parents=True, exist_ok=True)
    redis_server = shutil.which("redis-server")
    if not redis_server:
        raise StackError("redis-server not found (apt-get install redis-server)")
    process = spawn(
        "redis",
        [redis_server, "--port", str(PORTS["redis"]), "--bind", LOOPBACK, "--save", "",
         "--appendonly", "no", "--dir", str(home), "--maxmemory", "128mb",
         "--maxmemory-policy", "allkeys-lru", "--protected-mode", "yes"],
        env={"PATH": os.environ.get("PATH", "")},
    )  # fmt: skip
    url = f"redis://{LOOPBACK}:{PORTS['redis']}/0"
    wait_for("Redis", lambda: redis_ping(url), 15, process)
    return url


def s3_endpoint() -> str:
    return f"http://{LOOPBACK}:{PORTS['s3']}"


def start_s3() -> None:
    """moto's S3 server and the media bucket (deploy/media_bucket.py), as a real
    bucket is set up: renditions public, the rest private."""
    import boto3
    from media_bucket import create_media_bucket

    process = spawn(
        "s3",
        [str(BIN / "moto_server"), "-H", LOOPBACK, "-p", str(PORTS["s3"])],
        env={"PATH": os.environ.get("PATH", "")},
    )

    def answers() -> bool:
        with urllib.request.urlopen(s3_endpoint(), timeout=2) as response:
            return response.status == 200

    wait_for("S3 (moto)", answers, 30, process)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint(),
        region_name=S3_REGION,
        aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    create_media_bucket(client, BUCKET)


def media_env() -> dict[str, str]:
    """Django's media settings for MEDIA (foodie/settings/base.py reads them)."""
    if MEDIA != "s3":
        return {}
    return {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint(),
        "AWS_S3_REGION_NAME": S3_REGION,
        **S3_CREDENTIALS,
    }


def redis_ping(url: str) -> bool:
    import redis

    return bool(redis.Redis.from_url(url, socket_timeout=1).ping())


# --- configuration ----------------------------------------------------------------


def secret(name: str, factory) -> str:
    path = STACK / name
    if not path.exists():
        path.write_text(factory())
        path.chmod(0o600)
    return path.read_text().strip()


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


def stack_url() -> str:
    return f"https://{HOST}:{PORTS['https']}"


def django_env(database_url: str, redis_url: str) -> dict[str, str]:
    """What Gunicorn, the scheduler and manage.py get: production settings."""
    return {
        "DJANGO_SETTINGS_MODULE": "foodie.settings.production",
        "SECRET_KEY": secret("secret_key", lambda: secrets.token_urlsafe(50)),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "WAGTAILADMIN_BASE_URL": stack_url(),
        # Browsers send the non-default port in Origin/Referer; Nginx passes $host.
        "CSRF_TRUSTED_ORIGINS": stack_url(),
        "STATIC_ROOT": str(STACK / "static"),
        "MEDIA_ROOT": str(STACK / "media"),
        "SECURE_HSTS_SECONDS": "300",
        "SECURE_HSTS_PRELOAD": "false",
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "INFO",
        "PROMETHEUS_MULTIPROC_DIR": str(STACK / "prometheus"),
        "GUNICORN_BIND": f"{LOOPBACK}:{PORTS['app']}",
        "FORWARDED_ALLOW_IPS": LOOPBACK,
        "FOODIE_ADMIN_USERNAME": "admin",
        "FOODIE_ADMIN_PASSWORD": secret("admin_password", lambda: secrets.token_urlsafe(16)),
        # The page cache's purges reach this stack's Nginx (docs/operators.md "Edge cache").
        "EDGE_CACHE_NGINX_PURGE_URLS": f"http://{LOOPBACK}:{PORTS['purge']}",
        **media_env(),
    }


def nginx_env(cert: Path, key: Path) -> dict[str, str]:
    return {
        "NGINX_UPSTREAM": f"{LOOPBACK}:{PORTS['app']}",
        "NGINX_SERVER_NAMES": HOST,
        "NGINX_LISTEN_HTTP": f"{LOOPBACK}:{PORTS['http']}",
        "NGINX_LISTEN_HTTPS": f"{LOOPBACK}:{PORTS['https']}",
        "NGINX_HTTPS_PORT_SUFFIX": f":{PORTS['https']}",
        "NGINX_LISTEN_STATUS": f"{LOOPBACK}:{PORTS['status']}",
        "NGINX_INTERNAL_NETWORK": f"{INTERNAL_ADDRESS}/32",
        "NGINX_STATIC_ROOT": str(STACK / "static"),
        # In S3 mode Nginx serves no media, not even files an earlier disk-mode stack
        # left in media/: the bucket does.
        "NGINX_MEDIA_ROOT": str(STACK / ("media" if MEDIA == "disk" else "no-media")),
        # Pages link to the bucket in S3 mode: the browsers' img-src allows it.
        "NGINX_MEDIA_ORIGIN": s3_endpoint() if MEDIA == "s3" else "",
        "NGINX_TLS": "on",
        "NGINX_TLS_CERTIFICATE": str(cert),
        "NGINX_TLS_CERTIFICATE_KEY": str(key),
        "NGINX_HSTS_MAX_AGE": "300",
        "NGINX_RUN_DIR": str(STACK / "nginx"),
        "NGINX_WORKER_PROCESSES": "2",
        "NGINX_ERROR_LOG": str(STACK / "nginx" / "error.log"),
        "NGINX_EDGE_CACHE": "on",
        "NGINX_EDGE_CACHE_DIR": str(STACK / "nginx" / "edge-cache"),
        "NGINX_LISTEN_PURGE": f"{LOOPBACK}:{PORTS['purge']}",
        "NGINX_PURGE_NETWORK": f"{LOOPBACK}/32",
        # Django's SESSION_COOKIE_NAME (a test checks they agree).
        "NGINX_SESSION_COOKIE": "sessionid",
        "NGINX_EDGE_LOG_SERVER": f"{LOOPBACK}:{PORTS['edge-log']}",
    }


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


def app_health() -> bool:
    request = urllib.request.Request(
        f"http://{LOOPBACK}:{PORTS['app']}/health/", headers={"Host": HOST}
    )
    with urllib.request.urlopen(request, timeout=2) as response:
        return response.status == 200


def start_mtail(env: dict[str, str]) -> subprocess.Popen:
    """mtail counting the edge cache's outcomes from Nginx's syslog lines
    (monitoring/mtail), before Nginx starts sending them."""
    process = spawn(
        "mtail",
        ["mtail", "-progs", str(REPO / "monitoring" / "mtail"),
         "-logs", f"udp://{LOOPBACK}:{PORTS['edge-log']}",
         "-address", LOOPBACK, "-port", str(PORTS["mtail"]),
         "-emit_prog_label=false", "-logtostderr"],
        env,
    )  # fmt: skip
    metrics = f"http://{LOOPBACK}:{PORTS['mtail']}/metrics"

    def answers() -> bool:
        with urllib.request.urlopen(metrics, timeout=2) as response:
            return response.status == 200

    wait_for("mtail", answers, 30, process)
    return process


def start_gunicorn(env: dict[str, str]) -> None:
    gunicorn = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "foodie.wsgi"]
    wait_for("Gunicorn", app_health, 60, spawn("gunicorn", gunicorn, env))


def stack_env() -> dict[str, str]:
    """The running stack's Django environment (its `env` file) over the caller's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NGINX_"))}
    for line in (STACK / "env").read_text().splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export ") :].partition("=")
            if not key.startswith("NGINX_"):
                env[key] = shlex.split(value)[0] if value else ""
    return env


# --- commands ---------------------------------------------------------------------


def up(args: argparse.Namespace) -> int:
    if MEDIA not in ("disk", "s3"):
        raise StackError(f"STACK_MEDIA={MEDIA!r}: use disk or s3 (make stack MEDIA=s3)")
    expected = [name for name in SERVICES if name != "s3" or MEDIA == "s3"]
    if (STACK / "state.json").exists() and all(running(name) for name in expected):
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
    for name in ("static", "media", "no-media", "prometheus", "nginx"):
        (STACK / name).mkdir(parents=True, exist_ok=True)

    external_db = os.environ.get("STACK_DATABASE_URL", "")
    external_redis = os.environ.get("STACK_REDIS_URL", "")
    unused = {"postgres": bool(external_db), "redis": bool(external_redis), "s3": MEDIA != "s3"}
    wanted = [p for k, p in PORTS.items() if not unused.get(k)]
    busy = [p for p in wanted if not port_is_free(p)]
    if busy:
        raise StackError(f"ports in use on {LOOPBACK}: {busy} (set STACK_<NAME>_PORT)")

    # The caller's settings for Django, Nginx, media and the page cache's Redis never
    # leak in: the stack's own (django_env) are the only ones its processes see.
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "NGINX_", "AWS_")) and k != "PAGE_CACHE_REDIS_URL"
    }
    database_url = external_db or start_postgres(base)
    # moto keeps the bucket in memory: the stack's own S3-mode database starts with it.
    ensure_database(database_url, fresh=MEDIA == "s3" and not external_db)
    redis_url = external_redis or start_redis()
    if external_redis:
        wait_for("Redis", lambda: redis_ping(redis_url), 5)
    if MEDIA == "s3":
        start_s3()

    env = {**base, **django_env(database_url, redis_url)}
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
    nginx_vars = nginx_env(cert, key)
    subprocess.run(
        [str(BIN / "python"), "nginx/render.py", str(STACK / "nginx")],
        check=True, cwd=REPO, env={**base, **nginx_vars}, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    nginx = ["nginx", "-p", str(STACK / "nginx"), "-c", str(STACK / "nginx" / "nginx.conf"),
             "-e", str(STACK / "nginx" / "error.log")]  # fmt: skip
    run([*nginx, "-t", "-q"], base, "nginx-check")

    start_gunicorn(env)
    interval = os.environ.get("STACK_SCHEDULER_INTERVAL", "10")
    scheduler = spawn("scheduler", [*manage, "run_scheduler", "--interval", interval], env)
    counter = start_mtail(base)
    server = spawn("nginx", [*nginx, "-g", "daemon off;"], base)
    wait_for("Nginx", lambda: https_get("/ready/", cert) == 200, 30, server, scheduler, counter)

    env_file = write_env_file(
        {
            **django_env(database_url, redis_url),
            **nginx_vars,
            "FOODIE_STACK_URL": stack_url(),
            "FOODIE_STACK_CA": str(cert),
            "FOODIE_STACK_DIR": str(STACK),
        }
    )
    state = {
        "url": stack_url(),
        "http_url": f"http://{HOST}:{PORTS['http']}",
        "status_url": f"http://{LOOPBACK}:{PORTS['status']}",
        "mtail_url": f"http://{LOOPBACK}:{PORTS['mtail']}",
        "app_url": f"http://{LOOPBACK}:{PORTS['app']}",
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
    (STACK / "state.json").write_text(json.dumps(state, indent=2) + "\n")
    log(f"up: {stack_url()}/  (admin: {stack_url()}/admin/ as admin, see .stack/admin_password)")
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
        print(f"{name:10} {state:8} {pid or ''}")
    return 0


def stop_service(args: argparse.Namespace) -> int:
    """Stop one owned service (tests: the database or Redis going away)."""
    if args.service not in ("postgres", "redis", "gunicorn"):
        raise StackError("only postgres, redis and gunicorn can be stopped on their own")
    if not stop(args.service, log):
        log(f"{args.service} was not running (or is not ours)")
        return 1
    return 0


def start_service(args: argparse.Namespace) -> int:
    if running(args.service):
        return 0
    if args.service == "postgres":
        start_postgres(dict(os.environ))
    elif args.service == "redis":
        start_redis()
    elif args.service == "gunicorn":
        start_gunicorn(stack_env())
    else:
        raise StackError("only postgres, redis and gunicorn can be started on their own")
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
        commands[name].add_argument("service", choices=("postgres", "redis", "gunicorn"))
    args = parser.parse_args(argv)
    return run_command(args, log, down, ("gunicorn", "nginx", "migrate", "collectstatic"))


if __name__ == "__main__":
    sys.exit(main())

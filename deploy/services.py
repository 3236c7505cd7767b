"""The native stack's shared services: PostgreSQL, Redis, moto's S3 server and mtail.

Started by deploy/stack.py before the app nodes, each on the port it is given, under
the runner's supervision (deploy/processes.py): every one is judged started when it
answers.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import urllib.request
from pathlib import Path

from processes import BIN, LOOPBACK, REPO, STACK, StackError, register, run, spawn, wait_for

# PostgreSQL's SIGTERM waits for every client to disconnect; SIGINT ("fast") ends
# their sessions, as a real outage would.
register("postgres", "postgres", stop_timeout=30, stop_signal=signal.SIGINT)
register("redis", "redis-server", stop_timeout=10)
register("s3", "moto_server")
register("mtail", "mtail")
register("initdb", "initdb")

S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "foodie-stack", "AWS_SECRET_ACCESS_KEY": "foodie-stack"}
S3_REGION = "us-east-1"


def log(message: str) -> None:
    print(f"stack: {message}", flush=True)


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


def start_postgres(port: int, database: str) -> str:
    """A private cluster in .stack/postgres (made on first use); its URL for ``database``."""
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
        [str(bindir / "postgres"), "-D", str(data), "-p", str(port),
         "-k", str(sockets), "-c", f"listen_addresses={LOOPBACK}",
         "-c", "max_connections=60", "-c", "fsync=off", "-c", "full_page_writes=off"],
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
        user=user,
    )  # fmt: skip
    url = f"postgres://postgres@{LOOPBACK}:{port}/{database}"
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


def start_redis(port: int) -> str:
    home = STACK / "redis"
    home.mkdir(parents=True, exist_ok=True)
    redis_server = shutil.which("redis-server")
    if not redis_server:
        raise StackError("redis-server not found (apt-get install redis-server)")
    process = spawn(
        "redis",
        [redis_server, "--port", str(port), "--bind", LOOPBACK, "--save", "",
         "--appendonly", "no", "--dir", str(home), "--maxmemory", "128mb",
         "--maxmemory-policy", "allkeys-lru", "--protected-mode", "yes"],
        env={"PATH": os.environ.get("PATH", "")},
    )  # fmt: skip
    url = f"redis://{LOOPBACK}:{port}/0"
    wait_for("Redis", lambda: redis_ping(url), 15, process)
    return url


def redis_ping(url: str) -> bool:
    import redis

    return bool(redis.Redis.from_url(url, socket_timeout=1).ping())


def answers(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status == 200


def start_s3(port: int, bucket: str) -> str:
    """moto's S3 server and the media bucket (deploy/media_bucket.py), as a real
    bucket is set up: renditions public, the rest private. Returns the endpoint."""
    import boto3
    from media_bucket import create_media_bucket

    endpoint = f"http://{LOOPBACK}:{port}"
    process = spawn(
        "s3",
        [str(BIN / "moto_server"), "-H", LOOPBACK, "-p", str(port)],
        env={"PATH": os.environ.get("PATH", "")},
    )
    wait_for("S3 (moto)", lambda: answers(endpoint), 30, process)
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    create_media_bucket(client, bucket)
    return endpoint


def start_mtail(env: dict[str, str], port: int, log_port: int) -> None:
    """mtail counting the edge caches' outcomes from Nginx's syslog lines
    (monitoring/mtail), before any Nginx starts sending them."""
    process = spawn(
        "mtail",
        ["mtail", "-progs", str(REPO / "monitoring" / "mtail"),
         "-logs", f"udp://{LOOPBACK}:{log_port}",
         "-address", LOOPBACK, "-port", str(port),
         "-emit_prog_label=false", "-logtostderr"],
        env,
    )  # fmt: skip
    wait_for("mtail", lambda: answers(f"http://{LOOPBACK}:{port}/metrics"), 30, process)

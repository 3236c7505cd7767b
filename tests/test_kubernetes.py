"""The Kubernetes overlays (deploy/kubernetes), read as Kubernetes reads them: each
overlay rendered by `kubectl kustomize` and the invariants checked on the objects.
`make validate` checks the same objects against the Kubernetes schemas."""

import shlex
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO / "nginx"))
import kube  # noqa: E402
from render import render_text, role_templates  # noqa: E402

pytestmark = pytest.mark.skipif(not shutil.which("kubectl"), reason="kubectl renders the overlays")
APP_IMAGE = "foodie"


@pytest.fixture(scope="module", params=kube.overlays())
def objects(request) -> list[dict]:
    return kube.render(request.param)


def of_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def pod_specs(objects: list[dict]) -> dict[str, dict]:
    return {
        f"{o['kind']}/{o['metadata']['name']}": o["spec"]["template"]["spec"]
        for o in objects
        if o["kind"] in ("Deployment", "Job")
    }


def containers(pod: dict) -> list[dict]:
    return pod.get("initContainers", []) + pod["containers"]


def command(container: dict) -> str:
    return shlex.join(container.get("command", []) + container.get("args", []))


def is_app(container: dict) -> bool:
    return container["image"].rsplit("/", 1)[-1].split(":")[0] == APP_IMAGE


def config_map(objects: list[dict], prefix: str) -> dict[str, str]:
    """A generated ConfigMap's data (its name carries a content hash)."""
    (found,) = [
        o
        for o in objects
        if o["kind"] == "ConfigMap" and o["metadata"]["name"].startswith(prefix + "-")
    ]
    return found["data"]


def test_the_overlays_exist():
    assert {"production", "staging"} <= set(kube.overlays())


def test_every_object_matches_the_kubernetes_schemas(objects):
    assert kube.schema_errors(objects) == []


def test_every_container_has_requests_and_limits(objects):
    for name, pod in pod_specs(objects).items():
        for container in containers(pod):
            resources = container.get("resources", {})
            for bound in ("requests", "limits"):
                assert set(resources.get(bound, {})) >= {"cpu", "memory"}, (
                    name,
                    container["name"],
                    bound,
                )


def test_every_container_is_non_root_on_a_read_only_root(objects):
    for name, pod in pod_specs(objects).items():
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] != 0, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        for container in containers(pod):
            context = container["securityContext"]
            assert context.get("runAsUser", pod["securityContext"]["runAsUser"]) != 0, (
                name,
                container["name"],
            )
            assert context["readOnlyRootFilesystem"] is True, (name, container["name"])
            assert context["allowPrivilegeEscalation"] is False, (name, container["name"])
            assert context["capabilities"]["drop"] == ["ALL"], (name, container["name"])


def test_app_containers_run_as_the_images_user_with_a_writable_tmp(objects):
    # The Dockerfile's user is 10001; /tmp holds PROMETHEUS_MULTIPROC_DIR.
    assert config_map(objects, "foodie-app")["PROMETHEUS_MULTIPROC_DIR"].startswith("/tmp/")
    for name, pod in pod_specs(objects).items():
        volumes = {v["name"]: v for v in pod["volumes"]}
        for container in containers(pod):
            if not is_app(container):
                continue
            assert (
                container["securityContext"].get("runAsUser", pod["securityContext"]["runAsUser"])
                == 10001
            )
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
            writable = [path for path, volume in mounts.items() if "emptyDir" in volumes[volume]]
            assert "/tmp" in writable or "/rendered" in writable, (name, container["name"])


def test_web_probes_health_and_readiness(objects):
    web = of_kind(objects, "Deployment")["foodie-web"]
    (gunicorn,) = web["spec"]["template"]["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in gunicorn["ports"]}
    assert gunicorn["livenessProbe"]["httpGet"]["path"] == "/health/"
    assert gunicorn["readinessProbe"]["httpGet"]["path"] == "/ready/"
    assert ports[gunicorn["livenessProbe"]["httpGet"]["port"]] == 8000
    # The probes send the pod's address as Host: Django must accept it.
    env = {e["name"]: e for e in gunicorn["env"]}
    assert env["POD_IP"]["valueFrom"]["fieldRef"]["fieldPath"] == "status.podIP"
    assert env["ALLOWED_HOSTS"]["value"] == "$(ALLOWED_HOSTS),$(POD_IP)"


def test_web_scales_and_survives_disruptions(objects):
    web = of_kind(objects, "Deployment")["foodie-web"]
    labels = web["spec"]["template"]["metadata"]["labels"]
    assert "replicas" not in web["spec"]  # the autoscaler owns it
    (autoscaler,) = of_kind(objects, "HorizontalPodAutoscaler").values()
    assert autoscaler["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "foodie-web",
    }
    assert 1 <= autoscaler["spec"]["minReplicas"] < autoscaler["spec"]["maxReplicas"]
    budget = of_kind(objects, "PodDisruptionBudget")["foodie-web"]
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert budget["spec"]["maxUnavailable"] == 1


def test_exactly_one_scheduler(objects):
    deployments = of_kind(objects, "Deployment")
    running = [
        name
        for name, deployment in deployments.items()
        for container in deployment["spec"]["template"]["spec"]["containers"]
        if "run_scheduler" in command(container)
    ]
    assert running == ["foodie-scheduler"]
    scheduler = deployments["foodie-scheduler"]
    assert scheduler["spec"]["replicas"] == 1
    # A rolling update would run the old and the new one side by side.
    assert scheduler["spec"]["strategy"]["type"] == "Recreate"
    targets = [
        a["spec"]["scaleTargetRef"]["name"]
        for a in of_kind(objects, "HorizontalPodAutoscaler").values()
    ]
    assert "foodie-scheduler" not in targets


def test_migrations_run_in_the_release_job_before_web(objects):
    (job,) = of_kind(objects, "Job").values()
    assert kube.release_phases(objects)[1] == [job]
    (release,) = job["spec"]["template"]["spec"]["containers"]
    assert command(release) == "deploy/release.sh"
    assert "migrate --no-input" in (REPO / "deploy" / "release.sh").read_text()
    assert {"name": "STATIC_VOLUME", "value": "/srv/foodie/static-volume"} in release["env"]
    deployments = of_kind(objects, "Deployment")
    for name in ("foodie-web", "foodie-scheduler"):
        pod = deployments[name]["spec"]["template"]["spec"]
        # The same release as the Job, and no app container before its migrations.
        assert {c["image"] for c in containers(pod)} == {release["image"]}, name
        (wait,) = pod["initContainers"]
        assert "migrate --check" in command(wait), name
        assert all("migrate" not in command(c) for c in pod["containers"]), name
    # deploy/kube.py applies the Job, waits for it, and only then the Deployments.
    rest, job_phase, deployment_phase = kube.release_phases(objects)
    assert job_phase == [job]
    assert {d["metadata"]["name"] for d in deployment_phase} == set(deployments)
    assert not {"Job", "Deployment"} & {o["kind"] for o in rest}


def test_no_secret_values_are_committed(objects):
    assert "Secret" not in {o["kind"] for o in objects}
    referenced = set()
    for pod in pod_specs(objects).values():
        for container in containers(pod):
            referenced |= {
                e["secretRef"]["name"] for e in container.get("envFrom", []) if "secretRef" in e
            }
        referenced |= {v["secret"]["secretName"] for v in pod["volumes"] if "secret" in v}
    assert referenced == {"foodie-secrets", "foodie-tls"}
    app = config_map(objects, "foodie-app")
    assert not {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_SECRET_ACCESS_KEY"} & set(app)


def test_the_app_is_configured_for_external_services(objects):
    app = config_map(objects, "foodie-app")
    assert app["DJANGO_SETTINGS_MODULE"] == "foodie.settings.production"
    assert app["AWS_STORAGE_BUCKET_NAME"]
    assert app["WAGTAILADMIN_BASE_URL"] == "https://" + app["ALLOWED_HOSTS"].split(",")[0]
    kinds = {o["kind"] for o in objects}
    assert "StatefulSet" not in kinds  # no database or Redis in the cluster


def test_the_edge_renders_the_projects_nginx_templates(objects):
    edge = config_map(objects, "foodie-edge")
    main, templates = role_templates("site")
    for template in (main, *templates):
        render_text(template.read_text(), edge)  # raises on a variable the pods lack
    app = config_map(objects, "foodie-app")
    assert edge["NGINX_SERVER_NAMES"].split() == app["ALLOWED_HOSTS"].split(",")
    assert edge["NGINX_UPSTREAM"] == "foodie-web:8000"
    assert edge["NGINX_EDGE_CACHE"] == "off"  # NOTES.md "Kubernetes"
    pod = of_kind(objects, "Deployment")["foodie-edge"]["spec"]["template"]["spec"]
    containers = {c["name"]: c for c in pod["containers"]}
    # The project's Nginx image renders the templates itself (nginx/Dockerfile).
    assert containers["nginx"]["image"].rpartition(":")[0].endswith("foodie-nginx")
    (source,) = containers["nginx"]["envFrom"]
    assert source["configMapRef"]["name"].startswith("foodie-edge-")  # Kustomize's hash
    mounts = {m["mountPath"]: m for c in pod["containers"] for m in c.get("volumeMounts", [])}
    assert mounts["/srv/foodie/static"]["readOnly"] is True
    assert edge["NGINX_RUN_DIR"].startswith("/tmp/")
    assert {"/tmp", "/var/cache/nginx"} <= set(mounts)


def test_the_ingress_reaches_the_edge_over_https(objects):
    (ingress,) = of_kind(objects, "Ingress").values()
    edge = config_map(objects, "foodie-edge")
    (rule,) = ingress["spec"]["rules"]
    assert rule["host"] == edge["NGINX_SERVER_NAMES"]
    assert ingress["spec"]["tls"] == [{"hosts": [rule["host"]], "secretName": "foodie-tls"}]
    backend = rule["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == "foodie-edge"
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/backend-protocol"] == "HTTPS"
    assert annotations["nginx.ingress.kubernetes.io/proxy-ssl-name"] == rule["host"]
    service = of_kind(objects, "Service")["foodie-edge"]
    assert [p["name"] for p in service["spec"]["ports"]] == [backend["port"]["name"]]


def test_prometheus_scrapes_the_app_and_the_edge(objects):
    deployments = of_kind(objects, "Deployment")
    jobs = {}
    for name in ("foodie-web", "foodie-edge"):
        template = deployments[name]["spec"]["template"]
        annotations = template["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true"
        ports = {
            p["containerPort"] for c in template["spec"]["containers"] for p in c.get("ports", [])
        }
        assert int(annotations["prometheus.io/port"]) in ports, name
        jobs[name] = annotations["prometheus.io/job"]
    # The job names the alert rules and dashboards select on (monitoring/prometheus).
    assert jobs == {"foodie-web": "foodie", "foodie-edge": "nginx"}

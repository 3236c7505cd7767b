"""The monitoring services in the Compose files (read as YAML; `make validate` runs
`docker-compose config` on every combination)."""

from __future__ import annotations

import pytest

from .conftest import MONITORING, REPO, load_yaml

MONITORING_SERVICES = {
    "prometheus",
    "grafana",
    "nginx-exporter",
    "redis-exporter",
    "postgres-exporter",
    "mtail",
}


@pytest.fixture(scope="module")
def compose() -> dict[str, dict]:
    return {name: load_yaml(REPO / f"docker-compose{name}.yml") for name in ("", ".dev", ".prod")}


def test_monitoring_services_join_the_internal_network(compose):
    services = compose[""]["services"]
    assert set(services) >= MONITORING_SERVICES
    for name in MONITORING_SERVICES:
        assert list(services[name]["networks"]) == ["foodie"], name


def test_the_app_answers_metrics_to_prometheus_alone(compose):
    services = compose[""]["services"]
    prometheus = services["prometheus"]["networks"]["foodie"]["ipv4_address"]
    allowed = services["web"]["environment"]["METRICS_ALLOWED_NETWORKS"]
    assert allowed == f"${{METRICS_ALLOWED_NETWORKS:-{prometheus}/32}}"


def test_only_grafana_is_published_and_only_in_dev_on_loopback(compose):
    for variant, files in compose.items():
        for name in MONITORING_SERVICES:
            ports = files["services"].get(name, {}).get("ports", [])
            if variant == ".dev" and name == "grafana":
                assert ports and all(port.startswith("127.0.0.1:") for port in ports)
            else:
                assert not ports, f"docker-compose{variant}.yml publishes {name}"


def test_grafana_password_from_environment_and_anonymous_off(compose):
    environment = compose[""]["services"]["grafana"]["environment"]
    assert environment["GF_SECURITY_ADMIN_PASSWORD"].startswith("${GRAFANA_ADMIN_PASSWORD:?")
    assert environment["GF_AUTH_ANONYMOUS_ENABLED"] == "false"
    assert environment["GF_USERS_ALLOW_SIGN_UP"] == "false"


def test_prometheus_targets_are_compose_services(compose):
    services = compose[""]["services"]
    assert "./monitoring/prometheus:/etc/prometheus:ro" in services["prometheus"]["volumes"]
    config = load_yaml(MONITORING / "prometheus" / "prometheus.yml")
    for job in config["scrape_configs"]:
        for target in job["static_configs"][0]["targets"]:
            host = target.partition(":")[0]
            assert host == "localhost" or host in services, target
    status_port = services["nginx"]["environment"]["NGINX_LISTEN_STATUS"]
    assert f"http://nginx:{status_port}/stub_status" in " ".join(
        services["nginx-exporter"]["command"]
    )

"""The Grafana dashboards and provisioning, checked as files (Grafana is not installable
here; `make monitoring-check` evaluates every query against live data)."""

from __future__ import annotations

import json
import re

import pytest

from monitoring.grafana import build
from monitoring.grafana.panels import DATASOURCE

from .conftest import DASHBOARD_DIR, MONITORING, OPERATORS_DOC, REPO, load_yaml

PROVISIONING = MONITORING / "grafana" / "provisioning"
GRAFANA_BUILTINS = {"__rate_interval", "__interval", "__range"}


def all_panels(board: dict):
    for panel in board["panels"]:
        yield panel
        yield from panel.get("panels", [])


def test_json_files_are_generated_from_build_py():
    rendered = build.render()
    assert set(rendered) == set(DASHBOARD_DIR.glob("*.json")), "stray or missing dashboard files"
    for path, text in rendered.items():
        assert path.read_text() == text, f"{path.name} is stale: run `make monitoring-dashboards`"


def test_datasource_is_provisioned_with_the_uid_the_dashboards_use(dashboards):
    (datasource,) = load_yaml(PROVISIONING / "datasources" / "prometheus.yml")["datasources"]
    assert datasource["uid"] == DATASOURCE["uid"]
    assert datasource["type"] == DATASOURCE["type"] == "prometheus"
    for name, board in dashboards.items():
        for panel in all_panels(board):
            assert panel["datasource"] == DATASOURCE, f"{name}: {panel['title']}"
            for query in panel.get("targets", []):
                assert query["datasource"] == DATASOURCE, f"{name}: {panel['title']}"
        for variable in board["templating"]["list"]:
            assert variable["datasource"] == DATASOURCE, f"{name}: ${variable['name']}"


def test_no_import_placeholders_anywhere():
    for path in [*DASHBOARD_DIR.glob("*.json"), *PROVISIONING.rglob("*.yml")]:
        text = path.read_text()
        assert "${DS_" not in text, path
        assert "__inputs" not in text, path


def test_dashboard_uids_and_titles_are_unique(dashboards):
    uids = [board["uid"] for board in dashboards.values()]
    titles = [board["title"] for board in dashboards.values()]
    assert len(set(uids)) == len(uids)
    assert len(set(titles)) == len(titles)
    for name, board in dashboards.items():
        assert name == f"{board['uid']}.json"
        assert board.get("id") is None, "a provisioned dashboard must not carry a database id"


def test_panels_have_unique_ids_titles_and_fit_the_grid(dashboards):
    for name, board in dashboards.items():
        panels = list(all_panels(board))
        ids = [panel["id"] for panel in panels]
        assert len(set(ids)) == len(ids), name
        titles = [panel["title"] for panel in panels if panel["type"] != "row"]
        assert len(set(titles)) == len(titles), f"{name}: duplicate panel titles"
        cells = set()
        for panel in panels:
            grid = panel["gridPos"]
            assert grid["x"] >= 0 and grid["x"] + grid["w"] <= 24, f"{name}: {panel['title']}"
            area = {
                (x, y)
                for x in range(grid["x"], grid["x"] + grid["w"])
                for y in range(grid["y"], grid["y"] + grid["h"])
            }
            assert not cells & area, f"{name}: {panel['title']} overlaps another panel"
            cells |= area


def test_every_query_is_complete_and_its_variables_defined(dashboards):
    for name, board in dashboards.items():
        defined = {variable["name"] for variable in board["templating"]["list"]}
        for panel in all_panels(board):
            if panel["type"] == "row":
                continue
            targets = panel["targets"]
            assert targets, f"{name}: {panel['title']} has no query"
            assert len({query["refId"] for query in targets}) == len(targets)
            for query in targets:
                assert query["expr"].strip()
                used = set(re.findall(r"\$\{?(\w+)", query["expr"]))
                assert used <= defined | GRAFANA_BUILTINS, f"{name}: {panel['title']}"


def test_variables_resolve_from_prometheus_label_values(dashboards):
    for name, board in dashboards.items():
        for variable in board["templating"]["list"]:
            assert variable["type"] == "query"
            assert re.fullmatch(r"label_values\(.+,\s*\w+\)", variable["query"]["query"]), name


OVERVIEW_PANELS = [
    "Traffic",
    "Latency, all requests",
    "p50 latency by view",
    "p95 latency by view",
    "p99 latency by view",
    "Error rates",
    "Hit ratio by tier",
    "Combined hit ratio by page type",
    "Edge hit ratio by page type",
    "Page-cache hit ratio by page type",
    "Edge-cache outcomes",
    "Page-cache outcomes",
    "Purges",
    "Publishes",
    "Database queries/s",
    "Database query duration",
    "Redis memory",
    "Redis evictions",
    "Nginx connections",
    "Nginx requests/s",
]


def test_overview_has_the_panels_operators_need(dashboards):
    overview = dashboards["foodie-overview.json"]
    assert overview["title"] == "Foodie overview"
    titles = {panel["title"] for panel in all_panels(overview)}
    assert set(OVERVIEW_PANELS) <= titles
    assert {"foodie-nginx.json", "foodie-redis.json", "foodie-postgres.json"} <= set(dashboards)


def test_every_panel_is_explained_in_operators_doc(dashboards):
    doc = OPERATORS_DOC.read_text()
    section = doc[doc.index("### Dashboards") :]
    for board in dashboards.values():
        assert f"**{board['title']}**" in section, board["title"]
        for panel in all_panels(board):
            if panel["type"] != "row":
                assert f"**{panel['title']}**" in section, f"{board['title']}: {panel['title']}"


def test_dashboards_provider_reads_the_mounted_directory():
    (provider,) = load_yaml(PROVISIONING / "dashboards" / "foodie.yml")["providers"]
    assert provider["type"] == "file"
    assert provider["allowUiUpdates"] is False
    compose = load_yaml(REPO / "docker-compose.yml")
    mounts = compose["services"]["grafana"]["volumes"]
    assert f"./monitoring/grafana/dashboards:{provider['options']['path']}:ro" in mounts


@pytest.mark.parametrize("path", sorted(DASHBOARD_DIR.glob("*.json")), ids=lambda p: p.name)
def test_dashboard_is_valid_json_with_a_schema_version(path):
    board = json.loads(path.read_text())
    assert board["schemaVersion"] >= 36
    assert board["editable"] is False

"""Prometheus configuration, alert rules and their promtool tests, checked as files.

promtool itself runs in `make monitoring-validate`; these keep the pieces consistent:
jobs the rules and dashboards select exist, every alert has a runbook anchor in
docs/operators.md and unit tests firing and not firing it.
"""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from .conftest import DASHBOARD_DIR, MONITORING, REPO, doc_anchors, load_yaml

PROMETHEUS = MONITORING / "prometheus"
JOBS = {"prometheus", "foodie", "nginx", "edge", "redis", "postgres"}


@pytest.fixture(scope="module")
def config() -> dict:
    return load_yaml(PROMETHEUS / "prometheus.yml")


def test_scrapes_the_app_the_exporters_and_itself(config):
    assert {job["job_name"] for job in config["scrape_configs"]} == JOBS
    app = next(job for job in config["scrape_configs"] if job["job_name"] == "foodie")
    assert app["metrics_path"] == "/metrics"


def test_rule_files_are_found_relative_to_the_config(config):
    (pattern,) = config["rule_files"]
    assert list(PROMETHEUS.glob(pattern)), pattern


def test_every_job_selected_by_rules_and_dashboards_is_scraped(alert_rules):
    texts = [rule["expr"] for rule in alert_rules]
    texts += [path.read_text() for path in DASHBOARD_DIR.glob("*.json")]
    selected = {job for text in texts for job in re.findall(r'job=\\?"(\w+)\\?"', text)}
    assert selected and selected <= JOBS


def test_alerts_have_severity_summary_and_a_runbook_in_operators_doc(alert_rules):
    anchors = doc_anchors()
    names = [rule["alert"] for rule in alert_rules]
    assert len(set(names)) == len(names)
    for rule in alert_rules:
        assert rule["labels"]["severity"] in ("critical", "warning"), rule["alert"]
        annotations = rule["annotations"]
        assert annotations["summary"] and annotations["description"], rule["alert"]
        page, _, anchor = annotations["runbook_url"].partition("#")
        assert page == "docs/operators.md", rule["alert"]
        assert anchor == rule["alert"].lower() and anchor in anchors, rule["alert"]


def test_the_issue_s_alerts_exist(alert_rules):
    names = {rule["alert"] for rule in alert_rules}
    assert {
        "FoodieAppDown",
        "FoodieHigh5xxRatio",
        "FoodieHighLatencyP95",
        "FoodieCacheHitRatioLow",
        "EdgeCacheNotCounted",
        "FoodiePageCacheErrors",
        "RedisDown",
        "RedisMemoryNearLimit",
        "RedisEvictingKeys",
        "PostgresDown",
        "PostgresConnectionsSaturated",
    } <= names


def test_every_alert_is_unit_tested_firing_and_not_firing(alert_rules):
    firing, quiet = set(), set()
    for path in (PROMETHEUS / "tests").glob("*.yml"):
        for case in load_yaml(path)["tests"]:
            for check in case.get("alert_rule_test", []):
                (firing if check.get("exp_alerts") else quiet).add(check["alertname"])
    names = {rule["alert"] for rule in alert_rules}
    assert names - firing == set(), "alerts never shown firing"
    assert names - quiet == set(), "alerts never shown quiet"


def test_native_runner_rewrites_only_targets_rules_and_intervals(config, monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "deploy"))
    sys.modules.pop("monitoring_runner", None)
    path = REPO / "deploy" / "monitoring.py"
    spec = importlib.util.spec_from_file_location("monitoring_runner", path)
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    targets = {job: [f"127.0.0.1:{9000 + n}"] for n, job in enumerate(sorted(JOBS))}
    native = runner.native_config(targets)
    assert native["rule_files"] == [str(PROMETHEUS / "rules" / "*.yml")]
    assert native["global"]["scrape_interval"] == f"{runner.NATIVE_INTERVAL}s"
    for original, rewritten in zip(config["scrape_configs"], native["scrape_configs"], strict=True):
        assert rewritten["static_configs"][0]["targets"] == targets[original["job_name"]]
        assert {k: v for k, v in rewritten.items() if k != "static_configs"} == {
            k: v for k, v in original.items() if k != "static_configs"
        }
    with pytest.raises(runner.StackError):
        runner.native_config(dict.fromkeys(JOBS - {"redis"}, "x:1"))

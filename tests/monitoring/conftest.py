"""Shared readers for the monitoring tests: pure file checks, no services needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
MONITORING = REPO / "monitoring"
DASHBOARD_DIR = MONITORING / "grafana" / "dashboards"
OPERATORS_DOC = REPO / "docs" / "operators.md"


def load_yaml(path: Path):
    return YAML(typ="safe").load(path.read_text())


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def doc_anchors(path: Path = OPERATORS_DOC) -> set[str]:
    return {
        github_anchor(line.lstrip("#"))
        for line in path.read_text().splitlines()
        if line.startswith("#")
    }


@pytest.fixture(scope="session")
def dashboards() -> dict[str, dict]:
    paths = sorted(DASHBOARD_DIR.glob("*.json"))
    return {path.name: json.loads(path.read_text()) for path in paths}


@pytest.fixture(scope="session")
def alert_rules() -> list[dict]:
    rules = []
    for path in sorted((MONITORING / "prometheus" / "rules").glob("*.yml")):
        for group in load_yaml(path)["groups"]:
            rules += [rule for rule in group["rules"] if "alert" in rule]
    return rules

"""`make monitoring-check`: prove every dashboard panel and alert against live data.

On the native stack (`make stack`, `make monitoring-up`) it:

1. waits until Prometheus scrapes every target (app, Nginx, the edge cache's mtail,
   Redis, PostgreSQL, itself);
2. sends traffic through Nginx that produces page-cache hits, misses and skips, a
   404, and a publish with its purge, twice, a few scrapes apart (a counter's first
   sample has no rate, so the second round is what the rates see), checking that
   each response says what it was meant to;
3. waits until Prometheus has scraped the new counters;
4. evaluates, through Prometheus' HTTP API, every target query of every dashboard
   (template variables resolved from Prometheus' label values) and every alert
   rule: the expression must be valid, every series selector in it must match
   series, and it must return finite data; for an alert, each operand of its
   top-level comparisons must (the full expression is empty while the alert is
   rightly quiet), and the rule's own evaluation must be healthy.

A selector that only matches after a fault the check does not cause (a 5xx, a
Redis error) is allowed to be empty by monitoring/live-check-allowlist.yml, which
says why; a query with no data passes only when such a selector explains it.
Exit status 1 on any failure.

    python -m monitoring.live_check [--no-traffic]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from monitoring import promql
from monitoring.traffic import (
    EXPECTED_INCREASES,
    REPO,
    STACK,
    CheckError,
    read_json,
    stack_env,
    traffic_round,
)

DASHBOARDS = REPO / "monitoring" / "grafana" / "dashboards"
RULES = REPO / "monitoring" / "prometheus" / "rules"
ALLOWLIST = REPO / "monitoring" / "live-check-allowlist.yml"


# --- Prometheus' HTTP API -----------------------------------------------------------


class Prometheus:
    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.trust_env = False

    def _get(self, path: str, method: str = "GET", **params) -> dict:
        call = self.session.post if method == "POST" else self.session.get
        key = "data" if method == "POST" else "params"
        response = call(f"{self.url}/api/v1/{path}", timeout=30, **{key: params})
        body = response.json()
        if body.get("status") != "success":
            raise CheckError(f"{body.get('errorType')}: {body.get('error')}")
        return body["data"]

    def query(self, expr: str) -> list:
        return self._get("query", "POST", query=expr)["result"]

    def query_range(self, expr: str, start: float, end: float, step: float) -> list:
        return self._get("query_range", "POST", query=expr, start=start, end=end, step=step)[
            "result"
        ]

    def series(self, selector: str, start: float, end: float) -> list:
        return self._get("series", "POST", **{"match[]": selector, "start": start, "end": end})

    def label_values(self, label: str, selector: str, start: float, end: float) -> list[str]:
        return self._get(
            f"label/{label}/values", **{"match[]": selector, "start": start, "end": end}
        )

    def targets(self) -> list[dict]:
        return self._get("targets", state="active")["activeTargets"]

    def alert_rules(self) -> list[dict]:
        groups = self._get("rules", type="alert")["groups"]
        return [rule for group in groups for rule in group["rules"]]


def has_finite_data(result: list) -> bool:
    for series in result:
        values = series.get("values") or ([series["value"]] if "value" in series else [])
        if any(math.isfinite(float(value)) for _, value in values):
            return True
    return False


# --- the allow-list -----------------------------------------------------------------


@dataclass
class Allowance:
    selector: str
    reason: str
    used_by: list[str] = field(default_factory=list)


def load_allowlist(path: Path = ALLOWLIST) -> list[Allowance]:
    from ruamel.yaml import YAML

    entries = YAML(typ="safe").load(path.read_text()) or {}
    return [Allowance(entry["selector"], entry["reason"]) for entry in entries["empty_selectors"]]


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def allowance_for(selector: str, allowlist: list[Allowance]) -> Allowance | None:
    for allowance in allowlist:
        if normalise(allowance.selector) in normalise(selector):
            return allowance
    return None


# --- evaluating queries -------------------------------------------------------------


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    passed: int = 0

    def line(self, outcome: str, name: str, detail: str = "") -> None:
        print(f"{outcome:7} {name}" + (f"  -- {detail}" if detail else ""), flush=True)
        if outcome == "FAIL":
            self.failures.append(f"{name}: {detail}")
        elif outcome == "ALLOWED":
            self.allowed.append(f"{name}: {detail}")
        else:
            self.passed += 1


@dataclass
class Window:
    start: float
    end: float
    step: float


def check_query(
    name: str,
    expr: str,
    prometheus: Prometheus,
    window: Window,
    allowlist: list[Allowance],
    report: Report,
) -> None:
    """Valid, every selector matches series, finite data (or an allowed empty input)."""
    try:
        result = prometheus.query_range(expr, window.start, window.end, window.step)
    except CheckError as error:
        report.line("FAIL", name, f"invalid query: {error} in {expr}")
        return
    empty_allowed = []
    for selector in dict.fromkeys(promql.selectors(expr)):
        if prometheus.series(selector, window.start, window.end):
            continue
        allowance = allowance_for(selector, allowlist)
        if allowance is None:
            report.line("FAIL", name, f"no series match {selector}")
            return
        allowance.used_by.append(name)
        empty_allowed.append(f"{selector} is empty: {allowance.reason}")
    if has_finite_data(result):
        if empty_allowed:
            report.line("ALLOWED", name, "data, but " + "; ".join(empty_allowed))
        else:
            report.line("ok", name, f"{len(result)} series")
    elif empty_allowed:
        report.line("ALLOWED", name, "no data: " + "; ".join(empty_allowed))
    else:
        report.line("FAIL", name, f"no data from {expr}")


def grafana_escape(value: str) -> str:
    """A label value inside a regex inside a PromQL string, as Grafana formats it."""
    return re.sub(r"([\\^$.|?*+()\[\]{}])", r"\\\\\1", value)


def resolve_variables(
    board: dict, prometheus: Prometheus, window: Window, report: Report
) -> dict[str, str]:
    values = {}
    for variable in board["templating"]["list"]:
        name = f"{board['uid']} / ${variable['name']}"
        query = variable["query"]
        if isinstance(query, dict):
            query = query["query"]
        match = re.fullmatch(r"label_values\((.+),\s*(\w+)\)", query.strip())
        if not match:
            report.line("FAIL", name, f"not a label_values(metric, label) query: {query}")
            continue
        found = prometheus.label_values(match[2], match[1], window.start, window.end)
        if not found:
            report.line("FAIL", name, f"{query} has no values")
            continue
        report.line("ok", name, f"{len(found)} values: {', '.join(found[:6])}")
        # "All" for multi-value variables, as Grafana sends it; else the first value.
        chosen = found if variable.get("includeAll") or variable.get("multi") else found[:1]
        escaped = [grafana_escape(value) for value in chosen]
        values[variable["name"]] = escaped[0] if len(escaped) == 1 else f"({'|'.join(escaped)})"
    return values


def substitute(expr: str, variables: dict[str, str], window: Window, interval: float) -> str:
    """Grafana's variables: the dashboard's own, and $__rate_interval, $__range."""
    builtins = {
        "__rate_interval": f"{int(max(4 * interval, window.step + interval))}s",
        "__interval": f"{int(window.step)}s",
        "__range": f"{int(window.end - window.start)}s",
    }
    names = {**variables, **builtins}
    pattern = re.compile(r"\$\{(\w+)\}|\$(\w+)|\[\[(\w+)\]\]")

    def replace(match: re.Match) -> str:
        name = match[1] or match[2] or match[3]
        if name not in names:
            raise CheckError(f"unknown variable ${name}")
        return names[name]

    return pattern.sub(replace, expr)


def panels(board: dict):
    for panel in board["panels"]:
        yield panel
        yield from panel.get("panels", [])  # Collapsed rows keep their panels inside.


def check_dashboards(prometheus, window, interval, allowlist, report) -> None:
    for path in sorted(DASHBOARDS.glob("*.json")):
        board = json.loads(path.read_text())
        variables = resolve_variables(board, prometheus, window, report)
        for panel in panels(board):
            for query in panel.get("targets", []):
                name = f"{board['uid']} / {panel['title']} / {query['refId']}"
                try:
                    expr = substitute(query["expr"], variables, window, interval)
                except CheckError as error:
                    report.line("FAIL", name, str(error))
                    continue
                check_query(name, expr, prometheus, window, allowlist, report)


def rule_file_alerts() -> set[str]:
    from ruamel.yaml import YAML

    names = set()
    for path in RULES.glob("*.yml"):
        for group in YAML(typ="safe").load(path.read_text())["groups"]:
            names |= {rule["alert"] for rule in group["rules"] if "alert" in rule}
    return names


def check_alerts(prometheus, window, allowlist, report) -> None:
    rules = prometheus.alert_rules()
    missing = rule_file_alerts() - {rule["name"] for rule in rules}
    if missing:
        report.line("FAIL", "alert rules", f"not loaded by Prometheus: {sorted(missing)}")
    for rule in rules:
        name = f"alert {rule['name']}"
        if rule.get("health") != "ok":
            report.line("FAIL", name, f"evaluation {rule.get('health')}: {rule.get('lastError')}")
            continue
        try:
            prometheus.query(rule["query"])
        except CheckError as error:
            report.line("FAIL", name, f"invalid expression: {error}")
            continue
        report.line("ok", name, f"valid, healthy, {rule['state']}")
        for number, operand in enumerate(promql.operands(rule["query"]), start=1):
            check_query(
                f"{name} / operand {number}", operand, prometheus, window, allowlist, report
            )


def wait_for_targets(prometheus: Prometheus, report: Report, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        targets = prometheus.targets()
        down = [t for t in targets if t["health"] != "up"]
        if targets and not down:
            break
        if time.monotonic() > deadline:
            for target in down:
                report.line(
                    "FAIL",
                    f"target {target['labels']['job']} {target['scrapeUrl']}",
                    f"{target['health']}: {target['lastError']}",
                )
            raise CheckError("targets are not all up")
        time.sleep(1)
    for target in targets:
        report.line("ok", f"target {target['labels']['job']}", target["scrapeUrl"])


def wait_for_counters(
    prometheus: Prometheus, since: float, interval: float, report: Report, timeout: float = 90
) -> None:
    """Until Prometheus has seen every kind of traffic sent (counters went up)."""
    deadline = time.monotonic() + timeout
    pending = dict(EXPECTED_INCREASES)
    while pending:
        window = int(time.time() - since + 2 * interval)
        for label, selector in list(pending.items()):
            if prometheus.query(f"sum(increase({selector}[{window}s])) > 0"):
                report.line("ok", f"traffic seen: {label}", selector)
                del pending[label]
        if not pending:
            break
        if time.monotonic() > deadline:
            for label, selector in pending.items():
                report.line("FAIL", f"traffic seen: {label}", f"{selector} did not increase")
            return
        time.sleep(interval / 2)
    time.sleep(2 * interval)  # One more scrape and rule evaluation with everything in.


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-traffic",
        action="store_true",
        help="evaluate the last 10 minutes without sending traffic",
    )
    args = parser.parse_args(argv)
    report = Report()
    allowlist = load_allowlist()
    try:
        monitoring = read_json(STACK / "monitoring" / "state.json", "run `make monitoring-up`")
        site = read_json(STACK / "state.json", "run `make stack`")
        interval = float(monitoring["interval_seconds"])
        prometheus = Prometheus(monitoring["prometheus_url"])
        wait_for_targets(prometheus, report)
        started = time.time()
        if args.no_traffic:
            started -= 600
        else:
            env = stack_env()
            session = requests.Session()
            session.trust_env = False
            session.verify = site["ca"]
            for round_number in (1, 2):
                problems = traffic_round(session, site["url"], site["app_url"], env)
                for problem in problems:
                    report.line("FAIL", f"traffic round {round_number}", problem)
                if round_number == 1:
                    time.sleep(2.5 * interval)  # Round 1's new counters get a first sample.
            wait_for_counters(prometheus, started, interval, report)
        window = Window(start=started, end=time.time(), step=interval)
        check_dashboards(prometheus, window, interval, allowlist, report)
        check_alerts(prometheus, window, allowlist, report)
    except (CheckError, requests.RequestException) as error:
        report.line("FAIL", "monitoring check", str(error))

    print(f"\n{report.passed} ok, {len(report.allowed)} allowed, {len(report.failures)} failed")
    for allowance in allowlist:
        use = f"{len(allowance.used_by)} queries" if allowance.used_by else "not needed this run"
        print(f"allow-list {allowance.selector}: {use}")
    if report.failures:
        print("Failures:\n  " + "\n  ".join(report.failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

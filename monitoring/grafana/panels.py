"""Building blocks of Foodie's Grafana dashboards: panels, variables, layout.

Every query is given the provisioned datasource by uid (DATASOURCE), so the JSON
loads as it is; monitoring/grafana/build.py renders the dashboards to files.
"""

from __future__ import annotations

from collections.abc import Iterable

# The provisioned datasource's uid (provisioning/datasources/prometheus.yml).
DATASOURCE = {"type": "prometheus", "uid": "foodie-prometheus"}
GRID_WIDTH = 24
RATE = "[$__rate_interval]"
UP_STEPS = ((None, "red"), (1, "green"))


def target(expr: str, legend: str = "") -> dict:
    return {"expr": expr, "legendFormat": legend or "__auto"}


def total(metric: str, selector: str, *, rate: bool = False, by: str = "") -> str:
    """PromQL: ``metric``'s series matching ``selector`` added up (``by`` labels kept),
    as a per-second rate over the rate interval when ``rate``."""
    series = f"{metric}{{{selector}}}"
    if rate:
        series = f"rate({series}{RATE})"
    return f"sum by ({by}) ({series})" if by else f"sum({series})"


def totals(selector: str, legends: dict[str, str], *, rate: bool = False) -> list[dict]:
    """One target a metric: ``legends`` maps each metric to its legend; see ``total``."""
    return [
        target(total(metric, selector, rate=rate), legend) for metric, legend in legends.items()
    ]


def rate_share(part: str, rest: str, selector: str) -> str:
    """PromQL: the rate of ``part`` / (the rate of ``part`` + the rate of ``rest``), for
    hit ratios counted as hits and misses."""
    part_rate = total(part, selector, rate=True)
    return f"{part_rate} / ({part_rate} + {total(rest, selector, rate=True)})"


def timeseries(
    title: str,
    description: str,
    targets: list[dict],
    unit: str = "short",
    width: int = 12,
    height: int = 8,
    minimum: float | None = 0,
    maximum: float | None = None,
) -> dict:
    defaults: dict = {
        "unit": unit,
        "custom": {
            "drawStyle": "line",
            "lineWidth": 1,
            "fillOpacity": 10,
            "showPoints": "never",
            "spanNulls": False,
        },
    }
    if minimum is not None:
        defaults["min"] = minimum
    if maximum is not None:
        defaults["max"] = maximum
    return {
        "type": "timeseries",
        "title": title,
        "description": description,
        "targets": targets,
        "fieldConfig": {"defaults": defaults, "overrides": []},
        "options": {
            "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
            "tooltip": {"mode": "multi", "sort": "desc"},
        },
        "gridPos": {"w": width, "h": height},
    }


def stat(
    title: str,
    description: str,
    expr: str,
    unit: str = "short",
    steps: Iterable[tuple[float | None, str]] = ((None, "green"),),
    width: int = 3,
    legend: str = "",
) -> dict:
    """A single number (the last value); ``steps`` colour it (threshold, colour)."""
    return {
        "type": "stat",
        "title": title,
        "description": description,
        "targets": [target(expr, legend)],
        "fieldConfig": {
            "defaults": {
                "unit": unit,
                "thresholds": {
                    "mode": "absolute",
                    "steps": [{"value": value, "color": color} for value, color in steps],
                },
            },
            "overrides": [],
        },
        "options": {
            "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
            "colorMode": "value",
            "graphMode": "area",
            "textMode": "auto",
            "justifyMode": "auto",
        },
        "gridPos": {"w": width, "h": 4},
    }


def row(title: str) -> dict:
    return {
        "type": "row",
        "title": title,
        "collapsed": False,
        "panels": [],
        "gridPos": {"w": GRID_WIDTH, "h": 1},
    }


def variable(name: str, label: str, metric: str, multi: bool = True) -> dict:
    """A template variable listing the values of ``name`` on ``metric`` series."""
    query = f"label_values({metric}, {name})"
    return {
        "type": "query",
        "name": name,
        "label": label,
        "datasource": DATASOURCE,
        "definition": query,
        "query": {"qryType": 1, "query": query, "refId": "PrometheusVariableQueryEditor"},
        "refresh": 2,  # On time range change: new instances and page types appear.
        "multi": multi,
        "includeAll": multi,
        "current": {},
        "options": [],
        "regex": "",
        "sort": 1,
        "hide": 0,
    }


def dashboard(
    uid: str, title: str, description: str, variables: list[dict], panels: list[dict]
) -> dict:
    """Number the panels, lay them out left to right, point every query at DATASOURCE."""
    x = y = line_height = 0
    for number, panel in enumerate(panels, start=1):
        panel["id"] = number
        panel["datasource"] = DATASOURCE
        grid = panel["gridPos"]
        if panel["type"] == "row" or x + grid["w"] > GRID_WIDTH:
            x, y, line_height = 0, y + line_height, 0
        grid.update(x=x, y=y)
        x += grid["w"]
        line_height = max(line_height, grid["h"])
        for ref_id, query in zip("ABCDEFGHIJ", panel.get("targets", []), strict=False):
            query.update(refId=ref_id, datasource=DATASOURCE, range=True, instant=False)
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["foodie"],
        "editable": False,
        "graphTooltip": 1,
        "schemaVersion": 39,
        "version": 1,
        "time": {"from": "now-6h", "to": "now"},
        "refresh": "1m",
        "timezone": "browser",
        "links": [
            {
                "type": "dashboards",
                "tags": ["foodie"],
                "asDropdown": True,
                "title": "Foodie dashboards",
                "includeVars": False,
            }
        ],
        "annotations": {"list": []},
        "templating": {"list": variables},
        "panels": panels,
    }

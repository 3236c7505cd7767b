"""Generate Foodie's Grafana dashboards (monitoring/grafana/dashboards/*.json).

The dashboards are written as Python data (overview.py, services.py, built from
panels.py) and rendered to the JSON that Grafana loads from files
(provisioning/dashboards/foodie.yml). A generator keeps ids, grid positions and the
datasource reference consistent, which hand-edited JSON does not. Every panel query
is evaluated against live data by `make monitoring-check`, and docs/operators.md
("Dashboards") explains every panel by its title.

    python -m monitoring.grafana.build           # write the JSON files
    python -m monitoring.grafana.build --check   # exit 1 if they are out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .overview import overview
from .services import nginx, postgres, redis

OUT_DIR = Path(__file__).resolve().parent / "dashboards"

DASHBOARDS = {
    "foodie-overview": overview,
    "foodie-nginx": nginx,
    "foodie-redis": redis,
    "foodie-postgres": postgres,
}


def render() -> dict[Path, str]:
    """Each dashboard file's path and JSON text."""
    return {
        OUT_DIR / f"{name}.json": json.dumps(build(), indent=2) + "\n"
        for name, build in DASHBOARDS.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files differ")
    args = parser.parse_args(argv)
    stale = []
    for path, text in render().items():
        if path.exists() and path.read_text() == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print(f"wrote {path}")
    if args.check and stale:
        print("out of date (run `make monitoring-dashboards`): " + ", ".join(map(str, stale)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

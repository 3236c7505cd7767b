"""README.md's layout names only paths that exist."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# A layout line starts with a path (top level at column 0, children indented by two).
ENTRY = re.compile(r"^(?P<indent> {0,2})(?P<path>[\w.]+(?:/[\w.]+)*/?)\s")


def layout_paths() -> list[str]:
    readme = (REPO / "README.md").read_text()
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    paths, parent = [], ""
    for line in block.splitlines():
        match = ENTRY.match(line)
        if not match:
            continue  # a description continued on the next line
        path = match["path"]
        if match["indent"]:
            path = parent + path
        else:
            parent = path if path.endswith("/") else ""
        paths.append(path)
    return paths


def test_the_layout_names_only_paths_that_exist():
    paths = layout_paths()
    assert len(paths) > 20, paths  # the parser found the layout
    missing = [path for path in paths if not (REPO / path).exists()]
    assert missing == []

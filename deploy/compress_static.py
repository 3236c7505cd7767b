#!/usr/bin/env python3
"""Write ``file.gz`` beside each compressible collected static file.

Nginx's ``gzip_static on`` (nginx/templates/foodie/locations.inc.template) then
serves the precompressed copy instead of compressing on every request. Run after
``collectstatic``; files whose ``.gz`` is newer are skipped. Standard library only,
so it runs in the Docker build stage and the native runner alike.

    python deploy/compress_static.py STATIC_ROOT
"""

import gzip
import shutil
import sys
from pathlib import Path

COMPRESSIBLE = {".css", ".js", ".mjs", ".svg", ".json", ".map", ".txt", ".xml", ".html", ".ico"}
MIN_SIZE = 512


def compress_tree(root: Path) -> int:
    written = 0
    for path in root.rglob("*"):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        if path.stat().st_size < MIN_SIZE:
            continue
        target = path.with_name(path.name + ".gz")
        if target.exists() and target.stat().st_mtime >= path.stat().st_mtime:
            continue
        with path.open("rb") as source, gzip.open(target, "wb", compresslevel=9) as sink:
            shutil.copyfileobj(source, sink)
        written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    count = compress_tree(Path(sys.argv[1]))
    print(f"compress_static: {count} files compressed")

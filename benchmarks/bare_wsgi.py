"""The bare-WSGI baseline: returns a fixed HTML body, nothing else.

Served by the same Gunicorn settings as Foodie, it is the ceiling a cache hit can
approach. BENCH_BODY_FILE names the file whose bytes it returns.
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]

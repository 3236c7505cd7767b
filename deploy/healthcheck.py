#!/usr/bin/env python3
"""The image's HEALTHCHECK: GET /health/ from Gunicorn inside the container.

Sent with the first ALLOWED_HOSTS name as Host, as Nginx would, so Django's host
validation accepts it. Exit 0 when healthy, 1 otherwise (Docker's convention).
"""

import os
import sys
import urllib.request

port = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").rsplit(":", 1)[-1]
host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0] or "localhost").strip()
request = urllib.request.Request(f"http://127.0.0.1:{port}/health/", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)

"""Liveness and readiness endpoints for Nginx, Compose and orchestrators.

``/health/`` answers as long as the process can run Python: restarting a process
that answers it would not help. ``/ready/`` says whether this instance should get
traffic: 503 when the database does not answer within a short timeout; Redis
down is reported as ``degraded`` but stays 200, because pages are still served
(the caches ignore Redis errors) and a cache outage must not take every instance
out of the load balancer at once. Neither is cached anywhere.
"""

import logging
import time

from django.conf import settings
from django.db import connections, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

DATABASE_STATEMENT_TIMEOUT_MS = 2000


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    checks = {"database": _check_database(), "redis": _check_redis()}
    if checks["database"]["status"] != "ok":
        status, http_status = "unavailable", 503
    elif checks["redis"]["status"] == "error":
        status, http_status = "degraded", 200
    else:
        status, http_status = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=http_status)


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        detail = check()
    except Exception as error:  # Any failure is the answer, not a 500.
        # The reader sees the kind of failure only; addresses stay in the log.
        logger.warning("Readiness check failed: %s", error)
        result = {"status": "error", "error": type(error).__name__}
    else:
        result = {"status": "ok", **(detail or {})}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _check_database() -> dict:
    # A connection the server dropped is replaced at the start of the request
    # (CONN_HEALTH_CHECKS), and one that fails here is closed at its end: Django's
    # request signals do both, so this only asks.
    def query() -> None:
        connection = connections["default"]
        with transaction.atomic(using="default"), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL statement_timeout = %s", [DATABASE_STATEMENT_TIMEOUT_MS])
            cursor.execute("SELECT 1")
            cursor.fetchone()

    return _timed(query)


def _check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"status": "not_configured"}

    def ping() -> None:
        from django_redis import get_redis_connection

        get_redis_connection("default").ping()

    return _timed(ping)

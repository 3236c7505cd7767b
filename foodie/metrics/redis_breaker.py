"""Prometheus metrics of the Redis circuit breaker (``foodie.cache.breaker``).

Each Gunicorn worker has its own breaker per Redis server. The gauge is exported in
``livemax`` mode: the series for a server is 1 while any live worker's breaker is
open (or half-open), and a worker that exits takes its value with it (gunicorn.conf.py
marks it dead), so a recycled worker cannot leave the gauge stuck at 1. The counters
add up across workers like every other counter.
"""

from prometheus_client import Counter, Gauge

circuit_open = Gauge(
    "foodie_redis_circuit_open",
    "1 while the app has stopped asking this Redis server (breaker open or half-open "
    "in at least one live worker), else 0.",
    ["server"],
    multiprocess_mode="livemax",
)
circuit_openings = Counter(
    "foodie_redis_circuit_openings",
    "Times a worker's breaker opened after a Redis timeout or connection error "
    "(again after each failed trial call).",
    ["server"],
)
circuit_rejections = Counter(
    "foodie_redis_circuit_rejections",
    "Redis calls failed at once, without touching the network, while the breaker was open.",
    ["server"],
)


def initialise_series(server: str) -> None:
    """Create the server's series (closed, nothing counted), so the first opening
    shows in ``increase()``."""
    circuit_open.labels(server=server).set(0)
    circuit_openings.labels(server=server)
    circuit_rejections.labels(server=server)

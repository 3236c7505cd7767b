"""A circuit breaker for Redis: a hung Redis costs a request one timeout, not one per call.

Without it, every cache call of a request waits for its socket timeout in turn while
Redis hangs (SIGSTOP, a stuck host): a page makes a dozen calls, so it took seconds.
With it, the first timeout or connection error opens the breaker of that Redis server
for ``REDIS_BREAKER_COOLDOWN`` seconds, and during the cool-down every call to the
server fails at once with a ``CircuitOpenError`` (a redis-py ``ConnectionError``), which
django-redis turns into ``ConnectionInterrupted`` like any outage: the ``default``
cache (IGNORE_EXCEPTIONS) answers a miss and wagtail-cache reports ``err`` and
renders the page. After the cool-down one call is let through (half-open): the
breaker's own PING from a background thread, or a request's call if one comes first.
If Redis answers, the breaker closes, else it opens for another cool-down.

It sits in the redis-py client, below django-redis: both caches name ``BreakerRedis``
as their ``REDIS_CLIENT_CLASS``, so every cache call, and every raw client or pipeline
taken from ``cache.client.get_client()``, goes through it. There is one breaker per
Redis server (host and port, or socket path) per process, shared by the caches that
use different databases of one server: a hung server hangs all its databases, and one
timeout is enough to know it. Errors that prove the server answered (a
``ResponseError`` such as "OOM command not allowed") do not open it.

State is exported as ``foodie_redis_circuit_open{server}`` (``foodie.metrics``). The
breaker logs each opening and closing once; ``RejectionsFilter`` keeps django-redis
from logging a traceback for every call it fails at once (a dozen per page).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from enum import Enum
from time import monotonic

from django.conf import settings

from redis import Redis
from redis.client import Pipeline
from redis.connection import ConnectionPool
from redis.exceptions import ConnectionError, ResponseError, TimeoutError

from foodie.metrics import redis_breaker as metrics

logger = logging.getLogger(__name__)

DEFAULT_COOLDOWN = 3.0
# What a hung or unreachable server raises (AuthenticationError, BusyLoadingError and
# socket errors are ConnectionErrors too: the server cannot serve either way).
FAILURES = (ConnectionError, TimeoutError)


class CircuitOpenError(ConnectionError):
    """Raised instead of calling Redis while the server's breaker is open."""


class State(Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class Breaker:
    """The breaker of one Redis server in this process; thread-safe (gthread workers)."""

    def __init__(self, server: str, pool: ConnectionPool | None = None) -> None:
        self.server = server
        self.pool = pool  # for probes: any database of the server answers PING
        self.state = State.CLOSED
        self._lock = threading.Lock()
        # OPEN: when a trial may start. HALF_OPEN: when another thread may take over
        # a trial that never reported (it cannot, barring a bug: calls report in finally).
        self._until = 0.0
        self._trial_thread: int | None = None
        metrics.initialise_series(server)

    def before_call(self) -> None:
        """Return if the call may go to Redis; raise ``CircuitOpenError`` if not."""
        if self.state is State.CLOSED:  # the common case takes no lock
            return
        with self._lock:
            if self.state is State.CLOSED:
                return
            me = threading.get_ident()
            if self.state is State.HALF_OPEN and self._trial_thread == me:
                return  # the trial's own nested calls (a pipeline loading its scripts)
            now = monotonic()
            if now >= self._until:
                self.state = State.HALF_OPEN
                self._trial_thread = me
                self._until = now + cooldown()
                return
        metrics.circuit_rejections.labels(server=self.server).inc()
        raise CircuitOpenError(f"Redis {self.server}: circuit open after a failure, not asking")

    def succeeded(self) -> None:
        if self.state is State.CLOSED:
            return
        with self._lock:
            if self.state is not State.CLOSED:
                logger.info("Redis %s answers again: circuit closed", self.server)
            self.state = State.CLOSED
            self._trial_thread = None
            # Inside the lock: a gauge set after the lock could undo a newer state.
            metrics.circuit_open.labels(server=self.server).set(0)

    def failed(self, error: Exception | None = None) -> None:
        with self._lock:
            opening = self.state is not State.OPEN
            if opening:
                logger.warning(
                    "Redis %s failed (%r): circuit open, not asking it for %s s",
                    self.server,
                    error,
                    cooldown(),
                )
                metrics.circuit_openings.labels(server=self.server).inc()
                metrics.circuit_open.labels(server=self.server).set(1)
            self.state = State.OPEN
            self._trial_thread = None
            self._until = monotonic() + cooldown()
        if opening:
            schedule_probe(self, cooldown())

    def probe(self) -> None:
        """The trial call after a cool-down, made by the breaker itself (a PING), so a
        worker that gets no requests closes its breaker too (and its gauge says so),
        and the requests of a busy one rarely pay for a trial."""
        if self.pool is None:
            return
        with contextlib.suppress(Exception):  # the outcome is recorded by call()
            self.call(Redis(connection_pool=self.pool).ping)

    def abandoned(self) -> None:
        """A call ended without showing whether the server answers (an error raised
        before it was sent): a trial it was is void, and the next call may try."""
        with self._lock:
            if self.state is State.HALF_OPEN and self._trial_thread == threading.get_ident():
                self._trial_thread = None
                self._until = 0.0

    def call(self, method, *args, **kwargs):
        """``method(*args, **kwargs)`` if the breaker allows it, recording the outcome."""
        self.before_call()
        try:
            result = method(*args, **kwargs)
        except FAILURES as error:
            self.failed(error)
            raise
        except ResponseError:
            self.succeeded()  # an error reply is still a reply
            raise
        except BaseException:
            self.abandoned()
            raise
        self.succeeded()
        return result


class RejectionsFilter(logging.Filter):
    """Drops log records of errors that a ``CircuitOpenError`` caused (the LOGGING
    filter of django-redis' "Exception ignored" logger): they are counted in
    ``foodie_redis_circuit_rejections_total``, and the opening was logged once."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        while error is not None:
            if isinstance(error, CircuitOpenError):
                return False
            error = error.__cause__
        return True


def cooldown() -> float:
    return float(getattr(settings, "REDIS_BREAKER_COOLDOWN", DEFAULT_COOLDOWN))


def schedule_probe(breaker: Breaker, delay: float) -> None:
    """``breaker.probe()`` in a daemon thread once the cool-down is over. A probe that
    finds Redis still hung reopens the breaker, which schedules the next one. Without
    a cool-down (0, the breaker off) the next call is the trial: nothing to schedule."""
    if delay <= 0:
        return
    timer = threading.Timer(delay + 0.05, breaker.probe)
    timer.daemon = True
    timer.start()


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def server_name(pool: ConnectionPool) -> str:
    """``host:port`` (or the socket path) of the server a pool connects to."""
    kwargs = pool.connection_kwargs
    if kwargs.get("path"):
        return kwargs["path"]
    return f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}"


def breaker_for(pool: ConnectionPool) -> Breaker:
    """The process's breaker for the server ``pool`` connects to."""
    server = server_name(pool)
    breaker = _breakers.get(server)
    if breaker is None:
        with _breakers_lock:
            breaker = _breakers.get(server)
            if breaker is None:
                breaker = _breakers[server] = Breaker(server, pool)
    return breaker


class BreakerPipeline(Pipeline):
    """A pipeline whose round trips go through its server's breaker."""

    breaker: Breaker

    def execute(self, raise_on_error: bool = True):
        return self.breaker.call(super().execute, raise_on_error)

    def immediate_execute_command(self, *args, **options):
        return self.breaker.call(super().immediate_execute_command, *args, **options)


class BreakerRedis(Redis):
    """redis-py's client with every command and pipeline behind the server's breaker:
    the ``REDIS_CLIENT_CLASS`` of the django-redis caches."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.breaker = breaker_for(self.connection_pool)

    def execute_command(self, *args, **options):
        return self.breaker.call(super().execute_command, *args, **options)

    def pipeline(self, transaction: bool = True, shard_hint=None) -> BreakerPipeline:
        pipeline = BreakerPipeline(
            self.connection_pool, self.response_callbacks, transaction, shard_hint
        )
        pipeline.breaker = self.breaker
        return pipeline

"""A hung Redis costs a request one timeout: the circuit breaker (foodie.cache.breaker).

Against a real redis-server stopped with SIGSTOP (it accepts connections and never
answers). What is counted is what reaches the network: commands written to a Redis
socket and socket timeouts, never durations (the stack test measures those).
"""

import threading
from time import monotonic

from django.core.cache import caches

import pytest
import redis
from prometheus_client import REGISTRY
from redis.connection import AbstractConnection

from foodie.cache import breaker
from foodie.cache.breaker import Breaker, CircuitOpenError, State

from .redis_process import RedisProcess

pytestmark = pytest.mark.django_db
COOLDOWN = 3.0


class Wire:
    """Commands written to Redis sockets, and reads that timed out, in this process."""

    def __init__(self, monkeypatch):
        self.sent = 0
        self.timeouts = 0
        send, read = AbstractConnection.send_packed_command, AbstractConnection.read_response

        def counting_send(connection, *args, **kwargs):
            self.sent += 1
            return send(connection, *args, **kwargs)

        def counting_read(connection, *args, **kwargs):
            try:
                return read(connection, *args, **kwargs)
            except redis.TimeoutError:
                self.timeouts += 1
                raise

        monkeypatch.setattr(AbstractConnection, "send_packed_command", counting_send)
        monkeypatch.setattr(AbstractConnection, "read_response", counting_read)

    def reset(self) -> None:
        self.sent = self.timeouts = 0


class Clock:
    """The breaker's clock, moved forward by the test instead of waiting."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        monkeypatch.setattr(breaker, "monotonic", lambda: monotonic() + self.offset)

    def after_cooldown(self) -> None:
        self.offset += COOLDOWN + 0.1


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def wire(monkeypatch):
    return Wire(monkeypatch)


@pytest.fixture
def probes(monkeypatch) -> list[Breaker]:
    """Breakers that scheduled a probe; the test runs them when it chooses."""
    scheduled = []
    monkeypatch.setattr(breaker, "schedule_probe", lambda circuit, delay: scheduled.append(circuit))
    return scheduled


@pytest.fixture
def breaker_cooldown() -> float:
    return COOLDOWN


@pytest.fixture
def server(redis_server, tree, probes):
    return redis_server


def the_breaker(process: RedisProcess) -> Breaker:
    return breaker._breakers[f"127.0.0.1:{process.port}"]


def sample(name: str, process: RedisProcess) -> float:
    value = REGISTRY.get_sample_value(name, {"server": f"127.0.0.1:{process.port}"})
    return value or 0.0


def test_a_hung_redis_costs_a_request_one_timeout_then_none(
    client, server, tree, wire, clock, caplog
):
    url = tree["dal"].url
    assert client.get(url)["X-Wagtail-Cache"] == "miss"
    assert client.get(url)["X-Wagtail-Cache"] == "hit"
    assert the_breaker(server).state is State.CLOSED
    rejected_before = sample("foodie_redis_circuit_rejections_total", server)

    server.pause()
    try:
        wire.reset()
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Wagtail-Cache"] == "err"
        assert b"Dal" in response.content
        # One call waited for its timeout and opened the breaker; every later call of
        # the request (both caches: one server) failed without writing to Redis.
        assert wire.timeouts == 1
        assert wire.sent == 1
        assert the_breaker(server).state is State.OPEN
        assert sample("foodie_redis_circuit_open", server) == 1
        assert sample("foodie_redis_circuit_openings_total", server) == 1
        assert sample("foodie_redis_circuit_rejections_total", server) > rejected_before
        # Logged once: the opening, and the one error django-redis ignored (the timeout);
        # not a traceback for each call the breaker failed.
        assert [r.getMessage() for r in caplog.records].count("Exception ignored") <= 1
        assert "circuit open" in caplog.text

        # The next request, within the cool-down, does not touch Redis at all.
        wire.reset()
        response = client.get(tree["curry"].url)
        assert response.status_code == 200
        assert b"Curry" in response.content
        assert (wire.sent, wire.timeouts) == (0, 0)

        # After the cool-down one trial call goes out; Redis still hangs, so it costs
        # that request one timeout and the breaker opens again.
        clock.after_cooldown()
        wire.reset()
        assert client.get(url).status_code == 200
        assert (wire.sent, wire.timeouts) == (1, 1)
        assert the_breaker(server).state is State.OPEN
        assert sample("foodie_redis_circuit_openings_total", server) == 2
    finally:
        server.resume()

    # Redis is back: after the cool-down the trial succeeds and pages are hits again.
    clock.after_cooldown()
    assert client.get(url)["X-Wagtail-Cache"] == "hit"
    assert the_breaker(server).state is State.CLOSED
    assert sample("foodie_redis_circuit_open", server) == 0


def test_the_breakers_own_probe_closes_it_without_a_request(server, wire, clock, probes):
    raw = caches["pagecache"].client.get_client(write=True)
    server.pause()
    try:
        with pytest.raises(redis.TimeoutError):
            raw.get("k")
        assert probes == [the_breaker(server)]  # one probe scheduled per opening
        clock.after_cooldown()
        wire.reset()
        the_breaker(server).probe()  # Redis still hung: the probe's PING times out
        assert (wire.sent, wire.timeouts) == (1, 1)
        assert the_breaker(server).state is State.OPEN
        assert len(probes) == 2  # and the next probe is scheduled
    finally:
        server.resume()
    clock.after_cooldown()
    the_breaker(server).probe()
    assert the_breaker(server).state is State.CLOSED
    assert sample("foodie_redis_circuit_open", server) == 0


def test_pipelines_and_raw_clients_go_through_the_breaker(server, wire, clock):
    raw = caches["pagecache"].client.get_client(write=True)
    with raw.pipeline() as pipeline:
        pipeline.set("k", "v").get("k")
        assert pipeline.execute() == [True, b"v"]

    server.pause()
    try:
        wire.reset()
        with pytest.raises(redis.TimeoutError), raw.pipeline() as pipeline:
            pipeline.get("k").get("k")
            pipeline.execute()
        assert the_breaker(server).state is State.OPEN
        with pytest.raises(CircuitOpenError), raw.pipeline() as pipeline:
            pipeline.get("k")
            pipeline.execute()
        with pytest.raises(CircuitOpenError):
            raw.dbsize()
        # The default cache's client, another database of the same server, shares it.
        assert caches["default"].get("anything") is None
        assert (wire.sent, wire.timeouts) == (1, 1)
    finally:
        server.resume()

    clock.after_cooldown()
    assert raw.get("k") == b"v"
    assert the_breaker(server).state is State.CLOSED


def test_an_error_reply_is_an_answer_and_does_not_open_the_breaker(server):
    raw = caches["pagecache"].client.get_client(write=True)
    with pytest.raises(redis.ResponseError):
        raw.execute_command("NO-SUCH-COMMAND")
    assert the_breaker(server).state is State.CLOSED


def test_after_the_cooldown_only_one_thread_tries_redis(settings, clock, probes):
    settings.REDIS_BREAKER_COOLDOWN = COOLDOWN
    circuit = Breaker("test:trial")
    circuit.failed()
    with pytest.raises(CircuitOpenError):
        circuit.before_call()

    clock.after_cooldown()
    trial_started, trial_may_end = threading.Event(), threading.Event()

    def trial():
        def answer():
            trial_started.set()
            trial_may_end.wait(5)
            return "PONG"

        circuit.call(answer)

    thread = threading.Thread(target=trial)
    thread.start()
    try:
        assert trial_started.wait(5)
        assert circuit.state is State.HALF_OPEN
        with pytest.raises(CircuitOpenError):  # another thread, while the trial is out
            circuit.before_call()
    finally:
        trial_may_end.set()
        thread.join(5)
    assert circuit.state is State.CLOSED
    circuit.before_call()

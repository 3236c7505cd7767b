"""loadtest/chaos.py's verdicts (`make chaos`, CI's `make load-check`): which failed
requests a fault excuses. A fault's action takes time (terminating the database's
backends connects, lists and signals them, then waits for them to exit), and a request
in flight at any instant of it may lose its backend."""

import pytest

from loadtest.chaos import Fault, FaultResult
from loadtest.report import Request, Window

STARTED, ENDED = 100.0, 100.030  # the fault's action, in seconds since the epoch


def failed(start: float, end: float) -> Request:
    return Request(end, "admin dashboard", round((end - start) * 1000), True, 500, "", "")


def fault(excuses_in_flight: bool) -> Fault:
    return Fault("terminate PostgreSQL connections", lambda stack: None, excuses_in_flight)


@pytest.mark.parametrize(
    ("start", "end", "excused"),
    [
        (99.9, 100.010, True),  # started before the action, ended during it
        (100.010, 100.050, True),  # started during the action (CI's stop 28 failed on one)
        (99.9, 100.2, True),  # spanned the whole action
        (100.031, 100.2, False),  # started after the backends had exited
        (99.8, 99.9, False),  # over before the action began
    ],
)
def test_a_fault_excuses_the_requests_in_flight_during_its_action(start, end, excused):
    assert fault(excuses_in_flight=True).excused(failed(start, end), STARTED, ENDED) is excused


@pytest.mark.parametrize(("start", "end"), [(99.9, 100.010), (100.010, 100.050)])
def test_a_fault_that_excuses_nothing_excuses_nothing(start, end):
    assert not fault(excuses_in_flight=False).excused(failed(start, end), STARTED, ENDED)


def test_an_unexcused_failure_is_named_with_its_times_from_the_fault():
    window = Window(requests=0, failed=0, per_second=0, p50=0, p95=0, p99=0)
    request = failed(100.040, 100.100)
    result = FaultResult("terminate PostgreSQL connections", STARTED, ENDED, [request], 0,
                         window, window, 0)  # fmt: skip

    assert result.describe(request) == (
        "admin dashboard (status 500) from +0.040 s to +0.100 s; the fault lasted 0.030 s"
    )

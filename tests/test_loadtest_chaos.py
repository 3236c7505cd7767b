"""loadtest/chaos.py's verdicts (`make chaos`, CI's `make load-check`): which failed
requests a fault excuses. A fault's action takes time (terminating the database's
backends connects, lists and signals them, then waits for them to exit), and a request
in flight at any instant of it may lose its backend."""

import socket
from pathlib import Path

import pytest

from loadtest.chaos import FAULTS, ChaosResult, Fault, FaultResult, stale_pages_or_why
from loadtest.report import Request, Window, read_log
from tests.stack.conftest import Stack

STARTED, ENDED = 100.0, 100.030  # the fault's action, in seconds since the epoch
QUIET = Window(requests=0, failed=0, per_second=0, p50=0, p95=0, p99=0)


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
        (99.9, 100.0, True),  # answered at the instant the action began
        (100.030, 100.2, True),  # started at the instant the action ended
        (100.031, 100.2, False),  # started after the backends had exited
        (99.8, 99.9, False),  # over before the action began
    ],
)
def test_a_fault_excuses_the_requests_in_flight_during_its_action(start, end, excused):
    assert fault(excuses_in_flight=True).excused(failed(start, end), STARTED, ENDED) is excused


def test_only_the_faults_that_cut_requests_short_excuse_them():
    assert {f.name for f in FAULTS if f.excuses_in_flight} == {
        "kill a Gunicorn worker (SIGKILL)",
        "terminate PostgreSQL connections",
        "restart PostgreSQL",
    }


def test_postgresql_restart_excuses_a_request_that_met_it_and_was_answered_after():
    restart = next(f for f in FAULTS if f.name == "restart PostgreSQL")
    down_from, up_at = 100.0, 101.5

    assert restart.excused(failed(101.0, 101.6), down_from, up_at)
    assert not restart.excused(failed(101.6, 101.7), down_from, up_at)


def test_the_request_log_is_read_in_the_order_answers_arrived(tmp_path):
    """Locust writes an editor's edit-form row when its block ends, after rows of
    requests answered later."""
    log = tmp_path / "requests.csv"
    log.write_text("100.500,admin edit,300,0,200,,\n100.400,home,2,0,200,HIT,\n")

    assert [r.route for r in read_log(log)] == ["home", "admin edit"]


@pytest.mark.parametrize(("start", "end"), [(99.9, 100.010), (100.010, 100.050)])
def test_a_fault_that_excuses_nothing_excuses_nothing(start, end):
    assert not fault(excuses_in_flight=False).excused(failed(start, end), STARTED, ENDED)


def test_an_unexcused_failure_is_named_with_its_times_from_the_fault():
    request = failed(100.040, 100.100)
    result = FaultResult("terminate PostgreSQL connections", STARTED, ENDED, [request], 0,
                         QUIET, QUIET, 0)  # fmt: skip

    assert result.describe(request) == (
        "admin dashboard (status 500) from +0.040 s to +0.100 s; the fault lasted 0.030 s"
    )


def test_a_fault_whose_action_fails_is_a_problem_of_the_run_not_a_traceback():
    def backends_linger(stack):
        raise RuntimeError("terminated backends still running after 5 s: [4242]")

    lingering = Fault("terminate PostgreSQL connections", backends_linger, True)
    action_failed = lingering.failed_action(lingering.strike(stack=None))
    outcome = FaultResult(lingering.name, STARTED, ENDED, [], 0, QUIET, QUIET, 0, action_failed)
    result = ChaosResult(QUIET, [outcome], stale=[], requests=[], out=Path())

    assert result.problems() == [
        "terminate PostgreSQL connections: the fault's action failed: "
        "RuntimeError: terminated backends still running after 5 s: [4242]"
    ]
    assert fault(excuses_in_flight=True).strike(stack=None) is None


def test_pages_that_cannot_be_checked_for_staleness_are_a_problem_of_the_run():
    with socket.socket() as sock:  # a port nothing listens on: the API does not answer
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    down = Stack(url, url, url, ca="", directory=Path(), state={}, env={})

    stale = stale_pages_or_why(down)

    assert len(stale) == 1 and stale[0].startswith("(could not be checked: ConnectionError")
    assert ChaosResult(QUIET, [], stale, [], Path()).problems() == [f"stale: {stale[0]}"]

"""The native runners leave nothing behind, wherever they are killed (deploy/processes.py).

`deploy/stack.py up` and `deploy/monitoring.py up` are SIGKILLed as each of their
steps starts; `down` must then stop every process they started, and the next `up`
must work. This test process is made a child subreaper, so every process a killed
runner started becomes its child: "left behind" is exact, not a guess by name.
"""

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port
from tests.services import missing_service

REPO = Path(__file__).resolve().parents[1]
PR_SET_CHILD_SUBREAPER = 36
STACK_STEPS = (
    "initdb",
    "postgres",
    "redis",
    "migrate",
    "collectstatic",
    "nginx-check",
    "gunicorn",
    "scheduler",
    "mtail",
    "nginx",
)
MONITORING_STEPS = (
    "status-relay",
    "nginx-exporter",
    "redis-exporter",
    "postgres-exporter",
    "prometheus",
)
PORT_NAMES = (
    "HTTP", "HTTPS", "STATUS", "PURGE", "APP", "POSTGRES", "REDIS",
    "PROMETHEUS", "NGINX_EXPORTER", "REDIS_EXPORTER", "POSTGRES_EXPORTER", "STATUS_RELAY",
    "MTAIL", "EDGE_LOG", "S3",
)  # fmt: skip


@pytest.fixture
def stack_env() -> Iterator[dict[str, str]]:
    """A stack of its own: a directory PostgreSQL's user can reach, and free ports."""
    for tool in ("nginx", "mtail", "redis-server", "prometheus", "prometheus-postgres-exporter"):
        if not shutil.which(tool):
            missing_service(f"needs {tool} (installed by .ci/run and `make stack`)")
    directory = Path(tempfile.mkdtemp(prefix="foodie-supervision-"))
    directory.chmod(0o755)
    env = {**os.environ, "FOODIE_STACK_DIR": str(directory), "STACK_SCHEDULER_INTERVAL": "2"}
    env.update({f"STACK_{name}_PORT": str(free_port()) for name in PORT_NAMES})
    for variable in ("STACK_DATABASE_URL", "STACK_REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(variable, None)
    with subreaper():
        try:
            yield env
        finally:
            for runner in ("monitoring.py", "stack.py"):
                subprocess.run([sys.executable, f"deploy/{runner}", "down"], cwd=REPO, env=env)
    shutil.rmtree(directory, ignore_errors=True)


@contextlib.contextmanager
def subreaper() -> Iterator[None]:
    """Make this process the parent of every orphan of the processes it starts. Children
    it already had (servers other tests' session fixtures started, such as moto) are
    not this test's: ``children()`` leaves them out."""
    libc = ctypes.CDLL(None, use_errno=True)
    EARLIER_CHILDREN.update(children())
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    try:
        yield
    finally:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
        reap()
        EARLIER_CHILDREN.clear()


# Children this process had before a subreaper() began (see there).
EARLIER_CHILDREN: set[int] = set()


def reap() -> None:
    """Collect the exit status of every child that has ended (orphans included)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def children() -> dict[int, str]:
    """This process's living children (orphans of killed runners among them), but for
    those it had before the test began."""
    reap()
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = stat.with_name("cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError):
            continue
        pid = int(stat.parent.name)
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and pid not in EARLIER_CHILDREN:
            found[pid] = cmdline.strip()
    return found


def runner(env: dict[str, str], name: str, command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, f"deploy/{name}", command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def kill_up_when_starting(env: dict[str, str], name: str, step: str) -> None:
    """Start `NAME up` and SIGKILL it as soon as ``step`` has started."""
    logs = Path(env["FOODIE_STACK_DIR"]) / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    process = subprocess.Popen(
        [sys.executable, f"deploy/{name}", "up"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 300
    while not (logs / f"{step}.log").exists():
        assert process.poll() is None, f"{name} up ended before {step}: {process.stdout.read()}"
        assert time.monotonic() < deadline, f"{step} never started"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_runners_killed_at_any_step_leave_nothing_behind(stack_env) -> None:
    for step in STACK_STEPS:
        kill_up_when_starting(stack_env, "stack.py", step)
        down = runner(stack_env, "stack.py", "down")
        assert down.returncode == 0, down.stdout + down.stderr
        assert children() == {}, f"left running after a kill at {step}"

    up = runner(stack_env, "stack.py", "up")
    assert up.returncode == 0, up.stdout + up.stderr
    stack = children()
    assert len(stack) == len(STACK_STEPS) - 4  # the six services; the steps have ended

    for step in MONITORING_STEPS:
        kill_up_when_starting(stack_env, "monitoring.py", step)
        down = runner(stack_env, "monitoring.py", "down")
        assert down.returncode == 0, down.stdout + down.stderr
        assert children() == stack, f"left running after a kill at {step}"

    # `up` after a killed `up` works, for both runners; then `down` stops everything.
    kill_up_when_starting(stack_env, "monitoring.py", "prometheus")
    up = runner(stack_env, "monitoring.py", "up")
    assert up.returncode == 0, up.stdout + up.stderr
    for name in ("monitoring.py", "stack.py"):
        down = runner(stack_env, name, "down")
        assert down.returncode == 0, down.stdout + down.stderr
    assert children() == {}


def test_a_service_that_exits_while_starting_fails_up_and_up_cleans_up(stack_env) -> None:
    up = runner({**stack_env, "GUNICORN_WORKERS": "many"}, "stack.py", "up")

    assert up.returncode == 1
    assert "gunicorn exited (status 1)" in up.stdout, up.stdout + up.stderr
    assert "stopping what was started" in up.stdout
    assert children() == {}


def test_stopping_a_step_stops_what_it_started(tmp_path, monkeypatch) -> None:
    """A step stopped midway (initdb running `postgres -V`) leaves no child behind."""
    monkeypatch.syspath_prepend(str(REPO / "deploy"))
    import processes

    monkeypatch.setattr(processes, "PIDS", tmp_path / "pids")
    monkeypatch.setattr(processes, "LOGS", tmp_path / "logs")
    monkeypatch.setitem(processes.SERVICES, "step", processes.Service("foodie-test-step"))
    child = tmp_path / "child.pid"
    script = f"sleep 300 & echo $! > {child}; wait  # foodie-test-step"
    with subreaper():
        started = processes.spawn("step", ["sh", "-c", script], dict(os.environ))
        processes.wait_for("the step's child", child.exists, 10, started)

        assert processes.stop("step", log=lambda message: None)

        started.wait(timeout=10)
        assert children() == {}
        assert not processes.pid_file("step").exists()


def test_a_service_caught_with_an_empty_command_line_is_still_stopped(tmp_path, monkeypatch):
    """While the launcher execs a program, /proc shows it an empty command line for an
    instant (the new image's arguments are not mapped yet). `down` caught Prometheus
    there once, took it for someone else's process and left it running."""
    monkeypatch.syspath_prepend(str(REPO / "deploy"))
    import processes

    monkeypatch.setattr(processes, "PIDS", tmp_path / "pids")
    monkeypatch.setattr(processes, "LOGS", tmp_path / "logs")
    monkeypatch.setitem(processes.SERVICES, "step", processes.Service("foodie-test-step"))
    with subreaper():
        started = processes.spawn("step", ["sh", "-c", "sleep 300  # foodie-test-step"], {})
        processes.wait_for("the step", lambda: processes.running("step") is not None, 10, started)
        empty_reads = []
        read = processes.shown_command_line

        def in_exec(proc):
            if len(empty_reads) < 3:
                empty_reads.append(proc)
                return ""
            return read(proc)

        monkeypatch.setattr(processes, "shown_command_line", in_exec)

        assert processes.stop("step", log=lambda message: None)

        started.wait(timeout=10)
        assert len(empty_reads) == 3
        assert children() == {}

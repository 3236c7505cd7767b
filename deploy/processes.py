"""The native runners' process supervision: pid files, logs, start, stop and status.

Shared by deploy/stack.py (the production topology) and deploy/monitoring.py
(Prometheus and the exporters beside it). Each runner registers its services with
``register()``: the text /proc/<pid>/cmdline must contain before a recorded pid is
signalled (so a recycled pid of another program is never touched) and how to stop it.
Everything is written under .stack/ (FOODIE_STACK_DIR): pids/NAME.pid, logs/NAME.log.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STACK = Path(os.environ.get("FOODIE_STACK_DIR", REPO / ".stack")).resolve()
PIDS = STACK / "pids"
LOGS = STACK / "logs"
BIN = Path(sys.executable).parent
LOOPBACK = "127.0.0.1"


class StackError(RuntimeError):
    pass


@dataclass(frozen=True)
class Service:
    marker: str  # what /proc/<pid>/cmdline (or comm) must contain
    stop_timeout: float = 15
    stop_signal: int = signal.SIGTERM


SERVICES: dict[str, Service] = {}


def register(
    name: str, marker: str, stop_timeout: float = 15, stop_signal: int = signal.SIGTERM
) -> None:
    SERVICES[name] = Service(marker, stop_timeout, stop_signal)


def port(name: str, default: int) -> int:
    """A port on 127.0.0.1, overridable with STACK_<NAME>_PORT."""
    return int(os.environ.get(f"STACK_{name}_PORT", default))


def pid_file(name: str) -> Path:
    return PIDS / f"{name}.pid"


def read_pid(name: str) -> int | None:
    try:
        return int(pid_file(name).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def is_ours(name: str, pid: int) -> bool:
    """The pid is alive and still the program we started (not a recycled pid)."""
    proc = Path(f"/proc/{pid}")
    try:
        if proc.joinpath("stat").read_text().split(")")[-1].split()[0] == "Z":
            return False  # Exited, not yet reaped.
        # Programs that rewrite their title (redis, postgres) may briefly show an
        # empty cmdline; their comm still names them.
        seen = proc.joinpath("cmdline").read_bytes().replace(b"\0", b" ").decode()
        seen += " " + proc.joinpath("comm").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False
    return SERVICES[name].marker in seen


def running(name: str) -> int | None:
    pid = read_pid(name)
    return pid if pid and is_ours(name, pid) else None


def spawn(name: str, argv: list[str], env: dict[str, str], user: str | None = None) -> int:
    LOGS.mkdir(parents=True, exist_ok=True)
    PIDS.mkdir(parents=True, exist_ok=True)
    with (LOGS / f"{name}.log").open("ab") as out:
        process = subprocess.Popen(
            argv,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Not killed with the shell that ran `make stack`.
            user=user,
        )
    pid_file(name).write_text(f"{process.pid}\n")
    return process.pid


def stop(name: str, log: Callable[[str], None] = print) -> bool:
    """Signal the recorded pid, wait, SIGKILL if it will not go. True if it ran."""
    service = SERVICES[name]
    pid = running(name)
    if pid is None:
        pid_file(name).unlink(missing_ok=True)
        return False
    os.kill(pid, service.stop_signal)
    deadline = time.monotonic() + service.stop_timeout
    while time.monotonic() < deadline and is_ours(name, pid):
        reap(pid)
        time.sleep(0.1)
    if is_ours(name, pid):
        log(f"{name} (pid {pid}) did not stop in {service.stop_timeout:.0f} s: SIGKILL")
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
    reap(pid)
    pid_file(name).unlink(missing_ok=True)
    return True


def reap(pid: int) -> None:
    """Collect the exit status if the process is our child (no zombie left behind)."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def wait_for(what: str, check: Callable[[], bool], timeout: float, name: str | None = None) -> None:
    """Poll ``check`` until it is true; fail early if the service ``name`` exits."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if name and not running(name):
            raise StackError(f"{name} exited while starting; see {LOGS / (name + '.log')}")
        try:
            if check():
                return
        except Exception as error:
            last_error = error
        time.sleep(0.2)
    raise StackError(f"{what} not ready after {timeout:.0f} s ({last_error})")


def port_is_free(number: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LOOPBACK, number))
        except OSError:
            return False
    return True


def run(argv: list[str], env: dict[str, str], name: str) -> None:
    """Run a one-shot step (migrate, collectstatic) with its output in logs/NAME.log."""
    LOGS.mkdir(parents=True, exist_ok=True)
    with (LOGS / f"{name}.log").open("ab") as out:
        result = subprocess.run(argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode:
        raise StackError(f"{' '.join(argv[1:3])} failed; see {LOGS / (name + '.log')}")


def state_of(name: str) -> tuple[str, int | None]:
    """("running" or "stopped", the recorded pid) for ``status`` commands."""
    pid = read_pid(name)
    return ("running" if pid and is_ours(name, pid) else "stopped"), pid


def run_command(
    args: argparse.Namespace,
    log: Callable[[str], None],
    down: Callable[[argparse.Namespace], int],
    logs_to_show: Iterable[str],
) -> int:
    """Run a runner's subcommand. If ``up`` fails: show the end of the logs that tell
    why, then stop whatever it had started, so a half-started stack is never left."""
    try:
        return args.func(args)
    except (StackError, subprocess.CalledProcessError) as error:
        log(f"error: {error}")
        if args.command == "up":
            for name in logs_to_show:
                path = LOGS / f"{name}.log"
                if path.exists():
                    tail = path.read_text(errors="replace").splitlines()[-15:]
                    print(f"--- {path} (last lines)\n" + "\n".join(tail), file=sys.stderr)
            log("stopping what was started")
            down(args)
        return 1

"""The native runners' process supervision: pid files, logs, start, stop and status.

Shared by deploy/stack.py (the production topology) and deploy/monitoring.py
(Prometheus and the exporters beside it). Each runner registers its services with
``register()``: the text /proc/<pid>/cmdline must contain before a recorded pid is
signalled (so a recycled pid of another program is never touched) and how to stop it.
Everything is written under .stack/ (FOODIE_STACK_DIR): pids/NAME.pid, logs/NAME.log.

Nothing runs unrecorded: ``spawn()`` starts this file's ``launch`` command, records
its pid, and only then lets it become the program (exec keeps the pid). A runner
killed before the pid file is written takes the launcher with it (it reads EOF and
exits), so `down` always finds everything that was started. Each program leads a
session of its own; stopping it also stops what it left running in that session (a
step killed midway leaves its own children). A start is judged by the runner's own
child (alive or exited, with its status) and by its port answering.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import select
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


# How long is_ours waits for an empty command line to fill in.
EMPTY_COMMAND_LINE_WAIT = 1.0


def is_ours(name: str, pid: int) -> bool:
    """The pid is alive and still the program we started (not a recycled pid), or
    its launcher about to become it."""
    proc = Path(f"/proc/{pid}")
    deadline = time.monotonic() + EMPTY_COMMAND_LINE_WAIT
    try:
        while True:
            if proc.joinpath("stat").read_text().split(")")[-1].split()[0] == "Z":
                return False  # Exited, not yet reaped.
            seen = shown_command_line(proc)
            if seen.strip() or time.monotonic() > deadline:
                break
            # Empty while the launcher execs the program (the new image's arguments
            # are not mapped yet) or a program rewrites its title: ask again.
            time.sleep(0.005)
        # Programs that rewrite their title (redis, postgres) name themselves in comm.
        seen += " " + proc.joinpath("comm").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False
    return SERVICES[name].marker in seen or launcher_marker(name) in seen


def shown_command_line(proc: Path) -> str:
    """What /proc shows of a process's arguments, space-separated."""
    return proc.joinpath("cmdline").read_bytes().replace(b"\0", b" ").decode()


def launcher_marker(name: str) -> str:
    return f"processes.py launch {pid_file(name)}"


def running(name: str) -> int | None:
    pid = read_pid(name)
    return pid if pid and is_ours(name, pid) else None


def spawn(
    name: str, argv: list[str], env: dict[str, str], user: str | None = None
) -> subprocess.Popen:
    """Start ``argv`` as service ``name`` (as ``user``), its pid file written before it runs."""
    LOGS.mkdir(parents=True, exist_ok=True)
    PIDS.mkdir(parents=True, exist_ok=True)
    launcher = [sys.executable, str(Path(__file__).resolve()), "launch", str(pid_file(name))]
    with (LOGS / f"{name}.log").open("ab") as out:
        process = subprocess.Popen(
            [*launcher, *(["--user", user] if user else []), "--", *argv],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Not killed with the shell that ran `make stack`.
        )
    written = pid_file(name).with_suffix(".tmp")
    written.write_text(f"{process.pid}\n")
    written.replace(pid_file(name))
    try:
        process.stdin.write(b"go")
        process.stdin.close()
    except BrokenPipeError as error:
        raise StackError(f"{name} could not start; see {LOGS / (name + '.log')}") from error
    return process


def launch(args: list[str]) -> None:
    """``PIDFILE [--user NAME] -- PROGRAM ARGS...``: become the program once the runner
    says this pid is recorded, else exit. Switching user happens here, after Python
    has started (the venv's interpreter may be out of that user's reach)."""
    separator = args.index("--")
    options, argv = args[1:separator], args[separator + 1 :]
    if sys.stdin.buffer.read(2) != b"go":
        sys.exit("launch: the runner stopped before recording this process")
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    if options[:1] == ["--user"]:
        account = pwd.getpwnam(options[1])
        os.initgroups(account.pw_name, account.pw_gid)
        os.setgid(account.pw_gid)
        os.setuid(account.pw_uid)
        os.chdir("/")
    os.execvp(argv[0], argv)


def stop(name: str, log: Callable[[str], None] = print) -> bool:
    """Signal the recorded process, wait until it has exited (its ports closed), SIGKILL
    it if it will not go. True if it ran.

    Through a pidfd: the handle names that process even if its pid is reused, and it
    reports the exit itself. (Read back from /proc, a process whose memory is already
    released looks gone while its sockets are still open.)"""
    service = SERVICES[name]
    pid = running(name)
    try:
        handle = os.pidfd_open(pid) if pid else None
    except ProcessLookupError:
        handle = None
    if handle is None or not is_ours(name, pid):  # checked again: the handle is now held
        pid_file(name).unlink(missing_ok=True)
        return False
    try:
        if not _signal_and_wait(handle, service.stop_signal, service.stop_timeout):
            log(f"{name} (pid {pid}) did not stop in {service.stop_timeout:.0f} s: SIGKILL")
            _signal_and_wait(handle, signal.SIGKILL, 10)
    finally:
        os.close(handle)
    reap(pid)
    for orphan in session_members(pid):
        log(f"{name}: SIGKILL to pid {orphan}, left running by it")
        _kill_session_member(orphan, pid)
    pid_file(name).unlink(missing_ok=True)
    return True


def session_members(sid: int) -> list[int]:
    """The processes in session ``sid``: every service is spawned as a session leader, so
    these are what it started and left behind (a step stopped midway, such as initdb's
    `postgres -V`). The session keeps its id reserved while it has members, so the
    pid cannot have been given to another program meanwhile."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError, ValueError):
            if _session_of(stat) == sid and int(stat.parent.name) != sid:
                members.append(int(stat.parent.name))
    return members


def _session_of(stat: Path) -> int | None:
    """The session id in /proc/PID/stat, or None for a process that has exited."""
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return None if fields[0] in "ZX" else int(fields[3])


def _kill_session_member(pid: int, sid: int) -> None:
    """SIGKILL ``pid`` if it is still in session ``sid`` (checked with its handle held),
    and wait until it has exited."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    try:
        if _session_of(Path(f"/proc/{pid}/stat")) == sid:
            _signal_and_wait(handle, signal.SIGKILL, 10)
    except (FileNotFoundError, ProcessLookupError):
        pass
    finally:
        os.close(handle)


def _signal_and_wait(handle: int, signum: int, timeout: float) -> bool:
    """True once the process behind ``handle`` has exited (within ``timeout`` seconds)."""
    try:
        signal.pidfd_send_signal(handle, signum)
    except ProcessLookupError:
        return True
    poller = select.poll()
    poller.register(handle, select.POLLIN)
    return bool(poller.poll(timeout * 1000))


def reap(pid: int) -> None:
    """Collect the exit status if the process is our child (no zombie left behind)."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def wait_for(
    what: str, check: Callable[[], bool], timeout: float, *started: subprocess.Popen
) -> None:
    """Poll ``check`` until it is true; fail at once if a ``started`` process exits."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        for process in started:
            if process.poll() is not None:
                name = service_name(process)
                raise StackError(
                    f"{name} exited (status {process.returncode}); see {LOGS / (name + '.log')}"
                )
        try:
            if check():
                return
        except Exception as error:
            last_error = error
        time.sleep(0.2)
    raise StackError(f"{what} not ready after {timeout:.0f} s ({last_error})")


def service_name(process: subprocess.Popen) -> str:
    """The name a process was spawned under (its pid file's stem)."""
    return Path(process.args[3]).stem


def port_is_free(number: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LOOPBACK, number))
        except OSError:
            return False
    return True


def run(argv: list[str], env: dict[str, str], name: str, user: str | None = None) -> None:
    """Run a one-shot step (migrate, collectstatic), registered like a service, as a
    recorded process with its output in logs/NAME.log: a runner killed meanwhile
    leaves its pid file for `down`."""
    process = spawn(name, argv, env, user)
    process.wait()
    pid_file(name).unlink(missing_ok=True)
    if process.returncode:
        raise StackError(f"{' '.join(argv[1:3])} failed; see {LOGS / (name + '.log')}")


def state_of(name: str) -> tuple[str, int | None]:
    """("running" or "stopped", the recorded pid) for ``status`` commands."""
    pid = read_pid(name)
    return ("running" if pid and is_ours(name, pid) else "stopped"), pid


class Interrupted(StackError):
    pass


def _interrupt(signum: int, frame) -> None:
    raise Interrupted(f"stopped by signal {signal.Signals(signum).name}")


def command_line(
    description: str, commands: dict[str, Callable[[argparse.Namespace], int]]
) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """A runner's command line: a subcommand for each entry of ``commands`` (its name, and
    the function ``run_command`` calls for it); each subcommand's parser is returned too,
    for its own arguments."""
    parser = argparse.ArgumentParser(description=description)
    subcommands = parser.add_subparsers(dest="command", required=True)
    parsers = {}
    for name, func in commands.items():
        parsers[name] = subcommands.add_parser(name)
        parsers[name].set_defaults(func=func)
    return parser, parsers


def run_command(
    args: argparse.Namespace,
    log: Callable[[str], None],
    down: Callable[[argparse.Namespace], int],
    logs_to_show: Iterable[str],
) -> int:
    """Run a runner's subcommand. If ``up`` fails or is interrupted (Ctrl-C, SIGTERM):
    show the end of the logs that tell why, then stop whatever it had started, so a
    half-started stack is never left. (A SIGKILLed ``up`` leaves its pid files: the
    next ``up`` or ``down`` stops what they name.)"""
    if args.command == "up":
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)
    try:
        return args.func(args)
    except (StackError, subprocess.CalledProcessError) as error:
        log(f"error: {error}")
        if args.command == "up":
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # Let the clean-up finish.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            for name in logs_to_show:
                path = LOGS / f"{name}.log"
                if path.exists() and not isinstance(error, Interrupted):
                    tail = path.read_text(errors="replace").splitlines()[-15:]
                    print(f"--- {path} (last lines)\n" + "\n".join(tail), file=sys.stderr)
            log("stopping what was started")
            down(args)
        return 1


if __name__ == "__main__":
    # `processes.py launch PIDFILE -- PROGRAM ARGS...`: see spawn().
    if sys.argv[1:2] == ["launch"] and "--" in sys.argv:
        launch(sys.argv[2:])
    sys.exit("usage: processes.py launch PIDFILE -- PROGRAM [ARGS...]")

"""Real servers started by tests: a free port, and waiting until one answers."""

import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None = None) -> None:
    """Return once ``url`` answers anything over HTTP; fail if ``process`` exits first."""
    for _ in range(600):
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"the server for {url} exited") from None
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")

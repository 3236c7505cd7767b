"""Real servers started by tests: a free port, waiting until one answers, and
requests from another loopback address."""

import socket
import subprocess
import time
import urllib.error
import urllib.request

from requests.adapters import HTTPAdapter


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


class SourceAddressAdapter(HTTPAdapter):
    """requests' connections from ``address`` (such as 127.0.0.2, which Nginx's
    internal-network rules tell apart from 127.0.0.1)."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)

"""Bounded load on the loopback stack with wrk, counting responses by status class."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.services import missing_service

SCRIPT = Path(__file__).with_name("wrk_status.lua")


@dataclass
class LoadResult:
    counts: dict[str, int]
    output: str

    @property
    def requests(self) -> int:
        return self.counts["requests"]

    @property
    def failed(self) -> int:
        """Anything but 2xx/3xx, and every socket error."""
        errors = sum(self.counts[k] for k in ("connect", "read", "write", "timeout"))
        bad = sum(v for k, v in self.counts.items() if k in ("4xx", "5xx"))
        return errors + bad

    @property
    def server_errors(self) -> int:
        return self.counts.get("5xx", 0)


class Load:
    """wrk running in the background for ``seconds`` against one loopback URL."""

    def __init__(self, url: str, seconds: int, connections: int = 8, threads: int = 2):
        if not url.startswith(("https://localhost:", "http://localhost:", "http://127.")):
            raise ValueError("load tests only target this machine's loopback")
        wrk = shutil.which("wrk")
        if not wrk:
            missing_service("needs wrk (apt-get install wrk)")
        self.process = subprocess.Popen(
            [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
             "-s", str(SCRIPT), url],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        self.seconds = seconds

    def result(self) -> LoadResult:
        output, _ = self.process.communicate(timeout=self.seconds + 30)
        line = next(line for line in output.splitlines() if line.startswith("WRK_RESULT "))
        return LoadResult(json.loads(line.removeprefix("WRK_RESULT ")), output)

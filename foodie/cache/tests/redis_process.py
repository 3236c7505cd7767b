"""A throwaway redis-server for fault tests: started on a free port, stopped by pid."""

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field

import redis

from foodie.settings.base import REDIS_OPTIONS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RedisProcess:
    port: int = field(default_factory=free_port)
    maxmemory: str = "0"
    policy: str = "noeviction"
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisProcess":
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server is not installed")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                self.maxmemory,
                "--maxmemory-policy",
                self.policy,
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_timeout=0.5)
        for _ in range(100):
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=5)

    def pause(self) -> None:
        """Accepts connections but never answers (a hung server)."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


def redis_caches(url: str) -> dict:
    return {
        # The production backends (foodie/settings/base.py), pointed at this server.
        "default": {
            "BACKEND": "django_prometheus.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, **REDIS_OPTIONS},
        },
        "pagecache": {
            "BACKEND": "foodie.cache.backend.PageCacheBackend",
            "LOCATION": url.replace("/0", "/1"),
            "OPTIONS": REDIS_OPTIONS,
        },
    }

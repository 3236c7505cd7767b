"""Run Wagtail's ``publish_scheduled`` and retry failed page-cache purges every minute,
for as long as the process lives.

The scheduler service in Compose and the native runner run this instead of cron:
one process, logs to stdout, stops cleanly on SIGTERM between runs. Run exactly
one scheduler per site; two would only do the same work twice.
"""

import logging
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)
# Run in this order on every tick: publishes (whose purges may fail), then the retry of
# purges that failed (foodie.cache.purge).
TICK_COMMANDS = ("publish_scheduled", "retry_page_cache_purges")


class Command(BaseCommand):
    help = (
        "Run publish_scheduled and retry_page_cache_purges every --interval seconds until stopped."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=60.0, help="seconds (default 60)")
        parser.add_argument("--once", action="store_true", help="run once and exit")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        logger.info("Scheduler started: %s every %s s", ", ".join(TICK_COMMANDS), interval)
        while True:
            started = time.monotonic()
            self.run_once()
            if once:
                return
            # Sleep to the next tick, waking at once when asked to stop.
            if stop.wait(max(interval - (time.monotonic() - started), 0)):
                logger.info("Scheduler stopped")
                return

    def run_once(self) -> None:
        # A connection the database dropped since the last run is replaced, not reused.
        close_old_connections()
        try:
            for command in TICK_COMMANDS:
                try:
                    call_command(command)
                except Exception:  # Log and keep going: the next minute may succeed.
                    logger.exception("%s failed", command)
        finally:
            close_old_connections()

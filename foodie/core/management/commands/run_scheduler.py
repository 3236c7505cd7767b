"""Run Wagtail's ``publish_scheduled`` every minute, for as long as the process lives.

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


class Command(BaseCommand):
    help = "Run publish_scheduled every --interval seconds until stopped (SIGTERM/SIGINT)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=60.0, help="seconds (default 60)")
        parser.add_argument("--once", action="store_true", help="run once and exit")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        logger.info("Scheduler started: publish_scheduled every %s s", interval)
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
            call_command("publish_scheduled")
        except Exception:  # Log and keep going: the next minute may succeed.
            logger.exception("publish_scheduled failed")
        finally:
            close_old_connections()

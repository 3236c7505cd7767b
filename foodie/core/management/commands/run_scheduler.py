"""Run ``settings.SCHEDULER_TICK_COMMANDS`` every minute (Wagtail's ``publish_scheduled``,
the batched refresh of rated recipes, the retry of failed page-cache purges), for as
long as the process lives.

The scheduler service in Compose and the native runner run this instead of cron:
one process, logs to stdout, stops cleanly on SIGTERM between runs.

One scheduler works at a time, however many are started (a rolling update, a second
one started by mistake, several app nodes): on PostgreSQL each holds out for a
session advisory lock on a connection of its own, and only the holder runs the
ticks; the others stand by and the first to get the lock takes over when the
holder exits or loses its connection. Other databases (SQLite in development) have
no such lock: run one scheduler there.
"""

import contextlib
import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, DatabaseError, close_old_connections, connections

logger = logging.getLogger(__name__)
# pg_try_advisory_lock's key for "the scheduler" (any bigint no other code uses).
LOCK_KEY = 0x666F6F6469650001


class Leadership:
    """Whether this process is the scheduler that works: it holds LOCK_KEY on a
    database connection of its own, which Django's per-tick connection handling
    never closes. The lock lives as long as that session."""

    def __init__(self) -> None:
        self.connection = None
        self.leader = False
        self.told: bool | None = None  # what the log last said

    def held(self) -> bool:
        if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
            return True
        try:
            if self.connection is None:
                self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
            with self.connection.cursor() as cursor:
                if self.leader:
                    cursor.execute("SELECT 1")  # the same session: the lock is still ours
                else:
                    cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
                    self.leader = cursor.fetchone()[0]
        except DatabaseError:
            logger.exception("Scheduler lock: the database connection failed")
            self.release()
        if self.leader != self.told:
            self.told = self.leader
            logger.info(
                "Scheduler: %s",
                "holds the lock: running" if self.leader else "another scheduler runs: standing by",
            )
        return self.leader

    def release(self) -> None:
        """Close the lock's connection (PostgreSQL releases the lock with it)."""
        if self.connection is not None:
            with contextlib.suppress(DatabaseError):
                self.connection.close()
        self.connection, self.leader = None, False


class Command(BaseCommand):
    help = "Run settings.SCHEDULER_TICK_COMMANDS every --interval seconds until stopped."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=60.0, help="seconds (default 60)")
        parser.add_argument("--once", action="store_true", help="run once and exit")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        logger.info(
            "Scheduler started: %s every %s s",
            ", ".join(settings.SCHEDULER_TICK_COMMANDS),
            interval,
        )
        leadership = Leadership()
        try:
            while True:
                started = time.monotonic()
                if leadership.held():
                    self.run_once()
                if once:
                    return
                # Sleep to the next tick, waking at once when asked to stop.
                if stop.wait(max(interval - (time.monotonic() - started), 0)):
                    logger.info("Scheduler stopped")
                    return
        finally:
            leadership.release()

    def run_once(self) -> None:
        # A connection the database dropped since the last run is replaced, not reused.
        close_old_connections()
        try:
            for command in settings.SCHEDULER_TICK_COMMANDS:
                try:
                    call_command(command)
                except Exception:  # Log and keep going: the next minute may succeed.
                    logger.exception("%s failed", command)
        finally:
            close_old_connections()

"""The scheduler process (manage.py run_scheduler) that publishes scheduled pages."""

from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

import pytest

from foodie.core.management.commands.run_scheduler import LOCK_KEY


@pytest.mark.django_db
def test_run_scheduler_once_publishes_what_is_due(home_page):
    page = home_page
    old_title = page.title
    page.title = "New title"
    page.go_live_at = timezone.now() + timedelta(minutes=5)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.title == old_title

    with (
        mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1)),
        # It would end the test's transaction (the real process runs outside one).
        mock.patch("foodie.core.management.commands.run_scheduler.close_old_connections"),
    ):
        call_command("run_scheduler", "--once")

    page.refresh_from_db()
    assert page.title == "New title"


@pytest.mark.django_db
def test_a_failing_run_is_logged_and_the_loop_goes_on(caplog):
    command = "foodie.core.management.commands.run_scheduler"
    with (
        mock.patch(f"{command}.call_command", side_effect=RuntimeError("database gone")),
        mock.patch(f"{command}.close_old_connections"),
    ):
        call_command("run_scheduler", "--once")

    assert "publish_scheduled failed" in caplog.text


def publish_later(page) -> None:
    page.title = "New title"
    page.go_live_at = timezone.now() + timedelta(minutes=5)
    page.save_revision().publish()


def run_once_an_hour_later() -> None:
    with (
        mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1)),
        mock.patch("foodie.core.management.commands.run_scheduler.close_old_connections"),
    ):
        call_command("run_scheduler", "--once")


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_second_scheduler_stands_by_while_another_holds_the_lock(home_page, caplog):
    """Two schedulers never publish twice: the one without the advisory lock does
    nothing until the holder's session ends, then takes over."""
    holder = connections.create_connection(DEFAULT_DB_ALIAS)  # another scheduler's
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            assert cursor.fetchone()[0]
        publish_later(home_page)

        run_once_an_hour_later()

        home_page.refresh_from_db()
        assert home_page.title != "New title"
        assert "another scheduler runs: standing by" in caplog.text
    finally:
        holder.close()  # that scheduler exits: its lock goes with its session
    run_once_an_hour_later()

    home_page.refresh_from_db()
    assert home_page.title == "New title"
    assert "holds the lock: running" in caplog.text

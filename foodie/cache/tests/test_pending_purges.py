"""A purge that cannot reach the store is kept and retried, never dropped.

Redis hangs (SIGSTOP) for a moment; the breaker opens, and while it is open an editor
makes a page private: the purge fails at once, without reaching Redis. When Redis
answers again it still holds the page, so without the retry readers would get the
private page until it expired.
"""

import time

from django.core.management import call_command
from django.urls import reverse

import pytest
from prometheus_client import REGISTRY

from ..models import PendingPurge
from ..purge import purge_all

pytestmark = pytest.mark.django_db

COOLDOWN = 2.0  # the breaker's: long enough for the purges below to fail at once


def cooldown_over() -> None:
    time.sleep(COOLDOWN + 0.3)


@pytest.fixture
def breaker_cooldown() -> float:
    return COOLDOWN


@pytest.fixture
def server(redis_server):
    return redis_server


def failures(reason: str) -> float:
    labels = {"reason": reason}
    return REGISTRY.get_sample_value("foodie_page_cache_purge_failures_total", labels) or 0


def test_a_purge_redis_missed_is_retried(client, server, tree, django_capture_on_commit_callbacks):
    url = tree["dal"].url
    assert client.get(url)["X-Wagtail-Cache"] == "miss"
    assert client.get(url)["X-Wagtail-Cache"] == "hit"
    before = failures("privacy")

    server.pause()
    assert client.get(tree["about"].url)["X-Wagtail-Cache"] == "err"  # opens the breaker
    server.resume()
    with django_capture_on_commit_callbacks(execute=True):
        tree["dal"].view_restrictions.create(restriction_type="password", password="secret")
    cooldown_over()

    assert failures("privacy") == before + 1
    pending = PendingPurge.objects.get()
    assert url in pending.paths and pending.reason == "privacy"
    assert client.get(url)["X-Wagtail-Cache"] == "hit"  # what the retry exists for

    call_command("retry_page_cache_purges")

    assert not PendingPurge.objects.exists()
    response = client.get(url)
    assert response["X-Wagtail-Cache"] == "skip"
    assert b'name="password"' in response.content  # the password form, not the recipe


def test_a_retry_that_fails_again_keeps_the_purge(client, server, tree, django_user_model):
    server.pause()
    purge_all("settings")
    call_command("retry_page_cache_purges")
    server.resume()
    cooldown_over()

    pending = PendingPurge.objects.get()
    assert (pending.paths, pending.attempts) == (None, 2)
    client.force_login(django_user_model.objects.create_superuser("ops", "ops@example.com", "x"))
    dashboard = client.get(reverse("pagecache_dashboard"))
    assert b"1 purge could not reach the page-cache store" in dashboard.content

    call_command("retry_page_cache_purges")
    assert not PendingPurge.objects.exists()

"""/health/ and /ready/, and the client address behind the proxy (foodie.security)."""

from unittest import mock

from django.db import OperationalError
from django.test import RequestFactory, override_settings

import pytest

from foodie import health
from foodie.security import client_ip


@pytest.mark.django_db
def test_health_needs_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_when_the_database_answers(client):
    response = client.get("/ready/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["redis"]["status"] in ("ok", "not_configured")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_is_503_when_the_database_fails(client):
    with mock.patch.object(
        health.connections["default"], "cursor", side_effect=OperationalError("gone")
    ):
        response = client.get("/ready/")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"]["error"] == "OperationalError"
    assert "gone" not in response.content.decode()  # Details stay in the log.


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_ready_stays_200_but_degraded_when_redis_fails(client):
    with mock.patch("django_redis.get_redis_connection", side_effect=ConnectionError("refused")):
        response = client.get("/ready/")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["redis"]["status"] == "error"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "", "10.0.0.1"),  # runserver: no proxy
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy trusted: the header is ignored
        (1, "198.51.100.7", "198.51.100.7"),  # Nginx wrote it
        (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # forged prefix ignored
        (2, "203.0.113.9, 198.51.100.7, 192.0.2.1", "198.51.100.7"),  # LB + Nginx
        (1, "", "10.0.0.1"),  # header missing: the peer itself
    ],
)
def test_client_ip_counts_trusted_proxies_from_the_right(proxies, forwarded_for, expected):
    meta = {"REMOTE_ADDR": "10.0.0.1"}
    if forwarded_for:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    request = RequestFactory().get("/", **meta)

    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected

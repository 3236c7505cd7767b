"""Brute-force protection: Nginx's rate limit and django-axes' lockout, end to end."""

import itertools
import time

import pytest

NGINX_LIMITED = "<center>nginx</center>"
LOCKED_OUT = "Account locked"


def login_form(client, url: str) -> str:
    client.cookies.clear()
    response = client.get(url)
    assert response.status_code == 200
    return client.cookies["csrftoken"]


def post_login(client, url: str, password: str, forwarded_for: str):
    """One login attempt; waits out Nginx's rate limit so only Django decides."""
    for _ in range(10):
        response = client.post(
            url,
            data={
                "username": "admin",
                "password": password,
                "csrfmiddlewaretoken": client.cookies["csrftoken"],
            },
            headers={"Referer": url, "X-Forwarded-For": forwarded_for},
            allow_redirects=False,
        )
        if not (response.status_code == 429 and NGINX_LIMITED in response.text):
            return response
        time.sleep(6)  # 10 requests a minute: one slot every 6 s.
    pytest.fail("Nginx kept rate-limiting the login form")


@pytest.fixture
def reset_lockouts(stack):
    stack.manage("axes_reset")
    yield
    stack.manage("axes_reset")


def test_lockout_cannot_be_reset_with_a_forged_forwarded_for(stack, client, reset_lockouts):
    url = stack.url + "/admin/login/"
    password = stack.env["FOODIE_ADMIN_PASSWORD"]
    login_form(client, url)
    forged = (f"198.51.100.{n}" for n in itertools.count(1))
    limit = int(stack.env.get("AXES_FAILURE_LIMIT", 5))

    for _ in range(limit - 1):
        response = post_login(client, url, "wrong-password", next(forged))
        assert response.status_code == 200  # The form again, with an error.
        assert LOCKED_OUT not in response.text
    # The limit-th failure locks the client out ...
    response = post_login(client, url, "wrong-password", next(forged))
    assert response.status_code == 429
    assert LOCKED_OUT in response.text

    # ... even with the right password, even "from" yet another address.
    response = post_login(client, url, password, next(forged))
    assert response.status_code == 429
    assert LOCKED_OUT in response.text

    stack.manage("axes_reset")
    login_form(client, url)
    response = post_login(client, url, password, next(forged))
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/_util/authenticate_with_password/1/1/"], ids=["admin", "page"]
)
def test_nginx_rate_limits_login_and_password_forms(stack, client, path):
    statuses = [
        client.post(stack.url + path, data={"password": "x"}, allow_redirects=False)
        for _ in range(20)
    ]

    limited = [r for r in statuses if r.status_code == 429 and NGINX_LIMITED in r.text]
    assert len(limited) >= 20 - 6 - 1  # A burst of 5 (+1 slot) reaches Django.
    # Reading the form is never limited.
    assert client.get(stack.url + "/admin/login/").status_code == 200

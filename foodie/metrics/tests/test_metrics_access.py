"""/metrics answers only the scraper, judged at every hop of the forwarding chain.

tests/test_metrics_through_nginx.py shows the same through a real Nginx.
"""

import pytest

pytestmark = pytest.mark.django_db

# What our Nginx sends (nginx/templates/foodie/proxy.inc.template): X-Forwarded-For
# is replaced by the address of Nginx's own client; REMOTE_ADDR is Nginx.
NGINX = "127.0.0.1"


def scrape(client, remote_addr: str, forwarded_for: str | None = None) -> int:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return client.get("/metrics", REMOTE_ADDR=remote_addr, **headers).status_code


def test_by_default_only_loopback_may_scrape(client):
    assert scrape(client, "127.0.0.1") == 200
    assert scrape(client, "::1") == 200
    # The private networks are no longer trusted wholesale: a proxy, another
    # container or a neighbour on the network is not the scraper.
    for other in ("10.1.2.3", "172.30.42.10", "192.168.1.5", "203.0.113.9", "2001:db8::1"):
        assert scrape(client, other) == 404, other
    assert scrape(client, "not-an-address") == 404


def test_a_client_relayed_by_nginx_is_judged_by_its_own_address(client):
    assert scrape(client, NGINX, forwarded_for="203.0.113.9") == 404
    assert scrape(client, NGINX, forwarded_for="2001:db8::1") == 404
    assert scrape(client, NGINX, forwarded_for="unknown") == 404
    # The scraper itself, relayed by Nginx on the same host, still gets in.
    assert scrape(client, NGINX, forwarded_for="127.0.0.1") == 200


def test_the_client_chosen_by_any_trusted_proxy_count_is_judged(client, settings):
    # Two proxies (a load balancer, then Nginx): client_ip picks the left entry.
    settings.TRUSTED_PROXY_COUNT = 2
    assert scrape(client, NGINX, forwarded_for="203.0.113.9, 127.0.0.1") == 404
    # No proxy trusted (the development default): the header is still judged.
    settings.TRUSTED_PROXY_COUNT = 0
    assert scrape(client, NGINX, forwarded_for="203.0.113.9") == 404


def test_a_forged_header_cannot_let_an_outside_client_in(client):
    """Reaching Gunicorn directly and claiming to be relayed for the scraper."""
    assert scrape(client, "203.0.113.9", forwarded_for="127.0.0.1") == 404


def test_the_scraper_is_named_by_the_deployment(client, settings):
    """Compose names its Prometheus (docker-compose.yml); nothing else may scrape."""
    settings.METRICS_ALLOWED_NETWORKS = ["172.30.42.20/32"]
    assert scrape(client, "172.30.42.20") == 200
    assert scrape(client, "172.30.42.10") == 404  # Nginx, on the same network
    assert scrape(client, "172.30.42.10", forwarded_for="172.30.42.20") == 404
    assert scrape(client, "127.0.0.1") == 404

"""The client's address behind our proxies, for django-axes' lockouts and /metrics."""

from django.conf import settings
from django.http import HttpRequest


def forwarding_chain(request: HttpRequest) -> list[str]:
    """X-Forwarded-For's entries, then REMOTE_ADDR: every hop the request names."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    chain.append(request.META.get("REMOTE_ADDR", ""))
    return chain


def client_ip(request: HttpRequest) -> str:
    """The address ``TRUSTED_PROXY_COUNT`` hops from the right of the forwarding chain.

    The chain is X-Forwarded-For followed by REMOTE_ADDR. Each trusted proxy appends
    (ours sets) the address it received the request from, so only the right-most
    entries are facts; anything further left was written by the client. With one
    proxy (Nginx), the client is the last X-Forwarded-For entry, whatever the client
    sent. With no proxy (runserver, tests) it is REMOTE_ADDR.
    """
    chain = forwarding_chain(request)
    hops = max(settings.TRUSTED_PROXY_COUNT, 0)
    return chain[max(len(chain) - 1 - hops, 0)]

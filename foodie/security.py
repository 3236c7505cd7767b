"""The client's address behind our proxies, for django-axes' lockouts, /metrics and
readers' rate limits."""

import ipaddress
import time

from django.conf import settings
from django.core.cache import caches
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


def rate_limit_client(request: HttpRequest) -> str:
    """Whom a rate limit counts: the client's address, or its /64 for IPv6 (one
    subscriber's whole allocation, which a client can rotate through at will)."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def seconds_left_in_window(period: int) -> int:
    """Seconds until the current ``period``-second rate-limit window ends."""
    return period - int(time.time()) % period


def over_rate_limit(request: HttpRequest, scope: str, limit: int, period: int) -> bool:
    """Count this request against its client's allowance of ``limit`` requests in each
    ``period``-second window (fixed to the clock) for ``scope``; True once it is spent.

    Counted in the default cache (Redis in production, shared by every worker and
    node). If the cache cannot count (Redis down: django-redis ignores the error), the
    request is let through: Nginx's own limit still applies.
    """
    window = int(time.time() // period)
    key = f"rate-limit:{scope}:{rate_limit_client(request)}:{window}"
    cache = caches["default"]
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the window's first
        cache.set(key, 1, timeout=period)
        count = 1
    return count is not None and count > limit

"""The /metrics endpoint: every worker's counters plus scrape-time gauges."""

import ipaddress

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from foodie.security import forwarding_chain

from .collectors import ContentCollector
from .counters import workers_registry


def client_allowed(request: HttpRequest) -> bool:
    """Only the scraper: every address in the forwarding chain is in METRICS_ALLOWED_NETWORKS.

    A request relayed by a proxy is judged by the client it relays (X-Forwarded-For,
    which our Nginx sets to its own peer), not by the proxy's address: an outside
    client relayed by Nginx is refused even if Nginx's own /metrics block were removed.
    The connecting address must pass too, so a client reaching Gunicorn directly
    cannot get in by writing X-Forwarded-For; whatever it writes only adds hops that
    must pass. The chain is the one foodie.security.client_ip reads, so the client it
    picks, however many proxies are trusted, is always judged.
    """
    networks = [ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_NETWORKS]
    for hop in forwarding_chain(request):
        try:
            address = ipaddress.ip_address(hop)
        except ValueError:
            return False
        if not any(address in network for network in networks):
            return False
    return True


def metrics(request: HttpRequest) -> HttpResponse:
    if not client_allowed(request):
        raise Http404
    content = CollectorRegistry(auto_describe=False)
    content.register(ContentCollector())
    body = generate_latest(workers_registry()) + generate_latest(content)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)

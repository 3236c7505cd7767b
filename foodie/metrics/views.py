"""The /metrics endpoint: every worker's counters plus scrape-time gauges."""

import ipaddress

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from .collectors import ContentCollector
from .counters import workers_registry


def client_allowed(request: HttpRequest) -> bool:
    """Only the internal network may scrape (Nginx also hides /metrics from outside)."""
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_NETWORKS)


def metrics(request: HttpRequest) -> HttpResponse:
    if not client_allowed(request):
        raise Http404
    content = CollectorRegistry(auto_describe=False)
    content.register(ContentCollector())
    body = generate_latest(workers_registry()) + generate_latest(content)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)

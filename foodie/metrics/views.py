"""The /metrics endpoint: every worker's counters plus scrape-time gauges."""

import ipaddress
import os

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from .collectors import ContentCollector


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
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Every worker's counters, summed (django-prometheus documentation/exports.md).
        workers = CollectorRegistry()
        MultiProcessCollector(workers)
    else:
        workers = REGISTRY
    content = CollectorRegistry(auto_describe=False)
    content.register(ContentCollector())
    body = generate_latest(workers) + generate_latest(content)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)

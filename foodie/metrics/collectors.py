"""Gauges computed when Prometheus scrapes, so they are right with any number of workers.

A Gauge set by one worker would be one series per process in multiprocess mode (and
stale after a worker is recycled); counting at scrape time needs no shared state.
"""

from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from wagtail.models import Page

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector


class ContentCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        live = GaugeMetricFamily(
            "foodie_live_pages",
            "Live, public pages by page type (counted at scrape time).",
            labels=["page_type"],
        )
        # order_by() clears the tree ordering, which would split the GROUP BY per page.
        pages = Page.objects.live().public().order_by()
        rows = pages.values("content_type").annotate(count=Count("id"))
        for row in rows:
            model = ContentType.objects.get_for_id(row["content_type"]).model_class()
            live.add_metric([model._meta.label], row["count"])
        yield live

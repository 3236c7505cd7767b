"""Prometheus metrics: the /metrics export, scrape-time content gauges, publish counts
and the page cache's counters (``page_cache``).

Counters are defined with prometheus_client and work in multiprocess mode (several
Gunicorn workers): with PROMETHEUS_MULTIPROC_DIR set, the export aggregates every
worker's counters (see gunicorn.conf.py for the directory's life cycle).
"""

"""Purging the edge caches in front of the app, through ``wagtail.contrib.frontend_cache``.

``purge.py`` decides which paths a change affects (one source of truth) and calls
``purge_edge`` right after the page cache's own purge, so every configured frontend
(``settings.WAGTAILFRONTENDCACHE``: each Nginx node, CloudFront, Cloudflare) drops
the same paths. A failure raises ``EdgePurgeFailed``, so the caller's retry keeps it.

Wagtail's backends log a failed purge and carry on (its HTTP backend even treats
Nginx's "nothing cached under that key" 404 as an error). ``NginxPurgeBackend``
sends the same PURGE request with a timeout, takes 200 and 404 as done and raises
on anything else; for the other backends a failure is the error they log, caught
here for the duration of the call.

Wagtail's own publish/unpublish signal handlers are disconnected (``apps.py``):
they purge before the transaction commits and only the page itself, while the
page cache purges on commit everything that shows the page.
"""

import logging
import threading
from collections.abc import Iterable
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)
WAGTAIL_LOGGER = "wagtail.frontendcache"
PURGE_TIMEOUT_SECONDS = 5


class EdgePurgeFailed(Exception):
    """A frontend cache did not confirm a purge."""


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend for Nginx's cache-purge module: 200 (purged) and
    404 (nothing was cached under that key) are both done; anything else, or no
    answer within ``PURGE_TIMEOUT_SECONDS``, raises."""

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={"Host": parts.netloc, "User-Agent": "Foodie-edge-purge"},
        )
        try:
            with urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):
                pass
        except HTTPError as error:
            if error.code != 404:
                raise EdgePurgeFailed(f"{self.cache_netloc}: PURGE {url}: {error.code}") from error
        except (URLError, OSError) as error:
            raise EdgePurgeFailed(f"{self.cache_netloc}: PURGE {url}: {error}") from error


class _ErrorsOfThisThread(logging.Handler):
    """Collects the errors Wagtail's backends log in the calling thread."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


def edge_urls(paths: Iterable[str]) -> list[str]:
    """The public URLs of ``paths`` (``EDGE_CACHE_BASE_URL``: the site as readers see it)."""
    base = settings.EDGE_CACHE_BASE_URL.rstrip("/")
    return sorted(base + path for path in paths)


def purge_edge(paths: set[str]) -> None:
    """Purge ``paths`` from every configured frontend cache; raise ``EdgePurgeFailed``
    if any of them did not confirm (the others are still purged)."""
    backends = get_backends()
    if not paths or not backends:
        return
    urls = edge_urls(paths)
    failures = []
    wagtail_logger = logging.getLogger(WAGTAIL_LOGGER)
    for name, backend in backends.items():
        errors = _ErrorsOfThisThread()
        wagtail_logger.addHandler(errors)
        try:
            backend.purge_batch(urls)
        except Exception as error:  # any backend failure is a failed purge
            failures.append(f"{name}: {error}")
        finally:
            wagtail_logger.removeHandler(errors)
        failures += [f"{name}: {message}" for message in errors.messages]
    if failures:
        raise EdgePurgeFailed("; ".join(failures))
    logger.info("Purged %d paths from %d edge caches", len(urls), len(backends))

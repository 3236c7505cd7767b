"""What the page cache may serve and store (wagtail-cache's request/response hooks).

wagtail-cache's own rules store responses that must never be shared (cookie-setting,
``no-store``, ``Vary: *``, mixed-case directives). These rules close that; the hooks
in ``wagtail_hooks.py`` apply them.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re

# Paths never served from or stored in the page cache.
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/search/",
    "/metrics",
    "/health/",
    "/ready/",
    "/api/",
    "/documents/",
    "/static/",
    "/media/",
)
UNSHAREABLE_DIRECTIVES = {"private", "no-store", "no-cache"}
# Markers of HTML made for one visitor: a CSRF token or the Wagtail userbar.
PERSONAL_MARKERS = (b"csrfmiddlewaretoken", b"wagtail-userbar")


def is_request_cacheable(request: HttpRequest) -> bool:
    """Anonymous GET/HEAD outside the never-cached paths, with no session.

    The session cookie, not ``request.user``, decides: the fetch runs before the
    session and auth middleware (hits skip them), and any visitor with a session (an
    editor, or a reader who unlocked a password-protected page) must not share pages.
    """
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and (not request.GET or _is_page_route(request))
    )


def _is_page_route(request: HttpRequest) -> bool:
    """Only Wagtail pages say which query parameters they use (``cache_query_params``);
    other views (sitemap, feeds) are cached without a query string only."""
    try:
        return resolve(request.path_info).url_name == "wagtail_serve"
    except Resolver404:
        return False


def cache_control_directives(response: HttpResponse) -> set[str]:
    header = response.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in cc_delim_re.split(header) if part}


def is_response_cacheable(response: HttpResponse) -> bool:
    """Never store a response that is personal, asks not to be stored, or cannot be."""
    if response.streaming or response.cookies:
        return False
    # A 304 answers one client's validators (If-None-Match / If-Modified-Since); stored,
    # it would be replayed as an empty body to readers who sent none.
    if response.status_code == 304:
        return False
    if cache_control_directives(response) & UNSHAREABLE_DIRECTIVES:
        return False
    vary = {v.strip() for v in cc_delim_re.split(response.get("Vary", ""))}
    if "*" in vary:
        return False
    content = response.content
    return not any(marker in content for marker in PERSONAL_MARKERS)


def refuse_to_store(request: HttpRequest, reason: str) -> None:
    """Let a view mark its response as not for the page cache (served, never stored).

    Used for query strings a page does not use or values it does not recognise, so
    that arbitrary URLs cannot multiply cache entries.
    """
    request.page_cache_refused = reason


def apply_refusal(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if getattr(request, "page_cache_refused", None):
        response["Cache-Control"] = "private"
    return response

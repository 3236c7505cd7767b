"""What the page cache may serve and store (wagtail-cache's request/response hooks).

wagtail-cache's own rules store responses that must never be shared (cookie-setting,
``no-store``, ``Vary: *``, mixed-case directives), and 404s and redirects for any
path anyone makes up. These rules close that: only what a reader can legitimately
ask for is stored (a page, in its one canonical URL, or a view whose path the purges
know), so the number of entries is bounded by the content, not by the requests. The
hooks in ``wagtail_hooks.py`` apply them.
"""

from functools import lru_cache
from types import ModuleType

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, get_urlconf, resolve
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
    """Anonymous GET/HEAD of a page or a listing view, with no session.

    The session cookie, not ``request.user``, decides: the fetch runs before the
    session and auth middleware (hits skip them), and any visitor with a session (an
    editor, or a reader who unlocked a password-protected page) must not share pages.
    """
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and _is_storable_route(request)
    )


def _is_storable_route(request: HttpRequest) -> bool:
    """A Wagtail page (each page says which query strings it answers, ``CachedPage``),
    or, without any query string, a view that lists pages and that purges therefore
    cover (``PAGE_CACHE_LISTING_URLS``: the sitemap, the feeds).

    Nothing else: a path that resolves to nothing would be one 404 entry per made-up
    path, and a view purges do not know would stay stale.
    """
    name = view_name(get_urlconf() or settings.ROOT_URLCONF, request.path_info)
    if name == "wagtail_serve":
        return True
    return name in settings.PAGE_CACHE_LISTING_URLS and not request.META.get("QUERY_STRING")


# Paths whose view is remembered: the pages readers ask for most (the page cache's
# hits) skip URL resolution, which tries every pattern before Wagtail's catch-all.
ROUTES_REMEMBERED = 1024


@lru_cache(maxsize=ROUTES_REMEMBERED)
def view_name(urlconf: str | ModuleType, path_info: str) -> str | None:
    """The name of the view ``path_info`` resolves to in ``urlconf`` (None: no view).

    Memoised: a URLconf does not change while a process runs (tests that swap
    ``ROOT_URLCONF`` get another key).
    """
    try:
        return resolve(path_info, urlconf).view_name
    except Resolver404:
        return None


def cache_control_directives(response: HttpResponse) -> set[str]:
    header = response.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in cc_delim_re.split(header) if part}


def is_response_cacheable(response: HttpResponse) -> bool:
    """Only a 200 that is not personal, does not ask not to be stored, and can be."""
    # Not a 404 or a redirect (APPEND_SLASH's, a canonical query's, the redirects
    # app's): any made-up URL gets one, so storing them lets requests fill the cache.
    # Not a 304 either: it answers one client's validators (If-None-Match), and
    # would be replayed as an empty body to readers who sent none.
    if response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    if cache_control_directives(response) & UNSHAREABLE_DIRECTIVES:
        return False
    vary = {v.strip() for v in cc_delim_re.split(response.get("Vary", ""))}
    if "*" in vary:
        return False
    content = response.content
    return not any(marker in content for marker in PERSONAL_MARKERS)


def drop_cookie_vary(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """No ``Vary: Cookie`` on what the caches may share (a page for a visitor without a
    session).

    Django adds it whenever a template looks at ``request.user`` (Wagtail's userbar
    does, on every page), and wagtail-cache keeps it when the visitor holds a CSRF
    cookie (a reader who rated a recipe): the page cache would then keep one copy per
    cookie value, and Nginx a variant its purges cannot reach. The page does not
    depend on that cookie (HTML with a CSRF token is never stored, and a session
    bypasses both caches), so the header goes.
    """
    if not is_request_cacheable(request) or not response.has_header("Vary"):
        return response
    kept = [v.strip() for v in cc_delim_re.split(response["Vary"]) if v.strip()]
    kept = [header for header in kept if header.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]
    return response


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

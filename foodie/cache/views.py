"""Admin views: the operators' dashboard and the purge actions (POST with CSRF)."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.models import Page

from foodie.metrics.page_cache import PurgeReason

from . import stats
from .models import PendingPurge
from .purge import page_paths, paths_for_page_change, purge_all, purge_paths

logger = logging.getLogger(__name__)


def can_purge(user) -> bool:
    """Operators (superusers) purge everything and see the dashboard."""
    return user.is_active and user.is_superuser


def dashboard(request: HttpRequest) -> HttpResponse:
    if not can_purge(request.user):
        raise PermissionDenied
    rows = stats.request_counts()
    try:
        storage = stats.storage()
    except Exception as error:  # Redis down: say so rather than fail the page.
        logger.exception("Page-cache storage stats unavailable")
        storage = {"error": str(error)}
    return TemplateResponse(
        request,
        "pagecache/dashboard.html",
        {
            "rows": rows,
            "overall": stats.total(rows),
            "storage": storage,
            "pending_purges": PendingPurge.objects.count(),
        },
    )


@require_POST
def purge_everything(request: HttpRequest) -> HttpResponse:
    if not can_purge(request.user):
        raise PermissionDenied
    purge_all(PurgeReason.ADMIN)
    messages.success(request, "The page cache is empty: every page will be rendered afresh.")
    return redirect("pagecache_dashboard")


@require_http_methods(["GET", "POST"])
def purge_page(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, id=page_id).specific
    if not (can_purge(request.user) or page.permissions_for_user(request.user).can_publish()):
        raise PermissionDenied
    if request.method == "GET":
        return TemplateResponse(
            request,
            "pagecache/confirm_purge.html",
            {"page": page, "paths": sorted(page_paths(page))},
        )
    purged = purge_paths(paths_for_page_change(page), PurgeReason.ADMIN_PAGE)
    messages.success(
        request,
        f"Purged “{page.get_admin_display_title()}” and the pages that show it ({purged} paths).",
    )
    return redirect("wagtailadmin_explore", page.get_parent().id)

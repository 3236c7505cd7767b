"""Saves of one page in the admin happen one at a time, so colliding saves never fail.

A double click on "Save draft", autosave racing a click, or two tabs publishing send
the same save at once. Wagtail's create view validates the slug, then inserts the page:
between the two, a concurrent save of the same new page wins, and the loser's
``Page.save()`` raises a ValidationError (a 500); on SQLite the losers failed with
"database is locked". Here each save runs in one transaction that first locks the
page it writes under (the parent for a new page, the page itself for an edit), and a
create that finds its own twin, just created by the same editor, becomes an edit of
that page: its content is kept as a revision and the editor lands on the edit view.

The views are Wagtail's, routed at Wagtail's own URLs ahead of ``wagtail.admin.urls``
(see ``urlpatterns``); NOTES.md ("Colliding saves") records why.
"""

from collections.abc import Callable
from datetime import timedelta
from functools import update_wrapper

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views import View

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import create, edit
from wagtail.models import Page

# A twin arrives while its first save still runs; no request waits on the lock
# longer than Gunicorn's timeout (60 s), so anything older is a deliberate new page.
TWIN_WINDOW = timedelta(seconds=60)


def lock_page(page_id: int) -> None:
    """Hold the page's row until the transaction ends (SQLite: its IMMEDIATE transaction
    already holds the whole database)."""
    list(Page.objects.select_for_update().filter(pk=page_id).values_list("pk"))


def twin_of_new_page(request: HttpRequest, parent: Page) -> Page | None:
    """The page this create request already made: same parent and slug, same editor,
    created within ``TWIN_WINDOW``."""
    slug = request.POST.get("slug", "")
    twin = parent.get_children().filter(slug=slug, owner=request.user).first() if slug else None
    if twin is None:
        return None
    first = twin.revisions.order_by("created_at").values_list("created_at", flat=True).first()
    return twin if first and timezone.now() - first < TWIN_WINDOW else None


class CreateView(create.CreateView):
    def post(self, request: HttpRequest) -> HttpResponse:
        with transaction.atomic():
            lock_page(self.parent_page.pk)
            # The save that held the lock before may have added a child: treebeard
            # reads the parent's numchild from this instance to place the new page.
            self.parent_page.refresh_from_db(fields=["path", "depth", "numchild"])
            twin = twin_of_new_page(request, self.parent_page)
            if twin is not None:
                return EditView.as_view()(request, page_id=twin.pk)
            return super().post(request)


class EditView(edit.EditView):
    def dispatch(self, request: HttpRequest, page_id: int, **kwargs) -> HttpResponse:
        if request.method != "POST":
            return super().dispatch(request, page_id, **kwargs)
        # Locked before Wagtail reads the latest revision, so a save sees the one before.
        with transaction.atomic():
            lock_page(page_id)
            return super().dispatch(request, page_id, **kwargs)


def admin_view(view_class: type[View]) -> Callable[..., HttpResponse]:
    """The view as Wagtail's admin URLs serve theirs (behind ``require_admin_access``)."""
    view = view_class.as_view()
    return update_wrapper(require_admin_access(view), view)


# Wagtail's paths for these two views (wagtail/admin/urls/pages.py), matched first.
urlpatterns = [
    path(
        "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        admin_view(CreateView),
    ),
    path("pages/<int:page_id>/edit/", admin_view(EditView)),
]

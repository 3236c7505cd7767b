"""Which create requests count as a twin of a page just made (foodie/core/page_saves.py).

The colliding requests themselves are sent to a real server in
tests/test_concurrent_saves.py; here, one request at a time, the rule that decides
whether a create becomes an edit of an existing page.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import resolve, reverse
from django.utils import timezone

from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from foodie.core import page_saves
from home.models import StandardPage


def create_form(title: str, slug: str) -> dict[str, str]:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "body": streamfield([("paragraph", rich_text(f"<p>{title}</p>"))]),
            "comments": inline_formset([]),
        }
    )


@pytest.fixture
def existing(site, admin_user) -> StandardPage:
    page = StandardPage(title="Soup notes", slug="soup-notes", owner=admin_user)
    site.root_page.add_child(instance=page)
    page.save_revision(user=admin_user)
    return page


def add_url(site) -> str:
    return reverse("wagtailadmin_pages:add", args=["home", "standardpage", site.root_page.pk])


def test_wagtails_page_save_urls_reach_the_locking_views(site, existing):
    assert resolve(add_url(site)).func.view_class is page_saves.CreateView
    edit_url = reverse("wagtailadmin_pages:edit", args=[existing.pk])
    assert resolve(edit_url).func.view_class is page_saves.EditView


@pytest.mark.django_db
def test_the_same_editors_second_save_of_a_new_page_becomes_an_edit(admin_client, site, existing):
    response = admin_client.post(add_url(site), create_form("Soup notes, again", "soup-notes"))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[existing.pk])
    assert StandardPage.objects.filter(slug="soup-notes").count() == 1
    latest = existing.revisions.order_by("-created_at").first()
    assert latest.content["title"] == "Soup notes, again"


@pytest.mark.django_db
def test_another_editors_page_with_that_slug_is_never_overwritten(client, site, existing):
    other = get_user_model().objects.create_superuser("other", "other@example.com", "x")
    client.force_login(other)

    response = client.post(add_url(site), create_form("Soup notes", "soup-notes"))

    assert response.status_code == 200
    assert "is already in use within the parent page" in response.content.decode()
    assert existing.revisions.count() == 1


@pytest.mark.django_db
def test_a_page_made_long_ago_is_not_a_twin(admin_client, site, existing):
    Revision.objects.filter(object_id=str(existing.pk)).update(
        created_at=timezone.now() - page_saves.TWIN_WINDOW - timedelta(seconds=1)
    )

    response = admin_client.post(add_url(site), create_form("Soup notes", "soup-notes"))

    assert response.status_code == 200
    assert "is already in use within the parent page" in response.content.decode()
    assert existing.revisions.count() == 1

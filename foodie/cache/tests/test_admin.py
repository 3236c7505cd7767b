"""The operators' page-cache dashboard."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_dashboard_shows_counts_by_page_type_and_storage(client, tree, django_user_model):
    client.get(tree["dal"].url)
    client.get(tree["dal"].url)
    client.force_login(django_user_model.objects.create_superuser("op", "o@example.com", "x"))
    response = client.get(reverse("pagecache_dashboard"))
    assert response.status_code == 200
    rows = {row.page_type: row for row in response.context["rows"]}
    assert rows["recipes.RecipePage"].counts["hit"] >= 1
    assert rows["recipes.RecipePage"].hit_ratio is not None
    assert response.context["storage"]["entries"] >= 1
    html = response.content.decode()
    assert "recipes.RecipePage" in html
    assert f'action="{reverse("pagecache_purge_all")}"' in html and 'method="post"' in html


def test_editors_without_publish_rights_cannot_purge(client, status, tree, django_user_model):
    assert status(tree["dal"].url) == "miss"
    editor = django_user_model.objects.create_user("ed", "e@example.com", "x")
    group = Group.objects.create(name="Readers of admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    # Wagtail's admin answers a permission error by sending the user to the dashboard.
    for response in (
        client.get(reverse("pagecache_dashboard")),
        client.post(reverse("pagecache_purge_all")),
        client.post(reverse("pagecache_purge_page", args=[tree["dal"].pk])),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    client.logout()
    assert status(tree["dal"].url) == "hit"  # nothing was purged

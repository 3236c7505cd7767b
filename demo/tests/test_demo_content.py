"""``manage.py load_demo_content``: idempotent, creates the admin, skips when asked.

Loading the demo site is the slowest thing in the suite, so one test loads it and
checks everything that needs it loaded.
"""

import io
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.fields import StreamField
from wagtail.models import Page

import pytest

from demo.content.loader import ensure_admin
from foodie.core.models import Author, FoodieImage, NavigationSettings, SiteSettings
from recipes.models import Rating, RatingSummary


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_loads_once_and_is_idempotent(client, site, settings):
    settings.FOODIE_ADMIN_USERNAME = "admin"
    settings.FOODIE_ADMIN_PASSWORD = ""

    first = load("--if-empty")
    assert "Demo content loaded." in first
    password = re.search(r"Created admin user 'admin' with password: (\S+)", first).group(1)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)

    assert Author.objects.count() >= 4
    assert all(author.photo for author in Author.objects.all())
    assert FoodieImage.objects.exists()
    assert not FoodieImage.objects.filter(description="").exists()
    assert SiteSettings.for_site(site).tagline
    assert len(NavigationSettings.for_site(site).main_menu) >= 2
    # Rated recipes show their ratings; one note waits for an editor.
    dal = RatingSummary.objects.get(recipe__slug="dal-tadka")
    assert (dal.count, dal.note_count, dal.stale) == (3, 2, False)
    assert Rating.objects.filter(status="pending").count() == 1

    after_first = row_counts()
    second = load()
    assert "password" not in second  # credentials are shown once
    assert row_counts() == after_first

    skipped = load("--if-empty")
    assert "skipping" in skipped
    assert row_counts() == after_first

    # One page of each type: rendering every demo page would only repeat this.
    one_of_each = {}
    for page in Page.objects.live().filter(depth__gte=2).order_by("path"):
        one_of_each.setdefault(page.content_type_id, page)
    assert len(one_of_each) >= 2
    for page in one_of_each.values():
        assert client.get(page.url).status_code == 200, page.url

    # An editor can save every demo page unchanged: its StreamFields pass their blocks'
    # validation, as the admin's form does.
    for page in Page.objects.live().specific():
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                field.stream_block.clean(getattr(page, field.name))


@pytest.mark.django_db
def test_admin_credentials_from_the_settings(settings):
    settings.FOODIE_ADMIN_USERNAME = "chef"
    settings.FOODIE_ADMIN_PASSWORD = "a-long-test-password"
    out = io.StringIO()
    ensure_admin(out.write)
    assert "a-long-test-password" not in out.getvalue()
    assert "from FOODIE_ADMIN_PASSWORD" in out.getvalue()
    chef = get_user_model().objects.get(username="chef")
    assert chef.is_superuser
    assert chef.check_password("a-long-test-password")

"""Project-wide pytest fixtures.

Tests that need a real service are marked ``postgres`` or ``redis``. Without the
service they skip with a reason; with FOODIE_REQUIRE_SERVICES=1 (as in CI) a
missing service fails the test instead, so CI can never pass by skipping.
"""

import os

from django.conf import settings
from django.core.cache import caches
from django.db import connection

import pytest

from tests.publishing import publish
from tests.services import missing_service as _missing_service


@pytest.fixture(autouse=True)
def _require_marked_services(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _missing_service("needs PostgreSQL: set DATABASE_URL=postgres://...")
    if request.node.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        _missing_service("needs Redis: set REDIS_URL=redis://...")


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        _missing_service("needs Redis: set REDIS_URL=redis://...")
    return url


@pytest.fixture(autouse=True)
def _clear_caches() -> None:
    """Start every test with empty caches.

    The database rolls back after each test but caches do not: a rendition or a
    setting cached by one test would otherwise leak into the next one and change
    what it renders and how many queries it makes.
    """
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def site(db):
    """The default Wagtail site; its root is the HomePage the migrations create."""
    from wagtail.models import Site

    return Site.objects.select_related("root_page").get(is_default_site=True)


@pytest.fixture
def home(site):
    """The site's HomePage as the migrations leave it (``home_page`` fills it in)."""
    return site.root_page.specific


@pytest.fixture
def image(db):
    """One small, real image, drawn in memory by Pillow."""
    from foodie.core.factories import ImageFactory

    return ImageFactory(title="Tomato salad", description="Sliced tomatoes with basil")


@pytest.fixture
def home_page(site, image):
    """The site's HomePage with a hero image and a body, published."""
    home = site.root_page.specific
    home.hero_image = image
    home.hero_heading = "Cook something good tonight"
    home.hero_intro = "Tested recipes from home kitchens."
    home.search_description = "Foodie: tested recipes and food writing."
    home.body = [
        ("heading", {"text": "This week", "level": "h2"}),
        ("paragraph", "<p>Soup season is here.</p>"),
        ("image", {"image": image, "caption": "Lunch", "alt_text": "", "credit": ""}),
    ]
    return publish(home)

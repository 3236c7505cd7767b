"""What the page cache serves and stores: each rule proven with two requests."""

from django.conf import settings
from django.test import Client
from django.urls import resolve
from django.utils.crypto import get_random_string

import pytest

pytestmark = pytest.mark.django_db

UNSHAREABLE_VIEWS = [
    "/t/cookie/",
    "/t/no-store/",
    "/t/private/",
    "/t/no-cache/",
    "/t/vary-star/",
    "/t/csrf/",
    "/t/stream/",
    "/t/not-modified/",
]
CONTROL_VIEW = "/t/plain/"


@pytest.fixture
def test_urls(settings):
    """The test views, stored as the sitemap and feeds are (views the purges know), so
    only the response rules can refuse them."""
    settings.ROOT_URLCONF = "foodie.cache.tests.views_for_tests"
    settings.PAGE_CACHE_LISTING_URLS = [
        resolve(path).view_name for path in [*UNSHAREABLE_VIEWS, CONTROL_VIEW]
    ]


def test_a_public_page_is_stored_then_served(status, tree):
    assert status(tree["about"].url) == "miss"
    assert status(tree["about"].url) == "hit"


def test_a_hit_makes_no_database_query(client, tree, django_assert_num_queries):
    client.get(tree["dal"].url)
    with django_assert_num_queries(0):
        response = client.get(tree["dal"].url)
    assert response["X-Wagtail-Cache"] == "hit"
    assert response["X-Page-Type"] == "recipes.RecipePage"


def test_browsers_must_revalidate_html(client, tree):
    for expected in ("miss", "hit"):
        response = client.get(tree["about"].url)
        assert response["X-Wagtail-Cache"] == expected
        assert response["Cache-Control"] == "no-cache"
        assert not response.has_header("Expires")


@pytest.mark.parametrize("path", UNSHAREABLE_VIEWS)
def test_unshareable_responses_are_never_stored(status, test_urls, db, path):
    assert status(path) == "skip"
    assert status(path) == "skip"


def test_the_control_view_is_stored(status, test_urls, db):
    assert status(CONTROL_VIEW) == "miss"
    assert status(CONTROL_VIEW) == "hit"


def test_post_and_previews_skip(client, tree):
    assert client.post(tree["about"].url)["X-Wagtail-Cache"] == "skip"
    assert client.get(tree["about"].url)["X-Wagtail-Cache"] == "miss"


@pytest.mark.parametrize("restriction", ["password", "login", "groups"])
def test_restricted_pages_are_never_stored(status, tree, restriction):
    from django.contrib.auth.models import Group

    page = tree["about"]
    view_restriction = page.view_restrictions.create(
        restriction_type=restriction, password="secret"
    )
    if restriction == "groups":
        view_restriction.groups.add(Group.objects.create(name="Members"))
    assert status(page.url) == "skip"
    assert status(page.url) == "skip"


def test_editors_never_get_or_leave_cached_pages(client, tree, django_user_model):
    url = tree["about"].url
    assert client.get(url)["X-Wagtail-Cache"] == "miss"
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "x"))
    for _ in range(2):
        response = client.get(url)
        assert response["X-Wagtail-Cache"] == "skip"
        assert b"wagtail-userbar" in response.content
    client.logout()
    response = client.get(url)
    assert response["X-Wagtail-Cache"] == "hit"
    assert b"wagtail-userbar" not in response.content


def test_a_csrf_cookie_shares_the_page_entry(tree):
    """A reader who rated a recipe holds a CSRF cookie: their page is everyone's (no
    copy per cookie value in the page cache, no variant Nginx's purge cannot reach)."""
    url = tree["dal"].url
    statuses = []
    for cookie in (get_random_string(32), None, get_random_string(32)):
        reader = Client()
        if cookie:
            reader.cookies[settings.CSRF_COOKIE_NAME] = cookie
        response = reader.get(url)
        assert "Cookie" not in response.get("Vary", "")
        statuses.append(response["X-Wagtail-Cache"])
    assert statuses == ["miss", "hit", "hit"]


def test_tracking_parameters_share_the_page_entry(status, tree):
    url = tree["about"].url
    assert status(url) == "miss"
    assert status(url + "?utm_source=news&utm_medium=email&gclid=1&fbclid=2") == "hit"


@pytest.mark.parametrize(
    "query",
    [
        "?foo=1",
        "?course=nonsense",
        "?diet=unknown",
        "?max_time=abc",
        "?page=abc",
        "?page=999",
        "?page=-1",
    ],
)
def test_unused_or_unrecognised_query_strings_are_served_uncached(status, client, tree, query):
    url = tree["index"].url + query
    assert client.get(url).status_code == 200
    assert status(url) == "skip"
    assert status(url) == "skip"


def test_recognised_filters_are_cached(status, tree):
    url = tree["index"].url + "?cuisine=indian"
    assert status(url) == "miss"
    assert status(url) == "hit"


def test_empty_filter_values_redirect_to_one_canonical_url(client, tree):
    response = client.get(tree["index"].url + "?course=&cuisine=indian&diet=&max_time=")
    assert response.status_code == 302
    assert response["Location"] == tree["index"].url + "?cuisine=indian"


@pytest.mark.parametrize(
    "path",
    ["/search/?q=dal", "/admin/login/", "/sitemap.xml?x=1", "/static/foodie/css/foodie.css"],
)
def test_never_cached_paths(status, tree, path):
    assert status(path) in ("skip", "")
    assert status(path) in ("skip", "")


@pytest.mark.parametrize("path", ["/no-such-page/", "/no-such-page/?x=1", "/no-slash"])
def test_not_found_and_its_redirects_are_never_stored(status, tree, path):
    assert status(path) in ("skip", "")
    assert status(path) in ("skip", "")


def test_the_embedded_default_page_cache_hits(client, settings, tree):
    """The local-memory caches `make run` uses (no REDIS_URL) serve hits too.

    CI runs the suite with Redis, so this checks the embedded default's own CACHES,
    read from the development settings without REDIS_URL.
    """
    from tests.test_settings import settings_values

    settings.CACHES = settings_values(
        "foodie.settings.development", "s.CACHES", REDIS_URL="", PAGE_CACHE_REDIS_URL=""
    )
    assert client.get(tree["about"].url)["X-Wagtail-Cache"] == "miss"
    assert client.get(tree["about"].url)["X-Wagtail-Cache"] == "hit"


def test_a_path_is_resolved_once_for_its_miss_and_its_hits(client, tree, monkeypatch):
    """A hit does not resolve its path again: URL resolution tries every pattern
    before Wagtail's catch-all, on the hottest path of the site."""
    from foodie.cache import rules

    resolved = []

    def counting_resolve(path, urlconf=None):
        resolved.append(path)
        return resolve(path, urlconf)

    monkeypatch.setattr(rules, "resolve", counting_resolve)
    rules.view_name.cache_clear()
    url = tree["about"].url
    for expected in ("miss", "hit", "hit"):
        assert client.get(url)["X-Wagtail-Cache"] == expected

    assert resolved == [url]


def test_routes_are_remembered_per_urlconf():
    """A test's ``ROOT_URLCONF`` resolves a path afresh, not as the project's did."""
    from foodie.cache.rules import view_name

    tests_urlconf = "foodie.cache.tests.views_for_tests"
    assert view_name("foodie.urls", "/t/plain/") == "wagtail_serve"  # Wagtail's catch-all
    assert view_name(tests_urlconf, "/t/plain/") == resolve("/t/plain/", tests_urlconf).view_name
    assert view_name(tests_urlconf, "/t/plain/") != "wagtail_serve"
    assert view_name("foodie.urls", "/no-slash") is None

"""What crawlers, feed readers and API clients see: sitemap.xml, robots.txt, the feeds and
the API v2."""

import xml.etree.ElementTree as ET

from django.utils.timezone import localtime

from wagtail.models import PageViewRestriction

import pytest

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from home.factories import StandardPageFactory
from recipes.factories import RecipeIndexPageFactory, RecipePageFactory
from tests.visibility import assert_not_shown, hidden_pages

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def pages(home_page):
    """A published page, a draft, a page behind a password and one behind a login."""
    return {
        "public": StandardPageFactory(parent=home_page, title="About"),
        "draft": StandardPageFactory(parent=home_page, title="Draft plans", live=False),
        "private": StandardPageFactory(parent=home_page, title="Members area"),
        "private_child": None,
        "login": StandardPageFactory(parent=home_page, title="Staff area"),
    }


@pytest.fixture
def restricted(pages):
    private = pages["private"]
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="soup"
    )
    pages["private_child"] = StandardPageFactory(parent=private, title="Members recipe")
    PageViewRestriction.objects.create(
        page=pages["login"], restriction_type=PageViewRestriction.LOGIN
    )
    return pages


def hidden(pages) -> list:
    return [page for name, page in pages.items() if name != "public"]


@pytest.mark.django_db
def test_sitemap_lists_live_public_pages_with_lastmod(client, home_page, restricted):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    expected = {home_page.full_url, restricted["public"].full_url}
    assert set(entries) == expected
    assert_not_shown(response.content.decode(), hidden(restricted))
    assert all(entries.values()), f"missing lastmod: {entries}"
    public = restricted["public"]
    public.refresh_from_db()
    # Wagtail writes the date of the last publication, in the site's time zone.
    assert entries[public.full_url] == localtime(public.last_published_at).date().isoformat()


@pytest.mark.django_db
def test_robots_txt_points_to_the_absolute_sitemap_url(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "User-agent: *" in lines


@pytest.mark.django_db
def test_robots_txt_uses_the_requests_scheme_and_host(client):
    response = client.get("/robots.txt", secure=True, headers={"host": "localhost"})
    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode().splitlines()


@pytest.mark.django_db
def test_api_pages_lists_only_live_public_pages(client, home_page, restricted):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {home_page.title, "About"}
    assert response.json()["meta"]["total_count"] == 2
    assert_not_shown(response.content.decode(), hidden(restricted))


@pytest.mark.django_db
def test_api_page_detail_hides_drafts_and_restricted_pages(client, restricted):
    assert client.get(f"/api/v2/pages/{restricted['public'].pk}/").status_code == 200
    assert client.get(f"/api/v2/pages/{restricted['draft'].pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{restricted['private'].pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{restricted['private_child'].pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{restricted['login'].pk}/").status_code == 404
    find = "/api/v2/pages/find/"
    assert client.get(find, {"html_path": restricted["public"].url}).status_code == 302
    for page in hidden(restricted):
        assert client.get(find, {"html_path": page.url}).status_code == 404, page.title


@pytest.mark.django_db
def test_api_images(client, image):
    response = client.get("/api/v2/images/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    items = response.json()["items"]
    assert [item["title"] for item in items] == [image.title]
    detail = client.get(f"/api/v2/images/{image.pk}/")
    assert detail.status_code == 200
    assert detail.json()["width"] == image.width


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?limit=abc", "?limit=100000", "?offset=-1", "?type=nope.Nope", "?order=nope"]
)
def test_api_bad_parameters_are_client_errors(client, home_page, query):
    response = client.get(f"/api/v2/pages/{query}")
    assert response.status_code == 400
    assert "message" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("feed", "index_factory", "page_factory"),
    [
        ("/feeds/recipes.xml", RecipeIndexPageFactory, RecipePageFactory),
        ("/feeds/articles.xml", ArticleIndexPageFactory, ArticlePageFactory),
    ],
)
def test_feeds_list_only_live_public_pages(client, home_page, feed, index_factory, page_factory):
    index = index_factory(parent=home_page)
    page_factory(parent=index, title="Open kitchen")
    hidden_in_feed = hidden_pages(page_factory, index, "kitchen")
    response = client.get(feed)
    assert response.status_code == 200
    items = ET.fromstring(response.content).find("channel").findall("item")
    assert [item.findtext("title") for item in items] == ["Open kitchen"]
    assert_not_shown(response.content.decode(), hidden_in_feed)

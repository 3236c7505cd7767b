"""Hostile or sloppy requests answer 200 or 404 with a proper page, never a 500."""

import pytest

from home.factories import StandardPageFactory

LONG = "x" * 5000
BAD_QUERY_STRINGS = [
    {"page": "abc"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "999999"},
    {"page": "1.5"},
    {"page": "\x00"},
    {"page": ["1", "2"]},
    {"utm_source": "newsletter", "fbclid": "abc123"},
    {"unknown": LONG},
    {LONG: "1"},
    {"q": "<script>alert(1)</script>"},
]
QUERY_IDS = [
    "page-abc",
    "page-negative",
    "page-zero",
    "page-huge",
    "page-float",
    "page-nul",
    "page-repeated",
    "tracking-params",
    "long-value",
    "long-name",
    "script",
]
UNKNOWN_PATHS = [
    "/no-such-page/",
    "/about-foodie/no-such-child/",
    "/" + "a" * 3000 + "/",
    "/%00/",
    "/nul%00byte/",
    "/..%2F..%2Fetc%2Fpasswd/",
    "/%E2%82%AC%FF/",
    "/about-foodie/%3Cscript%3E/",
    "/sitemap.xml/extra/",
]


@pytest.fixture
def urls(home_page):
    standard = StandardPageFactory(parent=home_page, title="About Foodie")
    return {"home": home_page.url, "standard": standard.url, "search": "/search/"}


def assert_proper_page(response):
    assert response.status_code in (200, 404), response.status_code
    html = response.content.decode()
    assert "Traceback" not in html
    assert "<main" in html


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["home", "standard", "search"])
@pytest.mark.parametrize("params", BAD_QUERY_STRINGS, ids=QUERY_IDS)
def test_bad_query_strings(client, urls, target, params):
    response = client.get(urls[target], params)
    assert_proper_page(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", UNKNOWN_PATHS)
def test_unknown_paths_are_404(client, urls, path):
    response = client.get(path)
    assert response.status_code == 404
    assert_proper_page(response)

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


NUL_ADDRESSES = [
    "/%00/",
    "/nul%00byte/",
    "/?page=%00",
    "/search/?q=soup%00",
    "/api/v2/pages/?locale=%00",
    "/api/v2/pages/?title=a%00b",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", NUL_ADDRESSES)
def test_nul_bytes_get_a_400_page_saying_why(client, urls, path):
    """PostgreSQL refuses NUL in text; a reader's NUL must never reach a query (a 500)."""
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert "<main" in response.content.decode()


API_SEARCHES = ['"unterminated', "\\", "soup & (beans", "*", "'; DROP TABLE x; --", "a:b", "!!!"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", API_SEARCHES)
def test_api_search_takes_any_text(client, urls, query):
    for endpoint in ("/api/v2/pages/", "/api/v2/images/"):
        response = client.get(endpoint, {"search": query})
        assert response.status_code == 200, (endpoint, query, response.content[:200])
        assert "items" in response.json()

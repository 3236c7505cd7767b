"""The site search: results, pagination and whatever a reader types."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from home.factories import StandardPageFactory
from search.views import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, clean_query, search_terms

HOSTILE_QUERIES = [
    "soup\x00",
    "\x00",
    "& | ! : * ( ) ' \" \\ < >",
    "soup & | ! : * ( ) ' \" \\ < >",
    '"unterminated',
    "soup*",
    "NOT AND OR",
    "-soup",
    "soup:title",
    "%",
    "_",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "\u202e\u0000\u200b",
    "🍲 soup",
    "s" * 5000,
    "soup " * 1000,
]


def results_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    results = soup.find("ol", class_="search-results")
    return [a.get_text(strip=True) for a in results.find_all("a")] if results else []


@pytest.fixture
def pages(home_page):
    StandardPageFactory(parent=home_page, title="Tomato soup notes")
    StandardPageFactory(parent=home_page, title="Soup draft", live=False)
    private = StandardPageFactory(parent=home_page, title="Members soup")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return home_page


@pytest.mark.django_db
def test_finds_live_public_pages_only(client, pages):
    response = client.get("/search/", {"q": "soup"})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert results_titles(response) == ["Tomato soup notes"]


@pytest.mark.django_db
def test_empty_query_shows_the_prompt(client, pages):
    response = client.get("/search/")
    assert response.status_code == 200
    assert results_titles(response) == []
    assert "Type a dish" in response.content.decode()


@pytest.mark.django_db
def test_paginates_and_clamps_bad_page_numbers(client, home_page):
    for number in range(RESULTS_PER_PAGE + 2):
        StandardPageFactory(parent=home_page, title=f"Lentil dish {number}", publish=False)
    first = results_titles(client.get("/search/", {"q": "lentil"}))
    last = results_titles(client.get("/search/", {"q": "lentil", "page": "2"}))
    assert len(first) == RESULTS_PER_PAGE
    assert len(last) == 2
    assert results_titles(client.get("/search/", {"q": "lentil", "page": "abc"})) == first
    assert results_titles(client.get("/search/", {"q": "lentil", "page": "999999"})) == last
    assert results_titles(client.get("/search/", {"q": "lentil", "page": "-1"})) == last


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_fail(client, pages, query):
    response = client.get("/search/", {"q": query, "page": "2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "\x00" not in html


@pytest.mark.django_db
def test_repeated_q_uses_one_value(client, pages):
    response = client.get("/search/?q=nothing-matches&q=soup")
    assert response.status_code == 200
    assert results_titles(response) == ["Tomato soup notes"]


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", params).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_count_is_fixed(client, pages, django_assert_max_num_queries):
    client.get("/search/", {"q": "soup"})  # fills the site-root-paths cache
    with django_assert_max_num_queries(7):
        assert client.get("/search/", {"q": "soup"}).status_code == 200
    one_result = count_queries(client, {"q": "soup"})
    for number in range(RESULTS_PER_PAGE):
        StandardPageFactory(parent=pages, title=f"Soup {number}", publish=False)
    assert count_queries(client, {"q": "soup"}) == one_result


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (None, ""),
        ("", ""),
        ("  tomato   soup \n", "tomato soup"),
        ("soup\x00\x07", "soup"),
        ("a" * 500, "a" * MAX_QUERY_LENGTH),
    ],
)
def test_clean_query(raw, cleaned):
    assert clean_query(raw) == cleaned


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("tomato soup", "tomato soup"),
        ('"unterminated', "unterminated"),
        ("soup & | ! : * ( ) ' \" \\ < >", "soup"),
        ("crème brûlée", "crème brûlée"),
        ("cook's dal", "cook s dal"),
        ("& | !", ""),
    ],
)
def test_search_terms_keep_words_only(query, terms):
    assert search_terms(query) == terms

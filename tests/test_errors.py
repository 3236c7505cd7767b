"""The 404 and 500 pages readers see when something is missing or broken."""

from django.urls import get_resolver
from django.views.defaults import server_error

import pytest
from bs4 import BeautifulSoup


@pytest.mark.django_db
def test_404_renders_the_site_template(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("main", id="main")
    assert soup.find("form", role="search")
    assert soup.find("footer")
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [
        "We couldn\u2019t find that page"
    ]
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_500_renders_without_touching_the_database(rf, django_assert_num_queries):
    """The 500 page must work while the database is the thing that is down."""
    handler = get_resolver().resolve_error_handler(500)
    assert handler is server_error  # the project uses Django's handler and our 500.html
    with django_assert_num_queries(0):
        response = handler(rf.get("/recipes/"))
    assert response.status_code == 500
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text(strip=True) == "Something went wrong"
    assert "please try again" in html
    assert soup.find("a", href="/")
    assert "{%" not in html and "{{" not in html

"""The Author snippet: admin listing, search and the editor's round-trip."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest
from bs4 import BeautifulSoup

from foodie.core.factories import AuthorFactory
from foodie.core.models import Author


def listed_names(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [cell.a.get_text(strip=True) for cell in soup.select("table.listing tbody td.title")]


@pytest.fixture
def authors(db):
    return [
        AuthorFactory(name="Amara Okafor", bio="West African and Italian food."),
        AuthorFactory(name="Ravi Menon", bio="Curries and breads."),
    ]


@pytest.mark.django_db
def test_listing(admin_client, authors):
    response = admin_client.get(reverse(Author.snippet_viewset.get_url_name("list")))
    assert response.status_code == 200
    assert listed_names(response) == ["Amara Okafor", "Ravi Menon"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [("ravi", ["Ravi Menon"]), ("MEN", ["Ravi Menon"]), ("italian", ["Amara Okafor"]), ("zz", [])],
)
def test_search_filters_the_listing(admin_client, authors, query, expected):
    response = admin_client.get(reverse(Author.snippet_viewset.get_url_name("list")), {"q": query})
    assert response.status_code == 200
    assert listed_names(response) == expected


@pytest.mark.django_db
def test_editor_creates_an_author_with_links(admin_client, image):
    data = nested_form_data(
        {
            "name": "Lucía Fernández",
            "slug": "lucia-fernandez",
            "bio": "Pastry chef.",
            "photo": image.pk,
            "links": inline_formset(
                [
                    {"label": "Website", "url": "https://example.com/lucia/"},
                    {"label": "Instagram", "url": "https://instagram.com/lucia"},
                ]
            ),
        }
    )
    response = admin_client.post(reverse(Author.snippet_viewset.get_url_name("add")), data)
    assert response.status_code == 302, response.context["form"].errors
    author = Author.objects.get(slug="lucia-fernandez")
    assert author.photo == image
    assert [(link.label, link.url) for link in author.links.all()] == [
        ("Website", "https://example.com/lucia/"),
        ("Instagram", "https://instagram.com/lucia"),
    ]


@pytest.mark.django_db
def test_author_slug_is_unique(admin_client, authors):
    data = nested_form_data(
        {"name": "Another Ravi", "slug": "ravi-menon", "bio": "", "links": inline_formset([])}
    )
    response = admin_client.post(reverse(Author.snippet_viewset.get_url_name("add")), data)
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert Author.objects.count() == 2

"""The recipe taxonomy snippets (Cuisine, Course, Diet) in the admin."""

from django.urls import reverse
from django.utils.text import slugify

import pytest
from bs4 import BeautifulSoup

from recipes.models import Course, Cuisine, Diet


def listed_names(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [cell.a.get_text(strip=True) for cell in soup.select("table.listing tbody td.title")]


def make_terms(model, names: list[str], **fields):
    return [
        model.objects.create(name=name, slug=slugify(name), sort_order=order, **fields)
        for order, name in enumerate(names)
    ]


@pytest.fixture
def terms(db):
    make_terms(Cuisine, ["Italian", "Indian", "Mexican"])
    make_terms(Course, ["Breakfast", "Main", "Dessert"])
    Diet.objects.create(name="Vegan", slug="vegan", sort_order=0, schema_diet="VeganDiet")
    Diet.objects.create(name="Dairy free", slug="dairy-free", sort_order=1)


TAXONOMY = pytest.mark.parametrize(
    "model", [Cuisine, Course, Diet], ids=["cuisine", "course", "diet"]
)


@pytest.mark.django_db
@TAXONOMY
def test_listing(admin_client, terms, model):
    response = admin_client.get(reverse(model.snippet_viewset.get_url_name("list")))
    assert response.status_code == 200
    assert sorted(listed_names(response)) == sorted(model.objects.values_list("name", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [(Cuisine, "indian", ["Indian"]), (Course, "dess", ["Dessert"]), (Diet, "vegan", ["Vegan"])],
    ids=["cuisine", "course", "diet"],
)
def test_search_filters_the_listing(admin_client, terms, model, query, expected):
    url = reverse(model.snippet_viewset.get_url_name("list"))
    response = admin_client.get(url, {"q": query})
    assert response.status_code == 200
    assert listed_names(response) == expected


@pytest.mark.django_db
def test_diet_listing_filters_by_schema_diet(admin_client, terms):
    url = reverse(Diet.snippet_viewset.get_url_name("list"))
    response = admin_client.get(url, {"schema_diet": "VeganDiet"})
    assert response.status_code == 200
    assert listed_names(response) == ["Vegan"]


@pytest.mark.django_db
def test_terms_keep_the_editors_order(terms):
    Cuisine.objects.filter(name="Mexican").update(sort_order=-1)
    assert list(Cuisine.objects.values_list("name", flat=True)) == ["Mexican", "Italian", "Indian"]


@pytest.mark.parametrize(
    ("schema_diet", "url"),
    [("VeganDiet", "https://schema.org/VeganDiet"), ("", "")],
)
def test_diet_schema_url(schema_diet, url):
    assert Diet(name="x", slug="x", schema_diet=schema_diet).schema_url == url

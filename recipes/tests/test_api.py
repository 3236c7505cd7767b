"""Recipes and articles in the API v2 (/api/v2/pages/; docs/api.md): their structured
fields, the recipe index's filters, clear 400s, and a fixed number of queries a page."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePageAuthor
from foodie.core.factories import AuthorFactory, ImageFactory
from recipes.factories import CourseFactory, CuisineFactory, DietFactory, method_steps
from tests.publishing import publish

pytestmark = pytest.mark.django_db

RECIPES = "/api/v2/pages/?type=recipes.RecipePage"


def items(client, query: str) -> list[dict]:
    response = client.get(RECIPES + query)
    assert response.status_code == 200, response.content
    return response.json()["items"]


@pytest.fixture
def dal(make_recipe):
    step_image = ImageFactory()
    recipe = make_recipe(
        title="Dal",
        prep_minutes=5,
        cook_minutes=20,
        course=CourseFactory(name="Main", slug="main"),
        cuisine=CuisineFactory(name="Indian", slug="indian"),
        ingredients=[
            ("section", {"heading": "For the dal", "ingredients": [
                {"quantity": "1 1/2", "unit": "cup", "item": "red lentils", "note": "rinsed"},
                {"quantity": "", "unit": "to_taste", "item": "salt", "note": ""},
            ]}),
        ],
        method=[("section", "Cook"), *method_steps(2, image=step_image)],
        calories=320,
        video_url="https://youtu.be/dQw4w9WgXcQ",
        video_thumbnail=ImageFactory(),
        video_upload_date=date(2026, 11, 2),
        video_duration=timedelta(minutes=2, seconds=5),
    )  # fmt: skip
    recipe.diets.set([DietFactory(name="Vegan", slug="vegan")])
    recipe.tags.add("lentils")
    publish(recipe)
    recipe.step_image = step_image
    return recipe


def test_a_recipe_gives_its_structured_fields(client, dal):
    (item,) = items(client, "&fields=*")

    assert (item["prep_minutes"], item["cook_minutes"], item["total_minutes"]) == (5, 20, 25)
    assert item["course"] == {"name": "Main", "slug": "main"}
    assert item["cuisine"] == {"name": "Indian", "slug": "indian"}
    assert item["diets"] == [{"name": "Vegan", "slug": "vegan"}]
    assert item["tags"] == ["lentils"]
    assert [author["slug"] for author in item["authors"]] == [dal.authors()[0].slug]
    (section,) = item["ingredients"]
    assert section["heading"] == "For the dal"
    lentils, salt = section["ingredients"]
    assert lentils == {
        "quantity": "1 1/2", "amount": 1.5, "display_quantity": "1½", "unit": "cup",
        "unit_label": "cups", "item": "red lentils", "note": "rinsed",
        "text": "1½ cups red lentils, rinsed",
    }  # fmt: skip
    assert (salt["amount"], salt["unit"], salt["text"]) == (None, "to_taste", "salt, to taste")
    (method,) = item["method"]
    assert method["heading"] == "Cook"
    assert [step["number"] for step in method["steps"]] == [1, 2]
    assert {step["image"] for step in method["steps"]} == {dal.step_image.pk}
    assert item["nutrition"]["calories"] == 320
    assert item["video"]["embed_url"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert (item["video"]["upload_date"], item["video"]["duration"]) == ("2026-11-02", "PT2M5S")
    assert item["hero_image"]["id"] == dal.hero_image_id


def test_the_index_filters_narrow_recipes(client, dal, make_recipe):
    make_recipe(title="Stew", cook_minutes=120)

    def titles(query: str) -> list[str]:
        return sorted(item["title"] for item in items(client, query))

    assert titles("") == ["Dal", "Stew"]
    assert titles("&course=main&cuisine=indian") == ["Dal"]
    assert titles("&diet=vegan") == ["Dal"]
    assert titles("&max_time=30") == ["Dal"]
    assert titles("&max_time=30&search=stew") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("&course=pudding", "nothing matches the value of course"),
        ("&diet=vegan&diet=carnivore", "nothing matches the value of diet"),
        ("&max_time=25", "nothing matches the value of max_time"),
        ("&max_time=abc", "nothing matches the value of max_time"),
        ("&colour=red", "not an operation or a recognised field: colour"),
    ],
)
def test_bad_filters_answer_400_with_a_message(client, dal, query, message):
    response = client.get(RECIPES + query)

    assert response.status_code == 400
    assert message in response.json()["message"]


def test_a_listing_costs_the_same_queries_whatever_its_size(client, make_recipe):
    def queries(limit: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{RECIPES}&fields=*&limit={limit}").status_code == 200
        return len(captured)

    for n in range(6):
        recipe = make_recipe(n_authors=2, method=method_steps(2, image=ImageFactory()))
        recipe.diets.set([DietFactory()])
        recipe.tags.add(f"tag{n}")
    # The site and settings cached, and each card_image rendition made, once.
    client.get(f"{RECIPES}&fields=*&limit=6")

    assert queries(1) == queries(6) <= 14


def test_an_article_gives_its_fields(client, home):
    article = ArticlePageFactory(
        parent=ArticleIndexPageFactory(parent=home), title="On salt",
        body=[("image", {"image": ImageFactory(), "caption": "Flakes"})],
    )  # fmt: skip
    article.article_authors = [ArticlePageAuthor(author=AuthorFactory(name="Ada", slug="ada"))]
    article.tags.add("salt")
    publish(article)

    response = client.get("/api/v2/pages/?type=blog.ArticlePage&fields=*")

    (item,) = response.json()["items"]
    assert item["introduction"] == article.introduction
    assert item["authors"] == [{"name": "Ada", "slug": "ada"}]
    assert item["tags"] == ["salt"]
    (block,) = item["body"]
    assert block["type"] == "image"
    assert block["value"]["image"] == article.body[0].value["image"].pk

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from recipes.factories import CourseFactory, CuisineFactory, DietFactory, RecipePageFactory
from recipes.models import RecipePage
from tests.visibility import assert_not_shown, hidden_pages

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".card__title a")]


@pytest.fixture
def catalogue(make_recipe):
    """Three recipes that differ in every filterable way."""
    main, dessert = (
        CourseFactory(name="Main", slug="main"),
        CourseFactory(name="Dessert", slug="dessert"),
    )
    indian, french = (
        CuisineFactory(name="Indian", slug="indian"),
        CuisineFactory(name="French", slug="french"),
    )
    vegan, gf = (
        DietFactory(name="Vegan", slug="vegan"),
        DietFactory(name="Gluten free", slug="gluten-free"),
    )

    def recipe(title, course, cuisine, difficulty, prep_minutes, cook_minutes, diets=(), tags=()):
        page = make_recipe(
            title=title,
            course=course,
            cuisine=cuisine,
            difficulty=difficulty,
            prep_minutes=prep_minutes,
            cook_minutes=cook_minutes,
        )
        if diets or tags:
            page.diets.set(diets)
            page.tags.add(*tags)
            page.save_revision().publish()
        return page

    dal = recipe("Dal", main, indian, "easy", 5, 20, diets=[vegan, gf], tags=["weeknight"])
    curry = recipe("Curry", main, indian, "medium", 20, 40, diets=[gf])
    recipe("Tart", dessert, french, "hard", 60, 45)
    return {"dal": dal, "curry": curry}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Dal", "Curry", "Tart"}),
        ("?course=main", {"Dal", "Curry"}),
        ("?cuisine=french", {"Tart"}),
        ("?diet=gluten-free", {"Dal", "Curry"}),
        ("?diet=gluten-free&diet=vegan", {"Dal"}),
        ("?difficulty=medium", {"Curry"}),
        ("?max_time=30", {"Dal"}),
        ("?max_time=60&course=main", {"Dal", "Curry"}),
        ("?tag=weeknight", {"Dal"}),
        ("?course=main&cuisine=indian&difficulty=easy&max_time=30", {"Dal"}),
    ],
)
def test_filters_combine(client, recipe_index, catalogue, query, expected):
    # Followed: a query in another than the canonical order redirects to it.
    response = client.get(recipe_index.url + query, follow=True)
    assert response.status_code == 200
    assert set(titles(response)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "?course=nonsense",
        "?diet=%01",
        "?difficulty=impossible",
        "?max_time=abc",
        "?max_time=-5",
        "?max_time=99999999999999999999",
        "?max_time=25",
        "?tag=" + "x" * 5000,
        "?course[]=main",
        "?page=abc",
        "?page=-1",
        "?page=999999",
    ],
)
def test_malformed_filters_are_ignored_not_500(client, recipe_index, catalogue, query):
    response = client.get(recipe_index.url + query)
    assert response.status_code == 200
    assert set(titles(response)) == {"Dal", "Curry", "Tart"}
    assert not BeautifulSoup(response.content, "html.parser").select(".chip")


def test_active_filters_show_as_removable_chips(client, recipe_index, catalogue):
    response = client.get(recipe_index.url + "?course=main&diet=gluten-free&diet=vegan")
    soup = BeautifulSoup(response.content, "html.parser")
    remove_sign = "\u00d7"
    chips = {
        chip.get_text(" ", strip=True).rstrip(f" {remove_sign}"): chip["href"]
        for chip in soup.select(".chip")
    }
    assert chips == {
        "Course: Main": "?diet=gluten-free&diet=vegan",
        "Diet: Vegan": "?course=main&diet=gluten-free",
        "Diet: Gluten free": "?course=main&diet=vegan",
    }
    assert soup.select_one('select[name="course"] option[selected]')["value"] == "main"


def test_index_paginates_twelve_a_page_newest_first(client, recipe_index, make_recipe):
    for n in range(14):
        make_recipe(title=f"R{n:02}")
    first = client.get(recipe_index.url)
    assert titles(first) == [f"R{n:02}" for n in range(13, 1, -1)]
    second = client.get(recipe_index.url + "?page=2")
    assert titles(second) == ["R01", "R00"]
    assert client.get(recipe_index.url + "?page=99").content == second.content


def test_drafts_and_restricted_recipes_are_not_listed(client, recipe_index, make_recipe):
    make_recipe(title="Visible")
    unpublished = make_recipe(title="Unpublished")
    unpublished.unpublish()
    hidden = [unpublished, *hidden_pages(RecipePageFactory, recipe_index, "dal")]
    response = client.get(recipe_index.url)
    assert titles(response) == ["Visible"]
    assert_not_shown(response.content.decode(), hidden)


def test_index_item_list_json_ld(client, recipe_index, catalogue):
    soup = BeautifulSoup(client.get(recipe_index.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "ItemList"
    assert [item["position"] for item in data["itemListElement"]] == [1, 2, 3]
    assert data["itemListElement"][0]["url"].startswith("http://testserver/recipes/")


@pytest.mark.postgres
def test_index_query_count_does_not_grow_with_recipes(
    client, recipe_index, make_recipe, django_assert_num_queries
):
    """Site 1, routing 3, view restrictions 1, filter choices 4, count and cards 2, their
    diets and renditions 2, settings 2; filtered the same."""
    diets = [DietFactory() for _ in range(3)]
    filtered = f"{recipe_index.url}?diet={diets[0].slug}"

    for count in (3, 27):  # 3 vs 30 recipes: a short first page, then a full one
        for _ in range(count):
            recipe = make_recipe(course=CourseFactory(), cuisine=CuisineFactory())
            recipe.diets.set(diets)
            recipe.save()
        for url in (recipe_index.url, filtered):
            client.get(url)  # first visit creates renditions
            with django_assert_num_queries(15):
                assert client.get(url).status_code == 200


def test_recipes_feed_is_valid_rss_with_enclosures(client, catalogue):
    # Twice: the second finds the enclosure renditions the first made, although its
    # images come with only the cards' renditions prefetched.
    assert client.get("/feeds/recipes.xml").status_code == 200
    response = client.get("/feeds/recipes.xml")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert {item.findtext("title") for item in items} == {"Dal", "Curry", "Tart"}
    enclosure = items[0].find("enclosure")
    assert enclosure.get("type") == "image/jpeg" and int(enclosure.get("length")) > 0
    assert enclosure.get("url").startswith("http://testserver/")
    assert items[0].findtext("description")


def test_sitemap_lists_live_recipes_only(client, recipe_index, make_recipe):
    live = make_recipe(title="Live")
    draft = make_recipe(title="Unpublished")
    draft.unpublish()
    body = client.get("/sitemap.xml").content.decode()
    assert "http://localhost/recipes/" + live.slug in body or live.url in body
    assert draft.slug not in body
    assert RecipePage.objects.count() == 2

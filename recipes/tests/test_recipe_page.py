import json
import re
from datetime import date

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from foodie.core.factories import AuthorFactory, ImageFactory
from home.models import HomePage
from recipes.factories import DietFactory, RecipePageFactory, ingredient_rows, method_steps
from recipes.models import RecipeIndexPage, RecipePage
from tests.visibility import assert_not_shown, hidden_pages

pytestmark = pytest.mark.django_db


def recipe_form_data(author, image, **overrides) -> dict:
    data = {
        "title": "Weeknight dal",
        "slug": "weeknight-dal",
        "summary": "Red lentils, tempered spices, twenty minutes.",
        "hero_image": image.pk,
        "recipe_authors": inline_formset([{"author": author.pk}]),
        "prep_minutes": 5,
        "cook_minutes": 20,
        "yield_amount": 4,
        "yield_unit": "servings",
        "difficulty": "easy",
        "tags": "lentils, weeknight",
        "ingredients": streamfield(
            [
                (
                    "section",
                    {
                        "heading": "For the dal",
                        "ingredients": streamfield(
                            [
                                (
                                    "item",
                                    {
                                        "quantity": "1 1/2",
                                        "unit": "cup",
                                        "item": "red lentils",
                                        "note": "rinsed",
                                    },
                                ),
                                (
                                    "item",
                                    {
                                        "quantity": "",
                                        "unit": "to_taste",
                                        "item": "salt",
                                        "note": "",
                                    },
                                ),
                            ]
                        ),
                    },
                )
            ]
        ),
        "method": streamfield(
            [
                ("section", "Cook the lentils"),
                (
                    "step",
                    {
                        "text": rich_text("<p>Simmer the lentils.</p>"),
                        "image": "",
                        "timer_minutes": 20,
                    },
                ),
                (
                    "step",
                    {
                        "text": rich_text("<p>Fry the spices and pour over.</p>"),
                        "image": "",
                        "timer_minutes": "",
                    },
                ),
            ]
        ),
        "tips": rich_text("<p>Freezes well.</p>"),
        "related_recipes": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def stream_errors(response, field: str) -> str:
    """A StreamField's validation errors as the admin sends them to its editor (JSON)."""
    error = response.context["form"].errors[field].as_data()[0]
    return json.dumps(error.as_json_data(), ensure_ascii=False)


def publish(client, parent, data):
    url = reverse("wagtailadmin_pages:add", args=("recipes", "recipepage", parent.pk))
    return client.post(url, {**data, "action-publish": "publish"})


def test_tree_rules(recipe_index):
    assert RecipePage.allowed_parent_page_models() == [RecipeIndexPage]
    assert RecipeIndexPage.allowed_parent_page_models() == [HomePage]
    assert RecipeIndexPage.allowed_subpage_models() == [RecipePage]
    assert RecipePage.allowed_subpage_models() == []


def test_editor_publishes_a_recipe_through_the_admin_form(editor_client, recipe_index):
    author, image = AuthorFactory(), ImageFactory()
    response = publish(editor_client, recipe_index, recipe_form_data(author, image))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    recipe = RecipePage.objects.get(slug="weeknight-dal")
    assert recipe.live
    assert recipe.authors() == [author]
    assert recipe.total_minutes == 25
    rows = recipe.ingredient_sections[0]["ingredients"]
    assert [row.as_text() for row in rows] == ["1½ cups red lentils, rinsed", "salt, to taste"]
    assert [s["heading"] for s in recipe.method_sections] == ["Cook the lentils"]
    assert sorted(tag.name for tag in recipe.tags.all()) == ["lentils", "weeknight"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"prep_minutes": 0, "cook_minutes": 0}, "Give a prep time or a cook time"),
        ({"hero_image": ""}, "This field is required"),
    ],
)
def test_publish_refuses_incomplete_recipes_with_clear_messages(
    editor_client, recipe_index, overrides, message
):
    response = publish(
        editor_client, recipe_index, recipe_form_data(AuthorFactory(), ImageFactory(), **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RecipePage.objects.exists()


def test_unparseable_quantity_is_refused_with_its_text(editor_client, recipe_index):
    data = recipe_form_data(AuthorFactory(), ImageFactory())
    data["ingredients-0-value-ingredients-0-value-quantity"] = "a handful"
    response = publish(editor_client, recipe_index, data)
    assert response.status_code == 200
    assert "“a handful” is not a quantity" in stream_errors(response, "ingredients")
    assert not RecipePage.objects.exists()


def test_empty_method_is_refused(editor_client, recipe_index):
    data = recipe_form_data(AuthorFactory(), ImageFactory())
    data = {k: v for k, v in data.items() if not k.startswith("method-")}
    data.update(nested_form_data({"method": streamfield([("section", "Only a heading")])}))
    response = publish(editor_client, recipe_index, data)
    assert response.status_code == 200
    assert "Add at least one method step." in stream_errors(response, "method")
    assert not RecipePage.objects.exists()


def test_a_draft_may_be_saved_without_image_or_times(editor_client, recipe_index):
    data = recipe_form_data(
        AuthorFactory(), ImageFactory(), hero_image="", prep_minutes=0, cook_minutes=0
    )
    url = reverse("wagtailadmin_pages:add", args=("recipes", "recipepage", recipe_index.pk))
    response = editor_client.post(url, data)
    assert response.status_code == 302
    draft = RecipePage.objects.get(slug="weeknight-dal")
    assert not draft.live


def test_recipe_page_shows_what_a_cook_needs(client, make_recipe):
    vegan = DietFactory(name="Vegan", slug="vegan", schema_diet="VeganDiet")
    recipe = make_recipe(
        method=[("section", "Prepare"), *method_steps(2), ("section", "Finish"), *method_steps(1)],
        tips="<p>Keep it moving.</p>",
        calories=420,
    )
    recipe.diets.set([vegan])
    recipe.save_revision().publish()
    response = client.get(recipe.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    assert soup.find("a", href="#recipe").get_text() == "Jump to recipe"
    assert [li["id"] for li in soup.select("li.step")] == ["step-1", "step-2", "step-3"]
    assert [ol.get("start") for ol in soup.select("ol.steps")] == ["1", "3"]
    quantities = soup.select("[data-quantity]")
    assert quantities[0]["data-quantity"] == "1.5" and quantities[0].get_text() == "1½"
    assert soup.select_one("[data-base-servings]")["data-base-servings"] == "4"
    assert "Vegan" in soup.select_one(".badges").get_text()
    assert "420 kcal" in soup.select_one(".nutrition").get_text()
    assert "Keep it moving." in soup.select_one(".recipe__tips").get_text()
    assert soup.select_one("[data-timer-minutes]")["data-timer-minutes"] == "5"


def test_recipe_json_ld_has_every_property_google_wants(client, make_recipe):
    vegan = DietFactory(name="Vegan", slug="vegan", schema_diet="VeganDiet")
    step_image = ImageFactory()
    recipe = make_recipe(
        n_authors=2,
        prep_minutes=15,
        cook_minutes=90,
        calories=350,
        protein_grams="12.5",
        method=[*method_steps(1), ("section", "Bake"), *method_steps(1, image=step_image)],
    )
    recipe.diets.set([vegan])
    recipe.tags.add("comfort food")
    recipe.save_revision().publish()
    soup = BeautifulSoup(client.get(recipe.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Recipe"
    assert data["name"] == recipe.title
    assert len(data["image"]) == 3
    assert {"1200x1200", "1200x900", "1200x675"} == {
        re.search(r"fill-(\d+x\d+)", u)[1] for u in data["image"]
    }
    assert [a["@type"] for a in data["author"]] == ["Person", "Person"]
    assert (
        data["prepTime"] == "PT15M"
        and data["cookTime"] == "PT1H30M"
        and data["totalTime"] == "PT1H45M"
    )
    assert data["datePublished"] == recipe.first_published_at.date().isoformat()
    assert data["description"] == recipe.summary
    assert data["recipeYield"] == ["4", "4 servings"]
    assert data["keywords"] == "comfort food"
    assert data["recipeIngredient"] == [
        "1½ cups ingredient 0, chopped",
        "1½ cups ingredient 1, chopped",
    ]
    first, section = data["recipeInstructions"]
    assert first["@type"] == "HowToStep" and first["url"].endswith(recipe.url + "#step-1")
    assert section["@type"] == "HowToSection" and section["name"] == "Bake"
    assert section["itemListElement"][0]["url"].endswith("#step-2")
    assert section["itemListElement"][0]["image"].startswith("http://testserver/")
    assert data["nutrition"] == {
        "@type": "NutritionInformation",
        "calories": "350 calories",
        "proteinContent": "12.5 g",
    }
    assert data["suitableForDiet"] == ["https://schema.org/VeganDiet"]


def test_json_ld_step_text_is_plain_text(client, make_recipe):
    recipe = make_recipe(
        method=[
            (
                "step",
                {
                    "text": "<p>Season with <b>salt &amp; pepper</b>.</p>",
                    "image": None,
                    "timer_minutes": None,
                },
            )
        ]
    )
    soup = BeautifulSoup(client.get(recipe.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["recipeInstructions"][0]["text"] == "Season with salt & pepper."


def test_json_ld_cannot_break_out_of_its_script(client, make_recipe):
    recipe = make_recipe(
        title='Pie </script><script>alert("x")</script>', summary='Say "hi" & <b>bye</b>'
    )
    html = client.get(recipe.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in script and ">" not in script
    assert json.loads(script)["name"] == recipe.title
    assert json.loads(script)["description"] == recipe.summary


@pytest.mark.postgres
def test_recipe_page_query_count_is_fixed(client, make_recipe, django_assert_num_queries):
    """Site 1, routing 3, view restrictions 1, authors 2, step images 1, diets (the page's
    and its related cards') 1, tags 1, related links and cards 3, settings 2."""

    def recipe_with(n):
        recipe = make_recipe(
            n_authors=n // 2 + 1,
            # A video's still comes with the page (its renditions from the cache).
            video_url="https://youtu.be/dQw4w9WgXcQ",
            video_thumbnail=ImageFactory(),
            video_upload_date=date(2026, 11, 2),
            ingredients=[("section", {"heading": "", "ingredients": ingredient_rows(n)})],
            method=method_steps(n, image=ImageFactory()),
        )
        recipe.diets.set([DietFactory() for _ in range(n // 2)])
        recipe.tags.add(*[f"tag{i}" for i in range(n // 2)])
        for other in [make_recipe() for _ in range(n // 4)]:
            recipe.related_recipes.create(related=other)
        recipe.save_revision().publish()
        return recipe

    for recipe in (recipe_with(4), recipe_with(30)):  # 1 vs 7 related, 3 vs 16 authors
        client.get(recipe.url)  # first visit creates renditions
        with django_assert_num_queries(15):
            assert client.get(recipe.url).status_code == 200


def test_related_recipes_show_only_live_public_recipes(client, recipe_index, make_recipe):
    """The recipe's HTML is cached and shared: a draft or restricted related recipe is
    left out (not its title, link or picture)."""
    shown = make_recipe(title="Open dal")
    hidden = hidden_pages(RecipePageFactory, recipe_index, "dal")
    recipe = make_recipe(title="Weeknight curry")
    for other in [shown, *hidden]:
        recipe.related_recipes.create(related=other)
    recipe.save_revision().publish()

    response = client.get(recipe.url)

    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in soup.select(".related .card__title a")] == ["Open dal"]
    assert_not_shown(response.content.decode(), hidden)

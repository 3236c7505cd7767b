"""Saved recipes and the shopping list, kept in the reader's browser: the buttons in
the cached HTML (the same for every reader), the API's ``ids`` filter and
``card_image`` that the saved recipes page builds its cards from in one request, the
two pages and the saved recipes page's service worker. The readers' journeys are
tests/e2e/test_saved_recipes.py and test_shopping_list.py."""

import pytest
from bs4 import BeautifulSoup

from foodie.core.pages import CARD_API_RENDITION_SPEC
from home.models import HomePage
from recipes.factories import SavedRecipesPageFactory, ShoppingListPageFactory
from recipes.models import SavedRecipesPage, ShoppingListPage

pytestmark = pytest.mark.django_db

RECIPES = "/api/v2/pages/?type=recipes.RecipePage"


def save_buttons(html: bytes) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    return [button.attrs for button in soup.select("[data-save-recipe]")]


def test_recipe_pages_and_cards_carry_a_hidden_save_button(client, make_recipe):
    dal = make_recipe(title="Dal")
    stew = make_recipe(title="Stew")

    (on_page,) = save_buttons(client.get(dal.url).content)
    assert (on_page["data-save-recipe"], on_page["data-title"], on_page["data-url"]) == (
        str(dal.pk), "Dal", dal.url,
    )  # fmt: skip
    assert "hidden" in on_page and on_page["aria-pressed"] == "false"
    on_cards = save_buttons(client.get(dal.get_parent().url).content)
    assert {(b["data-save-recipe"], b["data-url"]) for b in on_cards} == {
        (str(dal.pk), dal.url), (str(stew.pk), stew.url),
    }  # fmt: skip


def test_the_api_gives_the_saved_recipes_by_id_with_their_card_picture(client, make_recipe):
    wanted = [make_recipe(title=title) for title in ("Dal", "Stew")]
    make_recipe(title="Not saved")
    ids = ",".join(str(recipe.pk) for recipe in reversed(wanted))

    response = client.get(f"{RECIPES}&ids={ids}&fields=card_image,total_minutes,course")

    assert response.status_code == 200, response.content
    items = {item["title"]: item for item in response.json()["items"]}
    assert set(items) == {"Dal", "Stew"}
    card_image = items["Dal"]["card_image"]
    rendition = wanted[0].hero_image.get_rendition(CARD_API_RENDITION_SPEC)
    assert (card_image["url"], card_image["width"], card_image["height"]) == (
        rendition.url, rendition.width, rendition.height,
    )  # fmt: skip
    assert card_image["url"].endswith(".webp")
    assert items["Dal"]["total_minutes"] == wanted[0].total_minutes


def test_a_recipe_without_a_picture_has_no_card_image(client, make_recipe):
    recipe = make_recipe(hero_image=None)

    (item,) = client.get(f"{RECIPES}&ids={recipe.pk}&fields=card_image").json()["items"]

    assert item["card_image"] is None


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ("", "ids must be page ids (whole numbers) separated by commas"),
        ("1,,2", "ids must be page ids (whole numbers) separated by commas"),
        ("1,two", "ids must be page ids (whole numbers) separated by commas"),
        ("-1", "ids must be page ids (whole numbers) separated by commas"),
        ("1.5", "ids must be page ids (whole numbers) separated by commas"),
        ("99999999999999999999", "ids must be page ids (whole numbers) separated by commas"),
        ("9" * 5000, "ids must be page ids (whole numbers) separated by commas"),
        (",".join(str(n) for n in range(1, 52)), "ids can name at most 50 pages"),
    ],
)
def test_bad_ids_answer_400_with_a_message(client, make_recipe, ids, message):
    make_recipe()

    response = client.get(f"{RECIPES}&ids={ids}")

    assert response.status_code == 400
    assert response.json() == {"message": message}


def test_ids_of_pages_that_are_gone_or_not_recipes_match_nothing(client, make_recipe, home):
    recipe = make_recipe()
    draft = make_recipe()
    draft.unpublish()

    response = client.get(f"{RECIPES}&ids={recipe.pk},{draft.pk},{home.pk},999999")

    assert [item["id"] for item in response.json()["items"]] == [recipe.pk]


@pytest.mark.parametrize(
    ("model", "factory", "root", "script"),
    [
        (SavedRecipesPage, SavedRecipesPageFactory, "data-saved-recipes", "saved-recipes.js"),
        (ShoppingListPage, ShoppingListPageFactory, "data-shopping-list", "shopping-list.js"),
    ],
)
def test_a_reader_page_is_one_cacheable_page_under_home(client, home, model, factory, root, script):
    assert model.allowed_parent_page_models() == [HomePage]
    assert model.max_count == 1
    page = factory(parent=home, introduction="Kept in your browser.")

    response = client.get(page.url)

    assert response.status_code == 200
    assert not response.cookies  # nothing personal: the page cache and the edge keep it
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f"[{root}]") is not None
    assert any(tag["src"].endswith(script) for tag in soup.select("script[src]"))
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "Kept in your browser." in soup.select_one(".lead").text
    assert page.get_sitemap_urls() == []


def test_the_saved_recipes_page_names_the_api_and_its_worker(client, home):
    page = SavedRecipesPageFactory(parent=home)

    root = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(
        "[data-saved-recipes]"
    )

    assert (root["data-api"], root["data-worker"]) == ("/api/v2/pages/", "/saved-recipes-worker.js")
    assert root["data-scope"] == page.url  # the worker controls this page alone


def test_the_preview_of_the_saved_recipes_page_registers_no_worker(editor_client, home):
    """A worker scoped to the admin's preview URL would keep admin HTML in the browser."""
    page = SavedRecipesPageFactory(parent=home)

    response = editor_client.get(f"/admin/pages/{page.pk}/view_draft/")

    assert response.status_code == 200
    root = BeautifulSoup(response.content, "html.parser").select_one("[data-saved-recipes]")
    assert "data-worker" not in root.attrs and "data-scope" not in root.attrs


def test_a_recipe_page_offers_its_ingredients_for_the_shopping_list(client, make_recipe):
    recipe = make_recipe(title="Dal", yield_amount=4, yield_unit="servings")

    soup = BeautifulSoup(client.get(recipe.url).content, "html.parser")

    button = soup.select_one("[data-add-to-list]")
    assert (button["data-add-to-list"], button["data-title"], button["data-url"]) == (
        str(recipe.pk), "Dal", recipe.url,
    )  # fmt: skip
    assert button["data-yield-unit"] == "servings" and "hidden" in button.attrs
    scripts = [tag["src"] for tag in soup.select("script[src]")]
    # quantities.js before the scripts that use it (deferred scripts run in order).
    assert [name for name in ("quantities.js", "shopping-list.js", "recipe.js")
            if any(src.endswith(name) for src in scripts)] == [
        "quantities.js", "shopping-list.js", "recipe.js",
    ]  # fmt: skip


def test_the_service_worker_is_served_from_the_root_and_revalidated(client):
    response = client.get("/saved-recipes-worker.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert b'addEventListener("fetch"' in response.content
    assert client.post("/saved-recipes-worker.js").status_code == 405

"""The rich-result check editors see while editing a recipe, and the recipe listing
that filters by it (foodie.core.rich_results)."""

import io
from datetime import date

from django.core.management import call_command
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from foodie.core.factories import AuthorFactory, ImageFactory
from recipes.factories import CourseFactory, CuisineFactory, RecipePageFactory
from recipes.models import RecipePage, RecipePageAuthor
from tests.publishing import publish

from .test_recipe_page import recipe_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete(recipe_index):
    """A recipe with everything Google's recipe rich result asks for."""
    recipe = RecipePageFactory(
        parent=recipe_index,
        course=CourseFactory(),
        cuisine=CuisineFactory(),
        calories=420,
        video_url="https://youtu.be/dQw4w9WgXcQ",
        video_thumbnail=ImageFactory(),
        video_upload_date=date(2026, 11, 2),
    )
    recipe.recipe_authors = [RecipePageAuthor(author=AuthorFactory())]
    recipe.tags.add("lentils")
    return publish(recipe)


def fields_of(problems) -> list[tuple[str, bool]]:
    return [(problem.field, problem.required) for problem in problems]


def test_a_complete_recipe_has_no_problems(complete):
    assert complete.rich_result_problems() == []
    assert complete.rich_result_problem_count == 0


def test_each_missing_property_is_named_with_the_field_to_fill(recipe_index):
    bare = RecipePageFactory.build(
        hero_image=None, summary="", prep_minutes=0, cook_minutes=0, method=[], ingredients=[]
    )
    assert fields_of(bare.rich_result_problems()) == [
        ("Main image", True),
        ("Summary", False),
        ("Authors", False),
        ("Time and yield", False),
        ("Ingredients", False),
        ("Method", False),
        ("Course", False),
        ("Cuisine", False),
        ("Tags", False),
        ("Calories", False),
        ("Video", False),
    ]


def test_a_small_image_and_a_video_without_its_still_are_problems(complete):
    complete.hero_image = ImageFactory(file__width=200, file__height=200)
    complete.video_thumbnail = None
    problems = complete.rich_result_problems()
    assert fields_of(problems) == [("Main image", True), ("Video", False)]
    assert "200 by 200 pixels" in problems[0].message


def test_the_editor_sees_the_drafts_problems_and_may_still_publish(editor_client, recipe_index):
    data = recipe_form_data(AuthorFactory(), ImageFactory())  # no course, cuisine, ...
    add = reverse("wagtailadmin_pages:add", args=("recipes", "recipepage", recipe_index.pk))
    response = editor_client.post(add, {**data, "action-publish": "publish"})
    assert response.status_code == 302  # publishing is never blocked by the check
    recipe = RecipePage.objects.get(slug="weeknight-dal")
    assert recipe.live and recipe.rich_result_problem_count == 4

    edit = reverse("wagtailadmin_pages:edit", args=(recipe.pk,))
    panel = BeautifulSoup(editor_client.get(edit).content, "html.parser").select_one(
        "[data-rich-results]"
    )
    assert "Needed for a rich result" not in panel.get_text()
    items = [li.get_text(" ", strip=True) for li in panel.select("li")]
    assert [item.split(":")[0] for item in items] == ["Course", "Cuisine", "Calories", "Video"]

    # A draft without its summary: the count follows the draft, the live page stays.
    data = recipe_form_data(AuthorFactory(), ImageFactory(), summary="")
    assert editor_client.post(edit, data).status_code == 302
    recipe.refresh_from_db()
    assert recipe.rich_result_problem_count == 5  # and the summary
    assert recipe.summary and recipe.has_unpublished_changes
    panel = BeautifulSoup(editor_client.get(edit).content, "html.parser").select_one(
        "[data-rich-results]"
    )
    assert "Summary:" in panel.get_text()


def test_the_recipe_listing_filters_recipes_with_problems(editor_client, complete, recipe_index):
    incomplete = RecipePageFactory(parent=recipe_index, title="Half a recipe")
    listing = reverse("recipe_pages:index")

    def titles(query: str) -> list[str]:
        soup = BeautifulSoup(editor_client.get(listing + query).content, "html.parser")
        return sorted(a.get_text(strip=True) for a in soup.select("td.title .title-wrapper a"))

    unchecked = RecipePageFactory(parent=recipe_index, title="Older recipe")
    RecipePage.objects.filter(pk=unchecked.pk).update(rich_result_problem_count=None)

    assert titles("") == sorted([complete.title, incomplete.title, unchecked.title])
    assert titles("?rich_results=true") == [incomplete.title]
    assert titles("?rich_results=false") == [complete.title]  # not the unchecked one
    # Searching within the filtered and sorted listing.
    query = f"?rich_results=true&ordering=-rich_result_problem_count&q={incomplete.title}"
    assert titles(query) == [incomplete.title]


def test_check_rich_results_stores_every_count(complete):
    RecipePage.objects.update(rich_result_problem_count=None)  # as after the upgrade
    out = io.StringIO()
    call_command("check_rich_results", stdout=out)
    assert "recipe: 1 checked" in out.getvalue()
    complete.refresh_from_db()
    assert complete.rich_result_problem_count == 0


def test_unpublishing_keeps_the_drafts_count(editor_client, complete):
    """Unpublishing saves the live page in full; the count stays the newer draft's."""
    draft = RecipePage.objects.get(pk=complete.pk)
    draft.calories = None
    draft.save_revision()  # a draft without its calories: one problem
    complete.refresh_from_db()
    assert complete.rich_result_problem_count == 1
    complete.unpublish()
    complete.refresh_from_db()
    assert complete.rich_result_problem_count == 1

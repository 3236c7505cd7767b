"""loadtest/admin_form.py posts back what Wagtail's edit view shows, as the admin's
JavaScript would: the load test's editors (`make load`) preview, save and publish with it."""

from urllib.parse import urlencode

from wagtail.rich_text import RichText

import pytest

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePageAuthor
from foodie.core.factories import AuthorFactory, ImageFactory
from loadtest.admin_form import edit_form_data
from recipes.factories import CourseFactory, RecipeIndexPageFactory, RecipePageFactory
from recipes.models import RecipePageAuthor

FORM = "application/x-www-form-urlencoded"
TABLE = {"data": [["Pasta", "Salt"], ["200 g", "10 g"]], "first_row_is_table_header": True,
         "first_col_is_header": False, "table_caption": "Salt"}  # fmt: skip


@pytest.mark.django_db
def test_an_article_round_trips_through_preview_and_publish(client, django_user_model, home):
    recipe = RecipePageFactory(parent=RecipeIndexPageFactory(parent=home))
    image = ImageFactory()
    article = ArticlePageFactory(
        parent=ArticleIndexPageFactory(parent=home),
        body=[
            ("paragraph", RichText("<p>Salt the water.</p>")),
            # A stream child and its struct's chooser share the name "image".
            ("image", {"image": image, "caption": "A pan"}),
            ("table", TABLE),
            ("recipe_card", {"recipe": recipe, "note": "Try it."}),
        ],
    )
    ArticlePageAuthor.objects.create(page=article, author=AuthorFactory())  # one is required
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "x"))
    url = f"/admin/pages/{article.pk}/edit/"
    form = edit_form_data(client.get(url).content.decode())
    form = [(k, f"{v} (edited)" if k == "title" else v) for k, v in form]

    preview = client.post(url + "preview/", urlencode(form), content_type=FORM)
    assert preview.json() == {"is_valid": True, "is_available": True}
    published = client.post(url, urlencode([*form, ("action-publish", "action-publish")]),
                            content_type=FORM)  # fmt: skip
    assert published.status_code == 302

    article.refresh_from_db()
    assert article.title.endswith(" (edited)")
    assert [block.block_type for block in article.body] == ["paragraph", "image", "table",
                                                            "recipe_card"]  # fmt: skip
    assert "Salt the water." in article.body[0].value.source
    assert article.body[1].value["image"].pk == image.pk
    assert article.body[2].value["data"] == TABLE["data"]
    assert article.body[3].value["recipe"].pk == recipe.pk


@pytest.mark.django_db
def test_a_recipes_choices_are_posted_as_selected(client, django_user_model, home):
    """Select boxes (difficulty, course) post their selected option, as a browser does."""
    recipe = RecipePageFactory(
        parent=RecipeIndexPageFactory(parent=home), difficulty="hard", course=CourseFactory()
    )
    RecipePageAuthor.objects.create(page=recipe, author=AuthorFactory())  # one is required
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "x"))
    url = f"/admin/pages/{recipe.pk}/edit/"
    form = edit_form_data(client.get(url).content.decode())

    assert ("difficulty", "hard") in form
    assert ("course", str(recipe.course.pk)) in form
    published = client.post(url, urlencode([*form, ("action-publish", "action-publish")]),
                            content_type=FORM)  # fmt: skip
    assert published.status_code == 302
    recipe.refresh_from_db()
    assert (recipe.difficulty, recipe.live) == ("hard", True)

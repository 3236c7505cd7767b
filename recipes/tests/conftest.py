import pytest

from foodie.core.factories import AuthorFactory, ImageFactory
from recipes.factories import RecipeIndexPageFactory, RecipePageFactory
from recipes.models import RecipePageAuthor
from tests.publishing import publish


@pytest.fixture
def recipe_index(home):
    return RecipeIndexPageFactory(parent=home)


@pytest.fixture
def image(db):
    return ImageFactory()


@pytest.fixture
def make_recipe(recipe_index):
    """Create a published recipe under the index with ``n_authors`` authors."""

    def make(n_authors: int = 1, **fields):
        recipe = RecipePageFactory(parent=recipe_index, **fields)
        recipe.recipe_authors = [RecipePageAuthor(author=AuthorFactory()) for _ in range(n_authors)]
        return publish(recipe)

    return make


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.com", "x"))
    return client

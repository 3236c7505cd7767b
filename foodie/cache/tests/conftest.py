from django.core.cache import caches

import pytest

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePageAuthor
from foodie.core.factories import AuthorFactory
from home.factories import StandardPageFactory
from recipes.factories import CuisineFactory, RecipeIndexPageFactory, RecipePageFactory
from recipes.models import RecipePageAuthor


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.WAGTAIL_CACHE = True
    caches["pagecache"].clear()


def cache_status(client, url: str, **kwargs) -> str:
    return client.get(url, **kwargs).get("X-Wagtail-Cache", "")


@pytest.fixture
def status(client):
    return lambda url, **kwargs: cache_status(client, url, **kwargs)


@pytest.fixture
def tree(site):
    """Home, About, a recipe index with two recipes, an article embedding one of them."""
    home = site.root_page.specific
    about = StandardPageFactory(parent=home, title="About", slug="about")
    index = RecipeIndexPageFactory(parent=home)
    cuisine = CuisineFactory(name="Indian", slug="indian")
    recipes = []
    for title in ("Dal", "Curry"):
        recipe = RecipePageFactory(parent=index, title=title, slug=title.lower(), cuisine=cuisine)
        recipe.recipe_authors = [RecipePageAuthor(author=AuthorFactory())]
        recipe.save_revision().publish()
        recipes.append(recipe)
    blog = ArticleIndexPageFactory(parent=home)
    article = ArticlePageFactory(
        parent=blog,
        title="Why lentils",
        slug="why-lentils",
        body=[("recipe_card", {"recipe": recipes[0], "note": ""})],
    )
    article.article_authors = [ArticlePageAuthor(author=AuthorFactory())]
    article.save_revision().publish()
    caches["pagecache"].clear()
    return {
        "home": home,
        "about": about,
        "index": index,
        "dal": recipes[0],
        "curry": recipes[1],
        "blog": blog,
        "article": article,
        "cuisine": cuisine,
    }

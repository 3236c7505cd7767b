from django.core.cache import caches

import pytest

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePageAuthor
from foodie.cache import breaker
from foodie.core.factories import AuthorFactory
from home.factories import StandardPageFactory
from recipes.factories import CuisineFactory, RecipeIndexPageFactory, RecipePageFactory
from recipes.models import RecipePageAuthor
from tests.services import missing_service

from .redis_process import RedisProcess, redis_caches


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


@pytest.fixture
def breaker_cooldown() -> float:
    """The Redis breaker's cool-down in ``redis_server`` tests (0: off); a module that
    shows the breaker overrides it."""
    return 0


@pytest.fixture
def redis_server(settings, monkeypatch, breaker_cooldown):
    """A redis-server of the test's own, both caches pointed at it as in production,
    with breakers of this test only."""
    monkeypatch.setattr(breaker, "_breakers", {})
    settings.REDIS_BREAKER_COOLDOWN = breaker_cooldown
    try:
        process = RedisProcess().start()
    except FileNotFoundError as error:
        missing_service(str(error))
    settings.CACHES = redis_caches(process.url)
    yield process
    process.stop()

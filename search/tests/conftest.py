"""A small, fixed corpus whose expected search results are known by heart."""

from types import SimpleNamespace

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from taggit.models import Tag

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePage, ArticlePageAuthor
from foodie.core.factories import AuthorFactory
from home.factories import StandardPageFactory
from recipes.factories import (
    CourseFactory,
    CuisineFactory,
    DietFactory,
    RecipeIndexPageFactory,
    RecipePageFactory,
)
from recipes.models import RecipePageAuthor
from search import popular
from tests.publishing import publish


@pytest.fixture(autouse=True)
def _fresh_search_counter():
    """Popular-search counts live in process memory; start every test with none."""
    popular.counter.reset()
    yield
    popular.counter.reset()


def ingredients(*items: str) -> list:
    rows = [{"quantity": "1", "unit": "", "item": item, "note": ""} for item in items]
    return [("section", {"heading": "", "ingredients": rows})]


def steps(*texts: str) -> list:
    return [
        ("step", {"text": f"<p>{text}</p>", "image": None, "timer_minutes": None}) for text in texts
    ]


def publish_with(page, *, authors=(), tags=(), diets=()):
    """Attach authors, tags and diets, then publish, as an editor does in the admin."""
    if isinstance(page, ArticlePage):
        page.article_authors = [ArticlePageAuthor(author=author) for author in authors]
    else:
        page.recipe_authors = [RecipePageAuthor(author=author) for author in authors]
    if tags:
        page.tags.set(tags)
    if diets:
        page.diets.set(diets)
    page.save()  # commits the cluster relations, so the index update on publish sees them
    return publish(page)


def result_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select("ol.search-results .search-result__title a")]


def facet_counts(response) -> dict[str, int]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        facet.contents[0].strip(): int(facet.select_one(".search-facet__count").get_text())
        for facet in soup.select(".search-facet")
    }


@pytest.fixture
def corpus(home_page):
    """Recipes, articles and pages, plus drafts and restricted pages that must never show."""
    recipes = RecipeIndexPageFactory(parent=home_page)
    articles = ArticleIndexPageFactory(parent=home_page)
    main = CourseFactory(name="Main", slug="main")
    side = CourseFactory(name="Side", slug="side")
    indian = CuisineFactory(name="Indian", slug="indian")
    italian = CuisineFactory(name="Italian", slug="italian")
    vegan = DietFactory(name="Vegan", slug="vegan")
    weeknight = Tag.objects.create(name="weeknight", slug="weeknight")
    meera = AuthorFactory(name="Meera Sodha", slug="meera-sodha")
    luca = AuthorFactory(name="Luca Rossi", slug="luca-rossi")

    def recipe(title, **fields):
        fields.setdefault("summary", "A dish we cook again and again.")
        fields.setdefault("ingredients", ingredients("salt"))
        fields.setdefault("method", steps("Cook it until done."))
        return RecipePageFactory(parent=recipes, title=title, publish=False, **fields)

    def article(title, introduction, author):
        page = ArticlePageFactory(
            parent=articles, title=title, introduction=introduction, publish=False
        )
        return publish_with(page, authors=[author])

    ns = SimpleNamespace(home=home_page, main=main, side=side, indian=indian, italian=italian)
    ns.vegan, ns.weeknight, ns.meera = vegan, weeknight, meera
    ns.chickpea_curry = publish_with(
        recipe(
            "Chickpea curry",
            course=main,
            cuisine=indian,
            prep_minutes=10,
            cook_minutes=20,
            ingredients=ingredients("chickpeas", "coconut milk", "garlic"),
        ),
        authors=[meera],
        tags=[weeknight],
        diets=[vegan],
    )
    ns.lentil_dal = publish_with(
        recipe(
            "Spiced lentil dal",
            summary="Warming and cheap: like a curry, only quicker. Our weeknight curry fix.",
            course=main,
            cuisine=indian,
            prep_minutes=5,
            cook_minutes=25,
            difficulty="medium",
            ingredients=ingredients("red lentils", "turmeric"),
            method=steps("Simmer the lentils.", "Finish as you would a curry, with curry leaves."),
        ),
        authors=[meera],
        diets=[vegan],
    )
    ns.falafel = publish_with(
        recipe(
            "Falafel wraps",
            course=side,
            prep_minutes=30,
            cook_minutes=15,
            ingredients=ingredients("dried chickpeas", "parsley", "flatbreads"),
        ),
        authors=[luca],
    )
    ns.roast_chicken = publish_with(
        recipe(
            "Roast chicken with lemon",
            course=main,
            cuisine=italian,
            prep_minutes=15,
            cook_minutes=90,
            difficulty="hard",
            ingredients=ingredients("whole chicken", "lemon"),
        ),
        authors=[luca],
    )
    ns.curry_night = article("Curry night at home", "Three dishes, one evening.", meera)
    ns.roasting = article(
        "How to get vegetables golden",
        "Roasting vegetables hot and fast gives the best colour.",
        luca,
    )
    ns.kitchen = StandardPageFactory(
        parent=home_page,
        title="About our test kitchen",
        hero_intro="Every recipe, curry included, is cooked three times before we publish it.",
    )
    # Pages a reader must never see, not even as a count.
    ns.draft = recipe("Secret curry", live=False)
    ns.password = StandardPageFactory(parent=home_page, title="Members curry club")
    PageViewRestriction.objects.create(
        page=ns.password, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    ns.login_only = StandardPageFactory(parent=home_page, title="Staff curry rota")
    PageViewRestriction.objects.create(
        page=ns.login_only, restriction_type=PageViewRestriction.LOGIN
    )
    ns.group_only = StandardPageFactory(parent=home_page, title="Editors curry notes")
    restriction = PageViewRestriction.objects.create(
        page=ns.group_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get_or_create(name="Editors")[0]])
    return ns


@pytest.fixture
def small_corpus(home_page):
    """Two pages: enough for searches that find something and searches that find nothing."""
    recipe = RecipePageFactory(
        parent=RecipeIndexPageFactory(parent=home_page),
        title="Chickpea curry",
        ingredients=ingredients("chickpeas"),
    )
    page = StandardPageFactory(parent=home_page, title="About our curry testing")
    return SimpleNamespace(recipe=recipe, page=page)

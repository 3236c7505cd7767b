"""Authors' pages: the index, each author's page, bylines linking to them, the sitemap."""

import json
import re

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePageAuthor
from foodie.core.factories import AuthorFactory, ImageFactory
from home.factories import AuthorIndexPageFactory
from home.models import AuthorIndexPage, HomePage
from recipes.factories import RecipeIndexPageFactory, RecipePageFactory
from recipes.models import RecipePageAuthor
from tests.publishing import publish
from tests.visibility import hidden_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def authors_index(home):
    return AuthorIndexPageFactory(parent=home)


@pytest.fixture
def credit(home):
    """Publish a recipe or an article credited to ``authors``."""
    recipes = RecipeIndexPageFactory(parent=home)
    articles = ArticleIndexPageFactory(parent=home)

    def make(*authors, kind: str = "recipe", **fields) -> Page:
        if kind == "recipe":
            page = RecipePageFactory(parent=recipes, **fields)
            page.recipe_authors = [RecipePageAuthor(author=author) for author in authors]
        else:
            page = ArticlePageFactory(parent=articles, **fields)
            page.article_authors = [ArticlePageAuthor(author=author) for author in authors]
        return publish(page)

    return make


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def card_titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select(".card__title a")]


def test_tree_rules():
    assert AuthorIndexPage.allowed_parent_page_models() == [HomePage]
    assert AuthorIndexPage.allowed_subpage_models() == []
    assert AuthorIndexPage.max_count == 1


def test_an_authors_page_shows_who_they_are_and_what_they_published(client, authors_index, credit):
    ann = AuthorFactory(name="Ann Cook", bio="Cooks dal on Sundays.", photo=ImageFactory())
    credit(ann, title="Sunday dal")
    credit(ann, AuthorFactory(), kind="article", title="Why lentils")

    soup = soup_of(client.get("/authors/ann-cook/"))

    assert soup.h1.get_text() == "Ann Cook"
    assert "Cooks dal on Sundays." in soup.select_one(".profile").get_text()
    assert ".fill-320x320" in soup.select_one(".profile__photo")["src"]
    assert [a["href"] for a in soup.select(".profile__links a")] == [
        "https://example.com/ann-cook/"
    ]
    assert card_titles(soup) == ["Why lentils", "Sunday dal"]  # newest first
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/authors/ann-cook/"
    assert soup.find("title").get_text().startswith("Ann Cook | ")
    crumbs = [
        (li.get_text(), li.a["href"] if li.a else None) for li in soup.select(".breadcrumb li")
    ]
    assert crumbs == [("Home", "/"), ("Authors", "/authors/"), ("Ann Cook", None)]
    profile, breadcrumbs = json_ld(soup)
    assert profile["@type"] == "ProfilePage"
    assert profile["mainEntity"] | {"image": None} == {
        "@type": "Person",
        "name": "Ann Cook",
        "url": "http://testserver/authors/ann-cook/",
        "description": "Cooks dal on Sundays.",
        "sameAs": ["https://example.com/ann-cook/"],
        "image": None,
    }
    assert profile["mainEntity"]["image"].startswith("http://testserver/")
    assert breadcrumbs["itemListElement"][-1]["item"] == "http://testserver/authors/ann-cook/"


def test_no_page_for_authors_without_anything_readers_may_see(client, authors_index, home):
    quiet = AuthorFactory(name="Quiet")
    recipes = RecipeIndexPageFactory(parent=home)
    for page in hidden_pages(RecipePageFactory, recipes, "dal"):  # draft, password, login
        page.recipe_authors = [RecipePageAuthor(author=quiet)]
        page.save_revision()
        if page.live:
            page.get_latest_revision().publish()

    for path in ("/authors/quiet/", "/authors/nobody/", "/authors/quiet/more/"):
        assert client.get(path).status_code == 404
    assert "Quiet" not in client.get("/authors/").content.decode()


def test_the_index_lists_each_author_with_something_published(client, authors_index, credit):
    bea, ann = AuthorFactory(name="Bea"), AuthorFactory(name="Ann", photo=ImageFactory())
    AuthorFactory(name="Cid")  # nothing published
    credit(bea, ann)
    credit(ann, kind="article")

    soup = soup_of(client.get("/authors/"))

    names = [(a.get_text(), a["href"]) for a in soup.select(".author-tile__name a")]
    assert names == [("Ann", "/authors/ann/"), ("Bea", "/authors/bea/")]


def test_an_authors_work_is_paginated_and_odd_page_numbers_are_not_stored(
    client, authors_index, credit
):
    ann = AuthorFactory(name="Ann")
    for n in range(AuthorIndexPage.per_page + 1):
        credit(ann, title=f"Dish {n}")

    first = soup_of(client.get("/authors/ann/"))
    second = soup_of(client.get("/authors/ann/?page=2"))

    assert len(card_titles(first)) == AuthorIndexPage.per_page
    assert card_titles(second) == ["Dish 0"]
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"
    assert client.get("/authors/ann/?page=1").url == "/authors/ann/"  # one URL for page one
    odd = client.get("/authors/ann/?page=abc")
    assert odd.status_code == 200 and odd["Cache-Control"] == "private"
    assert client.get("/authors/ann/?page=2&x=1")["Cache-Control"] == "private"


def test_bylines_link_to_the_authors_pages(client, authors_index, credit):
    ann = AuthorFactory(name="Ann")
    recipe = credit(ann)
    article = credit(ann, kind="article")

    recipe_soup = soup_of(client.get(recipe.url))
    article_soup = soup_of(client.get(article.url))

    assert recipe_soup.select_one(".author__name a")["href"] == "/authors/ann/"
    assert article_soup.select_one(".article__meta a")["href"] == "/authors/ann/"
    for soup in (recipe_soup, article_soup):
        assert json_ld(soup)[0]["author"] == [
            {"@type": "Person", "name": "Ann", "url": "http://testserver/authors/ann/"}
        ]


def test_bylines_without_an_author_index_link_nowhere(client, credit):
    recipe = credit(AuthorFactory(name="Ann"))
    soup = soup_of(client.get(recipe.url))
    assert soup.select_one(".author__name a") is None
    assert json_ld(soup)[0]["author"] == [{"@type": "Person", "name": "Ann"}]


def test_bylines_link_nowhere_while_the_author_index_is_outside_every_site(client, credit):
    """Wagtail gives such an index no URL: no link, rather than one to "None/ann/"."""
    from home.factories import HomePageFactory

    elsewhere = HomePageFactory(parent=Page.get_first_root_node(), slug="elsewhere")
    AuthorIndexPageFactory(parent=elsewhere)
    recipe = credit(AuthorFactory(name="Ann"))
    soup = soup_of(client.get(recipe.url))
    assert soup.select_one(".author__name a") is None
    assert json_ld(soup)[0]["author"] == [{"@type": "Person", "name": "Ann"}]


def test_the_sitemap_lists_authors_with_something_published(client, authors_index, credit):
    credit(AuthorFactory(name="Ann"))
    AuthorFactory(name="Cid")
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    assert "http://localhost/authors/" in locations
    assert "http://localhost/authors/ann/" in locations
    assert not any("/authors/cid/" in location for location in locations)


def test_an_unpublished_index_gives_no_author_pages(client, authors_index, credit):
    credit(AuthorFactory(name="Ann"))
    authors_index.unpublish()
    assert client.get("/authors/ann/").status_code == 404


@pytest.mark.postgres
def test_an_authors_page_costs_the_same_queries_whatever_they_published(
    client, authors_index, credit, django_assert_num_queries
):
    """Site 1, routing 3 (home, the index, its fields), the author with their links and
    photo's renditions 3, view restrictions 1, count and page of work 2, recipe cards 3
    (with renditions and diets), article cards 2 (with renditions), settings 2."""
    ann = AuthorFactory(name="Ann", photo=ImageFactory())
    for count in (1, 9):
        for _ in range(count):
            credit(ann, hero_image=ImageFactory())
            credit(ann, kind="article", hero_image=ImageFactory())
        client.get("/authors/ann/")  # first visit creates renditions
        with django_assert_num_queries(17):
            assert client.get("/authors/ann/").status_code == 200

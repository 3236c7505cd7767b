import datetime
import json
import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from blog.factories import ArticlePageFactory
from blog.models import ArticleIndexPage, ArticlePage
from foodie.core.factories import AuthorFactory, ImageFactory
from home.models import HomePage
from recipes.factories import RecipeIndexPageFactory, RecipePageFactory
from tests.visibility import assert_not_shown, hidden_pages

pytestmark = pytest.mark.django_db


def card_titles(response) -> list[str]:
    return [
        a.get_text()
        for a in BeautifulSoup(response.content, "html.parser").select(".card__title a")
    ]


def test_tree_rules():
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert ArticleIndexPage.allowed_parent_page_models() == [HomePage]
    assert ArticleIndexPage.allowed_subpage_models() == [ArticlePage]


def test_editor_publishes_an_article_with_a_recipe_card(
    client, django_user_model, home, article_index
):
    recipe = RecipePageFactory(parent=RecipeIndexPageFactory(parent=home), title="Dal")
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "x"))
    author, image = AuthorFactory(), ImageFactory()
    data = nested_form_data(
        {
            "title": "Why lentils",
            "slug": "why-lentils",
            "introduction": "Cheap, fast, good.",
            "hero_image": image.pk,
            "article_authors": inline_formset([{"author": author.pk}]),
            "date_published": "2026-10-01",
            "tags": "pulses",
            "body": streamfield(
                [
                    ("heading", {"text": "Start here", "level": "h2"}),
                    ("paragraph", rich_text("<p>Lentils need no soaking.</p>")),
                    ("recipe_card", {"recipe": recipe.pk, "note": "Our favourite."}),
                ]
            ),
            "action-publish": "publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", article_index.pk))
    response = client.post(url, data)
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="why-lentils")
    assert article.live and article.authors() == [author]
    client.logout()
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    card = soup.select_one(".recipe-card-block")
    assert card.select_one(".card__title a")["href"] == recipe.url
    assert "Our favourite." in card.get_text()


def test_recipe_cards_show_only_live_public_recipes(client, home, make_article):
    """The article's HTML is cached and shared: a draft or a restricted recipe must not
    appear in it (not its title, link or picture)."""
    recipes = RecipeIndexPageFactory(parent=home)
    public = RecipePageFactory(parent=recipes, title="Open dal")
    draft = RecipePageFactory(parent=recipes, title="Draft dal", live=False)
    hidden = {
        "Password dal": {"restriction_type": PageViewRestriction.PASSWORD, "password": "x"},
        "Login dal": {"restriction_type": PageViewRestriction.LOGIN},
    }
    restricted = []
    for title, restriction in hidden.items():
        recipe = RecipePageFactory(parent=recipes, title=title)
        PageViewRestriction.objects.create(page=recipe, **restriction)
        restricted.append(recipe)
    cards = [("recipe_card", {"recipe": r, "note": ""}) for r in [public, draft, *restricted]]
    article = make_article(body=cards)

    html = client.get(article.url).content.decode()

    assert card_titles_in(html) == ["Open dal"]
    for recipe in [draft, *restricted]:
        assert recipe.title not in html
        assert recipe.slug not in html


def card_titles_in(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text() for a in soup.select(".recipe-card-block .card__title a")]


def test_index_is_newest_first_and_filters_by_tag_and_author(client, article_index, make_article):
    cook = AuthorFactory(name="Cook", slug="cook")
    old = make_article(title="Old", date_published=datetime.date(2026, 1, 1), authors=[cook])
    old.tags.add("baking")
    old.save_revision().publish()
    make_article(title="New", date_published=datetime.date(2026, 6, 1))
    assert card_titles(client.get(article_index.url)) == ["New", "Old"]
    assert card_titles(client.get(article_index.url + "?tag=baking")) == ["Old"]
    assert card_titles(client.get(article_index.url + "?author=cook")) == ["Old"]
    for bad in ("?tag=nope", "?author=%01", "?page=abc", "?page=-3", "?page=10000", "?author[]=x"):
        response = client.get(article_index.url + bad)
        assert response.status_code == 200
        assert card_titles(response) == ["New", "Old"]


def test_article_json_ld(client, make_article):
    author = AuthorFactory(name='Ann "Quote" </script>')
    article = make_article(authors=[author], date_published=datetime.date(2026, 3, 4))
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == article.title
    assert data["datePublished"] == "2026-03-04"
    assert data["dateModified"].startswith(str(article.last_published_at.date()))
    # No author index on this site, so no author page to point at (home/tests/test_authors.py).
    assert data["author"] == [{"@type": "Person", "name": author.name}]
    assert data["image"][0].startswith("http://testserver/")


@pytest.mark.postgres
def test_index_query_count_does_not_grow_with_articles(
    client, article_index, make_article, django_assert_num_queries
):
    """Site 1, routing 3, view restrictions 1, count and cards 2, their renditions 1,
    settings 2."""
    for count in (3, 27):  # 3 vs 30 articles: a short first page, then a full one
        for _ in range(count):
            make_article()
        client.get(article_index.url)  # first visit creates renditions
        with django_assert_num_queries(10):
            assert client.get(article_index.url).status_code == 200


@pytest.mark.postgres
def test_article_query_count_does_not_grow_with_its_recipe_cards(
    client, home, make_article, django_assert_num_queries
):
    """Site 1, routing 3, view restrictions 1, authors 2, settings 2, tags 1, the cards'
    recipes 1 and their card fields (visibility, diets, renditions) 3."""
    recipes = RecipeIndexPageFactory(parent=home)
    for count in (1, 10):
        body = [
            ("recipe_card", {"recipe": RecipePageFactory(parent=recipes), "note": ""})
            for _ in range(count)
        ]
        article = make_article(body=body)
        client.get(article.url)  # first visit creates renditions
        with django_assert_num_queries(14):
            html = client.get(article.url).content.decode()
        assert len(card_titles_in(html)) == count


def test_articles_feed_is_valid_rss(client, make_article):
    make_article(title="Fresh")
    channel = ET.fromstring(client.get("/feeds/articles.xml").content).find("channel")
    item = channel.find("item")
    assert item.findtext("title") == "Fresh"
    assert item.find("enclosure").get("type") == "image/jpeg"
    index_html = client.get(ArticleIndexPage.objects.get().url).content.decode()
    assert 'type="application/rss+xml"' in index_html and "/feeds/articles.xml" in index_html


def test_index_lists_only_live_public_articles(client, article_index, make_article):
    make_article(title="Open letter")
    hidden = hidden_pages(ArticlePageFactory, article_index, "letter")
    response = client.get(article_index.url)
    assert card_titles(response) == ["Open letter"]
    assert_not_shown(response.content.decode(), hidden)


def test_recipe_cards_check_visibility_once_per_article(client, home, make_article):
    """Whether readers may see the cards' recipes is one check for the whole body."""
    recipes = RecipeIndexPageFactory(parent=home)

    def restriction_queries(card_count: int) -> int:
        shown = [RecipePageFactory(parent=recipes) for _ in range(card_count)]
        hidden = hidden_pages(RecipePageFactory, recipes, f"stew {card_count}")
        body = [("recipe_card", {"recipe": r, "note": ""}) for r in [*shown, *hidden]]
        article = make_article(body=body)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(article.url).content.decode()
        assert card_titles_in(html) == [recipe.title for recipe in shown]
        assert_not_shown(html, hidden)
        return sum("wagtailcore_pageviewrestriction" in q["sql"] for q in captured)

    assert restriction_queries(1) == restriction_queries(4)

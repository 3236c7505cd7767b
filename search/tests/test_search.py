"""The results page: relevance, visibility, facets, filters, promotions and query counts.

Everything here runs on SQLite and on PostgreSQL (CI sets DATABASE_URL): the two
database backends must agree on what a reader finds and in what order.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest
from bs4 import BeautifulSoup

from blog.factories import ArticlePageFactory
from home.factories import StandardPageFactory
from recipes.factories import RecipePageFactory
from search.query import RESULTS_PER_PAGE
from tests.visibility import assert_not_shown, hidden_pages

from .conftest import facet_counts, result_titles

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


# Relevance


def test_title_matches_rank_above_body_matches(client, corpus):
    titles = result_titles(search(client, q="curry"))
    title_matches = {"Chickpea curry", "Curry night at home"}
    assert set(titles[:2]) == title_matches
    assert set(titles[2:]) == {"Spiced lentil dal", "About our test kitchen"}


def test_ingredients_are_searchable(client, corpus):
    titles = result_titles(search(client, q="chickpeas"))
    assert titles[0] == "Chickpea curry"
    assert set(titles) == {"Chickpea curry", "Falafel wraps"}


def test_ingredient_quantities_are_not_searchable(client, corpus):
    """Every ingredient in the corpus has quantity "1": a search for it finds nothing."""
    assert result_titles(search(client, q="1")) == []
    assert "Chickpea curry" in result_titles(search(client, q="garlic"))


def test_a_recipe_found_by_ingredient_says_which(client, corpus):
    results = soup(search(client, q="chickpea")).select(".search-result")
    falafel = next(result for result in results if "Falafel" in result.get_text())
    assert falafel.select_one(".search-result__uses").decode_contents() == (
        "Uses dried <mark>chickpeas</mark>"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Indian", {"Chickpea curry", "Spiced lentil dal"}),  # cuisine
        ("side", {"Falafel wraps"}),  # course
        ("vegan", {"Chickpea curry", "Spiced lentil dal"}),  # diet
        ("weeknight", {"Chickpea curry", "Spiced lentil dal"}),  # tag; the dal says it
        ("Sodha", {"Chickpea curry", "Spiced lentil dal", "Curry night at home"}),  # author
    ],
)
def test_taxonomy_tags_and_authors_are_searchable(client, corpus, query, expected):
    assert set(result_titles(search(client, q=query))) == expected


def test_english_stemming(client, corpus):
    assert "Roast chicken with lemon" in result_titles(search(client, q="roasted"))
    assert "How to get vegetables golden" in result_titles(search(client, q="roast"))


def test_every_word_must_match(client, corpus):
    assert result_titles(search(client, q="chickpea lemon")) == []
    assert result_titles(search(client, q="lemon chicken")) == ["Roast chicken with lemon"]


# Visibility


def test_drafts_private_and_restricted_pages_never_appear(client, corpus):
    response = search(client, q="curry")
    html = response.content.decode()
    for title in ["Secret curry", "Members curry club", "Staff curry rota", "Editors curry notes"]:
        assert title not in html
    assert facet_counts(response) == {"All": 4, "Recipes": 2, "Articles": 1, "Pages": 1}


def test_index_and_home_pages_are_not_results(client, corpus):
    assert result_titles(search(client, q="recipes articles")) == []


# Facets, filters, pagination


def test_facets_count_each_type_and_narrow_the_results(client, corpus):
    response = search(client, q="curry")
    assert facet_counts(response) == {"All": 4, "Recipes": 2, "Articles": 1, "Pages": 1}
    recipes_only = search(client, q="curry", type="recipe")
    assert result_titles(recipes_only) == ["Chickpea curry", "Spiced lentil dal"]
    current = soup(recipes_only).select_one(".search-facet[aria-current=page]")
    assert current.contents[0].strip() == "Recipes"
    assert result_titles(search(client, q="curry", type="page")) == ["About our test kitchen"]


def test_recipe_filters_narrow_recipe_results(client, corpus):
    response = search(client, q="curry", difficulty="medium")
    assert set(result_titles(response)) == {
        "Spiced lentil dal",
        "Curry night at home",
        "About our test kitchen",
    }
    assert facet_counts(response) == {"All": 3, "Recipes": 1, "Articles": 1, "Pages": 1}
    chips = [chip.contents[0].strip() for chip in soup(response).select(".chip")]
    assert chips == ["Difficulty: Medium"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"course": "side"}, ["Falafel wraps"]),
        ({"cuisine": "indian"}, ["Chickpea curry"]),
        ({"diet": "vegan"}, ["Chickpea curry"]),
        ({"max_time": "30"}, ["Chickpea curry"]),
        ({"tag": "weeknight"}, ["Chickpea curry"]),
        ({"max_time": "15"}, []),
    ],
)
def test_each_recipe_filter(client, corpus, params, expected):
    response = search(client, q="chickpeas", type="recipe", **params)
    assert result_titles(response) == expected


def test_filters_that_leave_nothing_offer_the_unfiltered_results(client, corpus):
    response = search(client, q="chickpeas", type="recipe", max_time="15")
    page = soup(response)
    assert page.h1.get_text(strip=True) == "No results for “chickpeas”"
    link = page.select_one(".search-empty a.button")
    assert link["href"] == "?q=chickpeas"
    assert "See all 2 results" in link.get_text()


def test_article_and_page_facets_drop_recipe_filters(client, corpus):
    facets = soup(search(client, q="curry", cuisine="indian")).select(".search-facet")
    hrefs = {facet.contents[0].strip(): facet["href"] for facet in facets}
    assert hrefs == {
        "All": "?q=curry&cuisine=indian",
        "Recipes": "?q=curry&cuisine=indian&type=recipe",
        "Articles": "?q=curry&type=article",
        "Pages": "?q=curry&type=page",
    }


def test_empty_filter_values_redirect_to_a_clean_url(client, corpus):
    response = client.get("/search/?q=curry&type=&course=&cuisine=indian&diet=")
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=curry&cuisine=indian"


def test_paginates_and_clamps_bad_page_numbers(client, home_page):
    for number in range(RESULTS_PER_PAGE + 2):
        StandardPageFactory(parent=home_page, title=f"Lentil dish {number}", publish=False)
    first = result_titles(search(client, q="lentil"))
    last = result_titles(search(client, q="lentil", page="2"))
    assert len(first) == RESULTS_PER_PAGE
    assert len(last) == 2
    assert not set(first) & set(last)
    assert result_titles(search(client, q="lentil", page="abc")) == first
    assert result_titles(search(client, q="lentil", page="999999")) == last
    assert result_titles(search(client, q="lentil", page="-1")) == last
    assert result_titles(search(client, q="lentil", page="9" * 30)) == last  # past bigint
    assert soup(search(client, q="lentil", page="2")).select_one("ol.search-results")["start"] == (
        str(RESULTS_PER_PAGE + 1)
    )


# Highlighting and echo


def test_matching_words_are_highlighted(client, corpus):
    page = soup(search(client, q="roasted"))
    titles = [title.decode_contents() for title in page.select(".search-result__title a")]
    assert "<mark>Roast</mark> chicken with lemon" in titles
    summaries = [summary.decode_contents() for summary in page.select(".search-result__summary")]
    assert any("<mark>Roasting</mark> vegetables" in summary for summary in summaries)


def test_the_query_is_echoed_escaped(client, corpus):
    response = search(client, q='<b onmouseover="x">curry</b>')
    html = response.content.decode()
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=&quot;x&quot;&gt;curry&lt;/b&gt;" in html
    assert soup(response).select_one("#site-search-q")["value"] == '<b onmouseover="x">curry</b>'


# Nothing found


def test_no_results_page_suggests_what_to_do_and_shows_popular_recipes(client, corpus):
    page = soup(search(client, q="zzzqqq"))
    assert page.h1.get_text(strip=True) == "No results for “zzzqqq”"
    assert page.select(".search-tips li")
    assert len(page.select(".search-popular .recipe-card")) == 4


def test_popular_recipes_are_those_promoted_for_the_most_searched_terms(client, corpus):
    often = Query.objects.create(query_string="dinner")
    often.daily_hits.create(date=corpus.chickpea_curry.first_published_at.date(), hits=50)
    SearchPromotion.objects.create(query=often, page=corpus.falafel, sort_order=0)
    page = soup(search(client, q="zzzqqq"))
    titles = [a.get_text() for a in page.select(".search-popular .card__title a")]
    assert titles[0] == "Falafel wraps"
    assert len(titles) == 4


def test_popular_recipes_are_only_live_public_ones(client, corpus):
    """Promoted for the most-searched terms or not, a hidden recipe is never "popular"."""
    hidden = hidden_pages(RecipePageFactory, corpus.chickpea_curry.get_parent(), "pie")
    often = Query.objects.create(query_string="dinner")
    often.daily_hits.create(date=corpus.chickpea_curry.first_published_at.date(), hits=50)
    for order, recipe in enumerate([corpus.draft, *hidden]):
        SearchPromotion.objects.create(query=often, page=recipe, sort_order=order)
    response = search(client, q="zzzqqq")
    titles = [a.get_text() for a in soup(response).select(".search-popular .card__title a")]
    assert sorted(titles) == [
        "Chickpea curry",
        "Falafel wraps",
        "Roast chicken with lemon",
        "Spiced lentil dal",
    ]
    assert_not_shown(response.content.decode(), [corpus.draft, *hidden])


def test_empty_query_shows_the_prompt(client, corpus):
    page = soup(search(client))
    assert page.h1.get_text(strip=True) == "Search"
    assert "Type a dish" in page.get_text()
    assert result_titles(search(client, q="   ")) == []


# Promotions


def test_promotions_come_first_and_only_once(client, corpus):
    query = Query.objects.create(query_string="curry")
    SearchPromotion.objects.create(
        query=query, page=corpus.kitchen, description="How we test.", sort_order=0
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.com/spices",
        external_link_text="Our spice shop",
        sort_order=1,
    )
    page = soup(search(client, q="Curry!"))
    promoted = [a.get_text() for a in page.select(".search-promotions .search-result__title a")]
    assert promoted == ["About our test kitchen", "Our spice shop"]
    assert "About our test kitchen" not in result_titles(search(client, q="curry"))
    assert page.select_one(".search-promotions .search-result__summary").get_text() == (
        "How we test."
    )
    # Not on later pages, nor in a narrowed view.
    assert not soup(search(client, q="curry", type="recipe")).select(".search-promotions")


def test_promotions_of_unpublished_or_private_pages_are_hidden(client, corpus):
    query = Query.objects.create(query_string="curry")
    hidden = [corpus.draft, corpus.password, corpus.login_only, corpus.group_only]
    for order, page in enumerate(hidden):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)
    response = search(client, q="curry")
    assert not soup(response).select(".search-promotions")
    assert_not_shown(response.content.decode(), hidden)


def test_a_promotion_shows_even_when_nothing_else_matches(client, corpus):
    query = Query.objects.create(query_string="christmas")
    SearchPromotion.objects.create(query=query, page=corpus.roast_chicken, sort_order=0)
    page = soup(search(client, q="christmas"))
    assert page.h1.get_text(strip=True) == "Results for “christmas”"
    assert page.select_one(".search-promotions a").get_text() == "Roast chicken with lemon"


# Cost


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", params).status_code == 200
    return len(queries)


def add_matching_pages(corpus, start: int, stop: int) -> None:
    for number in range(start, stop):
        kind = number % 3
        if kind == 0:
            RecipePageFactory(parent=corpus.chickpea_curry.get_parent(), title=f"Tofu {number}")
        elif kind == 1:
            ArticlePageFactory(parent=corpus.curry_night.get_parent(), title=f"Tofu {number}")
        else:
            StandardPageFactory(parent=corpus.home, title=f"Tofu {number}")


def test_a_results_page_costs_a_fixed_number_of_queries(client, corpus, monkeypatch):
    # Every result on one page, so 5 and 25 results show the same mix of types.
    monkeypatch.setattr("search.query.RESULTS_PER_PAGE", 30)
    add_matching_pages(corpus, 0, 5)
    params = {"q": "tofu"}
    client.get("/search/", params)  # fills the site-root-paths cache and creates renditions
    with_five = count_queries(client, params)
    add_matching_pages(corpus, 5, 25)
    assert len(result_titles(client.get("/search/", params))) == 25
    assert count_queries(client, params) == with_five
    filtered = {"q": "tofu", "cuisine": "indian", "diet": "vegan"}
    client.get("/search/", filtered)
    assert count_queries(client, filtered) <= with_five


def test_query_count_ceiling(client, corpus, django_assert_max_num_queries):
    """Site and settings 3, view restrictions 1, recipe filter choices 4, promotions 1,
    the ranked page with its counts per type 1, then cards: recipes 3, articles 4, pages 1
    (no second visibility check: the candidates are live and public already)."""
    client.get("/search/", {"q": "curry"})
    with django_assert_max_num_queries(18):
        client.get("/search/", {"q": "curry"})


def full_text_queries(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", params).status_code == 200
    return [query["sql"] for query in queries if "indexentry" in query["sql"].lower()]


def test_the_ranked_page_counts_each_type_in_the_same_query(client, corpus):
    """The "All" view reads the matches once: one query ranks the page and counts the types.
    A type facet needs the counts of the other types too: one query more."""
    assert len(full_text_queries(client, {"q": "curry"})) == 1
    assert len(full_text_queries(client, {"q": "curry", "type": "recipe"})) == 2
    # Past the last page the counts come first, then the last page.
    assert len(full_text_queries(client, {"q": "curry", "page": "50"})) == 3

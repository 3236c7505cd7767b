"""/search/suggest/: title suggestions as JSON for the search box's typeahead."""

import pytest

from search.suggest import MAX_SUGGESTIONS

pytestmark = pytest.mark.django_db


def suggest(client, q):
    response = client.get("/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response


def test_suggests_titles_by_prefix_with_url_and_type(client, corpus):
    response = suggest(client, "chick")
    assert response.json() == {
        "query": "chick",
        "suggestions": [
            {"title": "Chickpea curry", "url": "/recipes/chickpea-curry/", "type": "Recipe"},
            {
                "title": "Roast chicken with lemon",
                "url": "/recipes/roast-chicken-with-lemon/",
                "type": "Recipe",
            },
        ],
    }
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_several_words_match_whole_words_then_a_prefix(client, corpus):
    titles = [s["title"] for s in suggest(client, "curry ni").json()["suggestions"]]
    assert titles == ["Curry night at home"]


def test_types_are_labelled(client, corpus):
    types = {s["title"]: s["type"] for s in suggest(client, "cur").json()["suggestions"]}
    assert types == {"Chickpea curry": "Recipe", "Curry night at home": "Article"}


def test_drafts_and_restricted_pages_are_never_suggested(client, corpus):
    titles = [s["title"] for s in suggest(client, "curr").json()["suggestions"]]
    assert not {"Secret curry", "Members curry club", "Staff curry rota"} & set(titles)


@pytest.mark.parametrize("q", ["", "c", " ", "!!", "&*"])
def test_too_short_gives_nothing(client, corpus, q):
    assert suggest(client, q).json()["suggestions"] == []


def test_at_most_eight_in_one_query(client, corpus, django_assert_max_num_queries):
    from home.factories import StandardPageFactory

    for number in range(MAX_SUGGESTIONS + 3):
        StandardPageFactory(parent=corpus.home, title=f"Currant bun {number}", publish=False)
    suggest(client, "curr")  # fills the site-root-paths cache
    with django_assert_max_num_queries(3):
        assert len(suggest(client, "curr").json()["suggestions"]) == MAX_SUGGESTIONS


def test_the_page_loads_the_script_with_the_endpoint(client, corpus):
    html = client.get("/search/", {"q": "curry"}).content.decode()
    assert (
        'src="/static/foodie/js/search-suggest.js" data-suggest-url="/search/suggest/" defer'
        in html
    )

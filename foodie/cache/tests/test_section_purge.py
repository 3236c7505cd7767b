"""Making a page or a section private, or moving a section, purges every cached page
that lists or references a page in it.

Readers of those pages would otherwise keep seeing a private page's title, link and
picture in a card (issue 13, item 3), or links to where a page used to be.
"""

from wagtail.models import PageViewRestriction

import pytest

from .. import signals

pytestmark = pytest.mark.django_db

FEEDS_AND_SITEMAP = ("/sitemap.xml", "/feeds/recipes.xml", "/feeds/articles.xml")


@pytest.fixture
def shown_with_dal(status, tree):
    """Every cached URL whose HTML shows dal: its index, the home page's newest recipes,
    the article with its recipe card, curry's related recipes, the feeds and sitemap."""
    curry = tree["curry"]
    curry.related_recipes.create(related=tree["dal"])
    curry.save_revision().publish()
    urls = {name: tree[name].url for name in ("home", "index", "article", "curry")}
    urls.update({path: path for path in FEEDS_AND_SITEMAP})
    for url in urls.values():
        status(url)
        assert status(url) == "hit", url
    return urls


def restrict(page, restriction_type, captured):
    with captured(execute=True):
        PageViewRestriction.objects.create(
            page=page, restriction_type=restriction_type, password="secret"
        )


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_restricting_a_page_purges_what_lists_or_references_it(
    status, tree, shown_with_dal, restriction_type, django_capture_on_commit_callbacks
):
    restrict(tree["dal"], restriction_type, django_capture_on_commit_callbacks)
    assert {name: status(url) for name, url in shown_with_dal.items()} == dict.fromkeys(
        shown_with_dal, "miss"
    )


def test_restricting_a_section_purges_what_lists_or_references_pages_in_it(
    status, tree, shown_with_dal, django_capture_on_commit_callbacks
):
    """A restriction on the recipe index makes dal private too (restrictions apply to
    the pages below): the article's card of dal and the home page's must go."""
    restrict(tree["index"], PageViewRestriction.LOGIN, django_capture_on_commit_callbacks)
    names = ("home", "article", *FEEDS_AND_SITEMAP)
    assert {name: status(shown_with_dal[name]) for name in names} == dict.fromkeys(names, "miss")
    assert status(tree["about"].url) in ("miss", "hit")
    assert status(tree["about"].url) == "hit"  # the purge was precise


def test_restricting_a_large_section_empties_the_page_cache(
    status, tree, shown_with_dal, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(signals, "MAX_PRECISE_DESCENDANTS", 1)  # the index has two
    about = tree["about"].url
    status(about)
    assert status(about) == "hit"
    restrict(tree["index"], PageViewRestriction.LOGIN, django_capture_on_commit_callbacks)
    names = ("home", "article", *FEEDS_AND_SITEMAP)
    assert {name: status(shown_with_dal[name]) for name in names} == dict.fromkeys(names, "miss")
    assert status(about) == "miss"


def test_moving_a_section_purges_what_links_to_pages_in_it(
    client, status, tree, shown_with_dal, django_capture_on_commit_callbacks
):
    """The article's card links to dal at /recipes/dal/; moved with its index under
    About, dal is at /about/recipes/dal/ and the card must follow."""
    with django_capture_on_commit_callbacks(execute=True):
        tree["index"].move(tree["about"], pos="last-child")
    names = ("home", "article", *FEEDS_AND_SITEMAP)
    assert {name: status(shown_with_dal[name]) for name in names} == dict.fromkeys(names, "miss")
    assert b'href="/about/recipes/dal/"' in client.get(tree["article"].url).content

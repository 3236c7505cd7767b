"""The rich-result check on articles (foodie.core.rich_results): all recommended."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from blog.factories import ArticlePageFactory
from blog.structured_data import MAX_HEADLINE_LENGTH

pytestmark = pytest.mark.django_db


def test_an_article_with_image_author_and_a_short_headline_has_no_problems(make_article):
    assert make_article().rich_result_problem_count == 0


def test_an_articles_missing_image_authors_and_long_headline_are_named(article_index):
    article = ArticlePageFactory.build(hero_image=None, title="x" * (MAX_HEADLINE_LENGTH + 1))
    problems = article.rich_result_problems()
    assert [(p.field, p.required) for p in problems] == [
        ("Main image", False),
        ("Authors", False),
        ("Title", False),
    ]
    assert f"this one has {MAX_HEADLINE_LENGTH + 1}" in problems[-1].message


def test_the_article_listing_filters_by_problems(admin_client, make_article, article_index):
    make_article(title="Complete")
    ArticlePageFactory(parent=article_index, title="No author")

    def titles(query: str) -> list[str]:
        response = admin_client.get(reverse("article_pages:index") + query)
        soup = BeautifulSoup(response.content, "html.parser")
        return [a.get_text(strip=True) for a in soup.select("td.title .title-wrapper a")]

    assert titles("?rich_results=true") == ["No author"]
    assert titles("?rich_results=false") == ["Complete"]

from wagtail.models import Site

import pytest

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePageAuthor
from foodie.core.factories import AuthorFactory


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def article_index(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def make_article(article_index):
    def make(authors=None, **fields):
        article = ArticlePageFactory(parent=article_index, **fields)
        authors = authors or [AuthorFactory()]
        article.article_authors = [ArticlePageAuthor(author=author) for author in authors]
        article.save_revision().publish()
        article.refresh_from_db()
        return article

    return make

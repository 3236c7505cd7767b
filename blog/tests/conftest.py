import pytest

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePageAuthor
from foodie.core.factories import AuthorFactory
from tests.publishing import publish


@pytest.fixture
def article_index(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def make_article(article_index):
    def make(authors=None, **fields):
        article = ArticlePageFactory(parent=article_index, **fields)
        authors = authors or [AuthorFactory()]
        article.article_authors = [ArticlePageAuthor(author=author) for author in authors]
        return publish(article)

    return make

from wagtail.models import Site

import pytest

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogPageAuthor
from foodie.core.factories import AuthorFactory


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def blog_index(home):
    return BlogIndexPageFactory(parent=home)


@pytest.fixture
def make_article(blog_index):
    def make(authors=None, **fields):
        article = BlogPageFactory(parent=blog_index, **fields)
        article.article_authors = [BlogPageAuthor(author=a) for a in (authors or [AuthorFactory()])]
        article.save_revision().publish()
        article.refresh_from_db()
        return article

    return make

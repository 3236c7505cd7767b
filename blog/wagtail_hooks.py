from wagtail import hooks

from foodie.core.rich_results_admin import RichResultsListingViewSet

from .models import ArticlePage


class ArticleListingViewSet(RichResultsListingViewSet):
    """Every article in one list, with what each lacks for Google's rich results."""

    model = ArticlePage
    icon = "doc-full"
    menu_label = "Articles"
    menu_order = 195


@hooks.register("register_admin_viewset")
def register_article_listing() -> ArticleListingViewSet:
    return ArticleListingViewSet("article_pages")

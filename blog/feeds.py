from foodie.core.feeds import PageFeed

from .models import ArticlePage, article_cards


class ArticlesFeed(PageFeed):
    title = "Foodie: latest articles"
    description = "The newest articles published on Foodie."
    link = "/"

    def get_pages(self):
        return article_cards(ArticlePage.objects.all())

    def item_summary(self, page) -> str:
        return page.introduction

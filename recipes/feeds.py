from foodie.core.feeds import PageFeed

from .models import RecipePage, recipe_cards


class RecipesFeed(PageFeed):
    title = "Foodie: latest recipes"
    description = "The newest recipes published on Foodie."
    link = "/"

    def get_pages(self):
        return recipe_cards(RecipePage.objects.all()).order_by("-first_published_at")

    def item_summary(self, page) -> str:
        return page.summary

from .authors import AuthorIndexPage
from .pages import (
    HomePage,
    HomePageFeaturedArticle,
    HomePageFeaturedRecipe,
    StandardPage,
)

__all__ = [
    "AuthorIndexPage",
    "HomePage",
    "HomePageFeaturedArticle",
    "HomePageFeaturedRecipe",
    "StandardPage",
]

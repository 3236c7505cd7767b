from .authors import Author, AuthorLink
from .images import FoodieImage, FoodieRendition
from .site_settings import NavigationSettings, SiteSettings

__all__ = [
    "Author",
    "AuthorLink",
    "FoodieImage",
    "FoodieRendition",
    "NavigationSettings",
    "SiteSettings",
]

from .authors import Author, AuthorCredit, AuthorLink
from .images import FoodieImage, FoodieRendition, optional_image
from .site_settings import NavigationSettings, SiteSettings

__all__ = [
    "Author",
    "AuthorCredit",
    "AuthorLink",
    "FoodieImage",
    "FoodieRendition",
    "NavigationSettings",
    "SiteSettings",
    "optional_image",
]

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every content app shares: images, authors, site settings, navigation."""

    name = "foodie.core"
    label = "core"
    verbose_name = "Foodie core"

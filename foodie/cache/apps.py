from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "foodie.cache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from wagtail.models import get_page_models

        from foodie.metrics.page_cache import initialise_series

        from . import signals
        from .pages import CachedPage

        signals.connect()
        initialise_series(
            model._meta.label for model in get_page_models() if issubclass(model, CachedPage)
        )

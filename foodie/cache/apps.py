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
        _disconnect_frontend_cache_handlers(get_page_models())
        initialise_series(
            model._meta.label for model in get_page_models() if issubclass(model, CachedPage)
        )


def _disconnect_frontend_cache_handlers(page_models) -> None:
    """Wagtail's frontend_cache purges a page on publish, before the commit and
    nothing that lists it; the page cache's purges reach the edge instead (``edge``)."""
    from wagtail.contrib.frontend_cache import signal_handlers
    from wagtail.signals import page_published, page_unpublished

    for model in page_models:
        page_published.disconnect(signal_handlers.page_published_signal_handler, sender=model)
        page_unpublished.disconnect(signal_handlers.page_unpublished_signal_handler, sender=model)

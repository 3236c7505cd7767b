from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "foodie.metrics"
    label = "foodie_metrics"
    verbose_name = "Metrics"

    def ready(self) -> None:
        from wagtail.models import get_page_models
        from wagtail.signals import page_published

        from .counters import count_publish, initialise_series

        page_published.connect(count_publish, dispatch_uid="foodie_metrics_publish")
        initialise_series(model._meta.label for model in get_page_models())

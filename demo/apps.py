from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark content: fills the content apps, which never import it back."""

    name = "demo"
    verbose_name = "Demo and benchmark content"

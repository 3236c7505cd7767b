from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class RecipesConfig(AppConfig):
    name = "recipes"
    verbose_name = "Recipes"

    def ready(self) -> None:
        from .models import Rating
        from .ratings import on_rating_changed

        # A new rating, a moderation in the edit form, a deletion: the recipe's summary
        # and pages are refreshed with the next batch.
        post_save.connect(on_rating_changed, sender=Rating, dispatch_uid="rating_saved")
        post_delete.connect(on_rating_changed, sender=Rating, dispatch_uid="rating_deleted")

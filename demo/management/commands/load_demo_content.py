from django.core.management.base import BaseCommand

from demo.content.loader import load_demo_content
from recipes.models import RecipePage


class Command(BaseCommand):
    help = (
        "Build the demo site: recipes, articles, pages, settings, navigation, authors, "
        "taxonomy and images. Idempotent: running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has recipes (used by `make run`).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        # Recipes, not authors, mark a loaded site: a database loaded before the demo
        # recipes existed has authors but should still gain the recipes.
        if if_empty and RecipePage.objects.exists():
            self.stdout.write("Content already present; skipping demo content.")
            return
        load_demo_content(self.stdout.write)  # one transaction: a killed load leaves nothing
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))

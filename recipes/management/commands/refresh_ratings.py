from django.core.management.base import BaseCommand

from recipes.ratings import refresh_rating_summaries


class Command(BaseCommand):
    help = (
        "Work out again the rating summaries of recipes rated or moderated since the last "
        "run, and purge those recipes' pages (the scheduler does this every tick)."
    )

    def handle(self, *args, **options) -> None:
        refreshed = refresh_rating_summaries()
        self.stdout.write(f"Refreshed the ratings of {refreshed} recipes.")

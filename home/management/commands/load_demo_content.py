from django.core.management.base import BaseCommand

from wagtail.models import Page
from home.demo.loader import load_demo_content


class Command(BaseCommand):
    help = "Build the demo site: pages, settings, navigation, authors, taxonomy and images."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has content (used by `make run`).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and Page.objects.filter(depth__gt=2).exists():
            self.stdout.write("Content already present; skipping demo content.")
            return
        load_demo_content(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))

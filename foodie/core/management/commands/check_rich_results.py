"""Store every recipe's and article's rich-result problem count (the admin listings'
column and filter) from its latest revision: once after upgrading to the release that
added the count; every save keeps it current from then on."""

from django.core.management.base import BaseCommand

from wagtail.models import get_page_models

from foodie.core.rich_results import RichResultsMixin, check_rich_results


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        for model in get_page_models():
            if issubclass(model, RichResultsMixin):
                checked = check_rich_results(model)
                self.stdout.write(f"{model._meta.verbose_name}: {checked} checked")

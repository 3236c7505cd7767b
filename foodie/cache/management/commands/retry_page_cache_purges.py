from django.core.management.base import BaseCommand

from foodie.cache.models import PendingPurge
from foodie.cache.purge import retry_pending_purges


class Command(BaseCommand):
    help = "Run again the page-cache purges that failed (the scheduler does this every tick)."

    def handle(self, *args, **options) -> None:
        done = retry_pending_purges()
        left = PendingPurge.objects.count()
        self.stdout.write(f"Retried {done} page-cache purges; {left} still pending.")

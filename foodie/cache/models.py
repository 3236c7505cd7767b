from django.db import models


class PendingPurge(models.Model):
    """A purge that could not reach the page cache's store (Redis down or hung when an
    editor published), kept in the database until ``retry_pending_purges`` runs it."""

    paths = models.JSONField(null=True, help_text="URL paths; empty (null): the whole cache")
    reason = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        what = "everything" if self.paths is None else f"{len(self.paths)} paths"
        return f"Pending purge of {what} ({self.reason})"

"""Readers' star ratings and cook notes, and the summary a recipe page shows of them.

A rating counts at once; its note is shown only once an editor approves it. The page's
summary (average, count, newest approved notes) is worked out again in batches by
``recipes.ratings.refresh_rating_summaries`` (the scheduler's every tick), which then
purges that recipe's cached pages: a flood of ratings costs one purge a tick.
"""

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from foodie.metrics.counters import notes_moderated

NOTE_MAX_LENGTH = 1000
NOTES_PER_PAGE = 10
# The notes readers see: approved, and with something to read.
APPROVED_NOTES = models.Q(status="approved") & ~models.Q(note="")


class Rating(models.Model):
    """One reader's stars for a recipe, with an optional note and "I made this"."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    recipe = models.ForeignKey(
        "recipes.RecipePage", on_delete=models.CASCADE, related_name="ratings"
    )
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    made_it = models.BooleanField("made it", default=False)
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        help_text="Only approved notes are shown. The stars count whatever the status; "
        "delete a rating to drop its stars.",
    )
    # A keyed hash of the reader's address (never the address itself): enough for
    # "one rating per reader per recipe per day".
    client = models.CharField(max_length=64, editable=False)
    day = models.DateField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # Readers write these, thousands a day: no reference index rows, and no purge per
    # save (the page cache's snippet signal); summaries and purges come in batches.
    wagtail_reference_index_ignore = True
    page_cache_purged_in_batches: ClassVar[bool] = True

    panels = [
        FieldPanel("recipe", read_only=True),
        FieldRowPanel([FieldPanel("stars", read_only=True), FieldPanel("made_it", read_only=True)]),
        FieldPanel("note", read_only=True),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipe", "client", "day"], name="one_rating_per_reader_per_recipe_a_day"
            ),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="rating_stars_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["recipe", "status", "-created_at"])]

    def __str__(self) -> str:
        stars = "★" * self.stars
        if not self.note:
            return f"{stars} (no note)"
        excerpt = self.note if len(self.note) <= 60 else self.note[:59] + "…"
        return f"{stars} “{excerpt}”"

    def save(self, *args, **kwargs) -> None:
        """Save; an editor's approval or rejection of the note is counted."""
        before = (
            None
            if self._state.adding
            else Rating.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        )
        super().save(*args, **kwargs)
        if self.note and before and before != self.status != Rating.Status.PENDING:
            notes_moderated.labels(decision=self.status).inc()

    def as_shown(self) -> dict:
        """What a recipe page shows of an approved note (summaries keep them as JSON)."""
        return {
            "stars": self.stars,
            "note": self.note,
            "made_it": self.made_it,
            "date": timezone.localdate(self.created_at).isoformat(),
        }


class RatingSummary(models.Model):
    """What a recipe page shows of its ratings, read with the page (no query of its own):
    the average and count, and the newest page of approved notes. ``stale`` marks a
    recipe whose ratings changed since the last refresh."""

    recipe = models.OneToOneField(
        "recipes.RecipePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_summary",
    )
    count = models.PositiveIntegerField(default=0)
    average = models.DecimalField(max_digits=3, decimal_places=2, null=True)
    note_count = models.PositiveIntegerField(default=0)
    latest_notes = models.JSONField(default=list)
    stale = models.BooleanField(default=True, db_index=True)

    class Meta:
        verbose_name_plural = "rating summaries"

    def __str__(self) -> str:
        return f"{self.count} ratings, average {self.average}"

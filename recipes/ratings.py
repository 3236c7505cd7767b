"""Readers' ratings and cook notes: checking a submission, the reader's allowances, and
the batched refresh of what recipe pages show of them (docs/operators.md, "Ratings")."""

import re
from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from foodie.cache.purge import page_paths, purge_paths
from foodie.metrics.page_cache import PurgeReason
from foodie.security import client_ip

from .models import RecipePage
from .models.ratings import APPROVED_NOTES, NOTE_MAX_LENGTH, NOTES_PER_PAGE, Rating, RatingSummary

# A tag or comment opener: notes are plain text, shown escaped; HTML in one is refused
# rather than silently shown as markup characters.
HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
HONEYPOT_FIELD = "website"


class RatingForm(forms.Form):
    """A submission, from the widget's JSON: stars, an optional note and "I made this".
    ``website`` is the honeypot: hidden from people, filled by bots."""

    stars = forms.IntegerField(
        min_value=1,
        max_value=5,
        error_messages={
            "required": "Choose from 1 to 5 stars.",
            "invalid": "Stars must be a whole number from 1 to 5.",
            "min_value": "Stars must be a whole number from 1 to 5.",
            "max_value": "Stars must be a whole number from 1 to 5.",
        },
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        error_messages={
            "max_length": f"Keep the note to {NOTE_MAX_LENGTH} characters (it has %(show_value)d)."
        },
    )
    made_it = forms.BooleanField(required=False)
    website = forms.CharField(required=False)

    def __init__(self, data: dict) -> None:
        super().__init__(data)
        for name in ("note", HONEYPOT_FIELD):
            if not isinstance(data.get(name, ""), str):
                self.add_error(name, f"“{name}” must be text.")
        if not isinstance(data.get("made_it", False), bool):
            self.add_error("made_it", "“made_it” must be true or false.")
        if isinstance(data.get("stars"), bool):  # JSON true would pass as 1
            self.add_error("stars", "Stars must be a whole number from 1 to 5.")

    def clean_note(self) -> str:
        note = self.cleaned_data["note"]
        try:
            note.encode()
        except UnicodeEncodeError:  # a lone surrogate ("\ud800"): no text can hold it
            raise ValidationError("The note has characters that are not text.") from None
        if HTML_TAG.search(note):
            raise ValidationError("Notes are plain text: leave out HTML tags such as <b>.")
        return note

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))


def reader_key(request: HttpRequest) -> str:
    """A keyed hash of the reader's address (the one login protection sees): stored to
    allow one rating a day, without keeping the address."""
    return salted_hmac("recipes.ratings.reader", client_ip(request), algorithm="sha256").hexdigest()


def mark_changed(recipe_ids: Iterable[int]) -> None:
    """Note that these recipes' ratings changed, in the transaction that changed them:
    the next refresh works out their summaries and purges their pages (one row per
    recipe, however many ratings come in meanwhile)."""
    ids = sorted(set(recipe_ids))
    if not ids:
        return
    RatingSummary.objects.bulk_create(
        [RatingSummary(recipe_id=pk, stale=True) for pk in ids],
        update_conflicts=True,
        unique_fields=["recipe"],
        update_fields=["stale"],
    )
    if settings.RATINGS_REFRESH_AT_ONCE:
        transaction.on_commit(refresh_rating_summaries)


def on_rating_changed(sender, instance: Rating, **kwargs) -> None:
    mark_changed([instance.recipe_id])


def moderate(ratings: Iterable[Rating], status: str) -> int:
    """Approve or reject the notes of ``ratings`` (each save counts the decision and
    marks its recipe); returns how many changed."""
    changed = [rating for rating in ratings if rating.note and rating.status != status]
    for rating in changed:
        rating.status = status
        rating.save(update_fields=["status"])
    return len(changed)


def summarise(recipe_id: int) -> dict:
    """A recipe's summary fields, from its ratings."""
    ratings = Rating.objects.filter(recipe_id=recipe_id)
    totals = ratings.aggregate(
        count=Count("id"),
        average=Avg("stars"),
        note_count=Count("id", filter=APPROVED_NOTES),
    )
    average = totals["average"]
    return {
        "count": totals["count"],
        "average": None if average is None else round(average, 2),
        "note_count": totals["note_count"],
        "latest_notes": [
            rating.as_shown() for rating in ratings.filter(APPROVED_NOTES)[:NOTES_PER_PAGE]
        ],
    }


def refresh_rating_summaries() -> int:
    """Work out again the summary of every recipe whose ratings changed, then purge that
    recipe's pages (its own URLs only: nothing else shows ratings). Returns how many
    recipes were refreshed.

    Each recipe in a transaction of its own, holding its summary row: a rating that
    comes meanwhile waits, then marks the recipe again for the next refresh; a second
    refresher skips the row; a failure leaves the recipe marked.
    """
    ids = list(RatingSummary.objects.filter(stale=True).values_list("recipe_id", flat=True))
    recipes = RecipePage.objects.defer_streamfields().in_bulk(ids)
    refreshed = 0
    for recipe_id in ids:
        with transaction.atomic():
            held = RatingSummary.objects.select_for_update(skip_locked=True).filter(
                recipe_id=recipe_id, stale=True
            )
            if not list(held.values_list("pk", flat=True)):
                continue  # refreshed meanwhile, or another refresher holds it
            held.update(stale=False, **summarise(recipe_id))
        refreshed += 1
        if recipe_id in recipes:
            purge_paths(page_paths(recipes[recipe_id]), PurgeReason.RATINGS)
    return refreshed

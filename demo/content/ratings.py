"""Demo readers' ratings and cook notes: a few recipes rated, notes approved and one
waiting for an editor, so the widget, the notes and the moderation queue have something
to show."""

from datetime import date, timedelta

from recipes.models import Rating, RecipePage
from recipes.ratings import refresh_rating_summaries

# Recipe slug: (stars, made it, note, status), oldest first.
RATINGS = {
    "dal-tadka": [
        (5, True, "The tadka poured over at the end is everything. Made it twice this week.",
         "approved"),
        (4, False, "", "approved"),
        (4, True, "Red lentils only and it was on the table in half an hour.", "approved"),
    ],
    "okonomiyaki": [
        (5, True, "Shred the cabbage as fine as you can: it holds together much better.",
         "approved"),
        (3, True, "", "approved"),
    ],
    "banana-bread": [
        (4, True, "Can I swap the butter for oil?", "pending"),
        (5, False, "", "approved"),
    ],
}  # fmt: skip


def ensure_ratings() -> None:
    """Rate the demo recipes once (nothing if anyone has rated anything)."""
    if Rating.objects.exists():
        return
    recipes = {page.slug: page for page in RecipePage.objects.filter(slug__in=RATINGS)}
    for slug, ratings in RATINGS.items():
        for number, (stars, made_it, note, status) in enumerate(ratings):
            Rating.objects.create(
                recipe=recipes[slug],
                stars=stars,
                made_it=made_it,
                note=note,
                status=status,
                client=f"demo-reader-{number}",
                day=date.today() - timedelta(days=len(ratings) - number),
            )
    refresh_rating_summaries()

import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_POST, require_safe

from foodie.metrics.counters import RatingOutcome, ratings_submitted
from foodie.security import over_rate_limit, seconds_left_in_window

from .models import Rating, RecipePage
from .ratings import RatingForm, reader_key


@require_safe
def saved_recipes_worker(request: HttpRequest) -> HttpResponse:
    """The saved recipes page's service worker, served from the site's root so that it
    may control that page wherever editors put it (a worker's scope cannot be above
    its own path). Browsers check it for updates on every visit."""
    response = render(
        request,
        "recipes/saved_recipes_worker.js",
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


def rating_answer(status: int, message: str, outcome: RatingOutcome | None = None, **extra):
    """The JSON the rating widget shows (``message``), counted by outcome."""
    if outcome:
        ratings_submitted.labels(outcome=outcome).inc()
    return JsonResponse({"message": message, **extra}, status=status)


@require_safe
@never_cache
@ensure_csrf_cookie
def rating_token(request: HttpRequest) -> JsonResponse:
    """The CSRF token the rating widget sends with a rating. Cached recipe pages carry
    none (they are the same for every reader); the widget fetches it when it needs it."""
    return JsonResponse({"csrfToken": get_token(request)})


@require_POST
@never_cache
def rate_recipe(request: HttpRequest, recipe_id: str) -> JsonResponse:
    """Store a reader's rating of a live, public recipe, from JSON: ``stars`` (1-5),
    optional ``note`` and ``made_it``. 201, or 400/404/409/429 with a message."""
    if over_rate_limit(
        request, "ratings", settings.RATINGS_PER_READER, settings.RATINGS_PERIOD_SECONDS
    ):
        response = rating_answer(
            429,
            "You have sent a lot of ratings: please try again later.",
            RatingOutcome.RATE_LIMITED,
        )
        response["Retry-After"] = str(seconds_left_in_window(settings.RATINGS_PERIOD_SECONDS))
        return response
    data = None
    # Only JSON is read (a form body has been consumed by the CSRF check); a number too
    # long to convert or nesting too deep is refused like any other bad JSON.
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError):  # includes JSONDecodeError, UnicodeDecodeError
            data = None
    if not isinstance(data, dict):
        return rating_answer(400, "Send the rating as a JSON object.", RatingOutcome.INVALID)
    form = RatingForm(data)
    if not form.is_valid():
        errors = {field: list(messages) for field, messages in form.errors.items()}
        first = next(iter(errors.values()))[0]
        return rating_answer(400, first, RatingOutcome.INVALID, errors=errors)
    if form.is_spam():
        return rating_answer(400, "This rating could not be taken.", RatingOutcome.HONEYPOT)
    recipe = RecipePage.objects.live().public().filter(pk=int(recipe_id)).first()
    if recipe is None:
        return rating_answer(404, "There is no such recipe to rate.")
    note = form.cleaned_data["note"]
    try:
        with transaction.atomic():
            Rating.objects.create(
                recipe=recipe,
                stars=form.cleaned_data["stars"],
                note=note,
                made_it=form.cleaned_data["made_it"],
                status=Rating.Status.PENDING if note else Rating.Status.APPROVED,
                client=reader_key(request),
                day=timezone.localdate(),
            )
    except IntegrityError:
        return rating_answer(
            409, "You have already rated this recipe today.", RatingOutcome.DUPLICATE
        )
    if note:
        message = (
            "Thank you! Your rating counts now; your note will show once an editor approves it."
        )
    else:
        message = "Thank you! Your rating counts now."
    return rating_answer(201, message, RatingOutcome.ACCEPTED)

"""Readers' ratings and cook notes: the endpoint, its limits, moderation, and what the
cached recipe page shows (issue 18 item 1; docs/editors.md "Ratings and cook notes")."""

import json

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.crypto import salted_hmac

import pytest
from bs4 import BeautifulSoup
from prometheus_client import REGISTRY

from recipes.factories import RecipePageFactory
from recipes.models import NOTES_PER_PAGE, Rating, RatingSummary
from recipes.ratings import moderate, refresh_rating_summaries
from tests.visibility import hidden_pages


def rate(client, recipe_id: int, body, *, address: str = "203.0.113.7", **extra):
    """POST a rating as the widget does, from ``address``."""
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(
        reverse("rate_recipe", args=[recipe_id]),
        data=data,
        content_type="application/json",
        REMOTE_ADDR=address,
        **extra,
    )


def submitted(outcome: str) -> float:
    return REGISTRY.get_sample_value("foodie_ratings_submitted_total", {"outcome": outcome}) or 0


def json_ld(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


@pytest.fixture
def recipe(make_recipe):
    return make_recipe(title="Dal")


def test_a_rating_counts_at_once_and_shows_after_the_refresh(client, recipe):
    accepted = submitted("accepted")

    response = rate(client, recipe.pk, {"stars": 4})

    assert response.status_code == 201
    assert response.json()["message"] == "Thank you! Your rating counts now."
    assert response["Cache-Control"].startswith("max-age=0")
    rating = Rating.objects.get()
    assert (rating.recipe_id, rating.stars, rating.status) == (recipe.pk, 4, "approved")
    # A keyed hash of the address, not the address.
    assert (
        rating.client
        == salted_hmac("recipes.ratings.reader", "203.0.113.7", algorithm="sha256").hexdigest()
    )
    assert submitted("accepted") == accepted + 1
    # The page changes with the next batch, not with each rating.
    assert "No ratings yet" in client.get(recipe.url).content.decode()
    assert "aggregateRating" not in json_ld(client.get(recipe.url))

    rate(client, recipe.pk, {"stars": 5, "made_it": True}, address="203.0.113.8")
    assert refresh_rating_summaries() == 1

    response = client.get(recipe.url)
    assert "Rated 4.5 out of 5 by 2 readers." in response.content.decode()
    assert json_ld(response)["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.5,
        "ratingCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert refresh_rating_summaries() == 0  # nothing changed since


def test_notes_show_only_once_approved_and_as_text(client, recipe):
    response = rate(client, recipe.pk, {"stars": 5, "note": "Use 5 < 6 chillies & more\nlime"})
    assert response.status_code == 201
    assert "once an editor approves it" in response.json()["message"]
    refresh_rating_summaries()
    html = client.get(recipe.url).content.decode()
    assert "Rated 5.0 out of 5 by 1 reader." in html  # the stars count at once
    assert "chillies" not in html

    assert moderate(Rating.objects.all(), Rating.Status.APPROVED) == 1
    refresh_rating_summaries()

    soup = BeautifulSoup(client.get(recipe.url).content, "html.parser")
    note = soup.select_one(".cook-note__text")
    assert note.decode_contents() == "Use 5 &lt; 6 chillies &amp; more<br/>lime"


def test_rejected_notes_are_hidden_but_their_stars_count(client, recipe):
    rate(client, recipe.pk, {"stars": 1, "note": "Buy my pills"})
    moderate(Rating.objects.all(), Rating.Status.REJECTED)
    refresh_rating_summaries()
    html = client.get(recipe.url).content.decode()
    assert "pills" not in html
    assert "by 1 reader" in html


def test_the_json_ld_has_no_aggregate_rating_without_ratings(client, recipe):
    rate(client, recipe.pk, {"stars": 3})
    Rating.objects.all().delete()  # an editor deletes the only rating
    refresh_rating_summaries()
    assert RatingSummary.objects.get(recipe=recipe).count == 0
    assert "aggregateRating" not in json_ld(client.get(recipe.url))


BAD_RATINGS = {
    "stars as text": ({"stars": "five"}, "Stars must be a whole number from 1 to 5."),
    "no stars": ({"note": "Lovely"}, "Choose from 1 to 5 stars."),
    "zero stars": ({"stars": 0}, "Stars must be a whole number from 1 to 5."),
    "six stars": ({"stars": 6}, "Stars must be a whole number from 1 to 5."),
    "half a star": ({"stars": 4.5}, "Stars must be a whole number from 1 to 5."),
    "true as stars": ({"stars": True}, "Stars must be a whole number from 1 to 5."),
    "a huge number": ({"stars": 10**400}, "Stars must be a whole number from 1 to 5."),
    "a number too long to read": ('{"stars": 1' + "0" * 5000 + "}", "Send the rating as a JSON"),
    "nesting too deep": ('{"stars": ' + "[" * 100_000, "Send the rating as a JSON object."),
    "a lone surrogate": ('{"stars": 4, "note": "\\ud800"}', "The note has characters"),
    "a huge note": ({"stars": 4, "note": "x" * 1001}, "Keep the note to 1000 characters"),
    "a NUL byte": ({"stars": 4, "note": "nice\x00"}, "Null characters are not allowed."),
    "HTML": ({"stars": 4, "note": "<b>great</b>"}, "Notes are plain text"),
    "a script": ({"stars": 4, "note": "ok <script>x</script>"}, "Notes are plain text"),
    "a note that is a list": ({"stars": 4, "note": ["a"]}, "“note” must be text."),
    "made_it as text": ({"stars": 4, "made_it": "yes"}, "“made_it” must be true or false."),
    "a JSON list": ([4], "Send the rating as a JSON object."),
    "not JSON": ("stars=4", "Send the rating as a JSON object."),
    "not UTF-8": (b"\xff\xfe", "Send the rating as a JSON object."),
}


@pytest.mark.parametrize("body, message", BAD_RATINGS.values(), ids=BAD_RATINGS.keys())
def test_bad_input_is_a_400_with_a_message_and_stores_nothing(client, recipe, body, message):
    invalid = submitted("invalid")

    response = rate(client, recipe.pk, body)

    assert response.status_code == 400
    assert response.json()["message"].startswith(message)
    assert not Rating.objects.exists()
    assert submitted("invalid") == invalid + 1


def test_a_form_post_is_a_400(client, recipe):
    response = client.post(reverse("rate_recipe", args=[recipe.pk]), {"stars": "4"})
    assert response.status_code == 400
    assert response.json()["message"] == "Send the rating as a JSON object."
    assert not Rating.objects.exists()


def test_the_honeypot_stores_nothing(client, recipe):
    honeypot = submitted("honeypot")
    response = rate(client, recipe.pk, {"stars": 5, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Rating.objects.exists()
    assert submitted("honeypot") == honeypot + 1


def test_only_live_public_recipes_can_be_rated(client, recipe, recipe_index):
    for page in hidden_pages(RecipePageFactory, recipe_index, "dal"):
        response = rate(client, page.pk, {"stars": 5})
        assert response.status_code == 404
        assert response.json()["message"] == "There is no such recipe to rate."
    assert rate(client, recipe_index.pk, {"stars": 5}).status_code == 404  # not a recipe
    assert rate(client, 9_999_999_999, {"stars": 5}).status_code == 404
    assert client.get(f"/ratings/{'9' * 5000}/").status_code == 404
    assert not Rating.objects.exists()


def test_one_rating_per_reader_per_recipe_a_day(client, recipe, make_recipe):
    assert rate(client, recipe.pk, {"stars": 5}).status_code == 201
    duplicate = submitted("duplicate")

    response = rate(client, recipe.pk, {"stars": 1})

    assert response.status_code == 409
    assert response.json()["message"] == "You have already rated this recipe today."
    assert submitted("duplicate") == duplicate + 1
    assert rate(client, recipe.pk, {"stars": 1}, address="198.51.100.1").status_code == 201
    assert rate(client, make_recipe().pk, {"stars": 1}).status_code == 201
    assert Rating.objects.count() == 3


def test_a_flood_from_one_reader_stores_at_most_the_limit(client, make_recipe, settings):
    settings.RATINGS_PER_READER = 3
    recipes = [make_recipe() for _ in range(5)]
    rate_limited = submitted("rate_limited")

    statuses = [rate(client, recipes[n % 5].pk, {"stars": 5}).status_code for n in range(1000)]

    assert statuses[:3] == [201, 201, 201]
    assert set(statuses[3:]) == {429}
    assert Rating.objects.count() == 3
    assert submitted("rate_limited") == rate_limited + 997
    response = rate(client, recipes[4].pk, {"stars": 5})
    assert 0 < int(response["Retry-After"]) <= settings.RATINGS_PERIOD_SECONDS
    assert "try again" in response.json()["message"]
    # Another reader is not held back.
    assert rate(client, recipes[4].pk, {"stars": 5}, address="198.51.100.9").status_code == 201


def test_the_limit_follows_the_reader_behind_the_proxy(client, make_recipe, settings):
    """The same client address as login protection: TRUSTED_PROXY_COUNT hops from the
    right, so a forged X-Forwarded-For does not buy a new allowance."""
    settings.RATINGS_PER_READER = 2
    settings.TRUSTED_PROXY_COUNT = 1
    recipes = [make_recipe() for _ in range(3)]
    statuses = [
        rate(
            client,
            recipe.pk,
            {"stars": 4},
            address="10.0.0.2",  # Nginx
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.50",
        ).status_code
        for n, recipe in enumerate(recipes)
    ]
    assert statuses == [201, 201, 429]


def test_an_ipv6_client_is_limited_by_its_64(client, make_recipe, settings):
    settings.RATINGS_PER_READER = 1
    recipes = [make_recipe() for _ in range(2)]
    assert rate(client, recipes[0].pk, {"stars": 4}, address="2001:db8:1:2::1").status_code == 201
    assert rate(client, recipes[1].pk, {"stars": 4}, address="2001:db8:1:2::9").status_code == 429
    assert rate(client, recipes[1].pk, {"stars": 4}, address="2001:db8:1:3::1").status_code == 201


def test_the_cached_recipe_page_has_no_csrf_token_and_sets_no_cookie(client, recipe):
    response = client.get(recipe.url)
    html = response.content.decode()
    assert "data-rating-form" in html and "csrfmiddlewaretoken" not in html
    assert not response.cookies


@pytest.mark.django_db
def test_a_post_needs_the_fetched_csrf_token(client, recipe):
    browser = Client(enforce_csrf_checks=True)
    assert rate(browser, recipe.pk, {"stars": 5}).status_code == 403

    response = browser.get(reverse("rating_token"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = response.json()["csrfToken"]
    assert "csrftoken" in response.cookies
    assert rate(browser, recipe.pk, {"stars": 5}, HTTP_X_CSRFTOKEN=token).status_code == 201
    assert client.get(reverse("rate_recipe", args=[recipe.pk])).status_code == 405
    assert client.post(reverse("rating_token")).status_code == 405


@pytest.fixture
def noted(client, recipe):
    """Twelve approved notes, a pending one and a rating without a note."""
    for n in range(NOTES_PER_PAGE + 2):
        rate(client, recipe.pk, {"stars": 1 + n % 5, "note": f"Note {n}"}, address=f"192.0.2.{n}")
    moderate(Rating.objects.all(), Rating.Status.APPROVED)
    rate(client, recipe.pk, {"stars": 5, "note": "Waiting"}, address="198.51.100.1")
    rate(client, recipe.pk, {"stars": 5}, address="198.51.100.2")
    refresh_rating_summaries()
    return recipe


def notes_on(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [p.get_text() for p in soup.select(".cook-note__text")]


def test_approved_notes_are_shown_newest_first_ten_a_page(client, noted):
    first = client.get(noted.url)
    assert notes_on(first) == [f"Note {n}" for n in range(11, 1, -1)]
    assert "Rated" in first.content.decode() and "by 14 readers" in first.content.decode()
    soup = BeautifulSoup(first.content, "html.parser")
    older = soup.select_one('.cook-notes a[rel="next"]')["href"]
    assert older == "?notes=2#cook-notes"

    second = client.get(noted.url + "?notes=2")
    assert notes_on(second) == ["Note 1", "Note 0"]
    assert "Notes page 2 of 2" in second.content.decode()

    assert client.get(noted.url + "?notes=1").headers["Location"] == noted.url
    for bad in ("3", "0", "02", "abc", "-1", "٣", "9" * 5000):
        response = client.get(noted.url, {"notes": bad})
        assert response.status_code == 404, bad


def test_notes_cost_no_query_on_the_recipe_page_and_one_on_older_pages(client, noted, make_recipe):
    unrated = make_recipe()
    for url in (unrated.url, noted.url, noted.url + "?notes=2"):
        client.get(url)  # renditions made, site cached

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(noted.url) == queries(unrated.url)
    assert queries(noted.url + "?notes=2") == queries(unrated.url) + 1


def test_many_ratings_cost_one_purge_of_that_recipe_only(client, recipe, recipe_index, settings):
    settings.WAGTAIL_CACHE = True
    caches["pagecache"].clear()
    for url in (recipe.url, recipe_index.url):
        client.get(url)
        assert client.get(url)["X-Wagtail-Cache"] == "hit"
    purges = REGISTRY.get_sample_value("foodie_page_cache_purges_total", {"reason": "ratings"}) or 0

    for n in range(20):
        assert rate(client, recipe.pk, {"stars": 4}, address=f"192.0.2.{n}").status_code == 201
    assert client.get(recipe.url)["X-Wagtail-Cache"] == "hit"  # no purge per rating

    refresh_rating_summaries()

    assert (
        REGISTRY.get_sample_value("foodie_page_cache_purges_total", {"reason": "ratings"})
        == purges + 1
    )
    response = client.get(recipe.url)
    assert response["X-Wagtail-Cache"] == "miss"
    assert "by 20 readers" in response.content.decode()
    assert client.get(recipe_index.url)["X-Wagtail-Cache"] == "hit"

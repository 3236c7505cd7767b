"""A recipe's optional video: editors' checks, the click-to-play facade, VideoObject."""

import json
from datetime import date, timedelta

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from foodie.core.factories import AuthorFactory, ImageFactory
from recipes.models import RecipePage

from .test_recipe_page import publish, recipe_form_data

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def video_fields(thumbnail, **overrides) -> dict:
    fields = {
        "video_url": YOUTUBE,
        "video_thumbnail": thumbnail.pk,
        "video_upload_date": "2026-11-02",
        "video_duration": "4:30",
    }
    return {**fields, **overrides}


def test_an_editor_publishes_a_recipe_with_a_video(editor_client, recipe_index):
    thumbnail = ImageFactory()
    data = recipe_form_data(AuthorFactory(), ImageFactory(), **video_fields(thumbnail))

    response = publish(editor_client, recipe_index, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    recipe = RecipePage.objects.get(slug="weeknight-dal")
    assert (recipe.video.provider, recipe.video_thumbnail) == ("YouTube", thumbnail)
    assert recipe.video_upload_date == date(2026, 11, 2)
    assert recipe.video_duration == timedelta(minutes=4, seconds=30)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"video_url": "https://www.dailymotion.com/video/x7tgad0"}, "video_url",
         "Use a YouTube or Vimeo video address."),
        ({"video_thumbnail": ""}, "video_thumbnail", "A recipe's video needs this too."),
        ({"video_upload_date": ""}, "video_upload_date", "A recipe's video needs this too."),
        ({"video_url": ""}, "video_url", "Give the video's address, or clear its details."),
        ({"video_duration": "half an hour"}, "video_duration", "Enter a valid duration."),
    ],
)  # fmt: skip
def test_publishing_refuses_an_incomplete_or_foreign_video(
    editor_client, recipe_index, overrides, field, message
):
    data = recipe_form_data(
        AuthorFactory(), ImageFactory(), **video_fields(ImageFactory(), **overrides)
    )

    response = publish(editor_client, recipe_index, data)

    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not RecipePage.objects.exists()


def test_a_draft_may_have_a_video_address_alone(editor_client, recipe_index):
    data = recipe_form_data(
        AuthorFactory(), ImageFactory(), video_url=YOUTUBE, video_thumbnail="",
        video_upload_date="", video_duration="",
    )  # fmt: skip
    url = reverse("wagtailadmin_pages:add", args=("recipes", "recipepage", recipe_index.pk))

    assert editor_client.post(url, data).status_code == 302
    assert RecipePage.objects.get(slug="weeknight-dal").video_url == YOUTUBE


@pytest.fixture
def recipe_with_video(make_recipe):
    return make_recipe(
        video_url=YOUTUBE,
        video_thumbnail=ImageFactory(),
        video_upload_date=date(2026, 11, 2),
        video_duration=timedelta(minutes=4, seconds=30),
    )


def test_the_video_plays_only_when_the_reader_presses_play(client, recipe_with_video):
    html = client.get(recipe_with_video.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    (figure,) = soup.select(".recipe__video figure.video")
    player = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert figure["data-video-player"] == player
    assert figure.select_one("a.video__play")["href"] == YOUTUBE
    # Our own still, in AVIF first, and nothing from the video host until play.
    sources = [s["type"] for s in figure.select("picture source")]
    assert sources[0] == "image/avif"
    assert figure.select_one("img.video__thumbnail")["alt"] == ""
    assert "<iframe" not in html
    assert not [
        tag for tag in soup.find_all(src=True) + soup.find_all(srcset=True)
        if "youtube" in tag.get("src", "") + tag.get("srcset", "")
    ]  # fmt: skip


def test_a_recipe_without_a_video_shows_none(client, make_recipe):
    html = client.get(make_recipe().url).content.decode()
    assert "recipe__video" not in html
    assert "data-video-player" not in html


def json_ld(client, recipe) -> dict:
    soup = BeautifulSoup(client.get(recipe.url).content, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_the_video_is_a_video_object_in_the_recipe_json_ld(client, recipe_with_video):
    video = json_ld(client, recipe_with_video)["video"]

    assert video["@type"] == "VideoObject"
    assert video["name"] == recipe_with_video.title
    assert video["description"] == recipe_with_video.summary
    assert video["uploadDate"] == "2026-11-02"
    assert video["duration"] == "PT4M30S"
    # The player without autoplay; the stills in 1:1, 4:3 and 16:9, absolute URLs.
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert len(video["thumbnailUrl"]) == 3
    assert all(url.startswith("http://testserver/") for url in video["thumbnailUrl"])


def test_a_recipe_without_a_video_has_no_video_object(client, make_recipe):
    assert "video" not in json_ld(client, make_recipe())


def test_a_negative_duration_is_refused(editor_client, recipe_index):
    data = recipe_form_data(
        AuthorFactory(), ImageFactory(), **video_fields(ImageFactory(), video_duration="-4:30")
    )

    response = publish(editor_client, recipe_index, data)

    assert response.status_code == 200
    assert "video_duration" in response.context["form"].errors

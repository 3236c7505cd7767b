"""Moderating cook notes in the Wagtail admin, as editors do (docs/editors.md)."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup
from prometheus_client import REGISTRY

from recipes.models import Rating, RatingSummary
from recipes.ratings import reader_key, refresh_rating_summaries


@pytest.fixture
def ratings(make_recipe):
    dal, curry = make_recipe(title="Dal"), make_recipe(title="Curry")
    made = {}
    for name, recipe, note in [
        ("lovely", dal, "Lovely with rice"),
        ("spam", dal, "Cheap pills here"),
        ("silent", dal, ""),
        ("hot", curry, "Too hot for me"),
    ]:
        made[name] = Rating.objects.create(
            recipe=recipe,
            stars=4,
            note=note,
            status=Rating.Status.PENDING if note else Rating.Status.APPROVED,
            client=name,
            day="2026-11-28",
        )
    RatingSummary.objects.update(stale=False)
    return {"dal": dal, "curry": curry, **made}


def listed(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [cell.get_text(" ", strip=True) for cell in soup.select("tbody td.title")]


def moderated(decision: str) -> float:
    return REGISTRY.get_sample_value("foodie_cook_notes_moderated_total", {"decision": decision})


def test_the_listing_filters_by_status_recipe_and_note(editor_client, ratings):
    url = reverse("wagtailsnippets_recipes_rating:list")

    assert len(listed(editor_client.get(url))) == 4
    pending = listed(editor_client.get(url, {"status": "pending"}))
    assert len(pending) == 3 and not any("no note" in row for row in pending)
    for_curry = listed(editor_client.get(url, {"recipe": ratings["curry"].pk}))
    assert len(for_curry) == 1 and "Too hot" in for_curry[0]
    assert len(listed(editor_client.get(url, {"has_note": "false"}))) == 1
    assert len(listed(editor_client.get(url, {"q": "pills"}))) == 1


def test_the_dashboard_counts_notes_waiting(editor_client, ratings):
    soup = BeautifulSoup(editor_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    link = soup.find("a", href=reverse("wagtailsnippets_recipes_rating:list") + "?status=pending")
    assert " ".join(link.get_text().split()) == "3 cook notes waiting to moderate"


@pytest.mark.parametrize(
    "action, status", [("approve_notes", "approved"), ("reject_notes", "rejected")]
)
def test_bulk_actions_moderate_the_selected_notes(editor_client, ratings, action, status):
    url = reverse("wagtail_bulk_action", args=("recipes", "rating", action))
    chosen = [ratings["lovely"], ratings["hot"], ratings["silent"]]
    query = "?" + "&".join(f"id={rating.pk}" for rating in chosen)
    before = moderated(status)

    confirm = editor_client.get(url + query)
    assert confirm.status_code == 200
    assert "Lovely with rice" in confirm.content.decode()

    response = editor_client.post(url + query, {"next": "/admin/"}, follow=True)

    assert f"{status.capitalize()} 2 cook notes." in response.content.decode()
    assert {r.client: r.status for r in Rating.objects.all()} == {
        "lovely": status,
        "hot": status,
        "spam": "pending",
        "silent": "approved",  # no note: nothing to moderate
    }
    assert moderated(status) == before + 2
    assert set(RatingSummary.objects.filter(stale=True).values_list("recipe_id", flat=True)) == {
        ratings["dal"].pk,
        ratings["curry"].pk,
    }


def test_an_approval_in_the_edit_form_shows_the_note(editor_client, client, ratings):
    url = reverse("wagtailsnippets_recipes_rating:edit", args=[ratings["lovely"].pk])
    form = editor_client.get(url)
    assert form.status_code == 200
    before = moderated("approved")

    response = editor_client.post(url, {"status": "approved"})

    assert response.status_code == 302
    ratings["lovely"].refresh_from_db()
    assert (ratings["lovely"].status, ratings["lovely"].note) == ("approved", "Lovely with rice")
    assert moderated("approved") == before + 1
    refresh_rating_summaries()
    assert "Lovely with rice" in client.get(ratings["dal"].url).content.decode()


def test_deleting_a_rating_drops_its_stars(editor_client, client, ratings):
    refresh_rating_summaries()
    RatingSummary.objects.update(stale=True)
    refresh_rating_summaries()
    assert "by 3 readers" in client.get(ratings["dal"].url).content.decode()
    url = reverse("wagtailsnippets_recipes_rating:delete", args=[ratings["spam"].pk])

    assert editor_client.post(url).status_code == 302

    refresh_rating_summaries()
    assert "by 2 readers" in client.get(ratings["dal"].url).content.decode()


def test_the_reader_key_is_a_keyed_hash_of_the_address(rf):
    request = rf.post("/", REMOTE_ADDR="203.0.113.7")
    key = reader_key(request)
    assert len(key) == 64
    assert key == reader_key(rf.post("/", REMOTE_ADDR="203.0.113.7"))
    assert key != reader_key(rf.post("/", REMOTE_ADDR="203.0.113.8"))


def test_editors_moderate_but_cannot_add_or_copy(client, ratings, django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@example.com", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    viewset = Rating.snippet_viewset

    listing = client.get(reverse(viewset.get_url_name("list")))
    assert listing.status_code == 200
    assert reverse(viewset.get_url_name("add")) not in listing.content.decode()
    assert client.get(reverse(viewset.get_url_name("add"))).status_code == 302  # refused
    url = reverse("wagtail_bulk_action", args=("recipes", "rating", "approve_notes"))
    client.post(f"{url}?id={ratings['hot'].pk}", {"next": "/admin/"})
    ratings["hot"].refresh_from_db()
    assert ratings["hot"].status == "approved"
    assert "copy" not in [url.name for url in viewset.get_urlpatterns()]

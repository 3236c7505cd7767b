"""Publishing purges exactly the cached pages whose HTML can change."""

import datetime

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

import pytest

from foodie.core.factories import ImageFactory
from foodie.core.models import NavigationSettings, SiteSettings
from foodie.metrics.page_cache import PurgeReason
from home.factories import AuthorIndexPageFactory, StandardPageFactory
from home.models import AuthorIndexPage, StandardPage
from recipes.models import RecipePageAuthor

from ..purge import purge_all, purge_paths

pytestmark = pytest.mark.django_db

FEEDS_AND_SITEMAP = ("/sitemap.xml", "/feeds/recipes.xml", "/feeds/articles.xml")


@pytest.fixture
def warm(status, tree):
    """Visit every URL once so it is cached; return the URLs by name."""

    def warm_all() -> dict[str, str]:
        urls = {
            name: tree[name].url
            for name in ("home", "about", "index", "dal", "curry", "blog", "article")
        }
        urls["index_filtered"] = tree["index"].url + "?cuisine=indian"
        for path in FEEDS_AND_SITEMAP:
            urls[path] = path
        for url in urls.values():
            assert status(url) in ("miss", "hit")
            assert status(url) == "hit", url
        return urls

    return warm_all


@pytest.fixture
def edit(django_capture_on_commit_callbacks):
    """Change fields and save them as an editor does, in a transaction that commits (so
    the purges it schedules run): a page publishes a new revision, anything else saves."""

    def save(instance, **changes) -> None:
        for field, value in changes.items():
            setattr(instance, field, value)
        with django_capture_on_commit_callbacks(execute=True):
            if isinstance(instance, Page):
                instance.save_revision().publish()
            else:
                instance.save()

    return save


def assert_statuses(
    status, urls: dict[str, str], missed: set[str], gone: frozenset[str] = frozenset()
) -> None:
    """``missed`` were purged (rendered afresh and stored), ``gone`` answer a 404 (never
    stored), the rest are hits."""
    got = {name: status(url) for name, url in urls.items()}
    expected = {
        name: "skip" if name in gone else "miss" if name in missed else "hit" for name in urls
    }
    assert got == expected


LISTINGS = {"index", "index_filtered", "home", *FEEDS_AND_SITEMAP}


def test_publishing_a_recipe_purges_it_its_listings_and_referrers(status, tree, warm, edit):
    urls = warm()
    edit(tree["dal"], title="Better dal")
    # The article embeds dal as a recipe card; curry, about and the blog index are unrelated.
    assert_statuses(status, urls, {"dal", "article", *LISTINGS})


def test_unpublishing_purges_the_page_and_listings(
    status, tree, warm, django_capture_on_commit_callbacks
):
    urls = warm()
    with django_capture_on_commit_callbacks(execute=True):
        tree["curry"].unpublish()
    assert_statuses(status, urls, LISTINGS, gone={"curry"})


def test_deleting_purges(status, tree, warm, django_capture_on_commit_callbacks):
    urls = warm()
    with django_capture_on_commit_callbacks(execute=True):
        tree["curry"].delete()
    assert_statuses(status, urls, LISTINGS, gone={"curry"})


def test_slug_change_purges_old_and_new_urls(status, client, tree, warm, edit):
    urls = warm()
    edit(tree["curry"], slug="red-curry")
    # Wagtail's redirects app sends readers of the old URL to the new one.
    old = client.get(urls["curry"])
    assert (old.status_code, old["Location"]) == (301, "/recipes/red-curry/")
    assert_statuses(status, {k: v for k, v in urls.items() if k != "curry"}, LISTINGS)


def test_moving_a_page_purges_its_old_url(status, tree, warm, django_capture_on_commit_callbacks):
    team = StandardPageFactory(parent=tree["home"], title="Team", slug="team")
    urls = {**warm(), "team": team.url}
    assert status(urls["team"]) == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        team.move(tree["about"], pos="last-child")
    team.refresh_from_db()
    assert team.url != urls["team"]
    # The old URL now answers 404; About and Home do not list standard pages.
    assert_statuses(status, urls, set(FEEDS_AND_SITEMAP), gone={"team"})


def test_privacy_change_purges_the_page(status, tree, warm, django_capture_on_commit_callbacks):
    urls = warm()
    with django_capture_on_commit_callbacks(execute=True):
        tree["dal"].view_restrictions.create(restriction_type="password", password="secret")
    assert status(urls["dal"]) == "skip"
    assert status(urls["curry"]) == "hit"
    assert status(urls["about"]) == "hit"


def test_scheduled_publish_and_expiry_purge(
    status, client, tree, warm, django_capture_on_commit_callbacks
):
    urls = warm()
    curry = tree["curry"]
    curry.title = "Scheduled curry"
    curry.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    curry.save_revision(approved_go_live_at=curry.go_live_at)
    assert status(urls["curry"]) == "hit"  # nothing published yet
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    assert status(urls["index"]) == "miss"
    assert b"Scheduled curry" in client.get(urls["curry"]).content

    urls = warm()
    curry.refresh_from_db()
    curry.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    curry.save(update_fields=["expire_at"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    assert status(urls["curry"]) == "skip"  # a 404 now, never stored
    assert status(urls["index"]) == "miss"
    assert status(urls["about"]) == "hit"


def test_reverting_to_an_old_revision_purges(
    status, client, tree, warm, edit, django_capture_on_commit_callbacks
):
    dal = tree["dal"]
    first = dal.get_latest_revision()
    edit(dal, title="Second dal")
    urls = warm()
    with django_capture_on_commit_callbacks(execute=True):
        first.publish()
    assert status(urls["dal"]) == "miss"
    assert b"Second dal" not in client.get(urls["dal"]).content


def test_snippet_change_purges_pages_that_show_it(status, tree, warm, edit):
    urls = warm()
    edit(tree["cuisine"], name="South Indian")
    assert_statuses(status, urls, {"dal", "curry", "index", "index_filtered", "home"})


def test_author_change_purges_their_pages(status, tree, warm, edit):
    urls = warm()
    edit(tree["dal"].recipe_authors.first().author, name="Renamed")
    # The recipe shows its author; the article index shows authors in its filter chip.
    assert_statuses(status, urls, {"dal", "blog"})


def test_navigation_change_purges_everything(status, tree, warm, edit):
    urls = warm()
    edit(NavigationSettings.for_site(Site.objects.get(is_default_site=True)))
    assert_statuses(status, urls, set(urls))


@pytest.fixture
def logo(edit):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    edit(site_settings, logo=ImageFactory())
    return site_settings.logo


def test_a_change_to_the_logo_image_purges_everything(status, tree, warm, logo, edit):
    urls = warm()
    edit(logo, focal_point_x=10, focal_point_y=10, focal_point_width=5, focal_point_height=5)
    assert_statuses(status, urls, set(urls))


def test_deleting_the_logo_image_purges_everything(
    status, tree, warm, logo, django_capture_on_commit_callbacks
):
    urls = warm()
    with django_capture_on_commit_callbacks(execute=True):
        logo.delete()
    assert_statuses(status, urls, set(urls))


def test_an_image_no_setting_shows_purges_only_its_pages(status, tree, warm, logo, edit):
    urls = warm()
    edit(ImageFactory(), title="Shown nowhere")
    assert_statuses(status, urls, set())


def test_deleting_an_image_no_setting_shows_purges_only_its_pages(
    status, tree, warm, logo, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    urls = warm()
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert_statuses(status, urls, set())


def test_renaming_a_page_in_the_main_menu_purges_everything(status, tree, warm, edit):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    edit(navigation, main_menu=[("item", {"text": "", "page": tree["about"], "url": ""})])
    urls = warm()
    edit(tree["about"], title="About us")  # every header shows it as the item's text
    assert_statuses(status, urls, set(urls))
    assert "About us" in Client().get(urls["home"]).content.decode()


def test_purge_is_right_whatever_the_editors_language_and_time_zone(
    status, tree, warm, django_user_model, django_capture_on_commit_callbacks
):
    """Django's cache keys end with the active language and time zone, and the admin
    runs in the editor's own: the purge must still find the readers' entries."""
    urls = warm()
    editor = django_user_model.objects.create_superuser("ed", "e@example.com", "x")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.current_time_zone = "America/New_York"
    profile.save()
    admin = Client()
    admin.force_login(editor)
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=[tree["curry"].pk])
    assert b'lang="de"' in admin.get(unpublish_url).content
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(unpublish_url).status_code == 302
    assert_statuses(status, urls, LISTINGS, gone={"curry"})


def test_admin_purge_actions_need_post(status, client, tree, warm, django_user_model):
    urls = warm()
    client.force_login(django_user_model.objects.create_superuser("op", "o@example.com", "x"))
    assert client.get(reverse("pagecache_purge_all")).status_code == 405
    confirm = client.get(reverse("pagecache_purge_page", args=[tree["dal"].pk]))
    assert confirm.status_code == 200 and b"csrfmiddlewaretoken" in confirm.content
    client.logout()
    assert_statuses(status, urls, set())
    client.force_login(django_user_model.objects.get(username="op"))
    assert client.post(reverse("pagecache_purge_all")).status_code == 302
    client.logout()
    assert_statuses(status, urls, set(urls))


def test_readers_cannot_purge(client, tree):
    assert client.post(reverse("pagecache_purge_all")).status_code == 302  # to the admin login
    assert client.get(tree["about"].url)["X-Wagtail-Cache"] == "miss"


@pytest.mark.parametrize("purge", ["paths", "everything"])
def test_a_render_a_purge_overtook_is_not_kept(status, tree, monkeypatch, purge):
    """A reader's render reads the old content; the publish commits and purges (another
    worker) before the render stores its HTML. The stored copy must not outlive it."""
    url = tree["about"].url
    get_context = StandardPage.get_context

    def render_then_purge(page, request, *args, **kwargs):
        context = get_context(page, request, *args, **kwargs)
        if purge == "paths":
            purge_paths({url}, PurgeReason.PUBLISH)
        else:
            purge_all(PurgeReason.SETTINGS)
        return context

    monkeypatch.setattr(StandardPage, "get_context", render_then_purge)
    assert status(url) == "miss"
    monkeypatch.undo()
    assert status(url) == "miss"  # the overtaken render was dropped
    assert status(url) == "hit"


def test_the_page_cache_is_one_middleware_entry(settings):
    """Its pieces work in one order only, so they are composed in one place."""
    cache_entries = [name for name in settings.MIDDLEWARE if "cache" in name.lower()]
    assert cache_entries == ["foodie.cache.middleware.PageCacheMiddleware"]


def test_renaming_a_page_purges_the_pages_below_it(status, tree, warm, edit):
    """Pages show their ancestors' titles in their breadcrumbs."""
    urls = warm()
    edit(tree["index"], title="All recipes")
    got = {name for name, url in urls.items() if status(url) == "miss"}
    assert {"index", "dal", "curry"} <= got
    assert "about" not in got and "blog" not in got


def test_publishing_without_a_new_title_leaves_the_pages_below(status, tree, warm, edit):
    urls = warm()
    edit(tree["index"], introduction="Everything we cook.")
    got = {name for name, url in urls.items() if status(url) == "miss"}
    assert "index" in got
    assert not {"dal", "curry"} & got


@pytest.fixture
def author_urls(status, tree):
    """An author index in the tree, and its URLs warmed: the index and the pages of
    dal's, curry's and the article's authors."""
    AuthorIndexPageFactory(parent=tree["home"])
    authors = {
        "dal_author": tree["dal"].recipe_authors.first().author,
        "curry_author": tree["curry"].recipe_authors.first().author,
        "article_author": tree["article"].article_authors.first().author,
    }
    urls = {"authors": "/authors/"} | {
        name: f"/authors/{author.slug}/" for name, author in authors.items()
    }
    for url in urls.values():
        status(url)
        assert status(url) == "hit", url
    return urls, authors


def test_publishing_a_recipe_purges_its_authors_pages_only(status, tree, author_urls, edit):
    urls, _ = author_urls
    edit(tree["dal"], title="Better dal")
    assert_statuses(status, urls, {"authors", "dal_author"})


def test_crediting_someone_else_purges_both_authors_pages(status, tree, author_urls, edit):
    urls, authors = author_urls
    dal = tree["dal"]
    dal.recipe_authors = [RecipePageAuthor(author=authors["curry_author"])]
    edit(dal)
    # dal's old author has nothing published any more: their page is gone.
    assert_statuses(status, urls, {"authors", "curry_author"}, gone={"dal_author"})


def test_an_authors_new_slug_purges_their_old_page(status, tree, author_urls, edit):
    urls, authors = author_urls
    page_urls = {"sitemap": "/sitemap.xml", "dal": tree["dal"].url}
    for url in page_urls.values():
        status(url)
    edit(authors["dal_author"], slug="renamed")
    assert_statuses(status, urls, {"authors"}, gone={"dal_author"})
    assert status("/authors/renamed/") == "miss"
    assert_statuses(status, page_urls, {"sitemap", "dal"})  # the sitemap lists it; dal links it


def test_an_authors_photo_change_purges_where_it_is_shown(status, tree, warm, author_urls, edit):
    urls, authors = author_urls
    page_urls = warm()
    author = authors["dal_author"]
    author.photo = ImageFactory()
    edit(author)
    for url in [*urls.values(), *page_urls.values()]:
        status(url)
    edit(
        author.photo, focal_point_x=10, focal_point_y=10, focal_point_width=5, focal_point_height=5
    )
    assert_statuses(status, urls, {"authors", "dal_author"})
    assert status(page_urls["dal"]) == "miss"  # its byline shows the photo
    assert status(page_urls["curry"]) == "hit"


def test_a_taxonomy_change_purges_every_authors_page(status, tree, author_urls, edit):
    urls, _ = author_urls
    edit(tree["cuisine"], name="South Indian")
    assert_statuses(status, urls, {"authors", "dal_author", "curry_author", "article_author"})


def test_unpublishing_the_author_index_purges_every_byline(
    status, tree, author_urls, django_capture_on_commit_callbacks, client
):
    urls, _ = author_urls
    dal = tree["dal"].url
    status(dal)
    assert status(dal) == "hit"
    assert b'href="/authors/' in client.get(dal).content
    with django_capture_on_commit_callbacks(execute=True):
        AuthorIndexPage.objects.get().unpublish()
    assert status(dal) == "miss"  # its byline no longer links to an author page
    assert b'href="/authors/' not in client.get(dal).content
    assert status(urls["dal_author"]) == "skip"  # a 404 now


def test_unpublishing_a_recipe_purges_its_authors_pages(
    status, tree, author_urls, django_capture_on_commit_callbacks
):
    urls, _ = author_urls
    with django_capture_on_commit_callbacks(execute=True):
        tree["dal"].unpublish()
    assert_statuses(status, urls, {"authors"}, gone={"dal_author"})

"""The HTML a reader receives: structure, accessibility, meta tags, images, assets."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from foodie.core.models import NavigationSettings
from home.factories import StandardPageFactory

FOCUSABLE = ("a", "button", "input", "select", "textarea", "summary", "iframe")


def soup_for(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def is_focusable(tag) -> bool:
    if tag.has_attr("tabindex"):
        return int(tag["tabindex"]) >= 0
    if tag.name == "a":
        return tag.has_attr("href")
    if tag.name == "input":
        return tag.get("type") != "hidden"
    return tag.name in FOCUSABLE


@pytest.fixture(params=["home", "standard"])
def page(request, home_page, image) -> Page:
    if request.param == "home":
        return home_page
    return StandardPageFactory(
        parent=home_page,
        title="About Foodie",
        hero_image=image,
        search_description="Who we are.",
    )


@pytest.mark.django_db
class TestPageStructure:
    def test_exactly_one_h1(self, client, page):
        soup = soup_for(client, page.url)
        assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [
            page.hero_heading or page.title
        ]

    def test_skip_link_is_the_first_focusable_element_and_targets_main(self, client, page):
        soup = soup_for(client, page.url)
        first = next(tag for tag in soup.body.find_all(True) if is_focusable(tag))
        assert first["href"] == "#main"
        assert "skip" in first.get_text().lower()
        assert soup.find(id="main").name == "main"

    def test_landmarks(self, client, page, site):
        navigation = NavigationSettings.for_site(site)
        navigation.main_menu = [("item", {"text": "Home", "page": site.root_page, "url": ""})]
        navigation.save()
        soup = soup_for(client, page.url)
        assert soup.html["lang"]
        assert len(soup.find_all("main")) == 1
        banner = [h for h in soup.find_all("header") if not h.find_parent(["main", "article"])]
        assert len(banner) == 1
        assert banner[0].find("nav")
        assert soup.find("nav", attrs={"aria-label": "Main"}).find("a", string="Home")
        contentinfo = [f for f in soup.find_all("footer") if not f.find_parent(["main"])]
        assert len(contentinfo) == 1

    def test_meta_tags_with_an_image(self, client, page, image):
        soup = soup_for(client, page.url)
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == f"http://testserver{page.url}"
        assert page.title in soup.title.get_text()
        meta = {
            tag.get("property") or tag.get("name"): tag["content"]
            for tag in soup.find_all("meta")
            if tag.get("content") is not None
        }
        assert meta["description"] == page.search_description
        assert meta["og:title"] == page.title
        assert meta["og:url"] == canonical
        assert meta["og:description"] == page.search_description
        assert meta["og:image"].startswith("http://testserver/")
        assert meta["og:image:alt"] == image.description
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["twitter:image"] == meta["og:image"]

    def test_hero_picture_has_webp_dimensions_and_loads_eagerly(self, client, page, image):
        soup = soup_for(client, page.url)
        hero = soup.find("header", class_="hero").find("picture")
        assert hero.find("source", type="image/webp")["srcset"]
        img = hero.find("img")
        assert int(img["width"]) > 0
        assert int(img["height"]) > 0
        assert img["alt"] == image.description
        assert img.get("loading") != "lazy"  # above the fold

    def test_every_image_has_alt_and_dimensions(self, client, page):
        soup = soup_for(client, page.url)
        images = soup.find_all("img")
        assert images
        for img in images:
            assert img.has_attr("alt"), img
            assert img.has_attr("width"), img
            assert img.has_attr("height"), img

    def test_assets_are_local(self, client, page):
        soup = soup_for(client, page.url)
        urls = [tag["href"] for tag in soup.find_all("link", href=True)]
        urls += [tag["src"] for tag in soup.find_all(["script", "img", "iframe"], src=True)]
        for tag in soup.find_all(["img", "source"], srcset=True):
            urls += [candidate.split()[0] for candidate in tag["srcset"].split(",")]
        assert urls
        foreign = [url for url in urls if urlsplit(url).netloc not in ("", "testserver")]
        assert not foreign


@pytest.mark.django_db
def test_body_images_are_lazy_loaded(client, home_page):
    soup = soup_for(client, home_page.url)
    body_images = [
        img for img in soup.find("main").find_all("img") if not img.find_parent("header")
    ]
    assert body_images
    assert all(img["loading"] == "lazy" for img in body_images)


@pytest.mark.django_db
def test_without_an_image_there_is_no_og_image(client, site):
    home = site.root_page.specific
    assert home.hero_image is None
    assert home.social_image is None
    soup = soup_for(client, home.url)
    assert soup.find("meta", property="og:title")["content"] == home.title
    assert soup.find("meta", property="og:image") is None
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


@pytest.mark.django_db
def test_social_image_wins_over_the_hero_image(client, home_page):
    from foodie.core.factories import ImageFactory

    social = ImageFactory(description="A table set for friends")
    home_page.social_image = social
    home_page.save_revision().publish()
    soup = soup_for(client, home_page.url)
    assert soup.find("meta", property="og:image:alt")["content"] == "A table set for friends"


def count_queries(client, url: str) -> int:
    client.get(url)  # renditions are generated (and cached) on the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.postgres
def test_home_page_query_count_is_fixed(client, home_page, django_assert_num_queries):
    """Site and the home page 2, view restrictions 1, featured slots 2, recipe cards 3
    (cards, diets, renditions), article cards 2 (cards, renditions), settings 2, its
    hero image 1, its body's images 1: the same with 3 recipes and 1 article as with
    30 and 5."""
    from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
    from recipes.factories import RecipeIndexPageFactory, RecipePageFactory

    recipes = RecipeIndexPageFactory(parent=home_page)
    articles = ArticleIndexPageFactory(parent=home_page)
    for recipe_count, article_count in ((3, 1), (27, 4)):
        for _ in range(recipe_count):
            RecipePageFactory(parent=recipes)
        for _ in range(article_count):
            ArticlePageFactory(parent=articles)
        client.get(home_page.url)  # first visit creates renditions
        with django_assert_num_queries(14):
            assert client.get(home_page.url).status_code == 200


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_images(client, home_page):
    from foodie.core.factories import ImageFactory

    before = count_queries(client, home_page.url)
    home_page.body = [
        *[(block.block_type, block.value) for block in home_page.body],
        *[
            ("image", {"image": ImageFactory(), "caption": "", "alt_text": "", "credit": ""})
            for _ in range(4)
        ],
    ]
    home_page.save_revision().publish()
    assert count_queries(client, home_page.url) == before


@pytest.fixture
def every_page_type(home_page, site) -> list[str]:
    """A URL of each page type and search, under a main menu of five page links, with
    authors credited on the recipe and the article and an author index."""
    from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
    from blog.models import ArticlePageAuthor
    from foodie.core.factories import AuthorFactory
    from home.factories import AuthorIndexPageFactory
    from recipes.factories import RecipeIndexPageFactory, RecipePageFactory
    from recipes.models import RecipePageAuthor
    from tests.publishing import publish

    about = StandardPageFactory(parent=home_page, title="About Foodie")
    recipes = RecipeIndexPageFactory(parent=home_page)
    cards = [RecipePageFactory(parent=recipes) for _ in range(4)]
    articles = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(parent=articles, body=[("recipe_card", {"recipe": cards[0]})])
    authors = AuthorIndexPageFactory(parent=home_page)
    cook, writer = AuthorFactory(), AuthorFactory()
    cards[0].recipe_authors = [RecipePageAuthor(author=cook), RecipePageAuthor(author=writer)]
    article.article_authors = [ArticlePageAuthor(author=writer)]
    publish(cards[0])
    publish(article)
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [
        ("item", {"text": "", "page": page, "url": ""})
        for page in (home_page, recipes, articles, about, cards[1])
    ]
    navigation.save()
    pages = (home_page, about, recipes, cards[0], articles, article, authors)
    return [p.url for p in pages] + [f"{authors.url}{cook.slug}/", "/search/?q=recipe"]


@pytest.mark.django_db
def test_a_render_reads_the_sites_root_paths_once_at_most(client, every_page_type, monkeypatch):
    """Wagtail reads the list of sites' root paths from the cache (Redis, in
    production) for each page object whose URL is asked without the request; through
    the request it is read once. The menu, the cards' JSON-LD and the canonical link
    used to read it once per page they link."""
    from wagtail.models import Site

    reads = []
    read = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", lambda: reads.append(1) or read())
    for url in every_page_type:
        client.get(url)  # renditions are created on the first view
        reads.clear()
        assert client.get(url).status_code == 200
        assert len(reads) <= 1, url


@pytest.mark.django_db
def test_the_main_menu_leaves_out_pages_that_are_not_live(client, home_page, site):
    """A menu item for a page that was unpublished (or deleted: the chooser gives
    None) would lead readers to a 404; it is left out until the page is live again."""
    gone = StandardPageFactory(parent=home_page, title="Summer menu")
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [
        ("item", {"text": "Summer", "page": gone, "url": ""}),
        ("item", {"text": "Shop", "page": None, "url": "https://shop.example/"}),
        ("item", {"text": "Deleted", "page": None, "url": ""}),
    ]
    navigation.save()

    def menu() -> list[tuple[str, str]]:
        nav = soup_for(client, home_page.url).find("nav", attrs={"aria-label": "Main"})
        return [(a.get_text(), a["href"]) for a in nav.find_all("a")]

    assert menu() == [("Summer", gone.url), ("Shop", "https://shop.example/")]
    gone.unpublish()
    assert menu() == [("Shop", "https://shop.example/")]


@pytest.mark.django_db
def test_a_rich_text_link_to_a_page_that_is_not_live_keeps_its_text_but_no_address(
    client, home_page
):
    """Wagtail's own handler links any page it finds, unpublished or not: a 404."""
    summer = StandardPageFactory(parent=home_page, title="Summer menu")
    about = StandardPageFactory(
        parent=home_page,
        body=[("paragraph", f'<p>See <a linktype="page" id="{summer.pk}">the menu</a>.</p>')],
    )

    def link():
        (a,) = [
            a for a in soup_for(client, about.url).select("main a") if a.get_text() == "the menu"
        ]
        return a.get("href")

    assert link() == summer.url
    summer.unpublish()
    assert link() is None


@pytest.mark.django_db
def test_a_menu_whose_items_all_lead_nowhere_leaves_no_empty_navigation(client, home_page, site):
    gone = StandardPageFactory(parent=home_page, title="Summer menu")
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [("item", {"text": "Summer", "page": gone, "url": ""})]
    navigation.save()
    assert soup_for(client, home_page.url).find("nav", attrs={"aria-label": "Main"})
    gone.unpublish()
    assert soup_for(client, home_page.url).find("nav", attrs={"aria-label": "Main"}) is None


def open_rendition(url: str) -> PILImage.Image:
    """A rendition's file, from the media storage, opened by Pillow."""
    return PILImage.open(default_storage.open(url.removeprefix(settings.MEDIA_URL)))


@pytest.mark.django_db
def test_every_picture_offers_a_decodable_avif_first(client, home_page):
    """The home page (hero, body image, recipe and article cards), a recipe and an
    article: each <picture> lists AVIF, WebP, JPEG in that order, at the same widths,
    and every AVIF candidate is a real AVIF file that Pillow decodes."""
    from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
    from recipes.factories import RecipeIndexPageFactory, RecipePageFactory

    recipe = RecipePageFactory(parent=RecipeIndexPageFactory(parent=home_page))
    article = ArticlePageFactory(parent=ArticleIndexPageFactory(parent=home_page))
    pictures = [
        picture
        for url in (home_page.url, recipe.url, article.url)
        for picture in soup_for(client, url).find_all("picture")
    ]
    assert len(pictures) >= 6  # home: hero, body image, 2 cards; recipe and article heroes
    for picture in pictures:
        sources = picture.find_all("source")
        assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
        img = picture.find("img")
        avif, webp, jpeg = (
            [candidate.split() for candidate in srcset.split(",")]
            for srcset in (
                sources[0]["srcset"],
                sources[1]["srcset"],
                img.get("srcset", img["src"]),
            )
        )
        assert [c[1:] for c in avif] == [c[1:] for c in webp] == [c[1:] for c in jpeg], picture
        for (avif_url, *_), (jpeg_url, *_) in zip(avif, jpeg, strict=True):
            with open_rendition(avif_url) as decoded, open_rendition(jpeg_url) as fallback:
                assert decoded.format == "AVIF"
                decoded.load()  # decodes every pixel: raises on a corrupt file
                assert decoded.size == fallback.size

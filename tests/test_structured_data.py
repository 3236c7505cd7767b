"""Every page type's structured data, read as a search engine reads it (extruct), and
checked against Google's documented requirements (Search Central, structured data:
Recipe, Article, Breadcrumb, Organization, Video, Carousel, Profile page), written down
below.

- Recipe: requires name, image; recommends (Foodie always gives) author, datePublished,
  dateModified, description, prepTime, cookTime, totalTime, recipeYield,
  recipeIngredient, recipeInstructions; image in 1:1, 4:3 and 16:9.
- Article (BlogPosting): requires nothing; recommends headline, image (1:1, 4:3, 16:9),
  author, datePublished, dateModified.
- BreadcrumbList: requires itemListElement, each a ListItem with position, name and
  item (an absolute URL); the trail runs from the home page to the page itself.
- Organization: the logo rich result requires logo and url; recommends name and sameAs
  (the site's social accounts).
- WebSite: site names require name and url; Foodie adds a SearchAction to /search/?q=.
- ItemList (summary page carousel): requires itemListElement, ListItems with position
  and url.
- VideoObject: requires name, thumbnailUrl, uploadDate; recommends description,
  duration, embedUrl.
- ProfilePage: requires mainEntity, a Person (or Organization) that requires name and
  recommends description, image and sameAs (Foodie gives url too).
- Person as a recipe's or an article's author: requires name; recommends url, a page
  that identifies the author (their author page, when the site has an author index).
- AggregateRating (a Recipe's, for review snippets): requires ratingValue and
  ratingCount (or reviewCount); recommends bestRating and worstRating; given only when
  the recipe has ratings.

GOOGLE below is this table as data: (required, recommended) by type.
"""

from datetime import date, timedelta

import extruct
import pytest
from bs4 import BeautifulSoup

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from blog.models import ArticlePageAuthor
from foodie.core.factories import AuthorFactory, ImageFactory
from foodie.core.models import SiteSettings
from home.factories import AuthorIndexPageFactory, StandardPageFactory
from recipes.factories import RecipeIndexPageFactory, RecipePageFactory
from recipes.models import Rating, RecipePageAuthor
from recipes.ratings import refresh_rating_summaries
from tests.publishing import publish

pytestmark = pytest.mark.django_db

GOOGLE = {
    "Recipe": (
        {"name", "image"},
        {"author", "datePublished", "dateModified", "description", "prepTime", "cookTime",
         "totalTime", "recipeYield", "recipeIngredient", "recipeInstructions"},
    ),
    "BlogPosting": (
        set(),
        {"headline", "image", "author", "datePublished", "dateModified"},
    ),
    "BreadcrumbList": ({"itemListElement"}, set()),
    "Organization": ({"logo", "url"}, {"name", "sameAs"}),
    "WebSite": ({"name", "url"}, {"potentialAction"}),
    "ItemList": ({"itemListElement"}, set()),
    "VideoObject": (
        {"name", "thumbnailUrl", "uploadDate"},
        {"description", "duration", "embedUrl"},
    ),
    "ProfilePage": ({"mainEntity"}, set()),
    "Person": ({"name"}, {"url", "description", "image", "sameAs"}),
    "author": ({"name"}, {"url"}),  # a Person as an author
    "AggregateRating": ({"ratingValue", "ratingCount"}, {"bestRating", "worstRating"}),
}  # fmt: skip
BASE = "http://testserver"


def structured_data(client, url: str) -> tuple[dict[str, dict], BeautifulSoup]:
    """The page's JSON-LD items by type, as extruct reads them, and its HTML."""
    html = client.get(url).content.decode()
    items = extruct.extract(html, base_url=BASE + url, syntaxes=["json-ld"])["json-ld"]
    by_type = {}
    for item in items:
        assert item["@context"] in ("https://schema.org", "http://schema.org")
        assert item["@type"] not in by_type, f"two {item['@type']} on {url}"
        by_type[item["@type"]] = item
    return by_type, BeautifulSoup(html, "html.parser")


def assert_meets_google(item: dict, as_type: str | None = None) -> None:
    required, recommended = GOOGLE[as_type or item["@type"]]
    missing = (required | recommended) - {key for key, value in item.items() if value}
    assert not missing, f"{item['@type']} lacks {sorted(missing)}"


def assert_breadcrumbs(data: dict, soup: BeautifulSoup, trail: list[tuple[str, str]]) -> None:
    """The BreadcrumbList and the visible breadcrumbs both name ``trail``: (title, path)
    from the home page to the page itself."""
    elements = data["BreadcrumbList"]["itemListElement"]
    assert [(e["@type"], e["position"]) for e in elements] == [
        ("ListItem", n) for n in range(1, len(trail) + 1)
    ]
    assert [(e["name"], e["item"]) for e in elements] == [(t, BASE + p) for t, p in trail]
    nav = soup.select_one('nav.breadcrumb[aria-label="Breadcrumb"]')
    assert [li.get_text(strip=True) for li in nav.select("li")] == [t for t, _ in trail]
    assert [a["href"] for a in nav.select("a")] == [p for _, p in trail[:-1]]
    assert nav.select_one("li:last-child [aria-current=page]")


@pytest.fixture
def site_settings(site):
    settings = SiteSettings.for_site(site)
    settings.site_name = "Foodie"
    settings.logo = ImageFactory()
    settings.social_links = [
        ("link", {"platform": "instagram", "url": "https://instagram.com/foodie"}),
        ("link", {"platform": "youtube", "url": "https://www.youtube.com/@foodie"}),
        ("link", {"platform": "rss", "url": "https://foodie.example/feeds/recipes.xml"}),
    ]
    settings.save()
    return settings


def test_the_home_page_names_the_organization_and_its_search(client, home_page, site_settings):
    data, soup = structured_data(client, "/")

    assert set(data) == {"Organization", "WebSite"}
    for item in data.values():
        assert_meets_google(item)
    organization = data["Organization"]
    assert organization["url"] == BASE + "/"
    assert organization["logo"].startswith(BASE + "/") and ".fill-512x512." in organization["logo"]
    assert organization["sameAs"] == [  # profiles, not the feed
        "https://instagram.com/foodie", "https://www.youtube.com/@foodie"
    ]  # fmt: skip
    action = data["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == BASE + "/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert not soup.select("nav.breadcrumb")  # the home page is the trail's start


def test_without_a_logo_the_site_icon_stands_in(client, home_page):
    data, _ = structured_data(client, "/")

    assert data["Organization"]["logo"].endswith(".svg")
    assert "sameAs" not in data["Organization"]  # no social links: no empty list


def test_a_recipe_and_its_index(client, home_page):
    index = RecipeIndexPageFactory(parent=home_page, title="Recipes", slug="recipes")
    recipe = RecipePageFactory(
        parent=index, title="Dal", slug="dal", video_url="https://youtu.be/dQw4w9WgXcQ",
        video_thumbnail=ImageFactory(), video_upload_date=date(2026, 11, 2),
        video_duration=timedelta(minutes=3),
    )  # fmt: skip
    recipe.recipe_authors = [RecipePageAuthor(author=AuthorFactory())]
    publish(recipe)

    data, soup = structured_data(client, "/recipes/dal/")

    assert set(data) == {"Recipe", "BreadcrumbList"}
    assert_meets_google(data["Recipe"])
    assert len(data["Recipe"]["image"]) == 3  # 1:1, 4:3, 16:9
    assert_meets_google(data["Recipe"]["video"])
    assert data["Recipe"]["dateModified"] >= data["Recipe"]["datePublished"]
    assert "aggregateRating" not in data["Recipe"]  # no ratings yet
    assert_breadcrumbs(
        data, soup, [("Home", "/"), ("Recipes", "/recipes/"), ("Dal", "/recipes/dal/")]
    )

    Rating.objects.create(recipe=recipe, stars=4, status="approved", client="a", day=date.today())
    refresh_rating_summaries()
    data, _ = structured_data(client, "/recipes/dal/")
    assert_meets_google(data["Recipe"]["aggregateRating"])
    assert data["Recipe"]["aggregateRating"]["ratingValue"] == 4.0

    data, soup = structured_data(client, "/recipes/")

    assert set(data) == {"ItemList", "BreadcrumbList"}
    assert_meets_google(data["ItemList"])
    assert [e["url"] for e in data["ItemList"]["itemListElement"]] == [BASE + "/recipes/dal/"]
    assert_breadcrumbs(data, soup, [("Home", "/"), ("Recipes", "/recipes/")])


def test_an_article_and_its_index(client, home_page):
    index = ArticleIndexPageFactory(parent=home_page, title="Articles", slug="articles")
    article = ArticlePageFactory(parent=index, title="On salt", slug="on-salt")
    article.article_authors = [ArticlePageAuthor(author=AuthorFactory())]
    publish(article)

    data, soup = structured_data(client, "/articles/on-salt/")

    assert set(data) == {"BlogPosting", "BreadcrumbList"}
    assert_meets_google(data["BlogPosting"])
    assert len(data["BlogPosting"]["image"]) == 3  # 1:1, 4:3, 16:9
    assert_breadcrumbs(
        data, soup, [("Home", "/"), ("Articles", "/articles/"), ("On salt", "/articles/on-salt/")]
    )

    data, soup = structured_data(client, "/articles/")
    assert set(data) == {"ItemList", "BreadcrumbList"}
    assert_meets_google(data["ItemList"])


def test_a_standard_page_has_its_breadcrumbs(client, home_page):
    StandardPageFactory(parent=home_page, title="About", slug="about")

    data, soup = structured_data(client, "/about/")

    assert set(data) == {"BreadcrumbList"}
    assert_breadcrumbs(data, soup, [("Home", "/"), ("About", "/about/")])


def test_an_authors_page_and_the_bylines_pointing_at_it(client, home_page):
    AuthorIndexPageFactory(parent=home_page, title="Authors", slug="authors")
    ann = AuthorFactory(name="Ann", slug="ann", bio="Cooks dal.", photo=ImageFactory())
    index = ArticleIndexPageFactory(parent=home_page, title="Articles", slug="articles")
    article = ArticlePageFactory(parent=index, title="On salt", slug="on-salt")
    article.article_authors = [ArticlePageAuthor(author=ann)]
    publish(article)

    data, soup = structured_data(client, "/authors/ann/")

    assert set(data) == {"ProfilePage", "BreadcrumbList"}
    assert_meets_google(data["ProfilePage"])
    person = data["ProfilePage"]["mainEntity"]
    assert_meets_google(person)
    assert person["url"] == BASE + "/authors/ann/"
    assert_breadcrumbs(
        data, soup, [("Home", "/"), ("Authors", "/authors/"), ("Ann", "/authors/ann/")]
    )

    data, _ = structured_data(client, "/articles/on-salt/")
    (author,) = data["BlogPosting"]["author"]
    assert_meets_google(author, as_type="author")
    assert author["url"] == BASE + "/authors/ann/"

    data, soup = structured_data(client, "/authors/")
    assert set(data) == {"BreadcrumbList"}
    assert_breadcrumbs(data, soup, [("Home", "/"), ("Authors", "/authors/")])

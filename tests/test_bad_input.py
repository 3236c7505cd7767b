"""Hostile or sloppy requests answer 200, 400 or 404 (pages, or JSON from the API), never a 500."""

import html
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from home.factories import StandardPageFactory

LONG = "x" * 5000
BAD_QUERY_STRINGS = [
    {"page": "abc"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "999999"},
    {"page": "1.5"},
    {"page": ["1", "2"]},
    {"utm_source": "newsletter", "fbclid": "abc123"},
    {"unknown": LONG},
    {LONG: "1"},
    {"q": "<script>alert(1)</script>"},
]
QUERY_IDS = [
    "page-abc",
    "page-negative",
    "page-zero",
    "page-huge",
    "page-float",
    "page-repeated",
    "tracking-params",
    "long-value",
    "long-name",
    "script",
]
UNKNOWN_PATHS = [
    "/no-such-page/",
    "/about-foodie/no-such-child/",
    "/" + "a" * 3000 + "/",
    "/..%2F..%2Fetc%2Fpasswd/",
    "/%E2%82%AC%FF/",
    "/about-foodie/%3Cscript%3E/",
    "/sitemap.xml/extra/",
]


@pytest.fixture
def urls(home_page):
    standard = StandardPageFactory(parent=home_page, title="About Foodie")
    return {"home": home_page.url, "standard": standard.url, "search": "/search/"}


def assert_proper_page(response):
    assert response.status_code in (200, 404), response.status_code
    html = response.content.decode()
    assert "Traceback" not in html
    assert "<main" in html


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["home", "standard", "search"])
@pytest.mark.parametrize("params", BAD_QUERY_STRINGS, ids=QUERY_IDS)
def test_bad_query_strings(client, urls, target, params):
    response = client.get(urls[target], params)
    assert_proper_page(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", UNKNOWN_PATHS)
def test_unknown_paths_are_404(client, urls, path):
    response = client.get(path)
    assert response.status_code == 404
    assert_proper_page(response)


NUL_ADDRESSES = [
    "/%00/",
    "/nul%00byte/",
    "/?page=%00",
    "/search/?q=soup%00",
    "/api/v2/pages/?locale=%00",
    "/api/v2/pages/?title=a%00b",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", NUL_ADDRESSES)
def test_nul_bytes_get_a_400_page_saying_why(client, urls, path):
    """PostgreSQL refuses NUL in text; a reader's NUL must never reach a query (a 500)."""
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert "<main" in response.content.decode()


API_SEARCHES = ['"unterminated', "\\", "soup & (beans", "*", "'; DROP TABLE x; --", "a:b", "!!!"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", API_SEARCHES)
def test_api_search_takes_any_text(client, urls, query):
    for endpoint in ("/api/v2/pages/", "/api/v2/images/"):
        response = client.get(endpoint, {"search": query})
        assert response.status_code == 200, (endpoint, query, response.content[:200])
        assert "items" in response.json()


HUGE = "9" * 30  # past PostgreSQL's bigint
PAGES, IMAGES = "/api/v2/pages/", "/api/v2/images/"
PAGES_FIND, IMAGES_FIND = PAGES + "find/", IMAGES + "find/"
# (address, query, why): every documented query parameter of every registered endpoint,
# each with values a client gets wrong. Each must answer 400 or 404 with a JSON message.
BAD_API_QUERIES = [
    (PAGES_FIND, {"id": "abc"}, "find-id-text"),
    (PAGES_FIND, {"id": "-1"}, "find-id-negative"),
    (PAGES_FIND, {"id": HUGE}, "find-id-huge"),
    (PAGES_FIND, {"id": "1.5"}, "find-id-float"),
    (PAGES_FIND, {}, "find-nothing"),
    (PAGES_FIND, {"html_path": "/no-such-page/"}, "find-html-path-unknown"),
    (PAGES_FIND, {"html_path": "/" + "a" * 3000 + "/"}, "find-html-path-long"),
    (PAGES_FIND, {"html_path": "/about-foodie/%3Cscript%3E/"}, "find-html-path-script"),
    (PAGES, {"search": "a", "search_operator": "xx"}, "search-operator-unknown"),
    (PAGES, {"search": "a", "search_operator": ""}, "search-operator-empty"),
    (PAGES, {"search_operator": "xx"}, "search-operator-alone"),
    (PAGES, {"search": "a", "tags": "x"}, "search-with-unknown-field"),
    (PAGES, {"site": "evil.com"}, "site-unknown"),
    (PAGES, {"site": "localhost:abc"}, "site-port-text"),
    (PAGES, {"site": "localhost:" + HUGE}, "site-port-huge"),
    (PAGES, {"site": ""}, "site-empty"),
    (PAGES, {"type": "nope"}, "type-unknown"),
    (PAGES, {"type": "a.b.c"}, "type-dotted"),
    (PAGES, {"type": "wagtailcore.site"}, "type-not-a-page"),
    (PAGES, {"type": "recipes.recipepage,nope"}, "type-one-unknown"),
    (PAGES, {"fields": "nope"}, "fields-unknown"),
    (PAGES, {"show_in_menus": "--1"}, "filter-boolean-double-minus"),
    (IMAGES, {"width": "--1"}, "image-filter-integer-double-minus"),
    (PAGES, {"type": "recipes.RecipePage", "hero_image": "--1"}, "filter-foreign-key-double-minus"),
    (PAGES, {"type": "recipes.RecipePage", "diets": "abc"}, "filter-many-to-many"),
    (PAGES, {"type": "recipes.RecipePage", "course": "pudding"}, "recipe-filter-unknown-slug"),
    (PAGES, {"fields": "title(id)"}, "fields-nested-on-text"),
    (PAGES, {"fields": "(("}, "fields-unparsable"),
    (PAGES, {"fields": "-"}, "fields-bare-minus"),
    (PAGES, {"order": "nope"}, "order-unknown"),
    (PAGES, {"order": "-"}, "order-bare-minus"),
    (PAGES, {"order": "random,title"}, "order-random-and-field"),
    (PAGES, {"order": "random", "offset": "1"}, "order-random-offset"),
    (PAGES, {"limit": "abc"}, "limit-text"),
    (PAGES, {"limit": "-1"}, "limit-negative"),
    (PAGES, {"limit": "1000"}, "limit-over-max"),
    (PAGES, {"limit": HUGE}, "limit-huge"),
    (PAGES, {"offset": "abc"}, "offset-text"),
    (PAGES, {"offset": "-1"}, "offset-negative"),
    (PAGES, {"offset": HUGE}, "offset-huge"),
    (PAGES, {"offset": str(2**63)}, "offset-past-bigint"),
    (PAGES, {"child_of": "abc"}, "child-of-text"),
    (PAGES, {"child_of": "-1"}, "child-of-negative"),
    (PAGES, {"child_of": "999999"}, "child-of-missing"),
    (PAGES, {"child_of": HUGE}, "child-of-huge"),
    (PAGES, {"child_of": "root", "descendant_of": "root"}, "child-of-and-descendant-of"),
    (PAGES, {"ancestor_of": "abc"}, "ancestor-of-text"),
    (PAGES, {"ancestor_of": "root"}, "ancestor-of-root"),
    (PAGES, {"ancestor_of": HUGE}, "ancestor-of-huge"),
    (PAGES, {"descendant_of": "abc"}, "descendant-of-text"),
    (PAGES, {"descendant_of": "999999"}, "descendant-of-missing"),
    (PAGES, {"descendant_of": HUGE}, "descendant-of-huge"),
    (PAGES, {"translation_of": "abc"}, "translation-of-text"),
    (PAGES, {"translation_of": "999999"}, "translation-of-missing"),
    (PAGES, {"translation_of": HUGE}, "translation-of-huge"),
    (PAGES, {"locale": "xx"}, "locale-unknown"),
    (PAGES, {"locale": LONG}, "locale-long"),
    (PAGES, {"unknown": "1"}, "parameter-unknown"),
    (PAGES, {"id": "abc"}, "filter-id-text"),
    (PAGES, {"show_in_menus": "maybe"}, "filter-boolean-text"),
    (PAGES, {"first_published_at": "abc"}, "filter-datetime-text"),
    (PAGES, {"first_published_at": "2026-13-45"}, "filter-datetime-impossible"),
    (PAGES, {"alias_of": "abc"}, "filter-foreign-key-text"),
    (PAGES + "999999/", {}, "detail-missing"),
    (PAGES + HUGE + "/", {}, "detail-huge"),
    (PAGES + "{root}/", {"fields": "nope"}, "detail-fields-unknown"),
    (IMAGES_FIND, {"id": "abc"}, "image-find-id-text"),
    (IMAGES_FIND, {"id": HUGE}, "image-find-id-huge"),
    (IMAGES, {"search": "a", "search_operator": "xx"}, "image-search-operator"),
    (IMAGES, {"search": "a", "tags": "x"}, "image-search-with-tags"),
    (IMAGES, {"fields": "nope"}, "image-fields-unknown"),
    (IMAGES, {"order": "nope"}, "image-order-unknown"),
    (IMAGES, {"limit": "abc"}, "image-limit-text"),
    (IMAGES, {"offset": HUGE}, "image-offset-huge"),
    (IMAGES, {"width": "abc"}, "image-filter-integer-text"),
    (IMAGES, {"type": "recipes.recipepage"}, "image-parameter-of-pages"),
    (IMAGES + HUGE + "/", {}, "image-detail-huge"),
]
GOOD_API_QUERIES = [
    (PAGES, {}, "pages"),
    (PAGES, {"search": "soup", "search_operator": "or"}, "search-or"),
    (PAGES, {"search": "soup", "search_operator": "and"}, "search-and"),
    (PAGES, {"site": "localhost"}, "site"),
    (PAGES, {"type": "home.standardpage", "fields": "*", "order": "-title"}, "type-fields"),
    (PAGES, {"child_of": "root", "limit": "5", "offset": "1"}, "child-of-root"),
    (PAGES, {"descendant_of": "{root}", "locale": "en-gb"}, "descendant-of"),
    (PAGES, {"ancestor_of": "{standard}", "show_in_menus": "false"}, "ancestor-of"),
    (PAGES, {"translation_of": "{root}"}, "translation-of"),
    (PAGES, {"first_published_at": "2026-01-01T00:00:00Z"}, "filter-datetime"),
    (PAGES + "{standard}/", {"fields": "parent"}, "detail"),
    (IMAGES, {"width": "320", "order": "title", "fields": "width"}, "images"),
    (IMAGES_FIND, {"id": "{image}"}, "image-find"),
    (PAGES_FIND, {"html_path": "/about-foodie/"}, "find-html-path"),
]
# Well-formed values that match nothing: an empty listing, as for any other filter.
MATCHLESS_API_QUERIES = [
    (PAGES, {"id": HUGE}, "filter-id-huge"),
    (PAGES, {"alias_of": HUGE}, "filter-foreign-key-huge"),
    (PAGES, {"slug": LONG}, "filter-text-long"),
    (PAGES, {"search": "zzzzzz", "order": "title"}, "search-ordered"),
    (IMAGES, {"width": HUGE}, "image-filter-integer-huge"),
    (IMAGES, {"id": HUGE}, "image-filter-id-huge"),
]


@pytest.fixture
def api_ids(urls, site):
    from wagtail.models import Page

    return {
        "root": site.root_page_id,
        "standard": Page.objects.get(slug="about-foodie").pk,
        "image": site.root_page.specific.hero_image_id,
    }


def api_address(address, params, ids):
    fill = {key: str(value) for key, value in ids.items()}
    return address.format(**fill), {key: value.format(**fill) for key, value in params.items()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "params"),
    [case[:2] for case in BAD_API_QUERIES],
    ids=[c[2] for c in BAD_API_QUERIES],
)
def test_api_answers_bad_parameters_with_a_json_4xx(client, api_ids, address, params):
    address, params = api_address(address, params, api_ids)
    response = client.get(address, params, follow=True)
    assert response.status_code in (400, 404), (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "params"),
    [case[:2] for case in GOOD_API_QUERIES],
    ids=[c[2] for c in GOOD_API_QUERIES],
)
def test_api_still_answers_good_parameters(client, api_ids, address, params):
    address, params = api_address(address, params, api_ids)
    response = client.get(address, params, follow=True)
    assert response.status_code == 200, response.content[:300]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "params"),
    [case[:2] for case in MATCHLESS_API_QUERIES],
    ids=[case[2] for case in MATCHLESS_API_QUERIES],
)
def test_api_values_that_match_nothing_give_an_empty_listing(client, api_ids, address, params):
    response = client.get(address, params)
    assert response.status_code == 200, response.content[:300]
    assert response.json()["items"] == []


SCRIPT_SUMMARY = 'Fish & chips <script>alert(1)</script> <b>"crisp"</b>'


class TagCollector(HTMLParser):
    """The elements an HTML reader would build from a text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)


@pytest.fixture
def feeds_with_a_script(home_page):
    from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
    from recipes.factories import RecipeIndexPageFactory, RecipePageFactory
    from tests.publishing import publish

    recipes = RecipeIndexPageFactory(parent=home_page)
    publish(RecipePageFactory(parent=recipes, summary=SCRIPT_SUMMARY))
    articles = ArticleIndexPageFactory(parent=home_page)
    publish(ArticlePageFactory(parent=articles, introduction=SCRIPT_SUMMARY))
    return ["/feeds/recipes.xml", "/feeds/articles.xml"]


@pytest.mark.django_db
def test_feed_descriptions_are_text_that_readers_show_as_written(client, feeds_with_a_script):
    """RSS descriptions are HTML to a feed reader: a summary is plain text, so it is
    HTML-escaped before the feed's own XML escaping, and a reader shows it as typed."""
    for address in feeds_with_a_script:
        response = client.get(address)
        assert response.status_code == 200
        item = ElementTree.fromstring(response.content).find("channel/item")
        description = item.find("description")
        assert len(description) == 0  # no XML element inside
        reader = TagCollector()
        reader.feed(description.text)
        assert reader.tags == [], (address, description.text)
        assert html.unescape(description.text) == SCRIPT_SUMMARY
        assert b"&amp;lt;script&amp;gt;" in response.content
        assert b"<script" not in response.content

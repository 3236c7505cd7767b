"""The page cache's key space is bounded by the content, not by the requests.

Only what a reader can legitimately ask for is stored: a page's 200 in its one
canonical URL, and the sitemap and feeds without a query string. 10,000 distinct junk
URLs (made-up paths, unknown, repeated and reordered parameters, junk values; on Redis
1,100 of the same kinds) add at most a handful of entries, while every URL the filter
form and the templates' links produce is stored once and hit on the next request.
Counted in the local-memory backend's own dict and, on a Redis of the test's own, with
DBSIZE.
"""

import itertools
from collections.abc import Callable, Iterator
from urllib.parse import urlencode, urlsplit

from django.core.cache import caches

import pytest
import redis
from bs4 import BeautifulSoup

from recipes.factories import CourseFactory, DietFactory
from recipes.models import RecipeIndexPage
from tests.services import missing_service

from .redis_process import RedisProcess

pytestmark = pytest.mark.django_db

JUNK_URLS = 10_000
# On Redis, fewer (each junk request renders a page: 10,000 take minutes); the same
# kinds, each many times over.
JUNK_URLS_ON_REDIS = 1_100
# Requests to real pages with made-up cookies and headers: hits, never new entries.
JUNK_HEADERS = 200
# Entries the junk may add at most. Every junk URL is refused, so it should be none;
# a small allowance keeps the test about the bound, not about zero.
JUNK_ALLOWANCE = 5


@pytest.fixture
def local_memory(settings) -> Callable[[], int]:
    """A local-memory page cache too large to cull, so every stored entry is counted."""
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "foodie.cache.backend.LocalPageCacheBackend",
            "LOCATION": "key-space-test",
            # As in production: the flood takes minutes, longer than Django's default
            # of 300 s on a slow machine, and an expired entry is not what this tests.
            "TIMEOUT": settings.PAGE_CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": 10 * JUNK_URLS},
        },
    }
    cache = caches["pagecache"]
    cache.clear()
    return lambda: len(cache._cache)


@pytest.fixture
def own_redis(settings) -> Iterator[Callable[[], int]]:
    """A page cache on a redis-server of this test's own: DBSIZE counts its entries only."""
    try:
        process = RedisProcess().start()
    except FileNotFoundError as error:
        missing_service(str(error))
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "foodie.cache.backend.PageCacheBackend",
            "LOCATION": process.url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
        },
    }
    client = redis.Redis(port=process.port)
    yield client.dbsize
    process.stop()


@pytest.fixture
def filters(tree):
    """Taxonomy for every kind of filter: a course, two diets, a tag, a second page."""
    dal = tree["dal"]
    main = CourseFactory(name="Main", slug="main")
    diets = [DietFactory(name="Vegan", slug="vegan"), DietFactory(name="Gluten free", slug="gf")]
    dal.course = main
    dal.difficulty = "easy"
    dal.tags.add("weeknight")
    dal.diets.set(diets)
    dal.save_revision().publish()
    caches["pagecache"].clear()
    return tree


@pytest.fixture
def one_per_page(monkeypatch):
    """Listings of one card a page, so pagination links appear with two recipes."""
    monkeypatch.setattr(RecipeIndexPage, "per_page", 1)


def junk_urls(tree, count: int) -> list[str]:
    """``count`` distinct URLs no reader follows, of every kind a flood could use."""
    index, about, blog = tree["index"].url, tree["about"].url, tree["blog"].url
    recipe = tree["dal"].url
    kinds = [
        lambda n: f"/no-such-page-{n}/",
        lambda n: f"/no-such-page/?x={n}",
        lambda n: f"{recipe}no-such-{n}/",
        lambda n: f"/no-slash-{n}",  # APPEND_SLASH redirects any path
        lambda n: f"{recipe[:-1]}?n={n}",
        lambda n: f"{about}?x={n}",  # a parameter the page does not read
        lambda n: f"{index}?foo={n}",
        lambda n: f"{index}?page=2&page=2&x={n}",
        lambda n: f"{index}?cuisine=indian" + "&cuisine=indian" * (n % 50 + 1) + f"&n{n}=",
        lambda n: f"{index}?page=1" + "&page=1" * n,  # repeated, canonical once deduplicated
        lambda n: f"{index}?tag=weeknight&course=main" + "&" * n,  # reordered
        lambda n: f"{index}?diet=vegan&diet=gf" + "&diet=vegan" * n,  # unsorted values
        lambda n: f"{index}?course=main&course=c{n}",  # two values for one filter
        lambda n: f"{index}?cuisine=junk-{n}",
        lambda n: f"{index}?max_time={n + 1000}",
        lambda n: f"{index}?page={n + 3}",
        lambda n: f"{index}?page=0{n}",
        lambda n: f"{blog}?tag=t{n}",
        lambda n: f"{blog}?author=weeknight&author=a{n}",
        lambda n: f"{about}?" + "&" * (n + 1),
        lambda n: f"/sitemap.xml?p={n}",
        lambda n: "/feeds/recipes.xml?" + "&" * (n + 1),
    ]
    urls = list(dict.fromkeys(kinds[n % len(kinds)](n // len(kinds)) for n in range(count)))
    assert len(urls) == count
    return urls


def real_urls(tree) -> list[str]:
    """What readers ask for: every page, the sitemap and feeds, filtered listings."""
    pages = [tree[name].url for name in ("home", "about", "index", "dal", "curry", "blog")]
    return [
        *pages,
        tree["article"].url,
        "/sitemap.xml",
        "/feeds/recipes.xml",
        "/feeds/articles.xml",
        tree["index"].url + "?cuisine=indian",
        tree["index"].url + "?course=main&diet=gf&diet=vegan&tag=weeknight",
        tree["blog"].url + "?tag=weeknight",
    ]


def flood(client, tree, count: int, count_entries: Callable[[], int]) -> tuple[int, int]:
    """Entries before and after ``count`` junk URLs and JUNK_HEADERS requests with junk
    headers, the real pages warmed first."""
    for url in real_urls(tree):
        for _ in range(2):  # stored, then served: every real entry is in the baseline
            client.get(url)
    assert client.get(tree["dal"].url)["X-Wagtail-Cache"] == "hit"
    before = count_entries()
    for url in junk_urls(tree, count):
        response = client.get(url)
        assert response.status_code in (200, 301, 302, 404), url
        assert response.get("X-Wagtail-Cache") != "miss", url
    for n in range(JUNK_HEADERS):
        headers = {"Cookie": f"csrftoken={n}; tracker={n}", "Accept-Language": f"x-{n}"}
        response = client.get(tree["dal"].url, headers=headers)
        assert response["X-Wagtail-Cache"] == "hit"
    return before, count_entries()


def test_junk_urls_add_no_entries(client, filters, local_memory):
    before, after = flood(client, filters, JUNK_URLS, local_memory)
    assert after - before <= JUNK_ALLOWANCE
    for url in real_urls(filters):
        assert client.get(url)["X-Wagtail-Cache"] == "hit", url


@pytest.mark.redis
def test_junk_urls_add_no_keys_to_redis(client, filters, own_redis):
    before, after = flood(client, filters, JUNK_URLS_ON_REDIS, own_redis)
    assert after - before <= JUNK_ALLOWANCE
    for url in real_urls(filters):
        assert client.get(url)["X-Wagtail-Cache"] == "hit", url


def form_submissions(html: str) -> Iterator[str]:
    """Every query string the recipe filter form sends: each select at "Any" or at
    its first real option, and every set of diets, fields in document order as a
    browser submits them."""
    form = BeautifulSoup(html, "html.parser").select_one("form.filters")
    fields = form.select("select, input[type=checkbox]")
    choices = []
    for field in fields:
        if field.name == "select":
            values = [option["value"] for option in field.select("option")]
            choices.append([(field["name"], values[0]), (field["name"], values[1])])
        else:
            choices.append([None, (field["name"], field["value"])])
    for combination in itertools.product(*choices):
        yield urlencode([pair for pair in combination if pair])


def test_every_form_submission_is_stored_once_and_hit(client, filters, local_memory):
    index = filters["index"].url
    html = client.get(index).content.decode()
    submissions = list(form_submissions(html))
    assert len(submissions) == 2**7  # five selects, two diets
    canonical_urls = set()
    for query in submissions:
        response = client.get(f"{index}?{query}", follow=True)
        assert response.status_code == 200
        canonical = f"{response.request['PATH_INFO']}?{response.request['QUERY_STRING']}"
        assert client.get(canonical)["X-Wagtail-Cache"] == "hit", (query, canonical)
        canonical_urls.add(canonical)
    # Each listing stored once (its page and its learned headers), plus the path's
    # generation: nothing for the submitted, non-canonical URLs.
    assert local_memory() == 2 * len(canonical_urls) + 1


def links_to_listings(html: str, listings: set[str], base: str) -> set[str]:
    """The links in ``html`` to a listing (a path in ``listings``), as absolute paths."""
    links = set()
    for anchor in BeautifulSoup(html, "html.parser").select("a[href]"):
        href = anchor["href"]
        if href.startswith("?"):
            href = base + href
        if urlsplit(href).path in listings:
            links.add(href)
    return links


def test_every_link_the_templates_build_is_canonical_and_hit(
    client, filters, local_memory, one_per_page
):
    """Chips, pagination, tag and author links: each answers 200 at once (no redirect
    to a canonical URL) and is a hit the second time, crawled from every page."""
    listings = {filters["index"].url, filters["blog"].url}
    to_visit = [filters[name].url for name in ("home", "index", "dal", "curry", "article")]
    to_visit.append(filters["index"].url + "?course=main&diet=gf&diet=vegan&tag=weeknight")
    seen: set[str] = set()
    while to_visit:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert client.get(url)["X-Wagtail-Cache"] == "hit", url
        base = urlsplit(url).path
        to_visit += links_to_listings(response.content.decode(), listings, base) - seen
    queries = {urlsplit(url).query for url in seen}
    # The crawl reached chips, pagination and the recipe's and article's filter links.
    assert {"page=2", "tag=weeknight", "course=main&diet=gf&diet=vegan"} <= queries

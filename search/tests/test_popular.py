"""Popular searches: counted in memory, written in batches, shown to editors."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

import pytest

from search import popular
from search.popular import MAX_STORED_LENGTH, SearchCounter

pytestmark = pytest.mark.django_db


def hits() -> dict[str, int]:
    return {
        row.query.query_string: row.hits
        for row in QueryDailyHits.objects.filter(date=timezone.localdate()).select_related("query")
    }


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]


def test_searches_are_counted_without_writing_until_a_batch_is_full(client, small_corpus):
    client.get("/search/", {"q": "Chickpea curry", "page": "2"})  # creates image renditions
    with CaptureQueriesContext(connection) as queries:
        for _ in range(popular.FLUSH_EVERY - 1):
            assert client.get("/search/", {"q": "Chickpea curry!"}).status_code == 200
    assert writes(queries) == []
    assert popular.counter.pending == {"chickpea curry": popular.FLUSH_EVERY - 1}
    assert hits() == {}
    client.get("/search/", {"q": "soup"})
    assert hits() == {"chickpea curry": popular.FLUSH_EVERY - 1, "soup": 1}
    assert popular.counter.pending == {}


def test_later_pages_and_narrowed_searches_are_not_counted(client, small_corpus):
    client.get("/search/", {"q": "curry", "page": "2"})
    client.get("/search/", {"q": "curry", "type": "recipe"})
    client.get("/search/", {"q": "curry", "diet": "vegan"})
    client.get("/search/", {"q": "  "})
    client.get("/search/suggest/", {"q": "curry"})
    assert popular.counter.pending == {}
    client.get("/search/", {"q": "curry"})
    assert popular.counter.pending == {"curry": 1}


def test_a_batch_costs_a_fixed_number_of_queries_and_adds_to_earlier_counts():
    counter = SearchCounter(flush_every=1000)
    for number in range(50):
        counter.record(f"query {number}")
    with CaptureQueriesContext(connection) as queries:
        counter.flush()
    assert len(queries) <= 8  # savepoint, inserts, selects, one bulk UPDATE
    for _ in range(3):
        counter.record("query 7")
    counter.flush()
    assert hits()["query 7"] == 4
    assert len(hits()) == 50


def test_what_is_stored_is_capped():
    counter = SearchCounter(flush_every=1000, max_distinct=2)
    counter.record("x" * (MAX_STORED_LENGTH + 1))
    for query in ["one", "two", "three", "one"]:
        counter.record(query)
    assert counter.pending == {"one": 2, "two": 1}
    assert counter.dropped == 1


def test_a_batch_is_also_written_after_the_interval():
    now = [0.0]
    counter = SearchCounter(flush_every=1000, flush_interval=60, clock=lambda: now[0])
    counter.record("soup")
    assert hits() == {}
    now[0] = 61
    counter.record("stew")
    assert hits() == {"soup": 1, "stew": 1}


def test_old_counts_are_garbage_collected_once_a_day():
    now = [0.0]
    counter = SearchCounter(flush_every=1, clock=lambda: now[0])
    stale = Query.objects.create(query_string="stale")
    stale.daily_hits.create(date=timezone.localdate() - timezone.timedelta(days=60), hits=9)
    counter.record("fresh")
    assert Query.objects.filter(query_string="stale").exists()
    now[0] = popular.GARBAGE_COLLECT_INTERVAL + 1
    counter.record("fresh")
    assert not Query.objects.filter(query_string="stale").exists()
    assert hits() == {"fresh": 2}


def test_a_database_error_never_fails_the_search(client, small_corpus, monkeypatch):
    def broken(*args):
        from django.db import DatabaseError

        raise DatabaseError("down")

    monkeypatch.setattr(popular, "write_counts", broken)
    monkeypatch.setattr(popular.counter, "flush_every", 1)
    assert client.get("/search/", {"q": "curry"}).status_code == 200


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.com", "x")
    group = Group.objects.create(name="Search editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_searchpromotion"),
    )
    user.groups.add(group)
    return user


def test_editors_who_promote_results_see_popular_searches(client, editor):
    Query.objects.create(query_string="dal").daily_hits.create(date=timezone.localdate(), hits=7)
    Query.objects.create(query_string="soup").daily_hits.create(date=timezone.localdate(), hits=3)
    client.force_login(editor)
    response = client.get("/admin/reports/popular-searches/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("dal") < html.index("soup")
    menu = client.get("/admin/").content.decode()
    assert "Popular searches" in menu


def test_other_editors_do_not(client, django_user_model):
    user = django_user_model.objects.create_user("writer", "w@example.com", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/reports/popular-searches/").status_code in (302, 403)

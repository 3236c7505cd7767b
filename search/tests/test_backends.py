"""The database-specific adjustments in search/backends and search/migrations."""

from django.conf import settings
from django.db import connection

import pytest

pytestmark = pytest.mark.django_db


def test_the_index_stems_english_words():
    """SQLite's FTS table uses the porter stemmer; PostgreSQL the english configuration."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'"
            )
            (sql,) = cursor.fetchone()
            assert "porter" in sql
        else:
            config = settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]
            cursor.execute(
                "SELECT to_tsvector(%s, 'roasted aubergines') "
                "@@ to_tsquery(%s, 'roast & aubergine')",
                [config, config],
            )
            assert cursor.fetchone()[0] is True


@pytest.mark.postgres
def test_postgres_has_the_indexes_search_uses():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
            "('search_indexentry_title_body_gin', 'search_page_id_as_text', 'search_page_lookup')"
        )
        indexes = dict(cursor.fetchall())
        assert set(indexes) == {"search_indexentry_title_body_gin", "search_page_lookup"}
        # What search reads of a page is in the index: matches join pages without the heap.
        assert "INCLUDE (id, content_type_id, live, path)" in indexes["search_page_lookup"]
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute "
            "WHERE attrelid = 'wagtailsearch_indexentry'::regclass "
            "AND attname IN ('title', 'body', 'autocomplete')"
        )
        assert dict(cursor.fetchall()) == {"title": "m", "body": "m", "autocomplete": "m"}


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "chicken",
            ['"wagtailsearch_indexentry"."title" @@', '"wagtailsearch_indexentry"."body" @@'],
        ),
        (
            "lentil soup",
            ['("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'],
        ),
    ],
)
def test_postgres_match_uses_indexable_expressions_and_selects_no_vector(query, expected):
    from wagtail.models import Page

    sql = str(Page.objects.search(query).get_queryset().query)
    for fragment in expected:
        assert fragment in sql
    select_list = sql.split(" FROM ")[0]
    assert "||" not in select_list


@pytest.mark.postgres
def test_postgres_orders_by_position_in_the_ranking():
    """The rank is a window's sort key, so it is computed once on narrow rows (see
    search/backends/postgres.py), and the order is still rank first, newest id on a tie."""
    from wagtail.models import Page

    sql = str(Page.objects.search("chicken").get_queryset().query)
    select_list, _, rest = sql.partition(" FROM ")
    assert "ROW_NUMBER() OVER (ORDER BY ((ts_rank(" in select_list
    assert '"wagtailcore_page"."id" DESC)' in select_list
    assert "ts_rank" not in rest.rpartition("ORDER BY")[2]

"""Wagtail's database search backend, with title matches outranking body matches on SQLite.

On PostgreSQL, Wagtail ranks with tsvector weights: ``Page.title`` (boost 2) is weight A
and every other field weight D, so a title match scores about twenty times a body match.
Wagtail's SQLite backend scores with ``bm25()`` over all columns alike, so there a recipe
that only mentions "lentil" in its method can outrank "Lentil soup". The compiler below
passes column weights to ``bm25()``; everything else is Wagtail's own code path.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", ...}}``.
"""

from django.db.models import FloatField, Func

from wagtail.search.backends.database import SearchBackend as database_search_backend
from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from wagtail.search.query import Not, Phrase, PlainText

# bm25() takes one weight per column of the FTS table, in its order: (autocomplete, body,
# title). Ten to one is about the title/body ratio of Wagtail's PostgreSQL weights.
FTS_COLUMN_WEIGHTS = (1.0, 1.0, 10.0)


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(str(weight) for weight in FTS_COLUMN_WEIGHTS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class TitleWeightedSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            rank = WeightedBM25()
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


class TitleWeightedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = TitleWeightedSQLiteQueryCompiler


def SearchBackend(params):  # Wagtail looks up this name in the module.
    backend = database_search_backend(params)
    if type(backend) is SQLiteSearchBackend:
        return TitleWeightedSQLiteSearchBackend(params)
    return backend

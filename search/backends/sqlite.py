"""Title-first ranking for Wagtail's SQLite search backend.

On PostgreSQL, Wagtail ranks with tsvector weights: ``Page.title`` (boost 2) is weight A
and other fields lower weights, so a title match outscores any body match.
Wagtail's SQLite backend scores every row with one ``bm25()`` over all columns and then
multiplies it by the title-length norm, so a recipe with a short title that mentions
"chicken" only in its method ("Coq au vin") can outrank "Chicken tikka masala". The
compiler below ranks by the title's ``bm25()`` (other columns weighted 0) times
``TITLE_FACTOR`` plus the body's, so any title match comes first, and leaves out the
title-length norm. Everything else is Wagtail's own code path.

Imported by ``search.backends`` on SQLite only: the module needs Wagtail's SQLite FTS model,
which does not exist on PostgreSQL.
"""

from django.db.models import F, FloatField, Func

from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from wagtail.search.query import Not, Phrase, PlainText

# bm25() saturates: a term's score tends to (k1 + 1) = 2.2 times its IDF however often it
# occurs. A title match scores at least about 0.5 times the IDF, so ten times that beats
# any body-only match.
TITLE_FACTOR = 10.0


class ColumnBM25(Func):
    """``bm25()`` over some columns of the FTS table: (autocomplete, body, title) weights."""

    output_field = FloatField()

    def __init__(self, autocomplete: float, body: float, title: float):
        super().__init__()
        self.weights = (autocomplete, body, title)

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(str(float(weight)) for weight in self.weights)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class TitleFirstSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def get_search_vectors(self):
        # One rank, not Wagtail's rank x title-length norm + rank (the vector is unused).
        return [(F("index_entry__body"), 1.0)]

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            rank = ColumnBM25(0, 0, 1) * TITLE_FACTOR + ColumnBM25(0, 1, 0)
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


class TitleFirstSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = TitleFirstSQLiteQueryCompiler

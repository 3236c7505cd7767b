"""Indexes that PostgreSQL full-text search can use, and its vectors kept in the row.

Wagtail matches ``(title || body) @@ query``. Its GIN indexes are on ``title`` and
``body`` separately, so no index serves that expression and every search scanned and
concatenated every row. The GIN index on the expression lets PostgreSQL find the matches
in the index, with no concatenation.

Wagtail joins index entries to pages on ``object_id = page.id::varchar(50)``. Without
an index on that expression PostgreSQL must hash every page to join even three matches;
with it, a search with few matches looks its pages up one by one.

Storage MAIN keeps the (compressed) tsvectors in the table row, rather than in TOAST
where the plain-text copies (``title_text``/``body_text``) also go: ranking and any
sequential scan read each vector without a second lookup. The UPDATE rewrites existing
rows so they move too (new rows follow the column's storage on their own).

SQLite does nothing here; see 0001 for its index.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
INDEX = "search_indexentry_title_body_gin"
PAGE_INDEX = "search_page_id_as_text"
VECTORS = ("title", "body", "autocomplete")


def _execute(schema_editor, *statements: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forwards(apps, schema_editor):
    _execute(
        schema_editor,
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin ((title || body))",
        f"CREATE INDEX IF NOT EXISTS {PAGE_INDEX} ON wagtailcore_page (((id)::varchar(50)))",
        f"ALTER TABLE {TABLE} "
        + ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in VECTORS),
        f"UPDATE {TABLE} SET body = body || ''::tsvector",
    )


def backwards(apps, schema_editor):
    _execute(
        schema_editor,
        f"DROP INDEX IF EXISTS {INDEX}",
        f"DROP INDEX IF EXISTS {PAGE_INDEX}",
        f"ALTER TABLE {TABLE} "
        + ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in VECTORS),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_sqlite_english_stemming"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

"""The index that joins search matches to pages now also holds what search reads of a page.

0002's index on ``wagtailcore_page ((id)::varchar(50))`` lets PostgreSQL find the page of
each match; it then read the page row for ``live``, ``content_type_id`` and ``path`` (the
private-section test). With those columns in the index (``INCLUDE``) it answers from the
index alone (an index-only scan), without reading a page row per match. Same expression,
so it replaces 0002's index.

SQLite does nothing here.
"""

from django.db import migrations

OLD_INDEX = "search_page_id_as_text"
INDEX = "search_page_lookup"
EXPRESSION = "((id)::varchar(50))"


def _execute(schema_editor, *statements: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forwards(apps, schema_editor):
    _execute(
        schema_editor,
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page ({EXPRESSION}) "
        "INCLUDE (id, content_type_id, live, path)",
        f"DROP INDEX IF EXISTS {OLD_INDEX}",
    )


def backwards(apps, schema_editor):
    _execute(
        schema_editor,
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON wagtailcore_page ({EXPRESSION})",
        f"DROP INDEX IF EXISTS {INDEX}",
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_search_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

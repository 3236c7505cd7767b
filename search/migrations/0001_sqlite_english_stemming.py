"""English stemming for the SQLite full-text index ("roasted" finds "roast").

Wagtail creates its SQLite FTS5 table with the default tokenizer, which does not stem;
PostgreSQL stems through ``SEARCH_CONFIG = "english"``. This recreates the table with
the Porter stemmer (and accent folding) and copies the index rows back, so search
behaves alike on both databases. Wagtail's triggers write to the table by name and keep
working. On PostgreSQL (and SQLite without FTS5) it does nothing.
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
COLUMNS = "autocomplete, body, title"


def _recreate(schema_editor, tokenize: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        if cursor.fetchone() is None:
            return
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({COLUMNS}{tokenize})")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, {COLUMNS}) "
            f"SELECT id, {COLUMNS} FROM wagtailsearch_indexentry"
        )


def use_porter_stemmer(apps, schema_editor):
    _recreate(schema_editor, ", tokenize = 'porter unicode61 remove_diacritics 2'")


def use_default_tokenizer(apps, schema_editor):
    _recreate(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(use_porter_stemmer, use_default_tokenizer)]

"""The search backend: Wagtail's database backend, with two adjustments.

- PostgreSQL (``search.backends.postgres``): the full-text match no longer selects the
  ``title || body`` concatenation for every matching row.
- SQLite (``search.backends.sqlite``): title matches rank above body matches, as the
  PostgreSQL weights already make them.

Everything else is Wagtail's own code path. Settings:
``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", ...}}``. The
vendor modules are imported on their own database only: each needs models or
extensions the other database does not have.
"""

from django.db import connection

from wagtail.search.backends.database import SearchBackend as database_search_backend


def SearchBackend(params):  # Wagtail looks up this name in the module.
    backend = database_search_backend(params)
    if connection.vendor == "postgresql":
        from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

        from .postgres import LeanPostgresSearchBackend

        if type(backend) is PostgresSearchBackend:
            return LeanPostgresSearchBackend(params)
    elif connection.vendor == "sqlite":
        from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite import TitleFirstSQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:
            return TitleFirstSQLiteSearchBackend(params)
    return backend

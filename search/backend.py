"""The search backend: Wagtail's database backend, with title-first ranking on SQLite.

PostgreSQL gets Wagtail's backend unchanged; SQLite gets the ranking in
``search.sqlite_ranking``. Settings:
``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", ...}}``.
"""

from django.db import connection

from wagtail.search.backends.database import SearchBackend as database_search_backend


def SearchBackend(params):  # Wagtail looks up this name in the module.
    backend = database_search_backend(params)
    if connection.vendor == "sqlite":
        from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite_ranking import TitleFirstSQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:
            return TitleFirstSQLiteSearchBackend(params)
    return backend

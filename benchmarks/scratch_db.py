"""A throwaway test database for a benchmark script, as the test runner makes one
(DATABASE_URL chooses the engine; foodie.settings.test unless DJANGO_SETTINGS_MODULE
says otherwise)."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foodie.settings.test")


@contextmanager
def scratch_database() -> Iterator[None]:
    """Django set up on a new test database, dropped on the way out."""
    django.setup()
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    old_config = runner.setup_databases()
    try:
        yield
    finally:
        runner.teardown_databases(old_config)

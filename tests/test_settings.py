"""Settings read from the environment, checked in fresh interpreters.

Each case imports a settings module in a subprocess with a controlled environment,
so the running test process's settings are never reloaded or patched.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SERVICE_VARIABLES = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "WAGTAILADMIN_BASE_URL",
    "REDIS_URL",
    "PAGE_CACHE_REDIS_URL",
    "WAGTAIL_CACHE",
    "DJANGO_SETTINGS_MODULE",
    "CONN_MAX_AGE",
    "AWS_STORAGE_BUCKET_NAME",
)
PRODUCTION_ENV = {
    "SECRET_KEY": "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN",
    "ALLOWED_HOSTS": "foodie.example,www.foodie.example",
    "DATABASE_URL": "postgres://foodie:pw@db.internal:5432/foodie",
    "WAGTAILADMIN_BASE_URL": "https://foodie.example",
    "REDIS_URL": "redis://cache.internal:6379/0",
}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_values(module: str, expression: str, **env: str):
    result = run_python(
        f"import json, {module} as s; print(json.dumps({expression}, default=str))", **env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("missing", [*PRODUCTION_ENV, "all", "empty"])
def test_production_refuses_to_start_without_its_secrets(missing):
    if missing == "all":
        env, expected = {}, list(PRODUCTION_ENV)
    elif missing == "empty":
        env, expected = {**PRODUCTION_ENV, "SECRET_KEY": ""}, ["SECRET_KEY"]
    else:
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
        expected = [missing]
    result = run_python("import foodie.settings.production", **env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:")
    for name in PRODUCTION_ENV:
        assert (name in last_line) == (name in expected), last_line


def test_production_without_redis_refuses_to_run_a_page_cache_per_worker():
    """A local-memory page cache is one per Gunicorn worker: a purge would reach one."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    result = run_python("import foodie.settings.production", **env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert "REDIS_URL" in last_line
    assert "WAGTAIL_CACHE=false" in last_line


@pytest.mark.parametrize("off", ["false", "0", "off"])
def test_production_without_redis_runs_with_the_page_cache_off(off):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    assert (
        settings_values("foodie.settings.production", "s.WAGTAIL_CACHE", **env, WAGTAIL_CACHE=off)
        is False
    )


def test_production_with_redis_shares_the_page_cache():
    wagtail_cache, page_cache = settings_values(
        "foodie.settings.production",
        "[s.WAGTAIL_CACHE, s.CACHES['pagecache']['LOCATION']]",
        **PRODUCTION_ENV,
    )
    assert wagtail_cache is True
    assert page_cache == "redis://cache.internal:6379/1"


def test_production_imports_with_its_secrets():
    values = settings_values(
        "foodie.settings.production",
        "[s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS, s.WAGTAILADMIN_BASE_URL, "
        "s.DATABASES['default']['ENGINE'], s.SESSION_COOKIE_SECURE]",
        **PRODUCTION_ENV,
    )
    assert values == [
        False,
        PRODUCTION_ENV["SECRET_KEY"],
        ["foodie.example", "www.foodie.example"],
        "https://foodie.example",
        "django_prometheus.db.backends.postgresql",
        True,
    ]


def test_production_passes_the_deploy_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES},
            **PRODUCTION_ENV,
            "DATABASE_URL": "sqlite:///:memory:",
            "DJANGO_SETTINGS_MODULE": "foodie.settings.production",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_database_url_switches_to_postgresql_with_persistent_health_checked_connections():
    database = settings_values(
        "foodie.settings.base",
        "s.DATABASES['default']",
        DATABASE_URL="postgres://foodie:secret@db.internal:5433/foodie",
    )
    # django-prometheus wraps the PostgreSQL backend to count queries.
    assert database["ENGINE"] == "django_prometheus.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.internal", 5433, "foodie")
    assert (database["USER"], database["PASSWORD"]) == ("foodie", "secret")
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_without_database_url_development_uses_sqlite():
    database = settings_values("foodie.settings.development", "s.DATABASES['default']")
    assert database["ENGINE"] == "django_prometheus.db.backends.sqlite3"
    assert database["NAME"].endswith("db.sqlite3")


def test_redis_url_moves_the_cache_to_redis_and_tolerates_outages():
    caches = settings_values(
        "foodie.settings.base", "s.CACHES", REDIS_URL="redis://cache.internal:6379/1"
    )
    default = caches["default"]
    assert default["BACKEND"] == "django_prometheus.cache.backends.redis.RedisCache"
    assert default["LOCATION"] == "redis://cache.internal:6379/1"
    assert default["OPTIONS"]["IGNORE_EXCEPTIONS"] is True


def test_without_redis_url_the_cache_is_local_memory():
    caches = settings_values("foodie.settings.development", "s.CACHES")
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_media_storage_moves_to_s3_by_configuration_alone():
    storages = settings_values(
        "foodie.settings.base", "s.STORAGES", AWS_STORAGE_BUCKET_NAME="foodie-media"
    )
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storages["default"]["OPTIONS"]["bucket_name"] == "foodie-media"

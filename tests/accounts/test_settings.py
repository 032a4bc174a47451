"""Production settings refuse to start without their environment; SQLite is set up for
concurrent use (WAL, IMMEDIATE transactions, a busy timeout)."""

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import ConnectionHandler

from cop_site.settings import base

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cop_site.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-test-key-" + "y" * 30,
    "ALLOWED_HOSTS": "example.org",
    "SITE_URL": "https://example.org",
    "EMAIL_HOST": "smtp.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Runs manage.py in a subprocess that sees only `env` (plus PATH and locale)."""
    clean = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


REQUIRED_IN_PRODUCTION = ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_HOST"]


@pytest.mark.parametrize("missing", REQUIRED_IN_PRODUCTION)
def test_production_settings_stop_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"The {missing} environment variable is required" in result.stderr


def test_the_readme_marks_required_what_production_requires():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("### Production settings", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)`[^|]* \| (yes|no) \|", table, re.M)

    assert {name for name, required in rows if required == "yes"} == set(REQUIRED_IN_PRODUCTION)
    assert "EMAIL_HOST" in dict(rows)


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(  # noqa: S603
        [str(ROOT / "scripts" / "check-deploy.sh"), sys.executable],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_uses_database_url_and_a_shared_cache():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://cop@db.internal:5432/cop"}

    result = run_manage("shell", "--no-imports", "-c", code, env=env)

    assert result.returncode == 0, result.stderr
    engine, cache_backend, secure = result.stdout.split("\n")[:3]
    assert engine == "django.db.backends.postgresql"
    assert cache_backend != "django.core.cache.backends.locmem.LocMemCache"
    assert secure == "True True 31536000"


def test_production_on_postgresql_without_its_driver_says_what_to_install(tmp_path):
    # Stand-ins that fail to import, as on a machine where the postgres extra is not installed.
    for driver in ("psycopg", "psycopg2"):
        (tmp_path / f"{driver}.py").write_text('raise ImportError("not installed")\n')
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://cop@db.internal:5432/cop",
        "PYTHONPATH": str(tmp_path),
    }

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "DATABASE_URL selects PostgreSQL" in result.stderr
    assert '".[postgres]"' in result.stderr


@pytest.fixture
def sqlite_with_base_options(tmp_path, django_db_blocker):
    """A file-based SQLite database opened with the default (dev) connection options.

    The test database may live in memory, where WAL does not apply, so this opens its own.
    """
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": tmp_path / "check.sqlite3",
                "OPTIONS": dict(base.SQLITE_OPTIONS),
            }
        }
    )
    wrapper = handler["default"]
    with django_db_blocker.unblock():
        yield wrapper
        wrapper.close()


def test_default_database_is_sqlite_with_the_concurrency_options():
    default = base.DATABASES["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_with_base_options):
    with sqlite_with_base_options.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_sqlite_transactions_take_the_write_lock_at_begin(sqlite_with_base_options, tmp_path):
    wrapper = sqlite_with_base_options
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE note (body TEXT)")

    # What transaction.atomic() does on this connection: BEGIN IMMEDIATE.
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        other = sqlite3.connect(tmp_path / "check.sqlite3", timeout=0, isolation_level=None)
        try:
            # The first transaction has only begun, not written, yet it holds the write
            # lock: a second writer waits (here: fails at once) instead of both starting
            # and one failing half-way with "database is locked".
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
    finally:
        wrapper.rollback()
        wrapper.set_autocommit(True)


@pytest.mark.django_db
def test_test_database_uses_the_same_sqlite_options():
    if connection.vendor != "sqlite":
        pytest.skip(
            f"running on {connection.vendor} (DATABASE_URL); the SQLite options do not apply"
        )
    assert connection.transaction_mode == "IMMEDIATE"
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def dev_settings(**env: str) -> dict:
    """The development (demo) settings `make run` serves with, read in a subprocess."""
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'DEBUG': s.DEBUG, 'SITE_URL': s.SITE_URL, 'ADMIN': s.WAGTAILADMIN_BASE_URL,"
        "'finders': s.WHITENOISE_USE_FINDERS, 'media': s.SERVE_MEDIA}))"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env={"DJANGO_SETTINGS_MODULE": "cop_site.settings.dev", **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_demo_serves_the_sites_own_error_pages_and_its_static_files():
    demo = dev_settings()

    # With DEBUG on, a mistyped address would list every URL pattern of the site.
    assert demo["DEBUG"] is False
    assert demo["finders"] is True
    assert demo["media"] is True
    assert demo["SITE_URL"] == demo["ADMIN"] == "http://127.0.0.1:8000"


def test_the_demo_takes_the_address_it_is_served_on():
    demo = dev_settings(SITE_URL="http://localhost:8001/", DJANGO_DEBUG="1")

    assert demo["SITE_URL"] == "http://localhost:8001"
    assert demo["DEBUG"] is True


def test_production_links_come_from_site_url():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL)",
        env={**PRODUCTION_ENV, "SITE_URL": "https://cop.example.org/"},
    )

    assert result.stdout.split() == ["https://cop.example.org", "https://cop.example.org"]

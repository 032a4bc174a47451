"""Settings for the test suite: fast hashing, in-memory mail and cache, immediate tasks."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import dj_database_url

from .base import *

DEBUG = False
VAR_DIR.mkdir(exist_ok=True)
STATIC_ROOT.mkdir(exist_ok=True)
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Links in test emails: the host of the default Wagtail site the migrations create.
SITE_URL = "http://localhost"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Production's database-backed queue, so that tests can switch to it and run its worker.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
# Each test run gets its own, empty search index, removed at exit.
SEARCH_INDEX_DIR = Path(tempfile.mkdtemp(prefix="cop-search-test-"))
atexit.register(shutil.rmtree, SEARCH_INDEX_DIR, ignore_errors=True)
# The erasure ledger of this test run (see cop_site.privacy.ledger).
PRIVACY_ERASURE_LEDGER = Path(tempfile.mkdtemp(prefix="cop-erasures-test-")) / "erasures.jsonl"
atexit.register(shutil.rmtree, PRIVACY_ERASURE_LEDGER.parent, ignore_errors=True)
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "cop_site.search.backend",
        "PATH": SEARCH_INDEX_DIR,
        "FLUSH_ON_SEARCH": True,
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "privacy_exports": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "test.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }

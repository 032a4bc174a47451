"""Settings for django-modelsearch's own backend test suite, run against the Whoosh backend.

The suite needs modelsearch's test app and its models, which must never reach the site's database,
so it runs in its own pytest invocation with these settings and only the apps it needs::

    pytest --ds=cop_site.settings.test_search_conformance \
        --confcutdir=tests/search_conformance tests/search_conformance
"""

import atexit
import shutil
import tempfile
from pathlib import Path

from .test import *

INSTALLED_APPS = [
    "cop_site.search",
    "modelsearch.test.testapp",
    "modelsearch",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "modelsearch.test.urls"
AUTH_USER_MODEL = "auth.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
FIXTURE_DIRS = [BASE_DIR / "tests" / "search_conformance" / "fixtures"]

SEARCH_CONFORMANCE_INDEX_DIR = Path(tempfile.mkdtemp(prefix="cop-search-conformance-"))
atexit.register(shutil.rmtree, SEARCH_CONFORMANCE_INDEX_DIR, ignore_errors=True)
MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "cop_site.search.backend",
        "PATH": SEARCH_CONFORMANCE_INDEX_DIR,
        # Apply each change before returning, as the tests search straight after writing.
        "FLUSH": "inline",
    }
}

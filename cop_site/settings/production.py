"""Production: every secret and host-specific value comes from the environment.

The process refuses to start when a required variable is missing, naming it,
rather than running with an invented or default value.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *


def require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The {name} environment variable is required by production settings "
            f"and is not set. See the README section 'Production settings'."
        )
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = require("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [require("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = require("SITE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=600, conn_health_checks=True
        )
    }
    # The driver is an optional extra; Django's own error names psycopg2 and not the fix.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError as error:
            raise ImproperlyConfigured(
                "DATABASE_URL selects PostgreSQL, but its driver (psycopg) is not installed. "
                'Install the project with its postgres extra: pip install ".[postgres]" '
                "(see the README section 'Deploying')."
            ) from error
else:
    DATABASES["default"]["NAME"] = os.environ.get("SQLITE_PATH", str(DATABASES["default"]["NAME"]))

# Rate limits and sessions must be shared by every worker process.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cop_site_cache",
        }
    }

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]

# Files that are never served directly: downloads of members' data, the erasure ledger.
PRIVATE_FILES_ROOT = os.environ.get("PRIVATE_FILES_ROOT", str(VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "privacy_exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT, "base_url": None},
    },
}
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(MEDIA_ROOT))
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(STATIC_ROOT))
# Which accounts were erased, kept outside the database and its backups (cop_site.privacy.ledger).
PRIVACY_ERASURE_LEDGER = os.environ.get(
    "PRIVACY_ERASURE_LEDGER", os.path.join(PRIVATE_FILES_ROOT, "erasures.jsonl")
)
if os.environ.get("SEARCH_INDEX_DIR"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {**WAGTAILSEARCH_BACKENDS["default"], "PATH": os.environ["SEARCH_INDEX_DIR"]}
    }

# Sign-up needs email verification, so production cannot run without a mail server.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": require("EMAIL_HOST"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "true").lower() == "true",
            "timeout": 20,
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 12

MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

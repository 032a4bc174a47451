"""Local development and the demo (`make run`): the embedded defaults, no environment needed."""

import os

from .base import *

# Off by default, so the demo answers a mistyped address or a refused form with the site's own
# 404, 403, 500 and CSRF pages rather than Django's technical pages, which list every URL
# pattern and setting. DJANGO_DEBUG=1 brings the technical pages back while developing.
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
VAR_DIR.mkdir(exist_ok=True)
STATIC_ROOT.mkdir(exist_ok=True)
# A development-only key; production.py refuses to start without its own.
SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INTERNAL_IPS = ["127.0.0.1"]
# `make run` passes the address it serves on, so links in emails reach it.
SITE_URL = os.environ.get("SITE_URL", SITE_URL).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

# WhiteNoise serves static files straight from the apps and cop_site/static, as runserver
# would with DEBUG on, picking up a rebuilt front end without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded images (and their renditions) come from var/media; production serves media from
# its own storage. See cop_site.urls.
SERVE_MEDIA = True

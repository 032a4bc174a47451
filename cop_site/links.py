"""Absolute links for messages read away from the site, such as emails."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def site_url() -> str:
    """The site's address (``SITE_URL``): scheme, host and any port, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(location: str) -> str:
    """``location`` on the site's address: a path gains ``SITE_URL``; a full URL keeps its
    path, query and fragment but takes ``SITE_URL``'s scheme and host.

    Links in emails never follow the Host header of the request that happened to send them,
    so a forged header cannot point a password reset link at another site.
    """
    base = urlsplit(site_url())
    parts = urlsplit(location)
    path = base.path.rstrip("/") + (parts.path if parts.path.startswith("/") else f"/{parts.path}")
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))

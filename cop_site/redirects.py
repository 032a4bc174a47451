"""Sending someone on after a form: to the page named in its `next` field, but only on this site.

Every view that reads a `next` (or similar) parameter goes through `safe_next_url`, so a
crafted link can never bounce a member to another site, and a `next` that is not a path
(a typo, a URL name, garbage) falls back to the view's default instead of failing.
"""

from __future__ import annotations

import unicodedata

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

# Longer than any address on this site; a longer `next` is not one of ours.
MAX_NEXT_LENGTH = 2000


def is_local_path(request: HttpRequest, url: str) -> bool:
    """Whether `url` is a path on this site ("/resources/"), not an address elsewhere.

    Only paths are accepted: no scheme, no host, no control characters, not protocol-relative
    ("//host"); Django's own check does the parsing browsers would.
    """
    return (
        bool(url)
        and len(url) <= MAX_NEXT_LENGTH
        and url.startswith("/")
        and not any(unicodedata.category(char) == "Cc" for char in url)
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def safe_next_url(request: HttpRequest, default: str, field: str = "next") -> str:
    """The request's `field` (POST data first, then the query string) when it is a path on
    this site; otherwise `default`, a URL name or path."""
    for params in (request.POST, request.GET):
        candidate = params.get(field, "")
        if is_local_path(request, candidate):
            return candidate
    return resolve_url(default)


def redirect_to_next(
    request: HttpRequest, default: str, field: str = "next"
) -> HttpResponseRedirect:
    """A redirect to `safe_next_url(request, default, field)`."""
    return HttpResponseRedirect(safe_next_url(request, default, field))

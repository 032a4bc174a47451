"""Server errors inside third-party views that project code cannot reach, which the hostile-input
sweep (`test_hostile_input`) expects, each for a stated reason."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import connection
from django.urls import Resolver404, resolve

from cop_site.accounts.models import Role


@dataclass(frozen=True)
class Known:
    """A server error in a third-party view that project code cannot reach: the sweep
    expects it (strictly: once it stops happening, the entry must go) and reports the rest."""

    who: str
    method: str
    route: str  # as resolve() reports it
    exception: str
    reason: str
    # Where SQLite rejects a huge number first (answered 400), the request never reaches the
    # StreamField on SQLite; PostgreSQL takes the number, and Wagtail then fails on the body.
    databases: tuple[str, ...] = ("sqlite", "postgresql")


KNOWN_THIRD_PARTY_ERRORS = (
    Known(
        Role.SITE_ADMIN,
        "post",
        "admin/pages/<int:page_id>/edit/",
        "AttributeError",
        "Wagtail's StreamField takes a JSON number as the body's value and calls .get() on it",
    ),
    Known(
        Role.SITE_ADMIN,
        "post",
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        "AttributeError",
        "Wagtail's StreamField takes a JSON number as the body's value and calls .get() on it",
        databases=("postgresql",),
    ),
    Known(
        Role.SITE_ADMIN,
        "post",
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/",
        "JSONDecodeError",
        "Wagtail's StreamField parses the posted body as JSON without catching a malformed one",
        databases=("postgresql",),
    ),
    Known(
        Role.SITE_ADMIN,
        "get",
        "admin/images/results/",
        "AttributeError",
        "Wagtail's image listing orders a usage-count filter by a Coalesce expression that "
        "django-filter's range filter cannot take ('Coalesce' object has no attribute 'target')",
    ),
)


def known_error(who: str, method: str, url: str, exc: BaseException | None) -> Known | None:
    try:
        route = resolve(urlsplit(url).path).route
    except Resolver404:
        return None
    for known in KNOWN_THIRD_PARTY_ERRORS:
        if connection.vendor not in known.databases:
            continue
        if (known.who, known.method, known.route) == (who, method, route) and (
            type(exc).__name__ == known.exception
        ):
            return known
    return None

"""Every URL pattern of the project has a row in some authorisation matrix.

Matrices live in `tests/<app>/test_authz_matrix.py` (as `ROWS`, see tests/authz.py) and
are found here by name, so a new app's matrix counts as soon as it exists, and a new view
without a row fails this test. Third-party views are left to their own projects' tests,
listed below with the reason.
"""

import importlib
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import resolve

from tests.authz import Row
from tests.url_patterns import every_route

PROJECT_PACKAGES = ("cop_site.", "resources.", "forums.", "learning.")
THIRD_PARTY_VIEWS = {
    "wagtail.": "Wagtail's admin, its page serving and document serving",
    "django.contrib.admin.": "Django's data admin (staff only, through allauth's log-in)",
    "django.contrib.contenttypes.": "the data admin's 'view on site' shortcut",
    "taggit.": "django-taggit's tag merging, inside the data admin",
    "django.views.": "Django's generic views: redirects and the JavaScript catalogue",
    "allauth.": "allauth's log-in, sign-up, email, password and second-factor views",
}
TESTS = Path(__file__).resolve().parents[1]


def matrix_rows() -> list[Row]:
    rows = []
    for path in sorted(TESTS.glob("*/test_authz_matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        rows.extend(module.ROWS)
    return rows


class SampleObjects(dict):
    """Stands in for the seeded world: any `{name}` becomes an id, any `{name_url}` a path and
    any `{name_uuid}` a UUID."""

    def __missing__(self, key: str) -> str:
        if key.endswith("_url"):
            return "/sample/"
        return "00000000-0000-0000-0000-000000000000" if key.endswith("_uuid") else "1"


def covered_routes(rows: list[Row]) -> set[str]:
    return {resolve(urlsplit(row.url.format_map(SampleObjects())).path).route for row in rows}


def test_matrices_are_found():
    found = {path.parent.name for path in TESTS.glob("*/test_authz_matrix.py")}

    assert {"accounts", "resources", "search"} <= found


def test_every_project_url_has_a_row_in_a_matrix():
    covered = covered_routes(matrix_rows())
    missing, unowned = [], []
    for route in every_route():
        if route.view.startswith(PROJECT_PACKAGES):
            if resolve(route.url).route not in covered:
                missing.append(str(route))
        elif not route.view.startswith(tuple(THIRD_PARTY_VIEWS)):
            unowned.append(str(route))

    assert not missing, "No row in any tests/*/test_authz_matrix.py for:\n" + "\n".join(missing)
    assert not unowned, "Neither the project's nor in THIRD_PARTY_VIEWS:\n" + "\n".join(unowned)

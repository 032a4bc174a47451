"""Who may open each search URL: the search page for everyone, saved searches for their owner."""

import pytest

from tests.authz import TO_LOGIN, Redirect, authz, row  # noqa: F401

pytestmark = pytest.mark.django_db

# The world's saved search belongs to the student; to anyone else it does not exist.
OWNER_ONLY = {"default": 404, "signed_out": TO_LOGIN, "student": 200}

ROWS = [
    row("get", "/search/", default=200),
    row("get", "/search/?q=safeguarding", default=200),
    row("get", "/search/tips/", default=200),
    row("get", "/search/autocomplete/?q=sa", default=200),
    row("get", "/search/saved/", default=200, signed_out=TO_LOGIN),
    row("get", "/search/saved/new/", default=200, signed_out=TO_LOGIN),
    row("post", "/search/saved/new/", default=200, signed_out=TO_LOGIN),
    row("get", "/search/saved/{saved}/", **OWNER_ONLY),
    row("post", "/search/saved/{saved}/", **OWNER_ONLY),
    row("get", "/search/saved/{saved}/delete/", **OWNER_ONLY),
    row(
        "post",
        "/search/saved/{saved}/delete/",
        **{**OWNER_ONLY, "student": Redirect("/search/saved/")},
    ),
]


@pytest.mark.parametrize("case", ROWS, ids=str)
def test_authorisation(authz, case):  # noqa: F811
    authz().check(case)

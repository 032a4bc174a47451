"""An id no database row can have is "not found", never a server error."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from cop_site.converters import MAX_ID, IdConverter

pytestmark = pytest.mark.django_db

PROJECT_PACKAGES = ("cop_site", "resources", "forums", "learning")
TOO_BIG = [str(MAX_ID + 1), str(2**64), "9" * 19, "9" * 40]


@pytest.mark.parametrize("number", TOO_BIG)
@pytest.mark.parametrize(
    "method, path, member",
    [
        ("get", "/resources/{}/appraise/", "student"),
        ("post", "/resources/{}/appraise/", "educator"),
        ("get", "/resources/{}/rate/", "practitioner"),
        ("post", "/resources/{}/rate/", "practitioner"),
        ("get", "/resources/{}/compare/", "student"),
        ("post", "/resources/{}/appraise/withdraw/", "student"),
        ("post", "/manage/verifications/{}/", "educator"),
        ("get", "/people/{}/", "student"),
        ("get", "/manage/members/{}/roles/", "site_admin"),
        ("get", "/search/saved/{}/", "student"),
        ("post", "/search/saved/{}/delete/", "student"),
    ],
)
def test_an_id_beyond_any_row_is_not_found(request, client_as, method, path, member, number):
    client = client_as(request.getfixturevalue(member))

    response = getattr(client, method)(path.format(number))

    assert response.status_code == 404


def test_the_largest_possible_id_is_an_ordinary_not_found(client_as, student):
    response = client_as(student).get(f"/resources/{MAX_ID}/appraise/")

    assert response.status_code == 404


def test_the_converter_round_trips_ids():
    converter = IdConverter()
    assert converter.to_python("42") == 42
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    assert converter.to_url(42) == "42"
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_ID + 1))


def _project_patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _project_patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            view = getattr(callback, "view_class", callback)
            if view.__module__.startswith(PROJECT_PACKAGES):
                yield pattern


def test_project_urls_take_ids_through_the_id_converter():
    """`<int:…>` has no upper bound; a project URL uses `<id:…>` for anything it looks up."""
    unbounded = [
        str(pattern.pattern)
        for pattern in _project_patterns(get_resolver().url_patterns)
        if any(isinstance(c, IntConverter) for c in pattern.pattern.converters.values())
    ]

    assert unbounded == []

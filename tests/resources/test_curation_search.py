"""Searching the curation lists in the admin (due for review, unappraised, broken links)."""

import pytest

from tests.resources.conftest import home_page, library, make_resource  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/resources_unappraised/",
        "/admin/resources_unappraised/results/",
        "/admin/resources_due_for_review/",
        "/admin/resources_broken_links/results/",
    ],
)
def test_a_curation_list_can_be_searched(client_as, educator, make_resource, url):  # noqa: F811
    make_resource("Mental capacity in practice")
    make_resource("Safeguarding adults")

    response = client_as(educator).get(url, {"q": "capacity"})

    assert response.status_code == 200


def test_a_search_keeps_the_list_filter(client_as, educator, make_resource):  # noqa: F811
    make_resource("Mental capacity in practice")
    make_resource("Capacity and consent", link_status="broken")

    response = client_as(educator).get("/admin/resources_broken_links/results/", {"q": "capacity"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Capacity and consent" in page
    assert "Mental capacity in practice" not in page

"""Hostile values that used to reach a query unchecked answer 4xx, never 500."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import Page

from cop_site.converters import MAX_ID
from resources.models import Rating
from resources.services import rate_resource
from tests.resources.conftest import home_page, library, make_resource, resource  # noqa: F401

pytestmark = pytest.mark.django_db

TOO_BIG = str(MAX_ID + 1)


@pytest.fixture
def admin_client(client_as, site_admin):
    client = client_as(site_admin)
    client.raise_request_exception = False
    return client


def test_a_huge_id_in_an_admin_form_is_a_bad_request(admin_client):
    response = admin_client.post(
        "/django-admin/auth/group/add/", {"name": "Readers", "permissions": [TOO_BIG]}
    )

    # SQLite cannot compare the number at all; PostgreSQL can, and the form says no such choice.
    assert response.status_code == (400 if connection.vendor == "sqlite" else 200)
    assert not Group.objects.filter(name="Readers").exists()


def test_a_huge_id_in_an_admin_url_is_not_found(admin_client):
    home = Page.objects.get(depth=2)

    response = admin_client.get(f"/admin/pages/{home.pk}/revisions/{TOO_BIG}/view/")

    assert response.status_code == 404


def test_a_word_where_the_admin_expects_an_id_is_a_bad_request(admin_client):
    home = Page.objects.get(depth=2)

    response = admin_client.post(f"/admin/pages/{home.pk}/move/", {"new_parent_page": "a b"})

    assert response.status_code == 400


def test_an_overlong_admin_search_is_a_bad_request(admin_client, resource, student):  # noqa: F811
    rate_resource(resource, by=student, score=4, comment="Useful.")

    response = admin_client.get("/django-admin/resources/rating/", {"q": "x" * 100_000})

    # SQLite refuses a LIKE pattern this long; PostgreSQL runs it and finds nothing.
    assert response.status_code == (400 if connection.vendor == "sqlite" else 200)
    assert Rating.objects.count() == 1


@pytest.mark.parametrize("next_url", ["a b", "18446744073709551616", "https://evil.example/"])
def test_wagtail_admin_ignores_a_next_that_is_not_a_path_here(admin_client, next_url):
    home = Page.objects.get(depth=2)

    response = admin_client.post(f"/admin/pages/{home.pk}/unpublish/", {"next": next_url})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")


@pytest.mark.parametrize("next_url", ["a b", "-1", "https://evil.example/", "//evil.example/"])
def test_the_front_end_sign_in_door_ignores_a_next_that_is_not_a_path_here(
    client_as, student, next_url
):
    response = client_as(student).get("/_util/login/", {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_front_end_sign_in_door_follows_a_next_here(client_as, student):
    response = client_as(student).get("/_util/login/", {"next": "/search/"})

    assert response.status_code == 302
    assert response["Location"] == "/search/"


def test_a_page_number_an_admin_listing_does_not_have_is_not_found(admin_client):
    from wagtail.models import Workflow

    workflow = Workflow.objects.order_by("pk").first()

    response = admin_client.get(f"/admin/workflows/edit/{workflow.pk}/", {"p": "-1"})

    assert response.status_code == 404

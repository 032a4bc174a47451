"""The home page offers only what exists: each app's part of it comes from the app."""

import pytest
from django.apps import apps
from django.test import Client

from cop_site.home.models import HomePage
from resources.models import ReadingListIndexPage, ReadingListPage, ReadingListPurpose

UNBUILT = ["peer group", "learning pathway", "CPD record", "CPD log", "discussion"]


@pytest.fixture
def reading_list(home_page, resource):
    index = ReadingListIndexPage(title="Reading lists", slug="reading-lists")
    home_page.add_child(instance=index)
    reading_list = ReadingListPage(
        title="Starting on placement",
        slug="starting",
        intro="For the first weeks.",
        purpose=ReadingListPurpose.CPD,
    )
    index.add_child(instance=reading_list)
    return reading_list


def home_text(client: Client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_signed_out_home_page_offers_only_what_the_site_does(client, resource, reading_list):
    text = home_text(client)

    for feature in UNBUILT:
        assert feature.lower() not in text.lower(), feature
    assert "rate how useful resources are" in text
    assert "save a search" in text


def test_home_page_shows_the_library_search_and_reading_lists(client, make_resource, reading_list):
    make_resource("An older resource")
    newest = make_resource("The newest resource")
    text = home_text(client)

    assert "Newest resources" in text
    assert newest.title in text
    assert 'href="/library/"' in text
    assert 'action="/search/"' in text
    assert "Starting on placement" in text
    assert 'href="/reading-lists/"' in text


def test_an_apps_home_section_appears_with_the_app(client, resource, monkeypatch):
    assert "Newest resources" in home_text(client)

    monkeypatch.setattr(apps.get_app_config("resources"), "home_sections", ())

    assert "Newest resources" not in home_text(client)
    assert HomePage.objects.count() == 1


def test_search_box_and_403_page_promise_nothing_unbuilt(client_as, student):
    client = client_as(student)
    search = client.get("/search/").content.decode()
    forbidden = client.get("/manage/members/")

    assert forbidden.status_code == 403
    assert "discussions" not in search
    assert "private group" not in forbidden.content.decode()

"""Reading lists: ordered and annotated, public or for members only."""

import pytest

from resources.models import (
    ReadingListIndexPage,
    ReadingListItem,
    ReadingListPage,
    ReadingListPurpose,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reading_lists(home_page, make_resource, topics):
    index = home_page.add_child(
        instance=ReadingListIndexPage(title="Reading lists", slug="reading-lists")
    )
    first = make_resource("Care Act 2014")
    second = make_resource("Making Safeguarding Personal toolkit")
    public = ReadingListPage(
        title="Adult safeguarding essentials",
        slug="adult-safeguarding",
        intro="Start here before your first safeguarding enquiry.",
        purpose=ReadingListPurpose.TOPIC,
        topic=topics["safeguarding-adults"],
    )
    public.items = [
        ReadingListItem(
            resource=second, annotation="Read the outcomes section first.", sort_order=0
        ),
        ReadingListItem(resource=first, annotation="Sections 42 to 47.", sort_order=1),
    ]
    index.add_child(instance=public)
    private = ReadingListPage(
        title="Spring placement group reading",
        slug="spring-placement",
        intro="For our peer group.",
        purpose=ReadingListPurpose.PLACEMENT,
        context_name="Spring 2026 placement group",
        members_only=True,
    )
    private.items = [ReadingListItem(resource=first, sort_order=0)]
    index.add_child(instance=private)
    return {"index": index, "public": public, "private": private, "first": first, "second": second}


def test_list_is_ordered_and_annotated(client, reading_lists):
    html = client.get(reading_lists["public"].url).content.decode()
    assert html.index("Making Safeguarding Personal toolkit") < html.index("Care Act 2014")
    assert "Read the outcomes section first." in html
    assert html.count("<h1") == 1


def test_members_only_list_needs_sign_in(client, client_as, reading_lists, student):
    response = client.get(reading_lists["private"].url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client_as(student).get(reading_lists["private"].url).status_code == 200


def test_index_hides_members_only_lists_from_visitors(client, client_as, reading_lists, student):
    anonymous = client.get(reading_lists["index"].url).content.decode()
    assert "Adult safeguarding essentials" in anonymous
    assert "Spring placement group reading" not in anonymous
    member = client_as(student).get(reading_lists["index"].url).content.decode()
    assert "Spring placement group reading" in member


def test_resource_page_links_to_visible_lists(client, client_as, reading_lists, student):
    url = reading_lists["first"].url
    assert "Spring placement group reading" not in client.get(url).content.decode()
    html = client_as(student).get(url).content.decode()
    assert "Adult safeguarding essentials" in html
    assert "Spring placement group reading" in html


def test_reading_list_runs_a_fixed_number_of_queries(
    client, reading_lists, make_resource, topics, django_assert_max_num_queries
):
    public = reading_lists["public"]
    url = public.url
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(30):
        resource = make_resource(f"Listed {n}", topics=[topics["mental-capacity"]])
        ReadingListItem.objects.create(page=public, resource=resource, sort_order=n + 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "Listed 29" in html


def test_educator_can_open_the_reading_list_editor(client_as, educator, reading_lists):
    index = reading_lists["index"]
    response = client_as(educator).get(f"/admin/pages/add/resources/readinglistpage/{index.pk}/")
    assert response.status_code == 200
    assert "Resources, in reading order" in response.content.decode()

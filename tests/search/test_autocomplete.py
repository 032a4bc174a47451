"""Title suggestions for the search box, through the real view and the real search index.

Only live pages the requester may read are ever suggested: a members-only, group-only,
password-protected or unpublished page never shows up, not even as a title.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cop_site.search.autocomplete import MAX_SUGGESTIONS
from resources.models import ReadingListIndexPage, ReadingListPage

URL = "/search/autocomplete/"


def suggestions(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"suggestions"}
    for suggestion in data["suggestions"]:
        assert set(suggestion) == {"title", "url"}
    return data["suggestions"]


def titles(client, q):
    return sorted(s["title"] for s in suggestions(client, q))


@pytest.fixture
def educators(db):
    return Group.objects.create(name="Autocomplete test educators")


@pytest.fixture
def restricted(make_page, educators):
    """One page each anyone, members, one group, a password and nobody (a draft) may read."""
    pages = {"public": make_page("Quokka guidance for everyone")}
    pages["members"] = make_page("Quokka members area")
    PageViewRestriction.objects.create(
        page=pages["members"], restriction_type=PageViewRestriction.LOGIN
    )
    pages["group"] = make_page("Quokka educators room")
    restriction = PageViewRestriction.objects.create(
        page=pages["group"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(educators)
    pages["group_child"] = make_page("Quokka exam papers", parent=pages["group"])
    pages["password"] = make_page("Quokka panel notes")
    pages["password_restriction"] = PageViewRestriction.objects.create(
        page=pages["password"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret-panel",
    )
    pages["draft"] = make_page("Quokka draft thoughts", live=False)
    return pages


def test_url_is_wired():
    assert reverse("search:autocomplete") == URL


def test_suggests_titles_starting_with_what_was_typed(client, make_page):
    safeguarding = make_page("Safeguarding adults in care homes")
    make_page("Mental capacity and consent")
    make_page("Supervision in practice")

    found = suggestions(client, "safeg")
    assert found == [{"title": safeguarding.title, "url": safeguarding.url}]
    # Any word of the title, in any case; each typed word must start a word of the title.
    assert titles(client, "CARE hom") == ["Safeguarding adults in care homes"]
    assert titles(client, "capac") == ["Mental capacity and consent"]
    assert titles(client, "ment sup") == []


def test_short_or_missing_query_gives_no_suggestions(client, make_page):
    make_page("Safeguarding adults")
    assert suggestions(client, "s") == []
    assert suggestions(client, "   s   ") == []
    assert suggestions(client, "") == []
    response = client.get(URL)
    assert response.json() == {"suggestions": []}


def test_at_most_eight_suggestions(client, make_page):
    for n in range(MAX_SUGGESTIONS + 4):
        make_page(f"Reflective supervision note {n}")
    assert MAX_SUGGESTIONS == 8
    assert len(suggestions(client, "reflect")) == MAX_SUGGESTIONS


def test_anonymous_visitor_is_offered_only_public_pages(client, restricted):
    assert titles(client, "quokka") == ["Quokka guidance for everyone"]
    # Not even when the title is typed in full.
    assert titles(client, "quokka members") == []
    assert titles(client, "quokka exam papers") == []
    assert titles(client, "quokka draft") == []


def test_signed_in_member_is_offered_members_pages_only(client_as, student, restricted):
    client = client_as(student)
    assert titles(client, "quokka") == ["Quokka guidance for everyone", "Quokka members area"]


def test_group_member_is_offered_the_group_pages(client_as, student, educators, restricted):
    student.groups.add(educators)
    client = client_as(student)
    assert titles(client, "quokka") == [
        "Quokka educators room",
        "Quokka exam papers",
        "Quokka guidance for everyone",
        "Quokka members area",
    ]


def test_password_page_is_offered_only_once_the_password_is_passed(client, restricted):
    assert "Quokka panel notes" not in titles(client, "quokka")
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [
        restricted["password_restriction"].pk
    ]
    session.save()
    assert "Quokka panel notes" in titles(client, "quokka")


def test_members_only_reading_list_is_offered_only_to_members(
    client, client_as, student, home_page, search_backend
):
    index = ReadingListIndexPage(title="Reading lists", slug="reading-lists")
    home_page.add_child(instance=index)
    for title, slug, members_only in [
        ("Quokka placement group list", "placement", True),
        ("Quokka open list", "open", False),
    ]:
        index.add_child(
            instance=ReadingListPage(
                title=title,
                slug=slug,
                intro="Read these first.",
                purpose="module",
                members_only=members_only,
            )
        )
    assert titles(client, "quokka") == ["Quokka open list"]
    assert titles(client_as(student), "quokka") == [
        "Quokka open list",
        "Quokka placement group list",
    ]


def test_unpublished_page_is_never_offered(client, client_as, site_admin, restricted):
    public = restricted["public"]
    public.unpublish()
    assert titles(client, "quokka guidance") == []
    # Not even to someone who could edit the draft: suggestions are for reading.
    assert "Quokka draft thoughts" not in titles(client_as(site_admin), "quokka")


def test_page_made_private_after_indexing_is_not_offered(client, restricted):
    PageViewRestriction.objects.create(
        page=restricted["public"], restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(client, "quokka") == []


# For someone not signed in: the site (1); the view restrictions, read once to narrow the search
# and once to re-check the hits (2); the members-only reading lists (1); the hits (1); the specific
# pages, one query for their types and one per page type (2); one to spare.
QUERY_LIMIT = 8


def kinship_pages(make_page, hits):
    for n in range(hits):
        make_page(f"Kinship care note {n}")


@pytest.mark.parametrize("hits", [1, MAX_SUGGESTIONS])
def test_query_count_does_not_grow_with_the_number_of_suggestions(
    client, make_page, django_assert_max_num_queries, hits
):
    kinship_pages(make_page, hits)
    client.get(URL, {"q": "kinsh"})  # warms the cached site root paths
    with django_assert_max_num_queries(QUERY_LIMIT):
        found = suggestions(client, "kinship")
    assert len(found) == hits
    assert all(s["url"] for s in found)


def test_one_suggestion_and_eight_cost_the_same_queries(client, make_page):
    def queries_for(q):
        client.get(URL, {"q": q})
        with CaptureQueriesContext(connection) as captured:
            assert suggestions(client, q)
        return len(captured)

    make_page("Fostering panel guide")
    kinship_pages(make_page, MAX_SUGGESTIONS)
    assert queries_for("fostering") == queries_for("kinship")


def test_anonymous_answers_may_be_kept_briefly_by_the_browser_only(client, make_page):
    make_page("Safeguarding adults")
    response = client.get(URL, {"q": "safeg"})
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "max-age=60" in cache_control
    assert "public" not in cache_control
    assert "Cookie" in response["Vary"]


def test_signed_in_answers_are_never_stored(client_as, student, make_page):
    make_page("Safeguarding adults")
    response = client_as(student).get(URL, {"q": "safeg"})
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "Cookie" in response["Vary"]


def test_only_get_is_allowed(client, db):
    assert client.post(URL, {"q": "safeg"}).status_code == 405

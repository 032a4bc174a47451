"""A saved draft is never findable: the index holds only the live revision of each page.

An educator saves a draft of a live page (through the Wagtail admin, or with
``save_revision()`` as the admin's edit view does). Until it is published, nothing that an
anonymous visitor or a member can find changes: search hits and their counts, "Did you mean",
autocomplete, the library's search box and the weekly saved-search email all still know the page
only by its live text. Once the draft is published, its words are found and the old ones are gone.
"""

import datetime
import html as html_lib
import re
from dataclasses import dataclass

import pytest
from django.core import mail
from django.test import Client
from modelsearch.backends import get_search_backend
from wagtail.models import Page
from wagtail.search import index
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cop_site.search import saved as saved_searches
from cop_site.search.models import SavedSearch
from resources.models import ReadingListIndexPage, ReadingListPage, ReadingListPurpose

LIVE_TITLE = "Kittiwake colony guidance"
LIVE_TEXT = "How a kittiwake colony is counted on the cliffs."
DRAFT_TITLE = "Ptarmigan flock guidance"
DRAFT_TEXT = "How a ptarmigan flock is counted on the hills."


@dataclass
class Drafted:
    """A live page and the name of its main text field, which each page type calls differently."""

    page: Page
    text_field: str


@pytest.fixture
def make_live_page(home_page, make_resource, make_page, search_backend):
    """Factory: a live page of the given type, titled and written with the live words."""

    def make(page_type: str) -> Drafted:
        if page_type == "resource":
            resource = make_resource(LIVE_TITLE, summary=LIVE_TEXT, live=False)
            resource.save_revision().publish()
            return Drafted(resource, "summary")
        if page_type == "reading list":
            lists = home_page.add_child(
                instance=ReadingListIndexPage(title="Reading lists", slug="reading-lists")
            )
            reading_list = lists.add_child(
                instance=ReadingListPage(
                    title=LIVE_TITLE,
                    slug="kittiwake-list",
                    intro=LIVE_TEXT,
                    purpose=ReadingListPurpose.TOPIC,
                )
            )
            return Drafted(reading_list, "intro")
        return Drafted(make_page(LIVE_TITLE, intro=LIVE_TEXT), "intro")

    return make


PAGE_TYPES = ["resource", "reading list", "standard page"]


def save_draft(drafted: Drafted, by) -> None:
    """What the admin's edit view does on "Save draft": it edits the latest revision of the page
    as loaded from the database and saves that as a new revision, without publishing it."""
    page = Page.objects.get(pk=drafted.page.pk).specific.get_latest_revision_as_object()
    page.title = DRAFT_TITLE
    setattr(page, drafted.text_field, DRAFT_TEXT)
    page.save_revision(user=by, log_action=True)


def publish_draft(drafted: Drafted, by) -> None:
    page = Page.objects.get(pk=drafted.page.pk).specific
    page.get_latest_revision().publish(user=by)


def assert_draft_is_unpublished(drafted: Drafted) -> None:
    """The draft really is saved (so the test tests something) and really is not live."""
    page = Page.objects.get(pk=drafted.page.pk).specific
    assert page.has_unpublished_changes
    assert page.title == LIVE_TITLE
    assert page.get_latest_revision_as_object().title == DRAFT_TITLE


@pytest.fixture(params=["anonymous", "member"])
def visitor(request, practitioner, client_as) -> Client:
    """Someone who reads the site: not signed in, or a member without editing rights."""
    return Client() if request.param == "anonymous" else client_as(practitioner)


# --- What each consumer shows --------------------------------------------------------------------


def search(client: Client, query: str) -> tuple[int, list[str]]:
    """(the number of results the page reports, the titles it lists) for ``query``."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    titles = sorted(
        html_lib.unescape(re.sub(r"<[^>]+>", "", m))
        for m in re.findall(r'<h[34] class="govuk-heading-s[^"]*"><a [^>]*>(.*?)</a>', html)
    )
    return response.context["search"].total, titles


def did_you_mean(client: Client, query: str) -> str | None:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.context["search"].suggestion


def autocomplete(client: Client, prefix: str) -> list[str]:
    response = client.get("/search/autocomplete/", {"q": prefix})
    assert response.status_code == 200
    return sorted(s["title"] for s in response.json()["suggestions"])


def library(client: Client, query: str) -> list[str]:
    response = client.get("/library/", {"q": query})
    assert response.status_code == 200
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


# --- Search results and counts, on both engines --------------------------------------------------


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_search_finds_only_the_live_text_until_published(
    engine, make_live_page, page_type, educator, visitor
):
    drafted = make_live_page(page_type)
    assert search(visitor, "kittiwake") == (1, [LIVE_TITLE])

    save_draft(drafted, by=educator)
    assert_draft_is_unpublished(drafted)
    assert search(visitor, "ptarmigan") == (0, [])
    assert search(visitor, "flock") == (0, [])
    assert search(visitor, "kittiwake") == (1, [LIVE_TITLE])

    publish_draft(drafted, by=educator)
    assert search(visitor, "ptarmigan") == (1, [DRAFT_TITLE])
    assert search(visitor, "kittiwake") == (0, [])


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_the_index_takes_the_stored_row_whatever_object_it_is_given(
    make_live_page, page_type, educator, visitor
):
    """A page object holding a draft, handed straight to the index (as a save() override or
    any other code might), still leaves only the live text findable."""
    drafted = make_live_page(page_type)
    page = Page.objects.get(pk=drafted.page.pk).specific
    page.title = DRAFT_TITLE
    setattr(page, drafted.text_field, DRAFT_TEXT)
    page.save_revision(user=educator)
    assert page.title == DRAFT_TITLE  # the object in memory holds the draft

    index.insert_or_update_object(page)
    get_search_backend().add_bulk(type(page), [page])
    assert search(visitor, "ptarmigan") == (0, [])
    assert search(visitor, "kittiwake") == (1, [LIVE_TITLE])


# --- "Did you mean" and autocomplete -------------------------------------------------------------


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_spelling_suggestions_come_only_from_live_text(
    make_live_page, page_type, educator, visitor
):
    drafted = make_live_page(page_type)
    save_draft(drafted, by=educator)
    assert did_you_mean(visitor, "ptarmigen") is None
    assert did_you_mean(visitor, "kittiwaka") == "kittiwake"

    publish_draft(drafted, by=educator)
    assert did_you_mean(visitor, "ptarmigen") == "ptarmigan"
    assert did_you_mean(visitor, "kittiwaka") is None


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_autocomplete_offers_only_the_live_title(make_live_page, page_type, educator, visitor):
    drafted = make_live_page(page_type)
    save_draft(drafted, by=educator)
    assert autocomplete(visitor, "ptarm") == []
    assert autocomplete(visitor, "kittiw") == [LIVE_TITLE]

    publish_draft(drafted, by=educator)
    assert autocomplete(visitor, "ptarm") == [DRAFT_TITLE]
    assert autocomplete(visitor, "kittiw") == []


# --- The library's search box --------------------------------------------------------------------


def test_library_search_finds_only_the_live_text(make_live_page, educator, visitor):
    drafted = make_live_page("resource")
    save_draft(drafted, by=educator)
    assert library(visitor, "ptarmigan") == []
    assert library(visitor, "kittiwake") == [LIVE_TITLE]

    publish_draft(drafted, by=educator)
    assert library(visitor, "ptarmigan") == [DRAFT_TITLE]
    assert library(visitor, "kittiwake") == []


# --- The weekly saved-search email ---------------------------------------------------------------


def test_alert_emails_list_only_what_the_live_text_matches(
    make_live_page, educator, practitioner, student
):
    searches = {
        "ptarmigan": saved_searches.save_search(practitioner, "q=ptarmigan", alerts=True),
        "kittiwake": saved_searches.save_search(student, "q=kittiwake", alerts=True),
    }
    window_start = min(s.last_alerted_at for s in searches.values())
    drafted = make_live_page("resource")
    save_draft(drafted, by=educator)
    a_week_on = window_start + datetime.timedelta(days=8)
    mail.outbox.clear()

    saved_searches.send_due_alerts(now=a_week_on)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([student.email], '1 new resource for "kittiwake"')
    ]
    assert LIVE_TITLE in mail.outbox[0].body
    assert DRAFT_TITLE not in mail.outbox[0].body

    # The same week's run again, once the draft is published.
    SavedSearch.objects.update(last_alerted_at=window_start)
    publish_draft(drafted, by=educator)
    mail.outbox.clear()
    saved_searches.send_due_alerts(now=a_week_on)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([practitioner.email], '1 new resource for "ptarmigan"')
    ]
    assert DRAFT_TITLE in mail.outbox[0].body


# --- Through the real admin edit view ------------------------------------------------------------


def admin_form_data(resource, *, title, summary, topics) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": resource.slug,
            "summary": summary,
            "body": rich_text(""),
            "link_url": resource.link_url,
            "publisher": resource.publisher,
            "authors": resource.authors,
            "year": str(resource.year),
            "format": resource.format,
            "knowledge_source": str(resource.knowledge_source_id),
            "is_open_access": "on",
            "last_reviewed": "",
            "review_due": "",
            "comments": inline_formset([]),
        }
    )
    data["topics"] = [str(topic.pk) for topic in topics]
    return data


def test_a_draft_saved_in_the_admin_is_found_only_once_published(
    make_live_page, client_as, educator, topics, visitor
):
    resource = make_live_page("resource").page
    admin = client_as(educator)
    edit_url = f"/admin/pages/{resource.pk}/edit/"
    assert admin.get(edit_url).status_code == 200
    # The draft changes the text and adds a topic, which the cluster stores apart from the page.
    draft = admin_form_data(
        resource, title=DRAFT_TITLE, summary=DRAFT_TEXT, topics=[topics["mental-capacity"]]
    )
    response = admin.post(edit_url, draft)
    assert response.status_code == 302, response.content.decode()[:2000]
    resource.refresh_from_db()
    assert resource.has_unpublished_changes
    assert resource.title == LIVE_TITLE
    assert list(resource.topics.all()) == []

    assert search(visitor, "ptarmigan") == (0, [])
    assert search(visitor, "capacity") == (0, [])
    assert did_you_mean(visitor, "ptarmigen") is None
    assert autocomplete(visitor, "ptarm") == []
    assert library(visitor, "ptarmigan") == []
    assert search(visitor, "kittiwake") == (1, [LIVE_TITLE])
    assert autocomplete(visitor, "kittiw") == [LIVE_TITLE]
    assert library(visitor, "kittiwake") == [LIVE_TITLE]

    response = admin.post(edit_url, {**draft, "action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    resource.refresh_from_db()
    assert not resource.has_unpublished_changes
    assert search(visitor, "ptarmigan") == (1, [DRAFT_TITLE])
    assert search(visitor, "capacity") == (1, [DRAFT_TITLE])
    assert library(visitor, "ptarmigan") == [DRAFT_TITLE]
    assert search(visitor, "kittiwake") == (0, [])
    assert autocomplete(visitor, "kittiw") == []

"""Index changes are queued in the site's database, in the transaction that makes them.

A save or delete that is rolled back leaves no index operation, so the index never shows a page
that was never saved nor loses one whose deletion was undone. Changes that wait too long for the
task worker are reported by a system check and on the admin dashboard.
"""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from cop_site.home.models import StandardPage
from cop_site.search.checks import check_index_backlog
from cop_site.search.models import IndexOperation


class Abandoned(Exception):
    """Raised to roll a transaction back, as a failing request would."""


def found(backend, words):
    """How many pages the index holds with ``words``: its own count, not checked against the
    database, so a document left behind by a rolled-back save would show."""
    return backend.search(words, StandardPage).count()


def test_a_rolled_back_save_leaves_no_index_operation_and_nothing_in_the_index(
    make_page, search_backend
):
    with pytest.raises(Abandoned), transaction.atomic():
        make_page("Kittiwake colony guidance")
        assert IndexOperation.objects.count() == 1  # queued with the page, in its transaction
        raise Abandoned

    assert not IndexOperation.objects.exists()
    assert found(search_backend, "kittiwake") == 0
    assert search_backend.store.doc_count() == 0


def test_a_rolled_back_delete_leaves_the_page_in_the_index(make_page, search_backend):
    page = make_page("Kittiwake colony guidance")
    assert found(search_backend, "kittiwake") == 1

    with pytest.raises(Abandoned), transaction.atomic():
        StandardPage.objects.get(pk=page.pk).delete()
        raise Abandoned

    assert not IndexOperation.objects.exists()
    assert found(search_backend, "kittiwake") == 1
    assert [p.pk for p in search_backend.search("kittiwake", StandardPage)] == [page.pk]


def test_applied_operations_leave_the_outbox(make_page, search_backend):
    page = make_page("Kittiwake colony guidance")
    page.title = "Ptarmigan flock guidance"
    page.save()
    assert IndexOperation.objects.waiting().count() == 2

    assert found(search_backend, "ptarmigan") == 1  # the search applies what is queued
    assert found(search_backend, "kittiwake") == 0
    assert not IndexOperation.objects.exists()


@pytest.fixture
def stall_index(settings, search_backend):
    """Switches to the production backend, with a task backend that never runs what is
    enqueued: as if no worker were running."""

    def stall():
        search_backend.refresh_indexes()  # what was queued so far is applied
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": "cop_site.search.backend", "PATH": search_backend.path}
        }
        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    return stall


def age_queue(minutes):
    IndexOperation.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=minutes))


def delete_pages(pages, capture):
    with capture(execute=True):
        for page in pages:
            StandardPage.objects.get(pk=page.pk).delete()


def test_the_system_check_warns_when_changes_wait_for_minutes(
    stall_index, make_page, django_capture_on_commit_callbacks
):
    pages = [make_page("Kittiwake colony guidance"), make_page("Ptarmigan flock guidance")]
    assert check_index_backlog() == []
    stall_index()
    delete_pages(pages, django_capture_on_commit_callbacks)
    waiting = IndexOperation.objects.waiting().count()
    assert waiting >= len(pages)  # Wagtail deletes a page's row and its parent row
    assert check_index_backlog() == []  # a few seconds' wait is normal

    age_queue(12)

    [warning] = check_index_backlog()
    assert warning.id == "cop_search.W001"
    assert warning.msg.startswith(
        f"{waiting} search index changes waiting to be applied, the oldest for 12 minutes"
    )
    assert "db_worker" in warning.hint


def test_site_admins_see_waiting_changes_on_the_admin_dashboard(
    stall_index, make_page, site_admin, educator, client_as, django_capture_on_commit_callbacks
):
    page = make_page("Kittiwake colony guidance")
    stall_index()
    delete_pages([page], django_capture_on_commit_callbacks)
    notice = "changes to the search index are waiting to be applied"

    assert notice not in client_as(site_admin).get("/admin/").content.decode()

    age_queue(30)
    waiting = IndexOperation.objects.waiting()
    since = timezone.localtime(waiting.first().created_at)

    dashboard = client_as(site_admin).get("/admin/")
    assert dashboard.status_code == 200
    text = " ".join(dashboard.content.decode().split())
    assert f"{waiting.count()} {notice}, the oldest since {since:%-d %B %Y, %H:%M}" in text
    assert notice not in client_as(educator).get("/admin/").content.decode()

"""The search index as production runs it: changes queued in a transaction reach the index only
through the flush task, which the database-backed worker runs once the transaction commits.

The test settings flush on every search instead; these tests switch to the production options
of the backend (``FLUSH`` "task", no flush on search) and to production's task queue.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from modelsearch.backends import get_search_backend

from cop_site.home.models import StandardPage
from cop_site.search.models import IndexOperation

FLUSH_TASK = "cop_site.search.tasks.flush_search_index"


class Abandoned(Exception):
    """Raised to roll a transaction back, as a failing request would."""


@pytest.fixture
def production(settings, search_backend):
    """Switches to the production backend options and task queue; returns the backend."""

    def switch(tasks=None):
        search_backend.refresh_indexes()  # what the test settings queued so far is applied
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": "cop_site.search.backend", "PATH": search_backend.path}
        }
        settings.TASKS = tasks or {
            "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
        }
        return get_search_backend()

    return switch


def found(backend, words):
    """The index's own count of pages with ``words``, not checked against the database."""
    return backend.search(words, StandardPage).count()


def flush_tasks():
    return DBTaskResult.objects.filter(task_path=FLUSH_TASK)


def run_worker():
    """What `manage.py db_worker` does, until the queue is empty."""
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def test_a_deletion_enqueues_the_flush_only_when_its_transaction_commits(
    production, make_page, search_backend, django_capture_on_commit_callbacks
):
    page = make_page("Kittiwake colony guidance")
    backend = production()

    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=page.pk).delete()
        assert IndexOperation.objects.waiting().exists()
        assert not flush_tasks().exists()  # not before the commit

    assert flush_tasks().count() >= 1
    assert found(backend, "kittiwake") == 1  # nothing flushes on search in production


def test_a_rolled_back_deletion_enqueues_no_flush(
    production, make_page, search_backend, django_capture_on_commit_callbacks
):
    page = make_page("Kittiwake colony guidance")
    backend = production()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Abandoned),
        transaction.atomic(),
    ):
        StandardPage.objects.get(pk=page.pk).delete()
        raise Abandoned

    assert callbacks == []
    assert not flush_tasks().exists()
    assert not IndexOperation.objects.exists()
    assert found(backend, "kittiwake") == 1


def test_when_the_flush_cannot_be_enqueued_the_change_is_applied_at_once(
    production, make_page, search_backend, django_capture_on_commit_callbacks
):
    page = make_page("Kittiwake colony guidance")
    # A task backend that refuses the flush task: its queue is not one the backend serves.
    backend = production(
        {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["email"]}}
    )

    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=page.pk).delete()

    assert not flush_tasks().exists()
    assert not IndexOperation.objects.exists()
    assert found(backend, "kittiwake") == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_indexes_a_saved_page_and_removes_a_deleted_one(production, make_page):
    kept = make_page("Fulmar ledge guidance")
    backend = production()
    page = make_page("Kittiwake colony guidance")
    StandardPage.objects.get(pk=kept.pk).delete()

    # Nothing is applied until the worker runs: the index still shows the deleted page and
    # not the new one.
    assert found(backend, "kittiwake") == 0
    assert found(backend, "fulmar") == 1

    run_worker()

    assert found(backend, "kittiwake") == 1
    assert [p.pk for p in backend.search("kittiwake", StandardPage)] == [page.pk]
    assert found(backend, "fulmar") == 0
    assert not IndexOperation.objects.exists()
    statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {TaskResultStatus.SUCCESSFUL}
    assert flush_tasks().exists()

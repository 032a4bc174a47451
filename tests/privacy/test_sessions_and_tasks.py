"""Sessions and background tasks hold personal data without a link to the member: a session
names its account inside its data, a task its email's address in its arguments. Both are
declared, and each has a retention rule; an erasure ends the person's live sessions."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cop_site.mail import enqueue_email
from cop_site.privacy import registry
from cop_site.privacy.erasure import erase_account

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run(*args: str) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def expired_session_of(user) -> str:
    """A session signed in as `user` that expired a minute ago; returns its key."""
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store.create()
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    return store.session_key


def test_sessions_and_task_results_are_declared_with_their_retention():
    declared = {holding.model: holding for _provider, holding in registry.holdings()}
    areas = {holding.model: provider.area for provider, holding in registry.holdings()}
    assert areas["sessions.Session"] == areas["django_tasks_database.DBTaskResult"] == "sessions"

    sessions = declared["sessions.Session"]
    assert sessions.retention.describe() == "Until you sign out, and at most 14 days, then deleted"
    tasks = declared["django_tasks_database.DBTaskResult"]
    assert tasks.retention.describe() == "30 days, then deleted"
    assert {"args_kwargs", "return_value"} <= set(tasks.fields)


def test_the_session_lifetime_follows_the_session_cookie(settings):
    settings.SESSION_COOKIE_AGE = 12 * 60 * 60
    declared = {holding.model: holding for _provider, holding in registry.holdings()}

    assert declared["sessions.Session"].retention.describe() == (
        "Until you sign out, and at most 12 hours, then deleted"
    )


def test_expired_sessions_are_deleted_and_live_ones_kept(student):
    live = Client()
    live.force_login(student)
    expired = expired_session_of(student)

    assert "Expired sessions (14 days): 1 session would be deleted" in run("--dry-run")
    assert Session.objects.count() == 2

    assert "Expired sessions (14 days): 1 session was deleted" in run()
    assert not Session.objects.filter(pk=expired).exists()
    assert Session.objects.count() == 1
    assert live.get("/your-data/").status_code == 200


def queue_task(settings, to: str, *, status: str, finished_days_ago: int | None) -> DBTaskResult:
    """An email task in the database queue, moved to `status`, finished that many days ago."""
    settings.TASKS = DB_TASKS
    enqueue_email(EmailMessage("Hello", "A message.", to=[to]))
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    result = DBTaskResult.objects.get(args_kwargs__kwargs__to=[to])
    finished_at = None if finished_days_ago is None else timezone.now() - finished_days_ago * DAY
    DBTaskResult.objects.filter(pk=result.pk).update(status=status, finished_at=finished_at)
    return result


@pytest.fixture
def tasks(settings) -> dict[str, DBTaskResult]:
    return {
        "sent_long_ago": queue_task(
            settings, "a@example.com", status=TaskResultStatus.SUCCESSFUL, finished_days_ago=31
        ),
        "failed_long_ago": queue_task(
            settings, "b@example.com", status=TaskResultStatus.FAILED, finished_days_ago=31
        ),
        "sent_lately": queue_task(
            settings, "c@example.com", status=TaskResultStatus.SUCCESSFUL, finished_days_ago=29
        ),
        "still_waiting": queue_task(
            settings, "d@example.com", status=TaskResultStatus.READY, finished_days_ago=None
        ),
    }


def remaining(tasks: dict[str, DBTaskResult]) -> set[str]:
    kept = set(DBTaskResult.objects.values_list("pk", flat=True))
    return {name for name, task in tasks.items() if task.pk in kept}


def test_finished_tasks_are_deleted_after_30_days_and_waiting_ones_kept(tasks):
    DBTaskResult.objects.filter(pk=tasks["still_waiting"].pk).update(
        enqueued_at=timezone.now() - 40 * DAY
    )

    assert "Finished background tasks (30 days): 2 tasks would be deleted" in run("--dry-run")
    assert len(remaining(tasks)) == 4

    assert "Finished background tasks (30 days): 2 tasks were deleted" in run()
    assert remaining(tasks) == {"sent_lately", "still_waiting"}


def test_the_period_for_task_results_is_a_setting(tasks, settings):
    settings.PRIVACY_TASK_RESULT_DAYS = 7

    assert "Finished background tasks (7 days): 3 tasks were deleted" in run()
    assert remaining(tasks) == {"still_waiting"}


def test_an_erasure_ends_live_sessions_and_leaves_expired_ones_to_the_retention_rule(student):
    live = Client()
    live.force_login(student)
    expired = expired_session_of(student)

    result = erase_account(student, by=student)

    assert result.sessions_ended == 1
    assert live.get("/your-data/").status_code == 302
    assert Session.objects.filter(pk=expired).exists()
    run()
    assert not Session.objects.exists()

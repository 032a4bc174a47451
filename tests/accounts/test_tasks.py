"""Email from allauth goes through the tasks framework (cop_site.mail.deliver_email)."""

import json

import pytest
from django.core import mail
from django.tasks import default_task_backend
from django.tasks.signals import task_enqueued

from cop_site.mail import deliver_email

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "queued@example.com",
    "password1": "placement-diary-42",
    "password2": "placement-diary-42",
    "display_name": "Queued Person",
    "role": "student",
}


@pytest.fixture
def enqueued():
    """Records every task result enqueued while the test runs."""
    results = []

    def record(sender, task_result, **kwargs):
        results.append(task_result)

    task_enqueued.connect(record)
    yield results
    task_enqueued.disconnect(record)


def test_signup_email_is_delivered_by_the_task(client, enqueued):
    client.post("/accounts/signup/", SIGNUP)

    assert [result.task.module_path for result in enqueued] == [deliver_email.module_path]
    assert enqueued[0].kwargs["to"] == ["queued@example.com"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["queued@example.com"]


def test_password_reset_email_is_delivered_by_the_task(client, practitioner, enqueued):
    client.post("/accounts/password/reset/", {"email": practitioner.email})

    assert [result.task.module_path for result in enqueued] == [deliver_email.module_path]
    assert [m.to for m in mail.outbox] == [[practitioner.email]]


def test_with_a_queue_nothing_is_sent_until_a_worker_runs_the_task(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    client.post("/accounts/signup/", SIGNUP)

    assert mail.outbox == []
    results = default_task_backend.results
    assert len(results) == 1
    queued = results[0]
    assert queued.task.module_path == deliver_email.module_path
    assert queued.kwargs["to"] == ["queued@example.com"]

    # What the worker does with the stored task: call it with the stored arguments.
    sent = queued.task.call(*queued.args, **queued.kwargs)

    assert sent == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["queued@example.com"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_html_alternatives_and_headers_survive_json_storage():
    # A database-backed queue stores the arguments as JSON (tuples come back as lists).
    stored = json.loads(
        json.dumps(
            {
                "subject": "Hello",
                "body": "Plain text",
                "from_email": "from@example.com",
                "to": ["to@example.com"],
                "headers": {"X-Test": "1"},
                "alternatives": [("<p>HTML</p>", "text/html")],
            }
        )
    )

    assert deliver_email.call(**stored) == 1
    message = mail.outbox[0]
    assert message.alternatives[0].content == "<p>HTML</p>"
    assert message.alternatives[0].mimetype == "text/html"
    assert message.extra_headers == {"X-Test": "1"}

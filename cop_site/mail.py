"""Outgoing email goes through the tasks framework so requests never wait on SMTP."""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.tasks import TaskResult, task


def enqueue_email(message: EmailMessage) -> TaskResult:
    """Queues ``message`` for delivery and returns the task's result.

    Raises ValueError if the message could never be sent (a header with a line break in it):
    building it here tells the caller, where a task worker would only fail later, unseen.
    """
    message.message()
    alternatives = [
        (content, mimetype) for content, mimetype in getattr(message, "alternatives", [])
    ]
    return deliver_email.enqueue(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=list(message.to),
        headers=dict(message.extra_headers),
        alternatives=alternatives,
    )


@task()
def deliver_email(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    headers: dict[str, str],
    alternatives: list[tuple[str, str]],
) -> int:
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message.send()

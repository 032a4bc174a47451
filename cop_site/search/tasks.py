"""Background work for the search index: applying queued changes in the single writer."""

from django.tasks import task

from .stores import get_store


@task()
def flush_search_index(path: str) -> None:
    """Apply the queued changes of the index at ``path`` (see ``engine.IndexStore``)."""
    get_store(path).flush()


@task()
def send_search_alerts() -> dict[str, int]:
    """Emails members about new resources matching their saved searches (each one weekly).

    Returns how many emails were sent and how many could not be, which the task result keeps.
    """
    from .saved import send_due_alerts

    run = send_due_alerts()
    return {"sent": run.sent, "failed": run.failed}

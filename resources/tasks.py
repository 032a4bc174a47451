"""Background work for the library, through Django's tasks framework."""

from __future__ import annotations

from collections import Counter

from django.tasks import task

from .linkcheck import default_timeout
from .models import ResourcePage
from .services import check_resource_links


@task()
def check_resource_links_task(
    resource_ids: list[int] | None = None, timeout: float | None = None, workers: int = 8
) -> dict[str, int]:
    """Checks resources' external links and records what it found.

    Returns how many links ended in each status, which the task result keeps.
    """
    resources = None
    if resource_ids is not None:
        resources = ResourcePage.objects.filter(pk__in=resource_ids).only("pk", "title", "link_url")
    pairs = check_resource_links(resources, timeout=timeout or default_timeout(), workers=workers)
    return dict(Counter(result.status for _, result in pairs))

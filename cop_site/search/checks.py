"""A system check that makes a stalled search index visible: changes queued and never applied.

In production the task worker applies each queued change within seconds of its transaction
committing. Changes that have waited for minutes mean that no worker is running (or that it
cannot reach the index), and searches do not show them until one does.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core import checks
from django.db import DatabaseError
from django.utils import timezone

BACKLOG_AGE = datetime.timedelta(minutes=5)


def stalled_index_warning(count: int, oldest: datetime.datetime) -> str:
    waited = timezone.now() - oldest
    minutes = int(waited.total_seconds() // 60)
    return (
        f"{count} search index change{'s' if count != 1 else ''} waiting to be applied, the"
        f" oldest for {minutes} minutes (since {oldest:%Y-%m-%d %H:%M} UTC)."
    )


@checks.register("search")
def check_index_backlog(
    app_configs: Sequence[Any] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    from .outbox import backlog

    try:
        waiting = backlog(older_than=BACKLOG_AGE)
    except DatabaseError:
        # No database yet (before `migrate`): nothing can be waiting.
        return []
    if not waiting.count or waiting.oldest is None:
        return []
    return [
        checks.Warning(
            stalled_index_warning(waiting.count, waiting.oldest),
            hint=(
                "Start the task worker (`manage.py db_worker`), which applies queued search"
                " index changes; until then new and changed content is missing from searches."
            ),
            id="cop_search.W001",
        )
    ]

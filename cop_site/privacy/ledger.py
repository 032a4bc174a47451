"""The erasure ledger: which accounts were erased, kept outside the database so that restoring a
backup made before an erasure cannot bring the person back.

Each line is one erasure: the account's id, when it joined (so that an id of another
installation's database never matches a different person) and when it was erased. Nothing in
it identifies anyone. `restore_site` erases again every account the ledger names that the
restored database still holds unerased.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

REASON_AFTER_RESTORE = (
    "Erased again after a restore: the backup was made before the account was erased."
)


@dataclass(frozen=True)
class LedgerEntry:
    user_id: int
    date_joined: str
    erased_at: str


def ledger_path() -> Path:
    return Path(getattr(settings, "PRIVACY_ERASURE_LEDGER", settings.VAR_DIR / "erasures.jsonl"))


def append(user_id: int, date_joined: datetime, erased_at: datetime) -> None:
    """Adds an erasure to the ledger, flushed to disk before returning."""
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {
            "user_id": user_id,
            "date_joined": date_joined.isoformat(),
            "erased_at": erased_at.isoformat(),
        }
    )
    with path.open("a", encoding="utf-8") as ledger:
        ledger.write(line + "\n")
        ledger.flush()
        os.fsync(ledger.fileno())


def entries() -> Iterator[LedgerEntry]:
    path = ledger_path()
    if not path.exists():
        return
    with path.open(encoding="utf-8") as ledger:
        for number, line in enumerate(ledger, start=1):
            try:
                data = json.loads(line)
                yield LedgerEntry(
                    int(data["user_id"]), str(data["date_joined"]), str(data["erased_at"])
                )
            except (ValueError, KeyError, TypeError):
                logger.warning("Erasure ledger line %s is not an erasure; skipped", number)


def erase_again() -> int:
    """Erases every account the ledger names that this database holds unerased (after a
    restore); returns how many."""
    from cop_site.accounts.models import User

    from .erasure import erase_account

    erased = 0
    for entry in entries():
        user = User.objects.filter(pk=entry.user_id, erased_at__isnull=True).first()
        if user is None or user.date_joined.isoformat() != entry.date_joined:
            continue
        erase_account(user, by=None, reason=REASON_AFTER_RESTORE)
        erased += 1
    return erased

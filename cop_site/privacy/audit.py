"""Writing the audit log. Every sensitive action goes through `record`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cop_site.accounts.models import User

from .models import AuditEntry
from .registry import audit_actions


def record(
    action: str,
    *,
    actor: User | None,
    subject: User | None,
    reason: str = "",
    **details: Any,
) -> AuditEntry:
    """Records that `actor` (None: the system or the command line) did `action` to `subject`.

    `action` must be declared by a privacy provider. `details` are identifiers and choices
    (a role, a count), never a name or an email address.
    """
    if action not in audit_actions():
        raise ValueError(f"Undeclared audit action {action!r}.")
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        subject=subject if subject is not None and subject.pk else None,
        reason=reason.strip(),
        details=details,
    )


def entries_about(user: User) -> QuerySet[AuditEntry]:
    """The entries a person sees about themselves."""
    return AuditEntry.objects.about(user).select_related("actor__profile")

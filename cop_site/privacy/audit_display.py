"""How audit log entries read: to site admins in the Wagtail admin, and to the person an entry
is about on "Records about you". One place, so the two never name people differently."""

from __future__ import annotations

from typing import Any

from cop_site.accounts.models import FORMER_MEMBER, Role, User
from cop_site.accounts.regulators import Regulator

from .models import AuditEntry

THE_SITE = "The site"


def person_for_admin(user: User | None, *, none: str = THE_SITE) -> str:
    """A person as site admins see them: display name and email address, or "Former member"
    once erased. `none` stands for an entry with no person (the system, the command line)."""
    if user is None:
        return none
    if user.is_erased:
        return str(FORMER_MEMBER)
    return f"{user.display_name} ({user.email})"


def acted_by(actor: User | None, viewer: User) -> str:
    """Who did something to `viewer`'s account, as `viewer` reads it on "Records about you" and
    in the download of their data: "You", the name members know the actor by (as on the
    profile that shows who checked a registration), or "The site" when nobody did (sign-up, a
    scheduled task, the command line)."""
    if actor is None:
        return THE_SITE
    if actor.pk == viewer.pk:
        return "You"
    return actor.display_name


def actor_for_subject(entry: AuditEntry, viewer: User) -> str:
    """Who did what `entry` records, as the person it is about reads it (see `acted_by`)."""
    return acted_by(entry.actor, viewer)


def _choice_label(choices: type[Any], value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def details_summary(entry: AuditEntry) -> str:
    """The entry's details in words: the role given or taken, the regulator checked, and any
    other identifiers as they were recorded."""
    parts: list[str] = []
    for key, value in sorted((entry.details or {}).items()):
        if key == "role":
            parts.append(f"Role: {_choice_label(Role, value)}")
        elif key == "regulator":
            if value:
                parts.append(f"Regulator: {_choice_label(Regulator, value)}")
        else:
            parts.append(f"{key.replace('_', ' ').capitalize()}: {value}")
    return "; ".join(parts)


def what_happened(entry: AuditEntry) -> str:
    """The action's label, with the role when the entry is about one ("Role given: Educator")."""
    role = (entry.details or {}).get("role")
    label = entry.action_label
    return f"{label}: {_choice_label(Role, role)}" if role else label

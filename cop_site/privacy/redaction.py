"""Taking a person's identity out of text that stays after their account is erased.

What names a person (`identifiers`) is their email addresses, full name and display name;
`redact` replaces each, as a whole word or address, with "Former member". `redact_rows` does
that to text fields of stored rows, the one way every privacy provider unnames what it keeps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet

from cop_site.accounts.models import FORMER_MEMBER, User

# Identifiers shorter than this are not looked for in text: "Al" would match inside words.
MIN_IDENTIFIER_LENGTH = 3


def email_addresses(user: User) -> list[str]:
    """Every email address of `user`: the account's and those allauth holds."""
    from allauth.account.models import EmailAddress

    found = {user.email.lower()} if user.email else set()
    found.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return sorted(found)


def identifiers(user: User) -> list[str]:
    """What names `user` in text: their email addresses, full name and display name.

    A first or last name alone is not included: in someone's writing it is as likely to be
    another person's, or an ordinary word.
    """
    from cop_site.accounts.models import Profile

    names = {user.get_full_name().strip()}
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        names.add(profile.display_name.strip())
    found = set(email_addresses(user))
    found.update(name for name in names if len(name) >= MIN_IDENTIFIER_LENGTH)
    # Longest first, so an address is replaced whole before a name inside it.
    return sorted(found, key=lambda text: (-len(text), text))


def redact(text: str, known_as: Iterable[str]) -> str:
    """`text` with each of `known_as` (a whole word or address, in any case) replaced by
    "Former member"."""
    for identifier in known_as:
        if not identifier:
            continue
        pattern = rf"(?<![\w@.]){re.escape(identifier)}(?![\w@])"
        text = re.sub(pattern, str(FORMER_MEMBER), text, flags=re.IGNORECASE)
    return text


def redact_rows(rows: QuerySet[Any], fields: Sequence[str], known_as: Sequence[str]) -> int:
    """Takes `known_as` out of the text `fields` of each row of `rows`; returns how many rows
    changed.

    Only a row whose text changed is written, and only the fields that changed, with an UPDATE
    through the model's base manager: the row is not saved (no signals, no `auto_now` dates
    moved), and a queryset that refuses changes (the audit log's) is not asked, as unnaming is
    the one change such a row allows.
    """
    fields = tuple(fields)
    if not known_as or not fields:
        return 0
    base = rows.model._base_manager
    changed_rows = 0
    for row in rows.only("pk", *fields).iterator():
        changed = {}
        for name in fields:
            text = getattr(row, name)
            if text and (redacted := redact(text, known_as)) != text:
                changed[name] = redacted
        if changed:
            base.filter(pk=row.pk).update(**changed)
            changed_rows += 1
    return changed_rows

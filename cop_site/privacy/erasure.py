"""Erasing an account: the person's identity is removed everywhere, what they wrote for others
stays readable as by "Former member" (unless they ask for it to go too), and their private data
is deleted. Nobody can undo it.

`erase_account` is the one write path, for the person themselves and for a site admin acting on
their request. Every privacy provider erases its own share (`registry.providers()` order, the
account's own identity last); this module then ends the person's sessions, removes the queued
and finished background tasks that name their email address, and records the erasure in the
audit log without their name or address.

The search index holds no one's name: its documents carry pages, documents and images, and
reach people only as the ids of owners and uploaders (`tests/privacy/test_erasure_dumps.py`
checks every indexed model). What an erasure changes in an indexed field without saving the
object (a resource's credibility band, a page's lock) is put back in the index with `reindex`.
Taking the person's name out of text that stays is `redaction`'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from cop_site.accounts.mfa import must_set_up_mfa
from cop_site.accounts.models import User
from cop_site.accounts.roles import SITE_ADMIN_ACCOUNTS, is_site_admin

from . import audit, ledger
from .models import AuditEntry
from .redaction import email_addresses, identifiers, redact
from .registry import providers

ERASED_BY_SELF = "privacy.account_erased"
ERASED_BY_ADMIN = "privacy.account_erased_by_admin"
REASON_MAX_LENGTH = 500


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure did: to which account, when, whether the person's writing for others
    went too, how many sessions and background tasks were removed, and its audit entry."""

    user_id: int
    erased_at: datetime
    delete_shared: bool
    sessions_ended: int
    tasks_removed: int
    audit_entry: AuditEntry


# --- Who may erase whom ---------------------------------------------------------------------


def can_erase_others(user: User) -> bool:
    """Site admins erase accounts on a person's request (and never their own from there)."""
    return is_site_admin(user)


def _active_site_admins() -> models.QuerySet[User]:
    return User.objects.filter(
        SITE_ADMIN_ACCOUNTS, is_active=True, erased_at__isnull=True
    ).distinct()


def is_last_site_admin(user: User) -> bool:
    """Whether `user` is the only active site admin left: nobody could then run the site."""
    if not is_site_admin(user):
        return False
    return not _active_site_admins().exclude(pk=user.pk).exists()


def check_erase_account(user: User, *, by: User | None, reason: str = "") -> str:
    """Validates an erasure of `user` by `by` (the person themselves, a site admin, or None
    for the command line); returns the audit action it will be recorded as.

    Raises PermissionDenied when `by` may not erase `user`, and ValidationError when the
    account cannot be erased (already erased, the last site admin) or a reason is missing.
    """
    by_self = by is not None and by.pk == user.pk
    if by is not None and not by_self:
        if not can_erase_others(by):
            raise PermissionDenied("Only site admins can erase another member's account.")
        if must_set_up_mfa(by):
            raise PermissionDenied("Set up two-factor authentication before erasing accounts.")
    if user.is_erased:
        raise ValidationError("This account has already been erased.", code="already_erased")
    if is_last_site_admin(user):
        raise ValidationError(
            "This is the only site admin account. Make another member a site admin before "
            "erasing it, so that someone can still run the site.",
            code="last_site_admin",
        )
    if not by_self and not reason.strip():
        raise ValidationError(
            "Give the reason for erasing this account, for the audit log.", code="no_reason"
        )
    if len(reason.strip()) > REASON_MAX_LENGTH:
        raise ValidationError(
            f"The reason must be {REASON_MAX_LENGTH} characters or fewer.", code="long_reason"
        )
    return ERASED_BY_SELF if by_self else ERASED_BY_ADMIN


# --- Erasing --------------------------------------------------------------------------------


@transaction.atomic
def erase_account(
    user: User, *, by: User | None, reason: str = "", delete_shared: bool = False
) -> ErasureResult:
    """Erases `user`'s account, as `by` (themselves; a site admin on their request, who must
    give `reason`; or None, from the command line, also with a reason).

    In one transaction: every provider erases its share, with `delete_shared` asking for what
    the person wrote for others to be deleted rather than kept as by "Former member"; their
    sessions and the background tasks naming their email address are removed; the audit log
    records who erased the account and why, with the person's identifiers taken out of the
    reason. Raises as `check_erase_account` does; nothing is changed then.
    """
    # Locked, so two erasures of one account (or of the last two site admins) never both run.
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_site_admin(user):
        admins = list(_active_site_admins().values_list("pk", flat=True))
        # Evaluated in full: every row is locked, not only the first one read.
        list(User.objects.select_for_update().filter(pk__in=admins).values_list("pk", flat=True))
    action = check_erase_account(user, by=by, reason=reason)
    known_as = identifiers(user)
    addresses = email_addresses(user)

    for found in providers():
        if found.erase is not None:
            found.erase(user, delete_shared=delete_shared)

    sessions_ended = end_sessions(user)
    tasks_removed = remove_tasks_naming(addresses)
    user.refresh_from_db()
    erased_id, joined, erased_at = user.pk, user.date_joined, user.erased_at or timezone.now()
    transaction.on_commit(lambda: ledger.append(erased_id, joined, erased_at))
    entry = audit.record(
        action,
        actor=by,
        subject=user,
        reason=redact(reason, known_as),
        writing_for_others="deleted" if delete_shared else "kept as by Former member",
    )
    return ErasureResult(
        user_id=user.pk,
        erased_at=user.erased_at or timezone.now(),
        delete_shared=delete_shared,
        sessions_ended=sessions_ended,
        tasks_removed=tasks_removed,
        audit_entry=entry,
    )


# --- Sessions and background tasks ----------------------------------------------------------


def end_sessions(user: User) -> int:
    """Deletes every stored session signed in as `user`; returns how many.

    With a database-backed engine (the default, and cached_db) each session that has not
    expired is decoded and compared; an expired one no longer signs anyone in, and the
    retention rule for sessions deletes it. Any other engine cannot be searched, but a session
    there no longer works either: the account's password is made unusable, which changes the
    hash each session is checked against, and the account is inactive.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    get_model_class = getattr(store, "get_model_class", None)
    if get_model_class is None:
        return 0
    live = get_model_class().objects.filter(expire_date__gt=timezone.now())
    wanted = str(user.pk)
    keys = [
        session.session_key
        for session in live.only("session_key", "session_data").iterator(chunk_size=500)
        if str(store().decode(session.session_data).get("_auth_user_id", "")) == wanted
    ]
    for key in keys:
        store(session_key=key).delete()
    return len(keys)


def remove_tasks_naming(addresses: Iterable[str]) -> int:
    """Deletes the background tasks (queued, running or finished) of the database task queue
    whose arguments name any of `addresses`, such as an email waiting to be sent to them;
    returns how many. Nothing to do when the queue is not installed."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    addresses = [address.lower() for address in addresses if address]
    if not addresses:
        return 0
    candidates = models.Q()
    for address in addresses:
        candidates |= models.Q(arguments_text__icontains=address)
    results = DBTaskResult.objects.annotate(
        arguments_text=Cast("args_kwargs", models.TextField())
    ).filter(candidates)
    pks = [
        result.pk
        for result in results.only("pk", "args_kwargs")
        if _names_any(result.args_kwargs, addresses)
    ]
    if not pks:
        return 0
    deleted, _ = DBTaskResult.objects.filter(pk__in=pks).delete()
    return deleted


def _names_any(arguments: object, addresses: list[str]) -> bool:
    text = json.dumps(arguments, cls=DjangoJSONEncoder, ensure_ascii=False).lower()
    return any(address in text for address in addresses)


# --- The search index -----------------------------------------------------------------------


def reindex(objects: Iterable[models.Model]) -> None:
    """Puts `objects` back in the search index as they are stored, through the same task the
    index's save signal queues, for a change written with an UPDATE."""
    from modelsearch import index
    from modelsearch.tasks import insert_or_update_object_task

    for obj in objects:
        model = type(obj)
        if index.class_is_indexed(model):
            insert_or_update_object_task.enqueue(
                model._meta.app_label, model._meta.model_name, str(obj.pk)
            )

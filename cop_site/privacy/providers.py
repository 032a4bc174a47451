"""The privacy app's own records about a person: the audit log and their downloads."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from cop_site.accounts.models import Role, User

from .audit_display import THE_SITE, details_summary, what_happened
from .models import AuditEntry, DataExport
from .registry import (
    AuditAction,
    Basis,
    Holding,
    JSONData,
    Provider,
    Retention,
    RetentionRule,
)

EXPORT_FILES = Retention(
    timedelta(days=7), setting="PRIVACY_EXPORT_DAYS", then="the file is deleted"
)
AUDIT_LOG = Retention(timedelta(days=6 * 365), setting="PRIVACY_AUDIT_LOG_DAYS")


def _done_by(entry: AuditEntry, user: User) -> str:
    """Who did it, without naming anyone else: "You", "A site admin", "The site"…"""
    actor = entry.actor
    if actor is None:
        return THE_SITE
    if actor.pk == user.pk:
        return "You"
    if actor.is_superuser or actor.has_role(Role.SITE_ADMIN):
        return "A site admin"
    if actor.has_role(Role.EDUCATOR):
        return "An educator"
    if actor.has_role(Role.MODERATOR):
        return "A moderator"
    return "Another member"


def export(user: User) -> JSONData:
    """The audit entries about `user` (who did each only as "you", "a site admin"…) and the
    downloads of their data they asked for."""
    entries = (
        AuditEntry.objects.about(user)
        .select_related("actor")
        .prefetch_related("actor__role_grants")
        .order_by("at", "pk")
    )
    return {
        "records_about_you": [
            {
                "what": what_happened(entry),
                "at": entry.at.isoformat(),
                "by": _done_by(entry, user),
                "reason": entry.reason,
                "details": details_summary(entry),
            }
            for entry in entries
        ],
        "downloads_of_your_data": [
            {
                "requested_at": download.requested_at.isoformat(),
                "status": download.get_status_display(),
                "ready_at": download.ready_at.isoformat() if download.ready_at else None,
                "expires_at": download.expires_at.isoformat() if download.expires_at else None,
            }
            for download in DataExport.objects.filter(user=user).order_by("requested_at", "pk")
        ],
    }


def erase(user: User, *, delete_shared: bool) -> None:
    """Deletes the person's downloads, files and all; takes their identity out of the audit log.

    Audit entries about them stay, pointing at the anonymised account, so that what was done
    and why can still be shown. A reason written about them that names them (their email
    address, name or display name) has the name replaced by "Former member": the one change an
    entry ever allows, made without saving the entry.
    """
    from .erasure import identifiers, redact

    for download in DataExport.objects.filter(user=user).iterator():
        if download.file:
            download.file.delete(save=False)
    DataExport.objects.filter(user=user).delete()

    known_as = identifiers(user)
    about_them = AuditEntry.objects.filter(subject=user).exclude(reason="")
    for entry in about_them.only("pk", "reason").iterator():
        redacted = redact(entry.reason, known_as)
        if redacted != entry.reason:
            # AuditEntryQuerySet refuses updates; erasure is the one exception.
            QuerySet.update(AuditEntry.objects.filter(pk=entry.pk), reason=redacted)


def delete_expired_exports(cutoff: datetime, *, dry_run: bool) -> int:
    """Deletes the files of downloads past their expiry, and of any requested before `cutoff`
    (one stuck being prepared, or that failed), and marks them expired; returns how many.

    The row stays, without its file, so that the person's list of downloads is complete.
    """
    due = DataExport.objects.exclude(status=DataExport.Status.EXPIRED).filter(
        Q(expires_at__lte=timezone.now()) | Q(requested_at__lt=cutoff)
    )
    if dry_run:
        return due.count()
    expired = 0
    for download in due.iterator():
        if download.file:
            download.file.delete(save=False)
        expired += DataExport.objects.filter(pk=download.pk).update(
            status=DataExport.Status.EXPIRED, file="", size=0
        )
    return expired


def delete_old_audit_entries(cutoff: datetime, *, dry_run: bool) -> int:
    """Deletes audit entries older than `cutoff`: the only way an entry ever goes."""
    old = AuditEntry.objects.filter(at__lt=cutoff)
    if dry_run:
        return old.count()
    _, per_model = old.delete()
    return per_model.get(AuditEntry._meta.label, 0)


provider = Provider(
    area="privacy",
    label="Records about you",
    description="Sensitive actions recorded about you (roles given, registration checks, "
    "downloads of your data), and the downloads you asked for.",
    holdings=(
        Holding(
            "privacy.AuditEntry",
            ("at", "action", "actor", "subject", "reason", "details"),
            what="A record of sensitive actions about you or by you: roles given and taken "
            "away, registration checks, downloads of your data, account erasure, who did each, "
            "when and why",
            purpose="To show that personal information and powers are used properly, and to "
            "investigate when they are not",
            basis=Basis.LEGITIMATE_INTERESTS,
            retention=AUDIT_LOG,
            seen_by="You see the records about you; site admins see them all",
        ),
        Holding(
            "privacy.DataExport",
            ("user", "requested_at", "file"),
            what="The copies of your data you ask to download",
            purpose="To give you a copy of your data",
            basis=Basis.LEGAL_OBLIGATION,
            retention=EXPORT_FILES,
            seen_by="Only you",
        ),
    ),
    retention_rules=(
        RetentionRule(
            "export_files",
            "Downloads of members' data",
            EXPORT_FILES,
            delete_expired_exports,
            units=("download", "downloads"),
        ),
        RetentionRule(
            "audit_log",
            "Audit log entries",
            AUDIT_LOG,
            delete_old_audit_entries,
            units=("entry", "entries"),
        ),
    ),
    export=export,
    erase=erase,
    audit_actions=(
        AuditAction("privacy.export_requested", "Copy of data requested"),
        AuditAction("privacy.export_downloaded", "Copy of data downloaded"),
        AuditAction("privacy.account_erased", "Account erased by its owner"),
        AuditAction("privacy.account_erased_by_admin", "Account erased by a site admin"),
    ),
)

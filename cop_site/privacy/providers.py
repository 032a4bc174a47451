"""The privacy app's own records about a person: the audit log and their downloads."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from cop_site.accounts.models import User

from .audit_display import actor_for_subject, details_summary, what_happened
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
from .retention import delete_older

EXPORT_FILES = Retention(
    timedelta(days=7), setting="PRIVACY_EXPORT_DAYS", then="the file is deleted"
)
AUDIT_LOG = Retention(timedelta(days=6 * 365), setting="PRIVACY_AUDIT_LOG_DAYS")


def export(user: User) -> JSONData:
    """The audit entries about `user` (who did each as "Records about you" says it, see
    `acted_by`), the sensitive actions `user` took (about "you" or "another member": the others'
    names are theirs), and the downloads of their data they asked for."""
    entries = AuditEntry.objects.about(user).select_related("actor__profile").order_by("at", "pk")
    taken = AuditEntry.objects.filter(actor=user).select_related("subject").order_by("at", "pk")
    return {
        "records_about_you": [
            {
                "what": what_happened(entry),
                "at": entry.at.isoformat(),
                "by": actor_for_subject(entry, user),
                "reason": entry.reason,
                "details": details_summary(entry),
            }
            for entry in entries
        ],
        "actions_you_took": [
            {
                "what": what_happened(entry),
                "at": entry.at.isoformat(),
                "about": "You" if entry.subject_id == user.pk else "Another member",
                "reason": entry.reason,
            }
            for entry in taken
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
    from .redaction import identifiers, redact_rows

    for download in DataExport.objects.filter(user=user).iterator():
        if download.file:
            download.file.delete(save=False)
    DataExport.objects.filter(user=user).delete()

    # AuditEntryQuerySet refuses updates; redact_rows writes past it, the one exception.
    about_them = AuditEntry.objects.filter(subject=user).exclude(reason="")
    redact_rows(about_them, ["reason"], identifiers(user))


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
    return delete_older(AuditEntry.objects.all(), cutoff, field="at", dry_run=dry_run)


provider = Provider(
    area="privacy",
    label="Records about you",
    description="Sensitive actions recorded about you (roles given, registration checks, "
    "downloads of your data), and the downloads you asked for.",
    listed=80,
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

"""The privacy app's own records about a person: the audit log and their downloads."""

from __future__ import annotations

from datetime import datetime, timedelta

from cop_site.accounts.models import User

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


def export(user: User) -> JSONData:
    raise NotImplementedError


def erase(user: User, *, delete_shared: bool) -> None:
    raise NotImplementedError


def delete_expired_exports(cutoff: datetime, *, dry_run: bool) -> int:
    raise NotImplementedError


def delete_old_audit_entries(cutoff: datetime, *, dry_run: bool) -> int:
    raise NotImplementedError


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
            "export_files", "Downloads of members' data", EXPORT_FILES, delete_expired_exports
        ),
        RetentionRule("audit_log", "Audit log entries", AUDIT_LOG, delete_old_audit_entries),
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

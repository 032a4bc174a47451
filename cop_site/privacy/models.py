"""The privacy app's own records: the audit log of sensitive actions, and requested downloads
of a person's data."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone


def export_storage():
    """Where finished downloads are kept: outside the media folder, never served directly."""
    return storages["privacy_exports"]


class AuditEntryQuerySet(models.QuerySet):
    def about(self, user) -> AuditEntryQuerySet:
        return self.filter(subject=user)

    def update(self, **kwargs):  # type: ignore[override]
        raise PermissionError("Audit entries cannot be changed.")


class AuditEntry(models.Model):
    """A sensitive action: who did it (`actor`; none for the system or the command line), to
    whom (`subject`), what (`action`, declared by a privacy provider), when and why.

    Entries are written once and never changed; only the retention command removes them when
    their period ends. `details` holds identifiers and choices, never a name or an address,
    so that erasing a person's identity leaves nothing of it here.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    action = models.CharField(max_length=80, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_about",
        editable=False,
    )
    reason = models.TextField(blank=True, editable=False)
    details = models.JSONField(default=dict, blank=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        indexes = [models.Index(fields=["subject", "-at"])]

    def __str__(self) -> str:
        return f"{self.action_label} ({self.at:%d %b %Y %H:%M})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def action_label(self) -> str:
        from .registry import audit_actions

        action = audit_actions().get(self.action)
        return str(action.label) if action else self.action


class DataExport(models.Model):
    """A person's request for a copy of their data, and the file once it is built."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be prepared"
        EXPIRED = "expired", "Expired"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(storage=export_storage, upload_to="exports/", blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"Data export {self.public_id}"

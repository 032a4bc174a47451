"""Reads for the privacy pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from cop_site.accounts.models import SignInRecord, User

from .audit import entries_about
from .models import AuditEntry, DataExport
from .registry import Provider, listed_providers

HUB_RECORDS = 5
HUB_SIGN_INS = 5


def exports_for(user: User) -> QuerySet[DataExport]:
    """The person's downloads that are still of use: being prepared, ready, or failed."""
    return (
        DataExport.objects.filter(user=user)
        .exclude(status=DataExport.Status.EXPIRED)
        .exclude(expires_at__lte=timezone.now())
    )


def records_about(user: User) -> QuerySet[AuditEntry]:
    return entries_about(user)


def sign_ins_of(user: User) -> QuerySet[SignInRecord]:
    return SignInRecord.objects.filter(user=user)


def areas() -> list[Provider]:
    """The areas a download holds, one file each, in the order people read them."""
    return [found for found in listed_providers() if found.export is not None]

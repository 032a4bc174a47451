"""Downloads of a person's data: asking for one, building the ZIP in the background, and
telling them by email when it is ready.

The ZIP holds `<area>.json` for each privacy provider that exports (`selectors.areas()`), and
`summary.html`, a page anyone can open in a browser that lists the same records in tables.
The file is kept in the "privacy_exports" storage, outside the media folder, and only the
download view serves it, to its owner, until it expires (`providers.EXPORT_FILES`).
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from cop_site.accounts.models import User
from cop_site.links import absolute_url, site_url

from . import audit, selectors
from .models import DataExport
from .providers import EXPORT_FILES
from .registry import Provider

logger = logging.getLogger(__name__)

# How many downloads a person may ask for in `LIMIT_WINDOW` (failed ones do not count).
EXPORTS_PER_DAY = 3
LIMIT_WINDOW = timedelta(days=1)
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"


class ExportLimitReached(Exception):
    """The person has asked for as many downloads as they may for now."""

    def __init__(self, retry_at: datetime) -> None:
        self.retry_at = retry_at
        local = timezone.localtime(retry_at)
        super().__init__(
            f"You can ask for a copy of your data {EXPORTS_PER_DAY} times a day. "
            f"You can ask again after {format_date(local, 'H:i')} on "
            f"{format_date(local, DATE_FORMAT)}."
        )


# --- Asking -------------------------------------------------------------------------------------


def pending_export(user: User) -> DataExport | None:
    return DataExport.objects.filter(user=user, status=DataExport.Status.PENDING).first()


@transaction.atomic
def request_export(user: User, *, by: User) -> DataExport:
    """Asks for a copy of `user`'s data, as `user` (`by`: only a person can ask for their own).

    Nothing is built here: the build is queued once the transaction commits. Asking again
    while one is being prepared returns that one. Raises ExportLimitReached after
    `EXPORTS_PER_DAY` requests in a day.
    """
    if not by.is_authenticated or by.pk != user.pk:
        raise PermissionDenied("Only the person themselves can ask for a copy of their data.")
    # One request at a time per person, so two clicks never make two downloads.
    User.objects.select_for_update().filter(pk=user.pk).exists()
    pending = pending_export(user)
    if pending is not None:
        return pending
    now = timezone.now()
    recent = list(
        DataExport.objects.filter(user=user, requested_at__gt=now - LIMIT_WINDOW)
        .exclude(status=DataExport.Status.FAILED)
        .order_by("requested_at")
        .values_list("requested_at", flat=True)
    )
    if len(recent) >= EXPORTS_PER_DAY:
        raise ExportLimitReached(retry_at=recent[-EXPORTS_PER_DAY] + LIMIT_WINDOW)
    export = DataExport.objects.create(user=user, requested_at=now)
    audit.record("privacy.export_requested", actor=by, subject=user, export=str(export.public_id))
    transaction.on_commit(lambda: _enqueue(export.pk))
    return export


def _enqueue(export_id: int) -> None:
    from .tasks import build_data_export

    try:
        build_data_export.enqueue(export_id)
    except Exception:
        logger.exception("Could not queue the build of data export %s", export_id)
        DataExport.objects.filter(pk=export_id, status=DataExport.Status.PENDING).update(
            status=DataExport.Status.FAILED
        )


# --- Reading ------------------------------------------------------------------------------------


def export_days() -> int:
    """How many days a download can be fetched once it is ready."""
    return export_period().days


def export_period() -> timedelta:
    return EXPORT_FILES.resolve() or timedelta(days=7)


def owned_export(user: User, public_id: UUID) -> DataExport | None:
    """The export with this id if it is `user`'s; None for anyone else's, as for none at all."""
    if not user.is_authenticated:
        return None
    return DataExport.objects.filter(public_id=public_id, user=user).first()


def is_expired(export: DataExport, now: datetime | None = None) -> bool:
    """Expired, or past its expiry though the retention command has not yet deleted it."""
    if export.status == DataExport.Status.EXPIRED:
        return True
    return export.expires_at is not None and export.expires_at <= (now or timezone.now())


def download_name(export: DataExport) -> str:
    ready = timezone.localtime(export.ready_at or export.requested_at)
    return f"your-data-{ready:%Y-%m-%d}.zip"


def record_download(export: DataExport, *, by: User) -> None:
    audit.record(
        "privacy.export_downloaded", actor=by, subject=export.user, export=str(export.public_id)
    )


# --- Building -----------------------------------------------------------------------------------


def build_export(export: DataExport) -> DataExport:
    """Builds the ZIP of `export`'s person, saves it and emails them the link.

    Only a pending export is built, so a task run twice builds it once. On any error the
    export is marked failed, with the reason logged, and no file is left behind.
    """
    export.refresh_from_db()
    if export.status != DataExport.Status.PENDING:
        return export
    now = timezone.now()
    try:
        content = build_zip(export.user, now)
        with transaction.atomic():
            export.file.save(f"{export.public_id}.zip", ContentFile(content), save=False)
            export.status = DataExport.Status.READY
            export.ready_at = now
            export.expires_at = now + export_period()
            export.size = len(content)
            export.save(update_fields=["file", "status", "ready_at", "expires_at", "size"])
    except Exception:
        logger.exception("Could not build data export %s", export.pk)
        _discard_file(export)
        DataExport.objects.filter(pk=export.pk).update(
            status=DataExport.Status.FAILED, file="", size=0
        )
        export.refresh_from_db()
        _send_email(export, "export_failed")
        return export
    _send_email(export, "export_ready")
    return export


def _discard_file(export: DataExport) -> None:
    name = export.file.name
    if not name:
        return
    try:
        export.file.storage.delete(name)
    except Exception:
        logger.exception("Could not delete the file of failed data export %s", export.pk)


def area_data(found: Provider, user: User, now: datetime) -> dict[str, Any]:
    """One area's file: what it is, when it was made, and the provider's records."""
    assert found.export is not None
    return {
        "area": found.area,
        "label": str(found.label),
        "description": str(found.description),
        "exported_at": now.isoformat(),
        "data": found.export(user),
    }


def build_zip(user: User, now: datetime) -> bytes:
    """The ZIP's bytes: `<area>.json` per area and `summary.html`."""
    files: list[tuple[str, dict[str, Any]]] = [
        (f"{found.area}.json", area_data(found, user, now)) for found in selectors.areas()
    ]
    summary = render_summary([data for _, data in files], now)
    buffer = io.BytesIO()
    stamp = timezone.localtime(now).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            text = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
            archive.writestr(zipfile.ZipInfo(name, stamp), text.encode())
        archive.writestr(zipfile.ZipInfo("summary.html", stamp), summary.encode())
    return buffer.getvalue()


# --- The summary page ---------------------------------------------------------------------------

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

# Headings for the keys of the areas' files that do not read well turned into words.
HEADINGS: dict[str, str] = {
    "api_tokens": "API tokens",
    "at": "When",
    "emails_on": "Emails about comments",
    "has_picture": "Profile picture",
    "ip_address": "Internet address",
    "of": "Version of",
    "requested_at": "Asked for",
    "sign_ins": "Sign-ins",
    "two_factor_authentication": "Two-factor authentication",
    "updated_at": "Last changed",
}


def heading(key: str) -> str:
    """A key of an area's file as a heading people read: "API tokens" for "api_tokens";
    otherwise its words, with a trailing "at" of a moment dropped ("Joined" for "joined_at")."""
    if key in HEADINGS:
        return HEADINGS[key]
    text = key.removesuffix("_at").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def local_time_name() -> str:
    """The name of the time the site shows, for saying once on a page what its times are."""
    zone = timezone.get_current_timezone_name()
    return "UK time" if zone in ("Europe/London", "GB") else f"{zone} time"


def _text(value: Any) -> str:
    """A single value as it reads on the page."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        try:
            return format_date(timezone.localtime(datetime.fromisoformat(value)), DATETIME_FORMAT)
        except ValueError:
            return value
    return str(value)


def _lines(value: Any) -> list[str]:
    """A nested value (a dict or a list) as lines of text, for one cell of a table."""
    if isinstance(value, dict):
        lines = []
        for key, inner in value.items():
            if isinstance(inner, dict | list):
                lines.append(f"{heading(key)}: " + "; ".join(_lines(inner)))
            else:
                lines.append(f"{heading(key)}: {_text(inner)}")
        return lines
    if isinstance(value, list):
        return [line for item in value for line in _lines(item)] if value else ["—"]
    return [_text(value)]


@dataclass
class Cell:
    lines: list[str]


@dataclass
class Section:
    """One kind of record in an area: a table (a list of records), a list of facts (one
    record), or a single value."""

    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    facts: list[tuple[str, Cell]] = field(default_factory=list)
    value: str = ""
    empty: bool = False


def _section(title: str, value: Any) -> Section:
    section = Section(title=heading(title))
    if isinstance(value, list):
        if not value:
            section.empty = True
        elif all(isinstance(item, dict) for item in value):
            keys: list[str] = []
            for item in value:
                keys.extend(key for key in item if key not in keys)
            section.columns = [heading(key) for key in keys]
            section.rows = [[Cell(_lines(item.get(key))) for key in keys] for item in value]
        else:
            section.rows = [[Cell(_lines(item))] for item in value]
            section.columns = [section.title]
    elif isinstance(value, dict):
        section.facts = [(heading(key), Cell(_lines(inner))) for key, inner in value.items()]
        section.empty = not value
    elif value is None:
        section.empty = True
    else:
        section.value = _text(value)
    return section


def _holds_nothing(value: Any) -> bool:
    """An area's entry with nothing in it: no records, no value, or a count of none. It stays
    in the file, and is left out of the page, so that an area shows only what it holds."""
    if value is None or value == "" or value == [] or value == {}:
        return True
    return isinstance(value, int) and not isinstance(value, bool) and value == 0


def render_summary(areas: list[dict[str, Any]], now: datetime) -> str:
    """The readable page of the download: every area, what it is, and its records. An area
    with nothing in it says so once, rather than listing each empty kind of record."""
    shown = [
        {
            "area": data["area"],
            "label": data["label"],
            "description": data["description"],
            "sections": [
                _section(key, value)
                for key, value in (data["data"] or {}).items()
                if not _holds_nothing(value)
            ],
        }
        for data in areas
    ]
    return render_to_string(
        "privacy/export_summary.html",
        {
            "areas": shown,
            "made_at": timezone.localtime(now),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": site_url(),
            "time_name": local_time_name(),
        },
    )


# --- Email --------------------------------------------------------------------------------------


def _send_email(export: DataExport, template: str) -> None:
    """Tells the person their download is ready (or could not be made): the link and when it
    expires, and nothing else about them."""
    expires = timezone.localtime(export.expires_at) if export.expires_at else None
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": site_url(),
        "download_url": absolute_url(reverse("privacy:download", args=[export.public_id])),
        "your_data_url": absolute_url(reverse("privacy:your_data")),
        "expires_at": expires,
        "expires_text": (
            f"{format_date(expires, DATETIME_FORMAT)} {local_time_name()}" if expires else ""
        ),
    }
    prefix = f"privacy/email/{template}"
    try:
        from cop_site.mail import enqueue_email

        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{prefix}_message.txt", context),
            to=[export.user.email],
        )
        message.attach_alternative(render_to_string(f"{prefix}_message.html", context), "text/html")
        enqueue_email(message)
    except Exception:
        logger.exception("Could not send the %s email of data export %s", template, export.pk)

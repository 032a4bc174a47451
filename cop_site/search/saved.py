"""Saving searches and the weekly email about new resources that match them.

Views, the management command and the ``send_search_alerts`` task all go through these
functions. Only a search's owner may change or delete it.
"""

from __future__ import annotations

import datetime
import logging
import unicodedata
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone

from cop_site.mail import enqueue_email

from .models import (
    MAX_QUERY_STRING_LENGTH,
    SavedSearch,
    default_name,
    is_searchable,
    normalise_query_string,
)
from .service import new_resource_matches

logger = logging.getLogger(__name__)

# The most resources one alert lists; the search itself shows the rest.
MAX_ALERT_RESOURCES = 50


def single_line(text: str) -> str:
    """``text`` on one line: each run of whitespace or control characters (line breaks of
    every kind, tabs) becomes one space, and the ends are trimmed.

    A name becomes an email's subject, and a header with a line break in it cannot be sent.
    """
    visible = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(visible.split())


class DuplicateSavedSearch(ValidationError):
    """The member has already saved this search."""

    def __init__(self, existing: SavedSearch) -> None:
        self.existing = existing
        super().__init__(
            f"You have already saved this search as “{existing.name}”.", code="duplicate"
        )


def check_query_string(query_string: str) -> str:
    """The normalised query string, or a ValidationError saying why it cannot be saved."""
    normalised = normalise_query_string(query_string or "")
    if not is_searchable(normalised):
        raise ValidationError(
            "There is no search to save. Search for something, or choose a filter, first.",
            code="empty",
        )
    if len(normalised) > MAX_QUERY_STRING_LENGTH:
        raise ValidationError("This search is too long to save.", code="too_long")
    return normalised


def find_saved(user, query_string: str) -> SavedSearch | None:
    """The member's saved search for this query string, if they have saved it."""
    if not user.is_authenticated:
        return None
    normalised = normalise_query_string(query_string or "")
    return SavedSearch.objects.filter(user=user, query_string=normalised).first()


def save_search(user, query_string: str, name: str = "", alerts: bool = False) -> SavedSearch:
    """Saves a search for ``user``. Its first alert can only list resources published after now.

    Raises ValidationError when there is nothing to search for, and DuplicateSavedSearch when
    the member has already saved the same search.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Sign in to save a search.")
    normalised = check_query_string(query_string)
    name = single_line(name or "") or default_name(normalised)
    now = timezone.now()
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                user=user,
                name=name,
                query_string=normalised,
                alerts=alerts,
                last_alerted_at=now,
                created_at=now,
            )
    except IntegrityError:
        existing = find_saved(user, normalised)
        if existing is None:
            raise
        raise DuplicateSavedSearch(existing) from None


def _require_owner(saved: SavedSearch, by) -> None:
    if not by.is_authenticated or saved.user_id != by.pk:
        raise PermissionDenied("Only the member who saved a search can change it.")


def update_saved_search(saved: SavedSearch, *, by, name: str, alerts: bool) -> SavedSearch:
    """Renames a saved search and turns its weekly email on or off.

    Turning the email on starts from now, so the first email does not list everything
    published while it was off.
    """
    _require_owner(saved, by)
    fields = ["name", "alerts"]
    saved.name = single_line(name or "") or default_name(saved.query_string)
    if alerts and not saved.alerts:
        saved.last_alerted_at = timezone.now()
        fields.append("last_alerted_at")
    saved.alerts = alerts
    saved.save(update_fields=fields)
    return saved


def delete_saved_search(saved: SavedSearch, *, by) -> None:
    _require_owner(saved, by)
    saved.delete()


# --- Weekly alerts -------------------------------------------------------------------------------


def site_url() -> str:
    """The site's address for links in emails: ``SITE_URL`` if set, else the default Site's."""
    url = getattr(settings, "SITE_URL", "")
    if url:
        return url.rstrip("/")
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site else "http://localhost"


def _absolute(base: str, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{base}{url}"


def search_url(saved: SavedSearch, base: str | None = None) -> str:
    return f"{base or site_url()}{reverse('search:search')}?{saved.query_string}"


def manage_url(saved: SavedSearch, base: str | None = None) -> str:
    return f"{base or site_url()}{reverse('search:saved_edit', args=[saved.pk])}"


@dataclass
class Alert:
    saved: SavedSearch
    resources: list

    @property
    def name(self) -> str:
        # Searches saved before names were kept to one line may still have line breaks.
        return single_line(self.saved.name)

    @property
    def subject(self) -> str:
        count = len(self.resources)
        noun = "resource" if count == 1 else "resources"
        return f'{count} new {noun} for "{self.name}"'

    def body(self, base: str) -> str:
        saved = self.saved
        count = len(self.resources)
        lines = [
            f"Hello {saved.user.display_name},",
            "",
            f"{'A new resource matches' if count == 1 else f'{count} new resources match'}"
            f" your saved search “{self.name}” ({saved.describe()}):",
            "",
        ]
        for resource in self.resources:
            lines.append(f"- {resource.title}")
            if url := resource.get_url():
                lines.append(f"  {_absolute(base, url)}")
        if count >= MAX_ALERT_RESOURCES:
            lines += ["", f"These are the newest {count}. Run the search to see them all."]
        lines += [
            "",
            "Run this search:",
            search_url(saved, base),
            "",
            "You get this email once a week because you asked to be told about new resources"
            " that match this search. To stop these emails, untick “Email me weekly” here:",
            manage_url(saved, base),
        ]
        return "\n".join(lines) + "\n"


def _alertable(now: datetime.datetime):
    """Due searches of members who are active and whose email address is verified."""
    verified = EmailAddress.objects.filter(
        user=OuterRef("user"), email__iexact=OuterRef("user__email"), verified=True
    )
    return (
        SavedSearch.objects.due_for_alert(now)
        .filter(user__is_active=True)
        .filter(Exists(verified))
        .select_related("user", "user__profile")
        .order_by("pk")
    )


def find_new_matches(saved: SavedSearch, now: datetime.datetime) -> list:
    """Resources that match ``saved`` and were first published since its last alert."""
    matches = new_resource_matches(saved.user, saved.query_string, since=saved.last_alerted_at)
    # Anything published after this run started is left for next week's email, whose
    # window starts at ``now``; listing it now as well would send it twice.
    return [r for r in matches if r.first_published_at is None or r.first_published_at <= now][
        :MAX_ALERT_RESOURCES
    ]


@dataclass(frozen=True)
class AlertRun:
    """What one run of the weekly alerts did: the emails ``sent`` (handed to the task worker,
    where there is one; with ``dry_run``, those that would be sent) and the due alerts that
    ``failed`` (the search could not be run, or its email could not be sent)."""

    sent: int = 0
    failed: int = 0


def _send(alert: Alert, base: str) -> bool:
    """Sends ``alert``'s email; False, with the reason logged, if it could not be sent."""
    saved = alert.saved
    try:
        result = enqueue_email(
            EmailMessage(subject=alert.subject, body=alert.body(base), to=[saved.user.email])
        )
    except Exception:
        logger.exception("Could not send the alert email of saved search %s", saved.pk)
        return False
    if result.status == TaskResultStatus.FAILED:
        # Sent at once (no task worker), and the mail server or the message failed: the task
        # has logged why.
        logger.error("The alert email of saved search %s was not sent", saved.pk)
        return False
    return True


def send_due_alerts(now: datetime.datetime | None = None, *, dry_run: bool = False) -> AlertRun:
    """Emails each member about new resources matching their saved searches; returns how many
    emails were sent and how many could not be.

    A search is looked at once a week. Its window then moves on to ``now`` whether anything
    matched or not, and it is claimed before its email is queued, so running this twice, or
    twice at once, never sends the same week's email twice. An email that fails gives its
    claim back, so the next run tries that week's email again. Nothing that goes wrong with
    one search stops the others.
    """
    now = now or timezone.now()
    base = site_url()
    sent = failed = 0
    for saved in list(_alertable(now)):
        try:
            resources = find_new_matches(saved, now)
        except Exception:
            # One search that cannot be run must not stop everyone else's email; it is
            # tried again tomorrow.
            logger.exception("Could not run saved search %s for its alert", saved.pk)
            failed += 1
            continue
        if dry_run:
            sent += bool(resources)
            continue
        claimed = SavedSearch.objects.filter(
            pk=saved.pk, alerts=True, last_alerted_at=saved.last_alerted_at
        ).update(last_alerted_at=now)
        if not claimed or not resources:
            continue
        if _send(Alert(saved, resources), base):
            sent += 1
            continue
        failed += 1
        SavedSearch.objects.filter(pk=saved.pk, last_alerted_at=now).update(
            last_alerted_at=saved.last_alerted_at
        )
    return AlertRun(sent=sent, failed=failed)

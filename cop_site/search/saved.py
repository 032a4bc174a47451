"""Saving searches and the weekly email about what is new that matches them.

Views, the management command and the ``send_search_alerts`` task all go through these
functions. Only a search's owner may change or delete it.

The email is about the kinds of result that declare ``alerts`` (see
:mod:`cop_site.search.kinds`): the kind a saved search names, or the kind whose filters it has,
or else every kind with alerts. Each kind's ``alerts.new_since`` says when an item became new,
so an email lists what became new since the last one; a kind's noun ("resource") names what
the email is about.
"""

from __future__ import annotations

import datetime
import logging
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone

from cop_site.mail import enqueue_email

from .kinds import SearchKind, alerting_kinds, get_kind, in_words
from .models import (
    MAX_QUERY_STRING_LENGTH,
    SavedSearch,
    default_name,
    is_searchable,
    normalise_query_string,
)
from .service import new_matches

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cop_site.accounts.models import User

    Member = User | AnonymousUser

logger = logging.getLogger(__name__)

# The most items one alert lists; the search itself shows the rest.
MAX_ALERT_ITEMS = 50


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


def find_saved(user: Member, query_string: str) -> SavedSearch | None:
    """The member's saved search for this query string, if they have saved it."""
    if not user.is_authenticated:
        return None
    normalised = normalise_query_string(query_string or "")
    return SavedSearch.objects.filter(user=user, query_string=normalised).first()


def save_search(
    user: Member, query_string: str, name: str = "", alerts: bool = False
) -> SavedSearch:
    """Saves a search for ``user``. Its first alert can only list what is new after now.

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


def _require_owner(saved: SavedSearch, by: Member) -> None:
    if not by.is_authenticated or saved.user_id != by.pk:
        raise PermissionDenied("Only the member who saved a search can change it.")


def update_saved_search(saved: SavedSearch, *, by: Member, name: str, alerts: bool) -> SavedSearch:
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


def delete_saved_search(saved: SavedSearch, *, by: Member) -> None:
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


def alerted_things() -> str:
    """What saved-search emails tell people about, as a sentence names it: "resources"."""
    return in_words([kind.plural for kind in alerting_kinds()], last="or") or "results"


def kinds_alerted(saved: SavedSearch) -> list[SearchKind]:
    """The kinds of result ``saved``'s email is about: the kind it searches, if it names one;
    else the kinds whose filters it has; else every kind with alerts."""
    parameters = saved.parameters
    alerting = alerting_kinds()
    named = get_kind((parameters.get("kind") or [""])[0])
    if named is not None:
        return [kind for kind in alerting if kind.key == named.key]
    filtered = [kind for kind in alerting if any(parameters.get(name) for name in kind.facet_names)]
    return filtered or alerting


@dataclass(frozen=True)
class NewItem:
    """Something new that matches a saved search, and the kind of result it is."""

    obj: Any
    kind: SearchKind

    @property
    def title(self) -> str:
        return str(getattr(self.obj, "title", "") or self.obj)

    @property
    def new_at(self) -> datetime.datetime | None:
        assert self.kind.alerts is not None
        value: datetime.datetime | None = getattr(self.obj, self.kind.alerts.new_since)
        return value

    def url(self) -> str:
        get_url = getattr(self.obj, "get_url", None)
        url = get_url() if get_url is not None else self.obj.get_absolute_url()
        return str(url or "")


@dataclass
class Alert:
    saved: SavedSearch
    items: list[NewItem]

    @property
    def name(self) -> str:
        # Searches saved before names were kept to one line may still have line breaks.
        return single_line(self.saved.name)

    def _noun(self, count: int) -> str:
        """What the items are: their kind's noun when they are all of one kind."""
        kinds = {item.kind.key: item.kind for item in self.items}
        if len(kinds) == 1:
            (kind,) = kinds.values()
            return kind.noun if count == 1 else kind.plural
        return "result" if count == 1 else "results"

    @property
    def subject(self) -> str:
        count = len(self.items)
        return f'{count} new {self._noun(count)} for "{self.name}"'

    def body(self, base: str) -> str:
        saved = self.saved
        count = len(self.items)
        noun = self._noun(count)
        lines = [
            f"Hello {saved.user.display_name},",
            "",
            f"{f'A new {noun} matches' if count == 1 else f'{count} new {noun} match'}"
            f" your saved search “{self.name}” ({saved.describe()}):",
            "",
        ]
        for item in self.items:
            lines.append(f"- {item.title}")
            if url := item.url():
                lines.append(f"  {_absolute(base, url)}")
        if count >= MAX_ALERT_ITEMS:
            lines += ["", f"These are the newest {count}. Run the search to see them all."]
        lines += [
            "",
            "Run this search:",
            search_url(saved, base),
            "",
            "You get this email once a week because you asked to be told about new"
            f" {self._noun(2)} that match this search. To stop these emails, untick “Email me"
            " weekly” here:",
            manage_url(saved, base),
        ]
        return "\n".join(lines) + "\n"


def _alertable(now: datetime.datetime) -> QuerySet[SavedSearch]:
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


def find_new_matches(saved: SavedSearch, now: datetime.datetime) -> list[NewItem]:
    """What matches ``saved`` and became new since its last alert, newest first."""
    items = [
        NewItem(obj, kind)
        for kind in kinds_alerted(saved)
        for obj in new_matches(saved.user, saved.query_string, kind, since=saved.last_alerted_at)
    ]
    # Anything that became new after this run started is left for next week's email, whose
    # window starts at ``now``; listing it now as well would send it twice.
    items = [item for item in items if item.new_at is None or item.new_at <= now]
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    items.sort(key=lambda item: item.new_at or oldest, reverse=True)
    return items[:MAX_ALERT_ITEMS]


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
    """Emails each member about what is new that matches their saved searches; returns how
    many emails were sent and how many could not be.

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
            items = find_new_matches(saved, now)
        except Exception:
            # One search that cannot be run must not stop everyone else's email; it is
            # tried again tomorrow.
            logger.exception("Could not run saved search %s for its alert", saved.pk)
            failed += 1
            continue
        if dry_run:
            sent += bool(items)
            continue
        claimed = SavedSearch.objects.filter(
            pk=saved.pk, alerts=True, last_alerted_at=saved.last_alerted_at
        ).update(last_alerted_at=now)
        if not claimed or not items:
            continue
        if _send(Alert(saved, items), base):
            sent += 1
            continue
        failed += 1
        SavedSearch.objects.filter(pk=saved.pk, last_alerted_at=now).update(
            last_alerted_at=saved.last_alerted_at
        )
    return AlertRun(sent=sent, failed=failed)

"""The privacy registry: each app declares the personal data it holds, and how to export and
erase one person's share of it.

An app names its providers in a `privacy_providers` attribute on its AppConfig: dotted paths of
module-level `Provider`s, usually one (`resources.privacy.provider`). A provider lists

- `holdings`: every model (and its fields) that holds personal data, with why it is held
  (`purpose`), on what lawful basis (`basis`) and for how long (`retention`). The privacy
  notice's "What we hold" table is built from these, so it cannot drift from the code;
- `not_personal`: models linked to members that hold nothing personal of their own, each with
  the reason (a resource page is linked to its owner through Wagtail's page, declared there);
- `export(user)`: a JSON-ready dict of everything of the app's about `user` and nothing of
  anyone else's, one entry per kind of record; it is written as `<area>.json` in the download;
- `erase(user, *, delete_shared)`: removes `user`'s private data and their identity from what
  they wrote for others, which stays readable as "Former member" unless `delete_shared` asks for
  it to go too;
- `retention_rules`: what `manage.py apply_retention` does when a holding's period ends;
- `audit_actions`: the sensitive actions of the app that go to the audit log.

Every model linked to the user model, directly or through a chain of foreign keys, must be
covered by a holding or a `not_personal` entry (`tests/privacy/test_coverage.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from cop_site.accounts.models import User

JSONData = dict[str, Any]


def when(moment: datetime | None) -> str | None:
    """A date and time for an export, in ISO 8601; None when there is none."""
    return moment.isoformat() if moment is not None else None


class Basis(models.TextChoices):
    """The lawful bases of UK GDPR Article 6 (and Article 9 for special category data)."""

    CONTRACT = "contract", _("Contract: to provide the account and services you signed up for")
    LEGITIMATE_INTERESTS = (
        "legitimate_interests",
        _(
            "Legitimate interests: what the site needs to run well and safely, in ways you "
            "would expect, balanced against your rights"
        ),
    )
    CONSENT = "consent", _("Consent: you chose to give it, and can withdraw it at any time")
    EXPLICIT_CONSENT = (
        "explicit_consent",
        _("Explicit consent: special category information you chose to share"),
    )
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation: the law requires it")

    @property
    def short(self) -> str:
        return str(self.label).split(":", 1)[0]


@dataclass(frozen=True)
class Retention:
    """How long a holding is kept. Without a period, until the account is erased.

    `setting` names a Django setting (a number of days) that overrides `period`, for a site that
    must keep something for longer or shorter; `then` says what happens when the period ends.
    """

    period: timedelta | None = None
    setting: str = ""
    then: str = "deleted"
    # Words for the notice when the period is not a plain number of days.
    description: str = ""

    def resolve(self) -> timedelta | None:
        if self.setting and (days := getattr(settings, self.setting, None)) is not None:
            return timedelta(days=int(days))
        return self.period

    def describe(self) -> str:
        if self.description:
            return self.description
        period = self.resolve()
        if period is None:
            return "Until you erase your account"
        days = period.days
        if days % 365 == 0 and days >= 365:
            years = days // 365
            span = f"{years} year" + ("s" if years != 1 else "")
        else:
            span = f"{days} day" + ("s" if days != 1 else "")
        return f"{span}, then {self.then}"


UNTIL_ERASED = Retention()


@dataclass(frozen=True)
class Holding:
    """One model's personal data: which fields, what they are in words, why, on what basis,
    for how long and who else sees them."""

    model: str
    fields: tuple[str, ...]
    what: str
    purpose: str
    basis: Basis
    retention: Retention = UNTIL_ERASED
    seen_by: str = "You, and the site admins who run the site"

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class NotPersonal:
    """A model linked to members that holds nothing personal of its own, and why."""

    model: str
    reason: str


@dataclass(frozen=True)
class RetentionRule:
    """Applies one holding's period: `apply(cutoff, dry_run=...)` acts on the rows older than
    `cutoff` (now minus the period) and returns how many it removed or anonymised (or, with
    `dry_run`, would have)."""

    key: str
    label: str
    retention: Retention
    apply: Callable[..., int]
    # What is done to each row, for the command's report: "deleted", "anonymised"…
    verb: str = "deleted"
    # What a row is, singular and plural, for the report: ("account", "accounts").
    units: tuple[str, str] = ("record", "records")


@dataclass(frozen=True)
class AuditAction:
    """A kind of sensitive action recorded in the audit log, e.g. ``accounts.role_granted``."""

    key: str
    label: str


@dataclass(frozen=True)
class Provider:
    area: str
    label: str
    holdings: tuple[Holding, ...] = ()
    not_personal: tuple[NotPersonal, ...] = ()
    export: Callable[[User], JSONData] | None = None
    erase: Callable[..., None] | None = None
    retention_rules: tuple[RetentionRule, ...] = ()
    audit_actions: tuple[AuditAction, ...] = ()
    # Erasure runs in this order; the account's own identity goes last.
    order: int = 100
    # Words for the download's summary page: what the area's file holds.
    description: str = ""
    # Where the area comes when areas are listed to people (the "Your data" page, the
    # download's summary, the notice): lowest first. Separate from `order`, which is for erasure.
    listed: int = 100


def _installed() -> list[Provider]:
    found: list[Provider] = []
    for config in apps.get_app_configs():
        for path in getattr(config, "privacy_providers", ()):
            found.append(import_string(path))
    return found


def providers() -> list[Provider]:
    """Every installed app's provider, in erasure order."""
    return sorted(_installed(), key=lambda p: (p.order, p.area))


def listed_providers() -> list[Provider]:
    """Every installed app's provider, in the order people read them: the account first."""
    return sorted(_installed(), key=lambda p: (p.listed, p.area))


def provider(area: str) -> Provider:
    for candidate in providers():
        if candidate.area == area:
            return candidate
    raise LookupError(f"No privacy provider for the area {area!r}.")


def holdings() -> Iterator[tuple[Provider, Holding]]:
    for found in providers():
        for holding in found.holdings:
            yield found, holding


def covered_models() -> dict[str, Holding | NotPersonal]:
    """Each model label any provider declares, with its declaration."""
    covered: dict[str, Holding | NotPersonal] = {}
    for found in providers():
        entries: tuple[Holding | NotPersonal, ...] = (*found.holdings, *found.not_personal)
        for entry in entries:
            covered[entry.model.lower()] = entry
    return covered


def audit_actions() -> dict[str, AuditAction]:
    return {action.key: action for found in providers() for action in found.audit_actions}


def retention_rules() -> list[tuple[Provider, RetentionRule]]:
    return [(found, rule) for found in providers() for rule in found.retention_rules]


def cutoff(rule: RetentionRule, now: datetime) -> datetime | None:
    period = rule.retention.resolve()
    return None if period is None else now - period


@dataclass(frozen=True)
class PersonalDataTable:
    """One row of the privacy notice's table of what is held."""

    area: str
    what: str
    purpose: str
    basis: str
    retention: str
    seen_by: str


def notice_rows() -> list[PersonalDataTable]:
    """Every holding, area by area in the order people read them (`listed_providers()`)."""
    return [
        PersonalDataTable(
            area=str(found.label),
            what=holding.what,
            purpose=holding.purpose,
            basis=str(holding.basis.label),
            retention=holding.retention.describe(),
            seen_by=holding.seen_by,
        )
        for found in listed_providers()
        for holding in found.holdings
    ]


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lasts: str


def cookies() -> list[Cookie]:
    """The cookies the site sets: all strictly necessary, so no consent banner is needed."""
    session_age = int(settings.SESSION_COOKIE_AGE)
    hours = session_age // 3600
    session_lasts = (
        f"Until you sign out, and at most {hours} hours"
        if session_age % 3600 == 0 and hours < 48
        else f"Until you sign out, and at most {session_age // 86400} days"
    )
    csrf_age = int(settings.CSRF_COOKIE_AGE)
    csrf_lasts = (
        f"{csrf_age // 31449600} year" if csrf_age % 31449600 == 0 else f"{csrf_age // 86400} days"
    )
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in as you move between pages, and remembers a search or a form "
            "step you are part way through.",
            session_lasts,
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            "Protects the forms you fill in from being sent by another website pretending to "
            "be you.",
            csrf_lasts,
        ),
        Cookie(
            getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
            "Carries a one-off notice, such as “Your profile has been saved”, to the next page.",
            "Until the notice has been shown",
        ),
    ]

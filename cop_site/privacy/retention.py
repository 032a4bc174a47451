"""Applying the declared retention periods: `manage.py apply_retention` runs every provider's
rules, each on the rows older than now minus its period.

Each rule runs in its own transaction, so one rule that fails leaves the others' work done
(and its own undone); the failure is reported, and the command exits with an error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from . import registry
from .registry import RetentionRule

log = logging.getLogger(__name__)


def delete_older(rows: QuerySet[Any], cutoff: datetime, *, field: str, dry_run: bool) -> int:
    """Deletes the rows of `rows` whose `field` is before `cutoff`, or with `dry_run` only
    counts them; returns how many of `rows`' own model (not the rows deleted with them)."""
    old = rows.filter(**{f"{field}__lt": cutoff})
    if dry_run:
        return old.count()
    _, per_model = old.delete()
    return per_model.get(old.model._meta.label, 0)


def describe_period(period: timedelta | None) -> str:
    """A period in words: "12 hours", "7 days", "1 year", "6 years"."""
    if period is None:
        return "no set period"
    days = period.days
    if days == 0:
        hours = period.seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''}"
    if days >= 365 and days % 365 == 0:
        years = days // 365
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


@dataclass(frozen=True)
class RetentionOutcome:
    """What one rule did (or, in a dry run, would do)."""

    area: str
    key: str
    label: str
    period: timedelta | None
    cutoff: datetime | None
    count: int
    verb: str
    units: tuple[str, str]
    dry_run: bool
    error: str = ""

    @property
    def skipped(self) -> bool:
        return self.cutoff is None

    def describe(self) -> str:
        """One line for the command's report, e.g. "Sign-ups whose email address was never
        confirmed (7 days): 2 accounts would be deleted"."""
        heading = f"{self.label} ({describe_period(self.period)})"
        if self.error:
            return f"{heading}: failed, nothing was changed ({self.error})"
        if self.skipped:
            return f"{heading}: kept until the account is erased, nothing to do"
        unit = self.units[0] if self.count == 1 else self.units[1]
        if self.dry_run:
            return f"{heading}: {self.count} {unit} would be {self.verb}"
        return f"{heading}: {self.count} {unit} {'was' if self.count == 1 else 'were'} {self.verb}"


def _apply(rule: RetentionRule, cutoff: datetime, *, dry_run: bool) -> int:
    with transaction.atomic():
        return int(rule.apply(cutoff, dry_run=dry_run))


def apply_retention(*, now: datetime, dry_run: bool) -> list[RetentionOutcome]:
    """Runs every declared retention rule as of `now`. With `dry_run`, nothing changes and
    each outcome says how many rows would be affected."""
    outcomes: list[RetentionOutcome] = []
    for found, rule in registry.retention_rules():
        cutoff = registry.cutoff(rule, now)
        count, error = 0, ""
        if cutoff is not None:
            try:
                count = _apply(rule, cutoff, dry_run=dry_run)
            except Exception as failure:  # noqa: BLE001 (one broken rule must not stop the rest)
                log.exception("Retention rule %s.%s failed", found.area, rule.key)
                error = (
                    f"{type(failure).__name__}: {failure}"
                    if str(failure)
                    else type(failure).__name__
                )
        outcomes.append(
            RetentionOutcome(
                area=found.area,
                key=rule.key,
                label=rule.label,
                period=rule.retention.resolve(),
                cutoff=cutoff,
                count=count,
                verb=rule.verb,
                units=rule.units,
                dry_run=dry_run,
                error=error,
            )
        )
    return outcomes


def rule_for(key: str) -> RetentionRule | None:
    """The declared rule with this key (``"sign_in_addresses"``), for pages that say how long
    something is kept."""
    for _found, rule in registry.retention_rules():
        if rule.key == key:
            return rule
    return None

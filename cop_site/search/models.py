"""Saved searches: a member keeps a search to run again, and may be emailed weekly about it.

A saved search is the search page's URL query string, so running it again is a link and
nothing about the search page's options has to be copied here. The query string is stored
normalised (no ``page``, no empty values, keys in order), so the same search saved twice
is recognised as one.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from cop_site.accounts.models import User

    from .kinds import SearchKind

# Parameters that change which page of results is shown, not what is searched for.
IGNORED_PARAMETERS = frozenset({"page"})
MAX_QUERY_STRING_LENGTH = 2000
ALERT_INTERVAL = datetime.timedelta(days=7)
ALERT_LEEWAY = datetime.timedelta(minutes=30)
NAME_MAX_LENGTH = 100


def normalise_query_string(query_string: str) -> str:
    """The canonical form of a search's query string: the same search always gives the same text.

    Drops ``page``, empty values and repeats, trims values, and puts the parameters in order of
    name (a repeated parameter keeps the order of its values).
    """
    pairs: list[tuple[str, str]] = []
    for key, value in parse_qsl(query_string.strip().lstrip("?"), keep_blank_values=True):
        key, value = key.strip(), value.strip()
        if key and value and key not in IGNORED_PARAMETERS and (key, value) not in pairs:
            pairs.append((key, value))
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def query_parameters(query_string: str) -> dict[str, list[str]]:
    parameters: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=False):
        parameters.setdefault(key, []).append(value)
    return parameters


def _facet_kinds() -> list[SearchKind]:
    from .kinds import registered_kinds

    return [kind for kind in registered_kinds() if kind.has_facets]


def filter_parameters() -> list[str]:
    """The facet parameters of the search page's URL, from every kind that has facets."""
    names: list[str] = []
    for kind in _facet_kinds():
        names.extend(name for name in kind.facet_names if name not in names)
    return names


def is_searchable(query_string: str) -> bool:
    """Whether there is anything to search for: some search text or at least one filter."""
    parameters = query_parameters(query_string)
    return bool(parameters.get("q")) or any(parameters.get(name) for name in filter_parameters())


def filter_labels(names: Collection[str] | None = None) -> dict[str, tuple[str, dict[str, str]]]:
    """For each facet parameter: what it is called in a sentence, and the names people know its
    URL values by, as the kind that owns it says. Pass ``names`` to look up only those
    parameters' values (some take a query each)."""
    labels: dict[str, tuple[str, dict[str, str]]] = {}
    for kind in _facet_kinds():
        module = kind.module
        if module is None:
            continue
        own = [name for name in kind.facet_names if name not in labels]
        wanted = own if names is None else [name for name in own if name in names]
        values = module.facet_labels(wanted)
        for name in own:
            labels[name] = (module.FACET_NAMES.get(name, name), values.get(name, {}))
    return labels


def default_name(query_string: str) -> str:
    """A name for a saved search that someone has not named: its search text, or a summary."""
    q = " ".join(query_parameters(query_string).get("q", []))
    name = q or SavedSearch(query_string=query_string).describe()
    if len(name) > NAME_MAX_LENGTH:
        name = name[: NAME_MAX_LENGTH - 1].rstrip() + "…"
    return name


class SavedSearchQuerySet(models.QuerySet["SavedSearch"]):
    def owned_by(self, user: User | AnonymousUser) -> SavedSearchQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def due_for_alert(self, now: datetime.datetime) -> SavedSearchQuerySet:
        """Searches with alerts on whose last alert is a week old or more.

        The daily run does not start at exactly the same second every day, so a run up to
        ``ALERT_LEEWAY`` earlier than a week after the last one still counts as a week on;
        otherwise a few seconds' difference would put that week's email off by a day.
        """
        return self.filter(alerts=True, last_alerted_at__lte=now - ALERT_INTERVAL + ALERT_LEEWAY)


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    query_string = models.CharField(
        max_length=MAX_QUERY_STRING_LENGTH,
        help_text="The search page's query string, normalised (see normalise_query_string).",
    )
    alerts = models.BooleanField(
        "weekly email", default=False, help_text="Email the member weekly about new matches."
    )
    last_alerted_at = models.DateTimeField(
        default=timezone.now,
        help_text="Only resources first published after this are sent in the next alert.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "saved search"
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "query_string"], name="cop_search_saved_search_once_per_user"
            )
        ]
        indexes = [models.Index(fields=["alerts", "last_alerted_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def parameters(self) -> dict[str, list[str]]:
        return query_parameters(self.query_string)

    @property
    def search_text(self) -> str:
        return " ".join(self.parameters.get("q", []))

    def describe(self, labels: dict[str, tuple[str, dict[str, str]]] | None = None) -> str:
        """A summary in words: the search text, what kind of results, and the filters.

        Pass ``labels`` (from :func:`filter_labels`) when describing many searches at once.
        """
        parameters = self.parameters
        if labels is None:
            labels = filter_labels(names=parameters)
        from .kinds import get_kind

        q = self.search_text
        kind = get_kind((parameters.get("kind") or [""])[0])
        if q:
            summary = f"“{q}”" + (f" in {kind.label.lower()} only" if kind else "")
        else:
            # Filters without search text: all the things of the kind whose filters they are.
            kind = kind or next(
                (k for k in _facet_kinds() if any(parameters.get(n) for n in k.facet_names)),
                None,
            )
            summary = f"All {kind.label.lower()}" if kind else "Everything"
        parts = [summary]
        for name, (called, known) in labels.items():
            values = parameters.get(name)
            if values:
                shown = " or ".join(known.get(value, value) for value in values)
                parts.append(f"{called}: {shown}")
        return ", ".join(parts)


SYNONYM_TERM_MAX_LENGTH = 100
SYNONYM_GROUP_MAX_TERMS = 12


def split_terms(text: str) -> list[str]:
    """The terms of a synonym group as typed, one a line, blank lines and repeats left out."""
    terms: dict[str, str] = {}
    for line in text.splitlines():
        term = " ".join(line.split())
        if term:
            terms.setdefault(term.casefold(), term)
    return list(terms.values())


class SynonymGroup(models.Model):
    """Terms that mean the same in social work: an acronym and what it stands for, or two names
    for one thing. A search for any of them also looks for the others."""

    terms = models.TextField(
        help_text=(
            "One term a line, for example “MCA” and “Mental Capacity Act”. A search for any of"
            " them also finds the others; a term of several words is looked for as a phrase."
        )
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: what the terms mean or where they are used, for other educators.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "search synonym"
        verbose_name_plural = "search synonyms"

    def __str__(self) -> str:
        return " ⇄ ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self) -> None:
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": "Give at least two terms, one a line."})
        if len(terms) > SYNONYM_GROUP_MAX_TERMS:
            raise ValidationError(
                {"terms": f"A group holds at most {SYNONYM_GROUP_MAX_TERMS} terms."}
            )
        for term in terms:
            if len(term) > SYNONYM_TERM_MAX_LENGTH:
                raise ValidationError(
                    {"terms": f"“{term[:40]}…” is longer than {SYNONYM_TERM_MAX_LENGTH} letters."}
                )
            if not any(ch.isalnum() for ch in term):
                raise ValidationError({"terms": f"“{term}” has no letters or numbers to search."})
        # Stored as shown, so the list in the admin reads the same as the form.
        self.terms = "\n".join(terms)


class IndexOperationQuerySet(models.QuerySet["IndexOperation"]):
    def for_index(self, index: str) -> IndexOperationQuerySet:
        return self.filter(index=index)

    def waiting(self) -> IndexOperationQuerySet:
        """Operations that no flush has applied yet."""
        return self.filter(applied_at__isnull=True)


class IndexOperation(models.Model):
    """One change to a search index, written in the same transaction as the change itself.

    This is the index's outbox: a save or delete that is rolled back leaves no operation, and
    the single writer (the flush, under the index's writer lock) applies the rest in order of
    ``seq``. An operation is normally removed once applied; while a rebuild is in progress it is
    kept, marked applied, so the rebuild can apply it again to the index it is building.
    """

    class Op(models.TextChoices):
        PUT = "put", "add or replace"
        DELETE = "delete", "remove"
        CLEAR = "clear", "remove everything"

    seq = models.BigAutoField(primary_key=True)
    index = models.CharField(max_length=500, help_text="The index directory it belongs to.")
    op = models.CharField(max_length=10, choices=Op.choices)
    doc_id = models.CharField(max_length=255, blank=True)
    # For a put of a model instance, the document is built from the stored row when the
    # operation is applied, so that what reaches the index is what was committed.
    model = models.CharField(max_length=100, blank=True)
    object_pk = models.CharField(max_length=255, blank=True)
    # For a put of a ready-made document (as JSON), used when there is no model instance.
    body = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)

    objects = IndexOperationQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["index", "applied_at", "seq"], name="cop_search_op_waiting")
        ]

    def __str__(self) -> str:
        return f"{self.seq}: {self.op} {self.doc_id}"

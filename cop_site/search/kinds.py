"""The kinds of thing the search page finds, declared by the apps that own them.

An app lists ``SearchKind`` objects in a ``search_kinds`` attribute on its AppConfig (as it lists
``nav_items``). A kind names its model and, optionally, an integration module offering:

* ``base_queryset()``: the items of this kind anyone might find (before visibility);
* ``texts_containing(fragment, queryset)``: text of the items in ``queryset`` (those the searcher
  may read) containing ``fragment``, from which engines without a vocabulary expand ``word*``;
* ``condition(field, value) -> Q | None``: the database condition for ``field:value`` (``title``
  or one of the kind's ``fields``), or None when the kind has no such field (then nothing of this
  kind matches it);
* ``FACETS``, ``read_facets(data)``, ``apply_facets(queryset, chosen)`` and
  ``facet_counts(ids, chosen)``: the kind's facets, if it has any; with them ``FACET_NAMES``
  (what each facet is called in a sentence) and ``facet_labels(names)`` (the names people know
  each facet's URL values by), which describe saved searches.

A kind also declares, on the ``SearchKind`` itself:

* ``fields``: the ``SearchableField``s people may type as ``name:value`` (``title:`` works for
  every kind). The search box's parser knows exactly the fields the kinds declare, and the tips
  page lists them;
* ``alerts``: ``KindAlerts`` when a saved search may email members about what is new of this
  kind, naming the field that says when an item became new. A saved search of no kind is
  emailed about every kind that has alerts (or, when it has filters, the kind they belong to);
* ``tips``: ``SearchTips``, the templates the kind adds to the search tips page (how to use its
  fields, what its filters are, how to judge what it finds).

Wagtail pages that no app claims are found as "Pages". Visibility is not declared here but on the
model, as its one rule (:mod:`cop_site.visibility`), which every search applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db.models import Model, Q, QuerySet


@dataclass(frozen=True)
class SearchableField:
    """A field people can name in the search box: ``author:munro``."""

    name: str  # what the kind's ``condition`` receives: "author"
    finds: str  # for the tips page's table of symbols: "Resources by that author"
    example: str  # a search showing it: "author:munro"
    aliases: tuple[str, ...] = ()  # other names that mean the same field: "authors"


# Every kind has a title; ``SearchKind.condition`` matches it unless the kind says otherwise.
TITLE_FIELD = SearchableField("title", "Words in the title", 'title:"mental capacity"')


@dataclass(frozen=True)
class KindAlerts:
    """What a saved search's weekly email needs to know about a kind."""

    # The date and time an item became something to tell people about (first published): an
    # email lists the items whose value is after the last email's, newest first.
    new_since: str = "first_published_at"


@dataclass(frozen=True)
class SearchTips:
    """Templates a kind adds to sections of the search tips page; each is optional."""

    fields: str = ""  # rows of the list of fields (``govuk-summary-list__row``), one a field
    combining: str = ""  # after that list: using the kind's fields together
    filters: str = ""  # what the kind's filters are
    judging: str = ""  # how to judge what the kind finds


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str  # plural, as a heading: "Resources"
    model_label: str  # "app_label.ModelName"
    order: int = 100
    integration: str | None = None  # dotted path of the module described above
    result_template: str = "search/includes/result.html"
    singular: str = ""
    fields: tuple[SearchableField, ...] = ()
    alerts: KindAlerts | None = None
    tips: SearchTips = SearchTips()

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)

    @cached_property
    def module(self) -> ModuleType | None:
        return import_module(self.integration) if self.integration else None

    @property
    def has_facets(self) -> bool:
        return bool(self.module and getattr(self.module, "FACETS", None))

    @property
    def noun(self) -> str:
        return self.singular or self.label.lower().rstrip("s")

    @property
    def plural(self) -> str:
        return self.label.lower()

    @property
    def facet_names(self) -> tuple[str, ...]:
        """The URL parameters of the kind's facets, if it has any."""
        return tuple(getattr(self.module, "FACETS", ())) if self.module else ()

    def base_queryset(self) -> QuerySet[Any]:
        if self.module and hasattr(self.module, "base_queryset"):
            queryset: QuerySet[Any] = self.module.base_queryset()
            return queryset
        return self.model._default_manager.all()

    def condition(self, field: str, value: str) -> Q | None:
        if self.module and hasattr(self.module, "condition"):
            condition: Q | None = self.module.condition(field, value)
            return condition
        if field == "title":
            return Q(title__icontains=value)
        return None


class PagesKind(SearchKind):
    """Every live Wagtail page not claimed by another kind (the home page, guidance pages…)."""

    def base_queryset(self) -> QuerySet[Any]:
        from wagtail.models import Page

        claimed = [
            kind.model
            for kind in registered_kinds(include_pages=False)
            if issubclass(kind.model, Page)
        ]
        pages = Page.objects.live().filter(depth__gt=1)
        unclaimed: QuerySet[Any] = pages.not_type(*claimed) if claimed else pages
        return unclaimed


PAGES = PagesKind("pages", "Pages", "wagtailcore.Page", order=900, singular="page")


def registered_kinds(include_pages: bool = True) -> list[SearchKind]:
    kinds: list[SearchKind] = []
    for config in apps.get_app_configs():
        kinds.extend(getattr(config, "search_kinds", ()))
    if include_pages:
        kinds.append(PAGES)
    return sorted(kinds, key=lambda k: k.order)


def get_kind(key: str) -> SearchKind | None:
    return next((k for k in registered_kinds() if k.key == key), None)


# --- Fields, alerts and tips, gathered from every kind -------------------------------------------


def searchable_fields() -> list[SearchableField]:
    """``title`` and then every field a kind declares, each once, in the kinds' order."""
    fields = [TITLE_FIELD]
    for kind in registered_kinds():
        fields.extend(f for f in kind.fields if all(f.name != known.name for known in fields))
    return fields


def field_names() -> dict[str, str]:
    """What people may type before a colon, with the field each one means."""
    names: dict[str, str] = {}
    for field in searchable_fields():
        for typed in (field.name, *field.aliases):
            names.setdefault(typed.lower(), field.name)
    return names


def in_words(names: list[str], last: str = "and") -> str:
    """``names`` as a sentence lists them: "title, author and topic"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def alerting_kinds() -> list[SearchKind]:
    """The kinds a saved search may email members about."""
    return [kind for kind in registered_kinds() if kind.alerts is not None]


def tips_templates() -> dict[str, list[str]]:
    """For each section of the search tips page, the templates the kinds add to it."""
    kinds = registered_kinds()
    sections = ("fields", "combining", "filters", "judging")
    return {
        section: [t for kind in kinds if (t := getattr(kind.tips, section))] for section in sections
    }

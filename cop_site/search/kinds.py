"""The kinds of thing the search page finds, declared by the apps that own them.

An app lists ``SearchKind`` objects in a ``search_kinds`` attribute on its AppConfig (as it lists
``nav_items``). A kind names its model and, optionally, an integration module offering:

* ``base_queryset()``: the items of this kind anyone might find (before visibility);
* ``condition(field, value) -> Q | None``: the database condition for ``field:value`` (title,
  author, topic, source), or None when the kind has no such field (then nothing of this kind
  matches it);
* ``FACETS``, ``read_facets(data)``, ``apply_facets(queryset, chosen)`` and
  ``facet_counts(ids, chosen)``: the kind's facets, if it has any; with them ``FACET_NAMES``
  (what each facet is called in a sentence) and ``facet_labels(names)`` (the names people know
  each facet's URL values by), which describe saved searches.

Wagtail pages that no app claims are found as "Pages". Visibility is not declared here but on the
model (see :mod:`cop_site.search.visibility`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import import_module

from django.apps import apps
from django.db.models import Q


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str  # plural, as a heading: "Resources"
    model_label: str  # "app_label.ModelName"
    order: int = 100
    integration: str | None = None  # dotted path of the module described above
    result_template: str = "search/includes/result.html"
    singular: str = ""

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @cached_property
    def module(self):
        return import_module(self.integration) if self.integration else None

    @property
    def has_facets(self) -> bool:
        return bool(self.module and getattr(self.module, "FACETS", None))

    @property
    def noun(self) -> str:
        return self.singular or self.label.lower().rstrip("s")

    def base_queryset(self):
        if self.module and hasattr(self.module, "base_queryset"):
            return self.module.base_queryset()
        return self.model._default_manager.all()

    def condition(self, field: str, value: str) -> Q | None:
        if self.module and hasattr(self.module, "condition"):
            return self.module.condition(field, value)
        if field == "title":
            return Q(title__icontains=value)
        return None


class PagesKind(SearchKind):
    """Every live Wagtail page not claimed by another kind (the home page, guidance pages…)."""

    def base_queryset(self):
        from wagtail.models import Page

        claimed = [
            kind.model
            for kind in registered_kinds(include_pages=False)
            if issubclass(kind.model, Page)
        ]
        pages = Page.objects.live().filter(depth__gt=1)
        return pages.not_type(*claimed) if claimed else pages


PAGES = PagesKind("pages", "Pages", "wagtailcore.Page", order=900, singular="page")


def registered_kinds(include_pages=True) -> list[SearchKind]:
    kinds = []
    for config in apps.get_app_configs():
        kinds.extend(getattr(config, "search_kinds", ()))
    if include_pages:
        kinds.append(PAGES)
    return sorted(kinds, key=lambda k: k.order)


def get_kind(key: str) -> SearchKind | None:
    return next((k for k in registered_kinds() if k.key == key), None)

"""Which models hold personal data that no privacy provider declares, and which declarations
no longer match the code.

A model is linked to members when one of its own relations (a foreign key, one-to-one or
many-to-many declared on it, not the pointer to a parent in multi-table inheritance) leads to
the user model, directly or through a chain of such relations: a rating names its member; a
rendition names an image, which names who uploaded it. Every linked model must be covered by a
`Holding` or a `NotPersonal` entry of some provider, so that a new model cannot forget privacy:
its data would otherwise be missed by the download, the erasure and the notice.

Declarations must not rot either: a holding that names a field the model no longer has, or a
model that is not installed, is reported too. `tests/privacy/test_coverage.py` fails on any of
these (see `problems`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model

from . import registry

ModelClass = type[Model]


def _links(model: ModelClass) -> Iterator[ModelClass]:
    """The models `model`'s own relations point at (concrete models, so a proxy of the user
    model counts as the user model)."""
    for field in (*model._meta.local_fields, *model._meta.local_many_to_many):
        remote = field.remote_field
        if remote is None or getattr(remote, "parent_link", False):
            continue
        target = field.related_model
        if isinstance(target, type) and issubclass(target, Model):
            yield target._meta.concrete_model or target


def linked_models(models: Iterable[ModelClass], user_model: ModelClass) -> set[ModelClass]:
    """Every model of `models` whose own relations lead to `user_model`, directly or through a
    chain of relations between models of `models`.

    Proxy models are left out: they share their concrete model's table, which is what is
    checked. The user model itself is included only if it links to itself.
    """
    candidates = [model for model in models if not model._meta.proxy]
    targets = {model: set(_links(model)) for model in candidates}
    reached: set[ModelClass] = {user_model._meta.concrete_model or user_model}
    linked: set[ModelClass] = set()
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model not in linked and targets[model] & reached:
                linked.add(model)
                reached.add(model)
                grew = True
    return linked


def _label(model: ModelClass) -> str:
    return model._meta.label


def uncovered_models(models: Iterable[ModelClass] | None = None) -> list[str]:
    """The labels of the models linked to members (or the user model itself) that no provider
    declares, sorted. `models` defaults to every installed model."""
    user_model = get_user_model()
    found = list(apps.get_models() if models is None else models)
    must_cover = linked_models(found, user_model) | {user_model}
    covered = registry.covered_models()
    return sorted(_label(model) for model in must_cover if model._meta.label_lower not in covered)


def _own_field_names(model: ModelClass) -> set[str]:
    """The names of the fields declared on `model` or inherited, without reverse relations."""
    return {
        field.name
        for field in model._meta.get_fields(include_hidden=True)
        if field.concrete or not field.auto_created
    }


@dataclass(frozen=True)
class StaleDeclaration:
    """A provider's declaration that no longer matches the code."""

    area: str
    model: str
    problem: str

    def __str__(self) -> str:
        return f"{self.area}: {self.model}: {self.problem}"


def stale_declarations() -> list[StaleDeclaration]:
    """Holdings and `not_personal` entries naming a model that is not installed, holdings
    naming a field the model does not have, and models declared more than once."""
    stale: list[StaleDeclaration] = []
    declared_by: dict[str, str] = {}
    for provider in registry.providers():
        entries: list[registry.Holding | registry.NotPersonal] = [
            *provider.holdings,
            *provider.not_personal,
        ]
        for entry in entries:
            key = entry.model.lower()
            if key in declared_by:
                stale.append(
                    StaleDeclaration(
                        provider.area, entry.model, f"also declared by {declared_by[key]!r}"
                    )
                )
            declared_by.setdefault(key, provider.area)
            try:
                model = apps.get_model(entry.model)
            except (LookupError, ValueError):
                stale.append(StaleDeclaration(provider.area, entry.model, "no such model"))
                continue
            if isinstance(entry, registry.Holding):
                names = _own_field_names(model)
                stale.extend(
                    StaleDeclaration(provider.area, entry.model, f"no field {name!r}")
                    for name in entry.fields
                    if name not in names
                )
    return stale


def problems(models: Iterable[ModelClass] | None = None) -> list[str]:
    """Everything the coverage test fails on, as sentences: the uncovered models, then the
    stale declarations."""
    return [
        *(
            f"{label} is linked to members but no privacy provider declares it"
            for label in uncovered_models(models)
        ),
        *(str(entry) for entry in stale_declarations()),
    ]

"""Turn indexed model instances into index documents, and name their fields.

Index field names are derived from ``search_fields`` so that the document side and the query side
agree: a search field ``title`` becomes ``title`` (the engine adds its own suffixes), a filter field
becomes ``<attname>__<kind>`` and a field reached through ``RelatedFields("authors", ...)`` is
prefixed ``authors__``. The kind suffix records the value type, so that one name never carries two
types; a leading ``r`` marks fields that can hold several values (no sort column).
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField

INT_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
KIND_BY_TYPE = {
    "BooleanField": "b",
    "NullBooleanField": "b",
    "FloatField": "f",
    "DecimalField": "f",
    "DateField": "dt",
    "DateTimeField": "d",
    "TimeField": "tm",
    "DurationField": "i",
}


def filter_kind(field_type: str) -> str:
    if field_type in INT_TYPES:
        return "i"
    return KIND_BY_TYPE.get(field_type, "s")


def is_multi_valued(filter_field: Any, model: Any) -> bool:
    try:
        field = filter_field.get_field(model)
    except Exception:
        return False
    return bool(getattr(field, "many_to_many", False) or getattr(field, "one_to_many", False))


def filter_field_name(path: Sequence[Any], model: Any) -> tuple[str, str]:
    """Index field name for a filter path: zero or more RelatedFields, then a FilterField."""
    prefix: list[str] = []
    related = False
    for related_fields in path[:-1]:
        prefix.append(related_fields.field_name)
        model = related_fields.get_field(model).related_model
        related = True
    filter_field = path[-1]
    kind = filter_kind(filter_field.get_type(model))
    if related or is_multi_valued(filter_field, model):
        kind = "r" + kind
    return "__".join([*prefix, filter_field.get_attname(model), kind]), kind.lstrip("r")


def clean_filter_value(value: Any, kind: str) -> Any:
    """A filter value in the form the engine stores (and the journal can carry as JSON)."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        value = value.pk
    if kind == "b":
        return int(bool(value))
    if kind == "i":
        if isinstance(value, datetime.timedelta):
            return value // datetime.timedelta(microseconds=1)
        return int(value)
    if kind == "f":
        return float(value)
    if kind == "tm":
        if isinstance(value, str):
            value = datetime.time.fromisoformat(value)
        return (
            value.hour * 3600 + value.minute * 60 + value.second
        ) * 1_000_000 + value.microsecond
    if kind == "dt":
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        return value.isoformat()
    if kind == "d":
        if isinstance(value, str):
            value = datetime.datetime.fromisoformat(value)
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime(value.year, value.month, value.day)
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, (uuid.UUID, decimal.Decimal)):
        return str(value)
    return force_str(value)


def engine_filter_value(value: Any, kind: str) -> Any:
    """A filter value as the engine compares it (dates as datetimes)."""
    value = clean_filter_value(value, kind)
    if value is None:
        return None
    if kind in ("d", "dt"):
        return datetime.datetime.fromisoformat(value)
    return value


def from_engine_value(value: Any, kind: str) -> Any:
    """Back from a stored filter value to the Python value Django would give."""
    if value is None:
        return None
    if kind == "b":
        return bool(value)
    if kind == "dt":
        return value.date() if isinstance(value, datetime.datetime) else value
    if kind == "d":
        if isinstance(value, datetime.datetime) and timezone.is_naive(value):
            from django.conf import settings

            if settings.USE_TZ:
                return value.replace(tzinfo=datetime.UTC)
        return value
    if kind == "tm":
        micro = int(value)
        seconds, micro = divmod(micro, 1_000_000)
        return datetime.time(seconds // 3600, (seconds // 60) % 60, seconds % 60, micro)
    return value


def _values(value: Any) -> list[Any]:
    """Flatten a field value into a list of items."""
    if value is None:
        return []
    if isinstance(value, (models.Manager, models.QuerySet)):
        return list(value.all())
    if isinstance(value, (list, tuple, set)):
        out: list[Any] = []
        for item in value:
            out.extend(_values(item))
        return out
    if isinstance(value, dict):
        return _values(list(value.values()))
    return [value]


def _text(value: Any) -> list[str]:
    out = []
    for item in _values(value):
        if isinstance(item, models.Model):
            item = str(item)
        text = force_str(item)
        if text:
            out.append(text)
    return out


def _related_objects(related_fields: Any, obj: Any) -> list[Any]:
    value = related_fields.get_value(obj)
    if value is None:
        return []
    if isinstance(value, (models.Manager, models.QuerySet)):
        return list(value.all())
    if callable(value):
        value = value()
    return [value] if value is not None else []


def content_types(model: Any) -> list[str]:
    out = []
    cls = model
    while cls is not None:
        out.append(cls.indexed_get_content_type())
        cls = cls.indexed_get_parent()
    return out


def document_id(obj: Any) -> str:
    return f"{obj._meta.model.indexed_get_toplevel_content_type()}:{obj.pk}"


def pk_as_int(model: Any, pk: Any) -> int | None:
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    if field.get_internal_type() in INT_TYPES:
        return int(pk)
    return None


class DocumentBuilder:
    def __init__(self, obj: Any) -> None:
        self.obj = obj
        self.model = obj._meta.model
        self.text: dict[str, list[str]] = {}
        self.ac: dict[str, list[str]] = {}
        self.filters: dict[str, Any] = {}
        self.nulls: list[str] = []

    def build(self) -> dict[str, Any]:
        self._walk(self.model.get_search_fields(), [self.obj], self.model, prefix="", related=False)
        return {
            "id": document_id(self.obj),
            "pk": str(self.obj.pk),
            "pkint": pk_as_int(self.model, self.obj.pk),
            "ct": content_types(self.model),
            "nulls": self.nulls,
            "text": self.text,
            "ac": self.ac,
            "filters": self.filters,
        }

    def _walk(
        self, search_fields: Iterable[Any], objs: list[Any], model: Any, prefix: str, related: bool
    ) -> None:
        for field in search_fields:
            if isinstance(field, SearchField):
                name = prefix + field.field_name
                values = [t for o in objs for t in _text(field.get_value(o))]
                if values:
                    self.text.setdefault(name, []).extend(values)
            elif isinstance(field, AutocompleteField):
                name = prefix + field.field_name
                values = [t for o in objs for t in _text(field.get_value(o))]
                if values:
                    self.ac.setdefault(name, []).extend(values)
            elif isinstance(field, FilterField):
                self._filter(field, objs, model, prefix, related)
            elif isinstance(field, RelatedFields):
                try:
                    sub_model = field.get_field(model).related_model
                except FieldDoesNotExist:
                    continue  # the model check (modelsearch.W004) reports this
                sub_objs = [s for o in objs for s in _related_objects(field, o)]
                self._walk(
                    field.fields, sub_objs, sub_model, prefix + field.field_name + "__", True
                )

    def _filter(self, field: Any, objs: list[Any], model: Any, prefix: str, related: bool) -> None:
        kind = filter_kind(field.get_type(model))
        multi = related or is_multi_valued(field, model)
        name = prefix + field.get_attname(model) + "__" + ("r" if multi else "") + kind
        values: list[Any] = []
        for o in objs:
            for item in _values(field.get_value(o)):
                cleaned = clean_filter_value(item, kind)
                if cleaned is not None:
                    values.append(cleaned)
        if multi:
            existing = self.filters.setdefault(name, [])
            existing.extend(v for v in values if v not in existing)
            if not existing:
                del self.filters[name]
                if name not in self.nulls:
                    self.nulls.append(name)
            elif name in self.nulls:
                self.nulls.remove(name)
        elif values:
            self.filters[name] = values[0]
        else:
            self.nulls.append(name)


def build_document(obj: Any) -> dict[str, Any]:
    return DocumentBuilder(obj).build()


def text_fields(
    model: Any, names: Iterable[str] | None = None, kind: type[Any] = SearchField
) -> dict[str, float]:
    """{index field name: boost} for the model and its indexed subclasses.

    A search on a parent model also matches text that only a subclass indexes, as the other
    backends do. ``names`` restricts the result to the given top-level field names.
    """
    from modelsearch.index import get_indexed_models

    models_ = [model] + [m for m in get_indexed_models() if m is not model and issubclass(m, model)]
    out: dict[str, float] = {}
    for m in models_:
        _collect_text_fields(m.get_search_fields(), "", out, names, kind, top=True)
    return out


def _collect_text_fields(
    search_fields: Iterable[Any],
    prefix: str,
    out: dict[str, float],
    names: Iterable[str] | None,
    kind: type[Any],
    top: bool,
) -> None:
    for field in search_fields:
        if isinstance(field, RelatedFields):
            if names is not None and top:
                continue
            _collect_text_fields(
                field.fields, prefix + field.field_name + "__", out, None, kind, False
            )
        elif isinstance(field, kind) and type(field) is kind:
            if names is not None and top and field.field_name not in names:
                continue
            name = prefix + field.field_name
            boost = getattr(field, "boost", None) or 1.0
            out.setdefault(name, float(boost))

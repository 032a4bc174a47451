"""Compiling modelsearch queries and Django filters into engine query nodes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, OrderBy
from django.db.models.expressions import Col, Subquery
from django.db.models.lookups import Lookup
from django.db.models.sql.constants import MULTI, SINGLE
from django.db.models.sql.query import Query
from modelsearch import query as msq
from modelsearch.backends.base import (
    BaseSearchQueryCompiler,
    OrderByFieldError,
)
from modelsearch.index import AutocompleteField, SearchField

from .. import engine
from ..documents import (
    engine_filter_value,
    filter_field_name,
    filter_kind,
    is_multi_valued,
    pk_as_int,
    text_fields,
)

# (index field name, kind, reverse, nulls first: None for the default)
SortKey = tuple[str, str, bool, bool | None]


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True
    TEXT_FIELD_KIND = SearchField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._multi_valued_lookups = 0
        self._ptr_lookup = False

    # Filters ------------------------------------------------------------------------------

    def _get_filters_from_where_node(
        self, where_node: Any, check_only: bool = False
    ) -> engine.Node | None:
        if (
            isinstance(where_node, Lookup)
            and isinstance(where_node.lhs, Col)
            and where_node.lhs.target.attname.endswith("_ptr_id")
        ):
            # A filter on a parent link is a filter on the primary key of the indexed object.
            if check_only:
                return None
            return self._pk_lookup(str(where_node.lookup_name), where_node.rhs)
        node: engine.Node | None = super()._get_filters_from_where_node(
            where_node, check_only=check_only
        )
        return node

    def _pk_lookup(self, lookup: str, value: Any) -> engine.Node | None:
        model = self.queryset.model
        use_int = pk_as_int(model, 0) is not None
        field = "doc_pkint" if use_int else "doc_pk"
        kind = "i" if use_int else "s"

        def clean(v: Any) -> int | str:
            return int(v) if use_int else str(v)

        if lookup == "exact":
            value = self._resolve_single(value)
            return engine.MatchNone() if value is None else engine.FilterTerm(field, clean(value))
        if lookup == "in":
            values = self._resolve_many(value)
            return engine.Or([engine.FilterTerm(field, clean(v)) for v in values])
        return self._range_lookup(field, kind, lookup, value)

    def _resolve_single(self, value: Any) -> Any:
        if isinstance(value, (Query, Subquery)):
            query = value.query if isinstance(value, Subquery) else value
            db_alias = self.queryset._db or DEFAULT_DB_ALIAS
            row = query.get_compiler(db_alias).execute_sql(result_type=SINGLE)
            return row[0] if row else None
        return value

    def _resolve_many(self, value: Any) -> list[Any]:
        if isinstance(value, (Query, Subquery)):
            query = value.query if isinstance(value, Subquery) else value
            db_alias = self.queryset._db or DEFAULT_DB_ALIAS
            result = query.get_compiler(db_alias).execute_sql(result_type=MULTI)
            return [row[0] for chunk in result for row in chunk]
        return list(value)

    def _process_lookup(self, field_path: Any, lookup: str, value: Any) -> engine.Node | None:
        name, kind = filter_field_name(field_path, self.queryset.model)
        if name.rsplit("__", 1)[1].startswith("r"):
            self._multi_valued_lookups += 1
        if lookup == "exact":
            value = self._resolve_single(value)
            if value is None:
                return engine.FilterTerm("doc_nulls", name)
            return engine.FilterTerm(name, engine_filter_value(value, kind))
        if lookup == "isnull":
            node = engine.FilterTerm("doc_nulls", name)
            return node if value else engine.Not(node)
        if lookup in ("startswith", "prefix") and kind == "s":
            return engine.FilterPrefix(name, engine_filter_value(value, kind))
        if lookup == "in":
            values = [engine_filter_value(v, kind) for v in self._resolve_many(value)]
            return engine.Or([engine.FilterTerm(name, v) for v in values if v is not None])
        if lookup in ("gt", "gte", "lt", "lte", "range"):
            return self._range_lookup(name, kind, lookup, value)
        return None

    def _range_lookup(self, name: str, kind: str, lookup: str, value: Any) -> engine.Node | None:
        if lookup == "range":
            lower, upper = value
            return engine.FilterRange(
                name, engine_filter_value(lower, kind), engine_filter_value(upper, kind)
            )
        value = engine_filter_value(self._resolve_single(value), kind)
        if lookup == "gt":
            return engine.FilterRange(name, value, None, startexcl=True)
        if lookup == "gte":
            return engine.FilterRange(name, value, None)
        if lookup == "lt":
            return engine.FilterRange(name, None, value, endexcl=True)
        if lookup == "lte":
            return engine.FilterRange(name, None, value)
        return None

    def _process_match_none(self) -> engine.Node:
        return engine.MatchNone()

    def _connect_filters(
        self, filters: Iterable[engine.Node | None], connector: str, negated: bool
    ) -> engine.Node:
        given = [f for f in filters if f is not None]
        node: engine.Node
        if not given:
            node = engine.MatchAll()
        elif len(given) == 1:
            node = given[0]
        elif connector == "AND":
            node = engine.And(given)
        else:
            node = engine.Or(given)
        return engine.Not(node) if negated else node

    def filter_node(self) -> engine.Node:
        node: engine.Node | None = self._get_filters_from_queryset()
        return node if node is not None else engine.MatchAll()

    @property
    def exact_filters(self) -> bool:
        """False when the index can only approximate the queryset's filters.

        Several conditions on one multi-valued relation in a single ``filter()`` call must hold
        for the same related row in SQL, while the index only knows each document's set of
        values; filters on parent links are exact.
        """
        return self._multi_valued_lookups < 2

    # Ordering -------------------------------------------------------------------------------

    def sort_keys(self) -> list[SortKey]:
        """[(index field name, kind, reverse, nulls_first)] for order_by_relevance=False."""
        model = self.queryset.model
        keys: list[SortKey] = []
        for item in self.queryset.query.order_by:
            nulls_first: bool | None = None
            if isinstance(item, OrderBy):
                expression = item.expression
                if isinstance(expression, F):
                    field_name = expression.name  # type: ignore[attr-defined]  # set by F()
                elif isinstance(expression, Col):
                    field_name = expression.target.attname
                else:
                    raise OrderByFieldError(
                        f'Sorting search results with "{item}" is not supported by this search'
                        " backend.",
                        field_name=str(item),
                    )
                reverse = bool(item.descending)
                if item.nulls_first:
                    nulls_first = True
                elif item.nulls_last:
                    nulls_first = False
            else:
                reverse = item.startswith("-")
                field_name = item.lstrip("-")
            if field_name == "pk" or field_name == model._meta.pk.attname:
                keys.append(self._pk_key(reverse))
                continue
            field = self._get_filterable_field(field_name)
            if field is None:
                raise OrderByFieldError(
                    f'Cannot sort search results with field "{field_name}". Please add'
                    f' index.FilterField("{field_name}") to {model.__name__}.search_fields.',
                    field_name=field_name,
                )
            kind = filter_kind(field.get_type(model))
            if is_multi_valued(field, model):
                raise OrderByFieldError(
                    f'Cannot sort search results by the multi-valued field "{field_name}".',
                    field_name=field_name,
                )
            name = f"{field.get_attname(model)}__{kind}"
            keys.append((name, kind, reverse, nulls_first))
        if not keys:
            keys.append(self._pk_key(True))
        return keys

    def _pk_key(self, reverse: bool) -> SortKey:
        if pk_as_int(self.queryset.model, 0) is not None:
            return ("doc_pkint", "i", reverse, None)
        return ("doc_pk", "s", reverse, None)

    def check(self) -> None:
        super().check()
        if not self.order_by_relevance:
            self.sort_keys()

    # Text -------------------------------------------------------------------------------------

    def text_fields(self) -> dict[str, float]:
        return text_fields(self.queryset.model, self.fields, self.TEXT_FIELD_KIND)

    def text_node(self, snapshot: engine.Snapshot) -> engine.Node:
        return self._compile(self.query, self.text_fields(), snapshot)

    def _compile(
        self, query: Any, fields: dict[str, float], snapshot: engine.Snapshot, boost: float = 1.0
    ) -> engine.Node:
        if isinstance(query, msq.MatchAll):
            return engine.MatchAll()
        if isinstance(query, msq.Not):
            return engine.Not(self._compile(query.subquery, fields, snapshot, boost))
        if isinstance(query, msq.And):
            return engine.And([self._compile(q, fields, snapshot, boost) for q in query.subqueries])
        if isinstance(query, msq.Or):
            return engine.Or([self._compile(q, fields, snapshot, boost) for q in query.subqueries])
        if isinstance(query, msq.Boost):
            return engine.Boost(self._compile(query.subquery, fields, snapshot), query.boost)
        if isinstance(query, msq.PlainText):
            return self._plain_text(query, fields, boost * query.boost)
        if isinstance(query, msq.Phrase):
            return self._phrase(query, fields, boost)
        if isinstance(query, msq.Fuzzy):
            return self._fuzzy(query, fields, snapshot, boost)
        raise NotImplementedError(f"{type(query).__name__} is not supported by the Whoosh backend")

    def _words(self, text: str) -> list[str]:
        return engine.analyze_query(text)

    def _word_node(self, word: str, fields: dict[str, float], boost: float) -> engine.Node:
        return engine.Or(
            [
                engine.Term(f"{name}__t", word, field_boost * boost)
                for name, field_boost in fields.items()
            ]
        )

    def _plain_text(self, query: Any, fields: dict[str, float], boost: float) -> engine.Node:
        words = self._words(query.query_string)
        if not words or not fields:
            return engine.MatchNone()
        nodes = [self._word_node(w, fields, boost) for w in words]
        if len(nodes) == 1:
            return nodes[0]
        return engine.And(nodes) if query.operator == "and" else engine.Or(nodes)

    def _phrase(self, query: Any, fields: dict[str, float], boost: float) -> engine.Node:
        analyzed = engine.Analyzed([query.query_string])
        if not analyzed.tokens or not fields:
            return engine.MatchNone()
        return engine.Or(
            [
                engine.Phrase(name, analyzed, field_boost * boost)
                for name, field_boost in fields.items()
            ]
        )

    def _fuzzy(
        self, query: Any, fields: dict[str, float], snapshot: engine.Snapshot, boost: float
    ) -> engine.Node:
        words = self._words(query.query_string)
        if not words or not fields:
            return engine.MatchNone()
        nodes: list[engine.Node] = []
        field_names = [f"{name}__t" for name in fields]
        for word in words:
            distance = 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2
            terms = snapshot.terms_within(field_names, word, distance) if distance else [word]
            alternatives = [
                engine.Term(f"{name}__t", term, field_boost * boost)
                for term in terms
                for name, field_boost in fields.items()
            ]
            nodes.append(engine.Or(alternatives) if alternatives else engine.MatchNone())
        if len(nodes) == 1:
            return nodes[0]
        return engine.And(nodes) if query.operator == "and" else engine.Or(nodes)


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Every word of the query matches words that start with it, in the autocomplete fields."""

    TEXT_FIELD_KIND = AutocompleteField

    def _compile(
        self, query: Any, fields: dict[str, float], snapshot: engine.Snapshot, boost: float = 1.0
    ) -> engine.Node:
        if isinstance(query, (msq.PlainText, msq.Phrase, msq.Fuzzy)):
            operator = getattr(query, "operator", "and")
            return self._prefixes(query.query_string, operator, fields, snapshot, boost)
        return super()._compile(query, fields, snapshot, boost)

    def _prefixes(
        self,
        text: str,
        operator: str,
        fields: dict[str, float],
        snapshot: engine.Snapshot,
        boost: float,
    ) -> engine.Node:
        words = list(dict.fromkeys(engine.edge_words(text)))
        if not words or not fields:
            return engine.MatchNone()
        nodes: list[engine.Node] = []
        for word in words:
            alternatives: list[engine.Node] = []
            for name, field_boost in fields.items():
                field = f"{name}__ac"
                alternatives.extend(
                    engine.Term(field, term, field_boost * boost)
                    for term in snapshot.expand_prefix(field, word)
                )
            nodes.append(engine.Or(alternatives) if alternatives else engine.MatchNone())
        if len(nodes) == 1:
            return nodes[0]
        return engine.And(nodes) if operator == "and" else engine.Or(nodes)

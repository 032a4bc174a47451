"""Evaluating a compiled query and reading its results, counts and facets."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from modelsearch import query as msq
from modelsearch.backends.base import (
    BaseSearchResults,
    FilterFieldError,
)
from modelsearch.index import SearchField

from .. import engine, ranking
from ..documents import (
    filter_kind,
    from_engine_value,
    is_multi_valued,
)

if TYPE_CHECKING:
    from .compiler import WhooshSearchQueryCompiler


class _Evaluation:
    """The matching documents of one query against one index generation."""

    def __init__(self, compiler: WhooshSearchQueryCompiler, store: engine.IndexStore) -> None:
        self.snapshot = snapshot = store.snapshot()
        universe = queryset_universe(compiler, snapshot)
        evaluator = engine.Evaluator(snapshot, universe)
        self.scores = evaluator.evaluate(compiler.text_node(snapshot))
        self.count = len(self.scores)
        self._ranked: list[int] | None = None
        if compiler.order_by_relevance and compiler.TEXT_FIELD_KIND is SearchField:
            text = _words_together(compiler.query)
            if text:
                ranking.rerank(snapshot, self.scores, compiler.text_fields(), text)

    def ranked(self, compiler: WhooshSearchQueryCompiler, limit: int | None) -> list[int]:
        """Document numbers in result order, at least ``limit`` of them (None: all)."""
        if not compiler.order_by_relevance:
            if self._ranked is None:
                self._ranked = _sort_docs(self.snapshot, self.scores.keys(), compiler.sort_keys())
            return self._ranked if limit is None else self._ranked[:limit]
        return [doc for doc, _ in engine.top_docs(self.scores, limit)]


def _words_together(query: Any) -> str:
    """The words a search looks for together, in the order given: its words and phrases joined
    by AND, leaving out those after NOT and alternatives joined by OR (whose weights, set with
    ``Boost``, are the caller's to decide)."""
    if isinstance(query, msq.Phrase):
        return str(query.query_string)
    if isinstance(query, msq.PlainText):
        if query.operator == "and" or len(query.query_string.split()) == 1:
            return str(query.query_string)
        return ""
    if isinstance(query, msq.Boost):
        return _words_together(query.subquery)
    if isinstance(query, msq.And):
        return " ".join(t for t in (_words_together(q) for q in query.subqueries) if t)
    return ""


def queryset_universe(
    compiler: WhooshSearchQueryCompiler, snapshot: engine.Snapshot
) -> engine.matches.Mask:
    """The live documents of the queryset's model (and its subclasses) that its filters select,
    as a document set."""
    model = compiler.queryset.model
    content_type = engine.FilterTerm("doc_ct", model.indexed_get_content_type())
    evaluator = engine.Evaluator(snapshot, snapshot.empty_mask())
    universe = evaluator.filter_mask(content_type)
    filters = compiler.filter_node()
    if not isinstance(filters, engine.MatchAll):
        evaluator.universe = universe
        universe = evaluator.filter_mask(filters) & universe
    return universe


def _sort_docs(
    snapshot: engine.Snapshot, docs: list[int], keys: list[tuple[str, str, bool, bool | None]]
) -> list[int]:
    docs.sort()
    for name, _kind, reverse, nulls_first in reversed(keys):
        values = snapshot.column_values(name, docs)
        nulls = snapshot.term_docs("doc_nulls", name) if not name.startswith("doc_") else set()
        if nulls_first is None:
            nulls_first = reverse  # NULL sorts after every value, as on PostgreSQL
        present = [(v, d) for v, d in zip(values, docs, strict=True) if d not in nulls]
        absent = [d for d in docs if d in nulls]
        present.sort(key=lambda vd: vd[0], reverse=reverse)
        ordered = [d for _, d in present]
        docs = absent + ordered if nulls_first else ordered + absent
    return docs


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def _evaluation(self) -> _Evaluation:
        compiler = self.query_compiler
        store = self.backend.store
        if self.backend.flush_on_search and store.journal.has_pending():
            store.flush()  # never waits: if another process is applying changes, go on
        cached: _Evaluation | None = getattr(compiler, "_whoosh_evaluation", None)
        generation = store.snapshot().generation
        if cached is None or cached.snapshot.generation != generation:
            cached = compiler._whoosh_evaluation = _Evaluation(compiler, store)
        return cached

    def index_may_be_stale(self) -> bool:
        """True while changes are queued for the index and not yet applied."""
        stale: bool = self.backend.store.journal.has_pending()
        return stale

    def _do_count(self) -> int:
        evaluation = self._evaluation()
        if self.query_compiler.exact_filters:
            total = evaluation.count
        else:
            total = self.verified_count(evaluation)
        stop: int = total if self.stop is None else min(total, self.stop)
        return max(0, stop - int(self.start))

    def verified_count(self, evaluation: _Evaluation | None = None) -> int:
        """The number of matches that the database confirms still match the queryset."""
        evaluation = evaluation or self._evaluation()
        docs = list(evaluation.scores)
        pks = evaluation.snapshot.pks(docs)
        queryset = self.query_compiler.queryset.order_by()
        total = 0
        for i in range(0, len(pks), 500):
            total += int(queryset.filter(pk__in=pks[i : i + 500]).count())
        return total

    def _do_search(self) -> list[Any]:
        evaluation = self._evaluation()
        compiler = self.query_compiler
        start = self.start
        stop = self.stop
        wanted: int | None = None if stop is None else stop - start
        if wanted is not None and wanted <= 0:
            return []
        results: list[Any] = []
        limit: int | None = stop
        position = start
        while True:
            ranked = evaluation.ranked(compiler, limit)
            window = ranked[position:]
            if not window:
                break
            results.extend(self._fetch(evaluation, window))
            if wanted is None or len(results) >= wanted or limit is None or len(ranked) < limit:
                break
            # Some documents no longer match in the database: look further down the ranking.
            position = len(ranked)
            limit = limit + (wanted - len(results)) * 2 + 10
        return results if wanted is None else results[:wanted]

    def _fetch(self, evaluation: _Evaluation, docs: list[int]) -> list[Any]:
        pks = evaluation.snapshot.pks(docs)
        queryset = self.query_compiler.queryset.filter(pk__in=pks).order_by()
        if self.prefetch_related:
            for lookup in self.prefetch_related:
                queryset = queryset.prefetch_related(lookup)
        by_pk = {str(obj.pk): obj for obj in queryset}
        out: list[Any] = []
        for doc, pk in zip(docs, pks, strict=True):
            obj = by_pk.get(pk) if pk is not None else None
            if obj is None:
                continue
            if self._score_field:
                setattr(obj, self._score_field, evaluation.scores.get(doc) or 0.0)
            out.append(obj)
        return out

    def facet(self, field_name: str) -> OrderedDict[Any, int]:
        compiler = self.query_compiler
        model = compiler.queryset.model
        field = compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add'
                f" index.FilterField('{field_name}') to {model.__name__}.search_fields.",
                field_name=field_name,
            )
        evaluation = self._evaluation()
        snapshot = evaluation.snapshot
        kind = filter_kind(field.get_type(model))
        multi = is_multi_valued(field, model)
        name = f"{field.get_attname(model)}__{'r' if multi else ''}{kind}"
        matched = evaluation.scores.mask
        counts: list[tuple[Any, int]] = []
        covered = snapshot.empty_mask()
        schema_field = snapshot.schema[name] if snapshot.reader is not None else None
        for term in _full_precision_terms(snapshot, name, schema_field):
            assert schema_field is not None  # there are terms
            docs = snapshot.term_ids(name, term)
            hits = docs[matched[docs]]
            if len(hits):
                covered[hits] = True
                value = schema_field.from_bytes(term)
                counts.append((from_engine_value(value, kind), len(hits)))
        missing = evaluation.count - int(covered.sum())
        if missing:
            counts.append((None, missing))
        counts.sort(key=lambda vc: -vc[1])
        return OrderedDict(counts)


def _full_precision_terms(snapshot: engine.Snapshot, name: str, schema_field: Any) -> list[bytes]:
    if schema_field is None:
        return []
    if hasattr(schema_field, "sortable_terms"):
        try:
            return list(schema_field.sortable_terms(snapshot.reader, name))
        except Exception:  # pragma: no cover - field absent from every segment
            return []
    return snapshot.lexicon(name)

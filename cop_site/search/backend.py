"""A Wagtail/modelsearch search backend on a Whoosh index.

Configure it with::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "cop_site.search.backend",
            "PATH": VAR_DIR / "search-index",
        }
    }

Options:

``PATH``
    The index directory (default ``VAR_DIR/search-index``).
``FLUSH``
    How the changes queued by each write are applied: ``"task"`` (the default) enqueues the
    ``flush_search_index`` task when the transaction commits, so in production the task worker
    applies them; ``"inline"`` applies them at once.
``FLUSH_ON_SEARCH``
    If true, a search first applies any queued changes (without waiting if another process is
    already applying them), so that a search sees every earlier write. For tests and development.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F, OrderBy, QuerySet
from django.db.models.expressions import Col, Subquery
from django.db.models.lookups import Lookup
from django.db.models.sql.constants import MULTI, SINGLE
from django.db.models.sql.query import Query
from modelsearch import query as msq
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
    OrderByFieldError,
)
from modelsearch.index import AutocompleteField, SearchField, class_is_indexed

from . import engine, ranking
from .documents import (
    build_document,
    document_id,
    engine_filter_value,
    filter_field_name,
    filter_kind,
    from_engine_value,
    is_multi_valued,
    pk_as_int,
    text_fields,
)

logger = logging.getLogger(__name__)

_stores: dict[str, engine.IndexStore] = {}
_stores_lock = threading.Lock()


def get_store(path) -> engine.IndexStore:
    key = str(Path(path).resolve())
    store = _stores.get(key)
    if store is None:
        with _stores_lock:
            store = _stores.get(key)
            if store is None:
                store = _stores[key] = engine.IndexStore(key)
    return store


def default_index_path():
    var_dir = getattr(settings, "VAR_DIR", None)
    if var_dir is None:
        var_dir = Path(settings.BASE_DIR) / "var"
    return Path(var_dir) / "search-index"


# --- Indexing -------------------------------------------------------------------------------


class WhooshIndex(BaseIndex):
    def __init__(self, backend):
        super().__init__(backend)
        self.store = backend.store

    def get_key(self):
        return str(self.store.path)

    def add_model(self, model):
        pass

    def add_items(self, model, items):
        if not model.get_search_fields():
            return
        ops = [("put", build_document(obj)) for obj in stored_rows(model, items)]
        if ops:
            self.store.submit(ops)
            self.backend.request_flush()

    def delete_item(self, item):
        self.store.submit([("delete", document_id(item))])
        self.backend.request_flush()

    def refresh(self):
        self.store.flush(wait=True)

    def reset(self):
        self.store.clear()
        self.store.flush(wait=True)

    def __str__(self):
        return f"whoosh:{self.store.path}"


# Enough primary keys per query to keep the number of queries small, few enough for SQLite's
# limit on query parameters.
RELOAD_BATCH = 500


def stored_rows(model, items):
    """``items`` as the database holds them now, in the same order; any that are no longer
    stored, or that the model does not index, are left out.

    The index is built from rows, never from the objects handed to it: an object in memory may
    hold what visitors must not find. After ``save_revision()`` a Wagtail page (or snippet)
    carries its unpublished draft, while only the revision is stored, so indexing the object
    would make the draft searchable. Reloading keeps that true whatever calls ``add()``, such
    as a model's ``save()`` that indexes itself.
    """
    items = list(items)
    pks = list(dict.fromkeys(obj.pk for obj in items if obj.pk is not None))
    stored = {}
    queryset = model.get_indexed_objects()
    for i in range(0, len(pks), RELOAD_BATCH):
        stored.update((obj.pk, obj) for obj in queryset.filter(pk__in=pks[i : i + RELOAD_BATCH]))
    return [stored[obj.pk] for obj in items if obj.pk in stored]


class _RebuildingIndex(WhooshIndex):
    """Adds the objects a rebuild reads from ``get_indexed_objects()``: already stored rows."""

    def __init__(self, backend, rebuild):
        super().__init__(backend)
        self.rebuild = rebuild

    def add_items(self, model, items):
        if model.get_search_fields():
            self.rebuild.add(build_document(obj) for obj in items)


class WhooshRebuilder:
    def __init__(self, index):
        self.index = index
        self.rebuild = None

    def start(self):
        self.rebuild = self.index.store.rebuild()
        return _RebuildingIndex(self.index.backend, self.rebuild)

    def finish(self):
        self.rebuild.finish()


# --- Querying --------------------------------------------------------------------------------


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True
    TEXT_FIELD_KIND = SearchField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._multi_valued_lookups = 0
        self._ptr_lookup = False

    # Filters ------------------------------------------------------------------------------

    def _get_filters_from_where_node(self, where_node, check_only=False):
        if (
            isinstance(where_node, Lookup)
            and isinstance(where_node.lhs, Col)
            and where_node.lhs.target.attname.endswith("_ptr_id")
        ):
            # A filter on a parent link is a filter on the primary key of the indexed object.
            if check_only:
                return None
            return self._pk_lookup(where_node.lookup_name, where_node.rhs)
        return super()._get_filters_from_where_node(where_node, check_only=check_only)

    def _pk_lookup(self, lookup, value):
        model = self.queryset.model
        use_int = pk_as_int(model, 0) is not None
        field = "doc_pkint" if use_int else "doc_pk"
        kind = "i" if use_int else "s"

        def clean(v):
            return int(v) if use_int else str(v)

        if lookup == "exact":
            value = self._resolve_single(value)
            return engine.MatchNone() if value is None else engine.FilterTerm(field, clean(value))
        if lookup == "in":
            values = self._resolve_many(value)
            return engine.Or([engine.FilterTerm(field, clean(v)) for v in values])
        return self._range_lookup(field, kind, lookup, value)

    def _resolve_single(self, value):
        if isinstance(value, (Query, Subquery)):
            query = value.query if isinstance(value, Subquery) else value
            db_alias = self.queryset._db or DEFAULT_DB_ALIAS
            row = query.get_compiler(db_alias).execute_sql(result_type=SINGLE)
            return row[0] if row else None
        return value

    def _resolve_many(self, value):
        if isinstance(value, (Query, Subquery)):
            query = value.query if isinstance(value, Subquery) else value
            db_alias = self.queryset._db or DEFAULT_DB_ALIAS
            result = query.get_compiler(db_alias).execute_sql(result_type=MULTI)
            return [row[0] for chunk in result for row in chunk]
        return list(value)

    def _process_lookup(self, field_path, lookup, value):
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

    def _range_lookup(self, name, kind, lookup, value):
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

    def _process_match_none(self):
        return engine.MatchNone()

    def _connect_filters(self, filters, connector, negated):
        filters = [f for f in filters if f is not None]
        if not filters:
            node = engine.MatchAll()
        elif len(filters) == 1:
            node = filters[0]
        elif connector == "AND":
            node = engine.And(filters)
        else:
            node = engine.Or(filters)
        return engine.Not(node) if negated else node

    def filter_node(self):
        node = self._get_filters_from_queryset()
        return node if node is not None else engine.MatchAll()

    @property
    def exact_filters(self):
        """False when the index can only approximate the queryset's filters.

        Several conditions on one multi-valued relation in a single ``filter()`` call must hold
        for the same related row in SQL, while the index only knows each document's set of
        values; filters on parent links are exact.
        """
        return self._multi_valued_lookups < 2

    # Ordering -------------------------------------------------------------------------------

    def sort_keys(self):
        """[(index field name, kind, reverse, nulls_first)] for order_by_relevance=False."""
        model = self.queryset.model
        keys = []
        for item in self.queryset.query.order_by:
            nulls_first = None
            if isinstance(item, OrderBy):
                expression = item.expression
                if isinstance(expression, F):
                    field_name = expression.name
                elif isinstance(expression, Col):
                    field_name = expression.target.attname
                else:
                    raise OrderByFieldError(
                        f'Sorting search results with "{item}" is not supported by this search'
                        " backend.",
                        field_name=str(item),
                    )
                reverse = item.descending
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

    def _pk_key(self, reverse):
        if pk_as_int(self.queryset.model, 0) is not None:
            return ("doc_pkint", "i", reverse, None)
        return ("doc_pk", "s", reverse, None)

    def check(self):
        super().check()
        if not self.order_by_relevance:
            self.sort_keys()

    # Text -------------------------------------------------------------------------------------

    def text_fields(self):
        return text_fields(self.queryset.model, self.fields, self.TEXT_FIELD_KIND)

    def text_node(self, snapshot):
        return self._compile(self.query, self.text_fields(), snapshot)

    def _compile(self, query, fields, snapshot, boost=1.0):
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

    def _words(self, text):
        return engine.analyze_query(text)

    def _word_node(self, word, fields, boost):
        return engine.Or(
            [
                engine.Term(f"{name}__t", word, field_boost * boost)
                for name, field_boost in fields.items()
            ]
        )

    def _plain_text(self, query, fields, boost):
        words = self._words(query.query_string)
        if not words or not fields:
            return engine.MatchNone()
        nodes = [self._word_node(w, fields, boost) for w in words]
        if len(nodes) == 1:
            return nodes[0]
        return engine.And(nodes) if query.operator == "and" else engine.Or(nodes)

    def _phrase(self, query, fields, boost):
        analyzed = engine.Analyzed([query.query_string])
        if not analyzed.tokens or not fields:
            return engine.MatchNone()
        return engine.Or(
            [
                engine.Phrase(name, analyzed, field_boost * boost)
                for name, field_boost in fields.items()
            ]
        )

    def _fuzzy(self, query, fields, snapshot, boost):
        words = self._words(query.query_string)
        if not words or not fields:
            return engine.MatchNone()
        nodes = []
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

    def _compile(self, query, fields, snapshot, boost=1.0):
        if isinstance(query, (msq.PlainText, msq.Phrase, msq.Fuzzy)):
            operator = getattr(query, "operator", "and")
            return self._prefixes(query.query_string, operator, fields, snapshot, boost)
        return super()._compile(query, fields, snapshot, boost)

    def _prefixes(self, text, operator, fields, snapshot, boost):
        words = list(dict.fromkeys(engine.edge_words(text)))
        if not words or not fields:
            return engine.MatchNone()
        nodes = []
        for word in words:
            alternatives = []
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


class _Evaluation:
    """The matching documents of one query against one index generation."""

    def __init__(self, compiler, store):
        self.snapshot = snapshot = store.snapshot()
        universe = _universe(compiler, snapshot)
        evaluator = engine.Evaluator(snapshot, universe)
        self.scores = evaluator.evaluate(compiler.text_node(snapshot))
        self.count = len(self.scores)
        self._ranked = None
        if compiler.order_by_relevance and compiler.TEXT_FIELD_KIND is SearchField:
            text = _words_together(compiler.query)
            if text:
                ranking.rerank(snapshot, self.scores, compiler.text_fields(), text)

    def ranked(self, compiler, limit):
        """Document numbers in result order, at least ``limit`` of them (None: all)."""
        if not compiler.order_by_relevance:
            if self._ranked is None:
                self._ranked = _sort_docs(self.snapshot, self.scores.keys(), compiler.sort_keys())
            return self._ranked if limit is None else self._ranked[:limit]
        return [doc for doc, _ in engine.top_docs(self.scores, limit)]


def _words_together(query) -> str:
    """The words a search looks for together, in the order given: its words and phrases joined
    by AND, leaving out those after NOT and alternatives joined by OR (whose weights, set with
    ``Boost``, are the caller's to decide)."""
    if isinstance(query, msq.Phrase):
        return query.query_string
    if isinstance(query, msq.PlainText):
        if query.operator == "and" or len(query.query_string.split()) == 1:
            return query.query_string
        return ""
    if isinstance(query, msq.Boost):
        return _words_together(query.subquery)
    if isinstance(query, msq.And):
        return " ".join(t for t in (_words_together(q) for q in query.subqueries) if t)
    return ""


def _universe(compiler, snapshot):
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


def _sort_docs(snapshot, docs, keys):
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

    def _evaluation(self):
        compiler = self.query_compiler
        store = self.backend.store
        if self.backend.flush_on_search and store.journal.has_pending():
            store.flush()  # never waits: if another process is applying changes, go on
        cached = getattr(compiler, "_whoosh_evaluation", None)
        generation = store.snapshot().generation
        if cached is None or cached.snapshot.generation != generation:
            cached = compiler._whoosh_evaluation = _Evaluation(compiler, store)
        return cached

    def index_may_be_stale(self):
        """True while changes are queued for the index and not yet applied."""
        return self.backend.store.journal.has_pending()

    def _do_count(self):
        evaluation = self._evaluation()
        if self.query_compiler.exact_filters:
            total = evaluation.count
        else:
            total = self.verified_count(evaluation)
        stop = total if self.stop is None else min(total, self.stop)
        return max(0, stop - self.start)

    def verified_count(self, evaluation=None):
        """The number of matches that the database confirms still match the queryset."""
        evaluation = evaluation or self._evaluation()
        docs = list(evaluation.scores)
        pks = evaluation.snapshot.pks(docs)
        queryset = self.query_compiler.queryset.order_by()
        total = 0
        for i in range(0, len(pks), 500):
            total += queryset.filter(pk__in=pks[i : i + 500]).count()
        return total

    def _do_search(self):
        evaluation = self._evaluation()
        compiler = self.query_compiler
        start = self.start
        stop = self.stop
        wanted = None if stop is None else stop - start
        if wanted is not None and wanted <= 0:
            return []
        results = []
        limit = stop
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

    def _fetch(self, evaluation, docs):
        pks = evaluation.snapshot.pks(docs)
        queryset = self.query_compiler.queryset.filter(pk__in=pks).order_by()
        if self.prefetch_related:
            for lookup in self.prefetch_related:
                queryset = queryset.prefetch_related(lookup)
        by_pk = {str(obj.pk): obj for obj in queryset}
        out = []
        for doc, pk in zip(docs, pks, strict=True):
            obj = by_pk.get(pk)
            if obj is None:
                continue
            if self._score_field:
                setattr(obj, self._score_field, float(evaluation.scores.get(doc, 0.0)))
            out.append(obj)
        return out

    def facet(self, field_name):
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
        counts = []
        covered = snapshot.empty_mask()
        schema_field = snapshot.schema[name] if snapshot.reader is not None else None
        for term in _full_precision_terms(snapshot, name, schema_field):
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


def _full_precision_terms(snapshot, name, schema_field):
    if schema_field is None:
        return []
    if hasattr(schema_field, "sortable_terms"):
        try:
            return list(schema_field.sortable_terms(snapshot.reader, name))
        except Exception:  # pragma: no cover - field absent from every segment
            return []
    return snapshot.lexicon(name)


# --- Backend -------------------------------------------------------------------------------------


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    index_class = WhooshIndex
    results_class = WhooshSearchResults
    rebuilder_class = WhooshRebuilder

    def __init__(self, params):
        super().__init__(params)
        self.path = Path(params.get("PATH") or default_index_path())
        self.flush_mode = params.get("FLUSH", "task")
        if self.flush_mode not in ("task", "inline"):
            raise ValueError(f"FLUSH must be 'task' or 'inline', not {self.flush_mode!r}")
        self.flush_on_search = bool(params.get("FLUSH_ON_SEARCH", False))
        self.store = get_store(self.path)

    def request_flush(self):
        """Have the queued changes applied: now, or by a task once the transaction commits."""
        if self.flush_mode == "inline":
            self.store.flush()
        else:
            transaction.on_commit(self._enqueue_flush)

    def _enqueue_flush(self):
        from .tasks import flush_search_index

        try:
            flush_search_index.enqueue(str(self.path))
        except Exception:
            logger.exception("Could not enqueue the search index flush; flushing now")
            self.store.flush()

    # Vocabulary: the words of the index as written, for "did you mean" and wildcards. Other
    # backends do not have these methods: look them up with getattr(backend, name, None).
    #
    # Without ``queryset`` the words of every indexed document count, including pages that the
    # person asking may not read. Pass the queryset the search itself uses (for example from
    # ``visibility.visible_queryset``) to count only the documents its filters select in the
    # index, so that a word found only in restricted pages is never suggested or offered.

    def suggest_spelling(self, words, *, queryset=None):
        """{word: correction} for each of ``words`` (case-insensitive) that is in no document.

        The correction is an indexed word within 1 edit (words of up to 4 letters) or 2 edits
        (longer words), a transposition counting as one edit: fewest edits first, then the
        word in most documents, then alphabetically. Words that are found, that have no close
        word, stop words, 1-letter words and words with digits are left out. Keys are the words
        as given; corrections are lower-case.
        """
        snapshot, within = self._vocabulary_view(queryset)
        out = {}
        for given in words:
            correction = snapshot.correction(str(given).strip().lower(), within)
            if correction is not None:
                out[given] = correction
        return out

    def words_with_prefix(self, prefix, limit=30, *, queryset=None):
        """Indexed words (lower-case, as written) starting with ``prefix`` (case-insensitive),
        in most documents first, then alphabetically; at most ``limit`` of them."""
        prefix = str(prefix).strip().lower()
        if not prefix:
            return []
        snapshot, within = self._vocabulary_view(queryset)
        return [word for word, _ in snapshot.words_with_prefix(prefix, limit, within)]

    def _vocabulary_view(self, queryset):
        """(snapshot, documents that count or None for all of them)."""
        store = self.store
        if self.flush_on_search and store.journal.has_pending():
            store.flush()  # never waits, as for a search
        snapshot = store.snapshot()
        if queryset is None:
            return snapshot, None
        if not isinstance(queryset, QuerySet):
            queryset = queryset._default_manager.all()
        if not class_is_indexed(queryset.model):
            return snapshot, snapshot.empty_mask()
        compiler = self.query_compiler_class(queryset, msq.MATCH_ALL)
        return snapshot, _universe(compiler, snapshot)


SearchBackend = WhooshSearchBackend

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
    How the changes each write queues in the outbox (``IndexOperation`` rows, written in the
    write's transaction) are applied: ``"task"`` (the default) enqueues the
    ``flush_search_index`` task when the transaction commits, so in production the task worker
    applies them; ``"inline"`` applies them at once, before the transaction commits (for tests
    and benchmarks that search straight after writing).
``FLUSH_ON_SEARCH``
    If true, a search first applies any queued changes (without waiting if another process is
    already applying them), so that a search sees every earlier write. For tests and development.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from modelsearch import query as msq
from modelsearch.backends.base import BaseSearchBackend
from modelsearch.index import class_is_indexed

from .. import engine
from ..engine.matches import Mask
from ..stores import default_index_path, get_store
from ..tasks import flush_search_index
from .compiler import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .indexing import WhooshIndex, WhooshRebuilder
from .results import WhooshSearchResults, queryset_universe

__all__ = [
    "SearchBackend",
    "WhooshAutocompleteQueryCompiler",
    "WhooshIndex",
    "WhooshRebuilder",
    "WhooshSearchBackend",
    "WhooshSearchQueryCompiler",
    "WhooshSearchResults",
    "default_index_path",
    "get_store",
]

logger = logging.getLogger(__name__)

# Whose words count: a queryset or model, several of them, or None for every document.
Scope = QuerySet[Any] | type[Any] | Sequence[QuerySet[Any] | type[Any]] | None


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    index_class = WhooshIndex
    results_class = WhooshSearchResults
    rebuilder_class = WhooshRebuilder

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.path = Path(params.get("PATH") or default_index_path())
        self.flush_mode = params.get("FLUSH", "task")
        if self.flush_mode not in ("task", "inline"):
            raise ValueError(f"FLUSH must be 'task' or 'inline', not {self.flush_mode!r}")
        self.flush_on_search = bool(params.get("FLUSH_ON_SEARCH", False))
        self.store = get_store(self.path)

    def request_flush(self) -> None:
        """Have the queued changes applied: now, or by a task once the transaction commits."""
        if self.flush_mode == "inline":
            self.store.flush()
        else:
            transaction.on_commit(self._enqueue_flush)

    def _enqueue_flush(self) -> None:
        try:
            flush_search_index.enqueue(str(self.store.path))
        except Exception:
            # The operations are committed in the outbox, so nothing is lost either way.
            logger.exception("Could not enqueue the search index flush; flushing now")
            self.store.flush()

    # Vocabulary: the words of the index as written, for "did you mean" and wildcards. Other
    # backends do not have these methods: look them up with getattr(backend, name, None).
    #
    # Without ``queryset`` the words of every indexed document count, including pages that the
    # person asking may not read. Pass the queryset the search itself uses (for example from
    # ``visibility.visible_queryset``) to count only the documents its filters select in the
    # index, so that a word found only in restricted pages is never suggested or offered. A
    # list of querysets (one a kind of result) counts the documents any of them selects.

    def suggest_spelling(self, words: Iterable[str], *, queryset: Scope = None) -> dict[str, str]:
        """{word: correction} for each of ``words`` (case-insensitive) that is in no document.

        The correction is an indexed word within 1 edit (words of up to 4 letters) or 2 edits
        (longer words), a transposition counting as one edit: fewest edits first, then the
        word in most documents, then alphabetically. Words that are found, that have no close
        word, stop words, 1-letter words and words with digits are left out. Keys are the words
        as given; corrections are lower-case.
        """
        snapshot, within = self._vocabulary_view(queryset)
        out: dict[str, str] = {}
        for given in words:
            correction = snapshot.correction(str(given).strip().lower(), within)
            if correction is not None:
                out[given] = correction
        return out

    def words_with_prefix(
        self, prefix: str, limit: int = 30, *, queryset: Scope = None
    ) -> list[str]:
        """Indexed words (lower-case, as written) starting with ``prefix`` (case-insensitive),
        in most documents first, then alphabetically; at most ``limit`` of them."""
        prefix = str(prefix).strip().lower()
        if not prefix:
            return []
        snapshot, within = self._vocabulary_view(queryset)
        return [word for word, _ in snapshot.words_with_prefix(prefix, limit, within)]

    def _vocabulary_view(self, queryset: Scope) -> tuple[engine.Snapshot, Mask | None]:
        """(snapshot, documents that count or None for all of them)."""
        store = self.store
        if self.flush_on_search and store.journal.has_pending():
            store.flush()  # never waits, as for a search
        snapshot = store.snapshot()
        if queryset is None:
            return snapshot, None
        within = snapshot.empty_mask()
        scopes: Sequence[QuerySet[Any] | type[Any]] = (
            queryset if isinstance(queryset, (list, tuple)) else [queryset]  # type: ignore[list-item]
        )
        for scope in scopes:
            one = scope if isinstance(scope, QuerySet) else scope._default_manager.all()
            if class_is_indexed(one.model):
                compiler = self.query_compiler_class(one, msq.MATCH_ALL)
                within = within | queryset_universe(compiler, snapshot)
        return snapshot, within


SearchBackend = WhooshSearchBackend

"""A consistent view of one index generation: statistics, postings, columns and filter caches."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from whoosh.reading import MultiReader, TermNotFound

from . import cache
from .matches import Mask, Matches
from .schema import schema_common_words
from .segments import NO_IDS, NO_WEIGHTS, Ids, Postings, Segment, Weights
from .vocabulary import VocabularyMixin, edit_distances

# A misspelt word matches at most this many terms of the index.
MAX_FUZZY_EXPANSIONS = 50

# BM25 parameters, as Whoosh's BM25F defaults.
BM25_B = 0.75
BM25_K1 = 1.2

T = TypeVar("T")


class Snapshot(VocabularyMixin):
    """A consistent view of one index generation, used by one thread.

    What is computed from the whole generation (filter results, phrase frequencies, length
    norms) goes to the process-wide cache under ``key``, so threads share it.
    """

    def __init__(
        self, storage: Any, generation: int, schema: Any, segments: list[tuple[Segment, int]]
    ) -> None:
        self.storage = storage
        self.generation = generation
        self.schema = schema
        self.common: frozenset[str] = schema_common_words(schema)
        self.segments = segments  # list of (Segment, offset)
        readers = [(s.reader, off) for s, off in segments]
        self.reader: Any
        if not readers:
            self.reader = None
        elif len(readers) == 1:
            self.reader = readers[0][0]
        else:
            self.reader = MultiReader([r for r, _ in readers], generation=generation)
        self.doccount_all = sum(s.doccount for s, _ in segments)
        self.live_count = sum(s.doccount - len(s.deleted) for s, _ in segments)
        self.key: Hashable = (
            "generation",
            getattr(storage, "folder", id(storage)),
            generation,
            tuple((seg.shared, len(seg.deleted)) for seg, _ in segments),
        )
        self._word_frequencies: dict[str, int] = {}
        self._avg: dict[str, float] = {}
        self._columns: dict[str, Any] = {}

    # -- statistics

    def doc_frequency(self, fieldname: str, text: str | bytes) -> int:
        if self.reader is None:
            return 0
        try:
            frequency: int = self.reader.doc_frequency(fieldname, text)
        except (TermNotFound, KeyError):
            return 0
        return frequency

    def avg_length(self, fieldname: str) -> float:
        avg = self._avg.get(fieldname)
        if avg is None:
            total = 0
            if self.reader is not None:
                with contextlib.suppress(KeyError):
                    total = self.reader.field_length(fieldname)
            avg = self._avg[fieldname] = (total / self.doccount_all) if self.doccount_all else 1.0
        return avg or 1.0

    def norms(self, fieldname: str) -> Weights:
        """BM25's length normalisation of the field for every document of the index."""

        def compute() -> Weights:
            kb = BM25_K1 * BM25_B / self.avg_length(fieldname)
            k1b = BM25_K1 * (1 - BM25_B)
            parts = [seg.lengths(fieldname) for seg, _ in self.segments]
            lengths = np.concatenate(parts) if parts else np.zeros(0)
            norms: Weights = k1b + kb * lengths
            norms.flags.writeable = False
            return norms

        return self._cached(("norms", fieldname), compute, _nbytes)

    # -- document sets
    #
    # A set of documents is a boolean array over the index's document numbers.

    def empty_mask(self) -> Mask:
        return np.zeros(self.doccount_all, dtype=bool)

    def as_mask(self, docs: Mask | Iterable[int]) -> Mask:
        """A document set from a boolean array or from an iterable of document numbers."""
        if isinstance(docs, np.ndarray) and docs.dtype == bool:
            return docs
        mask = self.empty_mask()
        ids = np.fromiter(docs, dtype=np.intp)
        if len(ids):
            mask[ids] = True
        return mask

    # -- postings

    def postings(self, fieldname: str, text: str | bytes) -> Postings:
        """(document numbers, weights) of the term's live documents, as arrays."""
        id_parts = []
        weight_parts = []
        for seg, off in self.segments:
            ids, weights = seg.postings(fieldname, text)
            if not len(ids):
                continue
            if seg.live is not None:
                keep = seg.live[ids]
                ids, weights = ids[keep], weights[keep]
            id_parts.append(ids + off if off else ids)
            weight_parts.append(weights)
        if not id_parts:
            return NO_IDS, NO_WEIGHTS
        if len(id_parts) == 1:
            return id_parts[0], weight_parts[0]
        return np.concatenate(id_parts), np.concatenate(weight_parts)

    def term_ids(self, fieldname: str, text: str | bytes) -> Ids:
        """The live documents containing the term, as an array of document numbers."""
        return self.postings(fieldname, text)[0]

    def term_mask(self, fieldname: str, text: str | bytes) -> Mask:
        mask = self.empty_mask()
        mask[self.term_ids(fieldname, text)] = True
        return mask

    def term_docs(self, fieldname: str, text: str | bytes) -> set[int]:
        """Set of live document numbers containing the term."""
        return set(self.term_ids(fieldname, text).tolist())

    def term_matches(
        self, fieldname: str, text: str | bytes, boost: float, within: Mask
    ) -> Matches:
        """The documents of ``within`` containing the term, with their BM25 scores."""
        df = self.doc_frequency(fieldname, text)
        if not df:
            return Matches.empty(self.doccount_all)
        ids, tfs = self.postings(fieldname, text)
        return self.scored_matches(fieldname, ids, tfs, boost, df, within)

    def scored_matches(
        self, fieldname: str, ids: Ids, tfs: Weights, boost: float, df: int, within: Mask
    ) -> Matches:
        """BM25 scores of a term or phrase given its frequency ``tfs`` in documents ``ids`` and
        the number of documents ``df`` it is in, over the documents of ``within``."""
        keep = within[ids]
        ids, tfs = ids[keep], tfs[keep]
        mask = self.empty_mask()
        scores = np.zeros(self.doccount_all)
        if len(ids):
            idf = math.log(self.doccount_all / (df + 1)) + 1
            c = idf * (BM25_K1 + 1) * boost
            mask[ids] = True
            scores[ids] = (tfs * c) / (tfs + self.norms(fieldname)[ids])
        return Matches(mask, scores)

    # -- term dictionary

    def expand_prefix(self, fieldname: str, prefix: str) -> list[Any]:
        if self.reader is None:
            return []
        try:
            return list(self.reader.expand_prefix(fieldname, prefix))
        except (TermNotFound, KeyError):
            return []

    def terms_within(
        self, fieldnames: str | Sequence[str], text: str, maxdist: int, prefix: int = 1
    ) -> list[str]:
        """Terms of the fields within ``maxdist`` edits of ``text`` (a transposition is one
        edit), sharing its first ``prefix`` characters."""
        names = [fieldnames] if isinstance(fieldnames, str) else list(fieldnames)
        candidates: set[str] = set()
        for fieldname in names:
            for seg, _ in self.segments:
                candidates.update(seg.terms_by_prefix(fieldname, prefix).get(text[:prefix], ()))
        found = [(distance, term) for term, distance in edit_distances(text, candidates, maxdist)]
        if len(found) > MAX_FUZZY_EXPANSIONS:
            # Keep the closest and, among equally close ones, the most common terms.
            found.sort(key=lambda dt: (dt[0], -self._max_frequency(names, dt[1]), dt[1]))
            found = found[:MAX_FUZZY_EXPANSIONS]
        return [term for _, term in found]

    def _max_frequency(self, fieldnames: list[str], term: str) -> int:
        return max(self.doc_frequency(f, term) for f in fieldnames)

    def terms_between(
        self,
        fieldname: str,
        start: bytes,
        end: bytes | None,
        startexcl: bool,
        endexcl: bool,
    ) -> list[bytes]:
        if self.reader is None:
            return []
        out = []
        try:
            for name, text in self.reader.terms_from(fieldname, start):
                if name != fieldname or (
                    end is not None and (text > end or (endexcl and text == end))
                ):
                    break
                if startexcl and text == start:
                    continue
                out.append(text)
        except (TermNotFound, KeyError):
            return []
        return out

    def lexicon(self, fieldname: str) -> list[bytes]:
        if self.reader is None:
            return []
        try:
            return list(self.reader.lexicon(fieldname))
        except (TermNotFound, KeyError):
            return []

    # -- columns

    def column(self, fieldname: str) -> Any:
        if fieldname not in self._columns:
            if self.reader is None or not self.reader.has_column(fieldname):
                self._columns[fieldname] = None
            else:
                self._columns[fieldname] = self.reader.column_reader(fieldname)
        return self._columns[fieldname]

    def column_values(self, fieldname: str, docnums: Sequence[int]) -> list[Any]:
        col = self.column(fieldname)
        if col is None:
            return [None] * len(docnums)
        return [col[d] for d in docnums]

    def pks(self, docnums: Sequence[int]) -> list[str | None]:
        return self.column_values("doc_pk", docnums)

    def sequences(self, fieldname: str, docnums: Iterable[int]) -> dict[int, bytes]:
        col = self.column(fieldname)
        if col is None:
            return {}
        return {d: col[d] for d in docnums}

    # -- cached results

    def _cached(
        self, what: tuple[Hashable, ...], compute: Callable[[], T], size: Callable[[T], int]
    ) -> T:
        return cache.CACHE.get_or_compute((self.key, *what), compute, size)

    def cached_phrase(self, key: Hashable, compute: Callable[[], Postings]) -> Postings:
        """The (documents, frequencies) of a phrase in this generation, computed once."""
        return self._cached(("phrase", key), compute, lambda p: p[0].nbytes + p[1].nbytes)

    def cached(self, key: Hashable, compute: Callable[[], Mask]) -> Mask:
        """A filter's document set in this generation, computed once; read-only."""

        def compute_read_only() -> Mask:
            mask = compute()
            mask.flags.writeable = False
            return mask

        return self._cached(("filter", key), compute_read_only, _nbytes)


def _nbytes(array: npt.NDArray[Any]) -> int:
    return int(array.nbytes)

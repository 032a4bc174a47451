"""What is read from one index segment: postings, field lengths and the segment's vocabulary.

Segments never change once written, so what is decoded from one is kept in the process-wide
cache (see :mod:`.cache`) under the segment's id, for every thread and every later view of the
segment (a deletion makes a new view of the same segment).
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from . import cache, whoosh_private
from .schema import WORDS_FIELD
from .vocabulary import char_mask

Ids = npt.NDArray[np.intp]
Weights = npt.NDArray[np.float64]
Postings = tuple[Ids, Weights]
# {word length: (words, character masks, complemented masks)}
WordsByLength = dict[int, tuple[list[str], list[int], list[int]]]

NO_IDS: Ids = np.zeros(0, dtype=np.intp)
NO_WEIGHTS: Weights = np.zeros(0, dtype=np.float64)
NO_IDS.flags.writeable = False
NO_WEIGHTS.flags.writeable = False
# Whoosh stores a field's length in a document as one byte.
_LENGTH_BY_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def _postings_size(postings: Postings) -> int:
    return int(postings[0].nbytes + postings[1].nbytes)


class Segment:
    """One view of a segment: its reader and which of its documents are deleted.

    ``shared`` is the key under which the segment's decoded data is cached; a view made after a
    deletion in the segment may be given the key of the previous view, and otherwise finds the
    same key from the segment's id.
    """

    def __init__(self, reader: Any, shared: object | None = None) -> None:
        self.reader = reader
        self.doccount: int = reader.doc_count_all()
        self.deleted: frozenset[int] | set[int] = (
            reader.deleted_docs_set if reader.has_deletions() else frozenset()
        )
        self.live: npt.NDArray[np.bool_] | None
        if self.deleted:
            self.live = np.ones(self.doccount, dtype=bool)
            self.live[np.fromiter(self.deleted, dtype=np.intp, count=len(self.deleted))] = False
        else:
            self.live = None
        self.shared: object = shared if shared is not None else ("segment", _segment_id(reader))

    def _cached(self, what: tuple[object, ...], compute: Any, size: Any) -> Any:
        return cache.CACHE.get_or_compute((self.shared, *what), compute, size)

    def postings(self, fieldname: str, text: str | bytes) -> Postings:
        """(document numbers, weights) of a term in this segment, deleted documents included,
        as read-only arrays."""
        result: Postings = self._cached(
            ("postings", fieldname, text),
            lambda: self._read_postings(fieldname, text),
            _postings_size,
        )
        return result

    def _read_postings(self, fieldname: str, text: str | bytes) -> Postings:
        try:
            matcher = self.reader.postings(fieldname, text)
        except (TermNotFound, KeyError):
            return NO_IDS, NO_WEIGHTS
        return _block_postings(matcher)

    def terms_by_prefix(self, fieldname: str, length: int) -> dict[str, list[str]]:
        """{first ``length`` characters: terms} of the field's terms in this segment."""

        def compute() -> dict[str, list[str]]:
            by_prefix: dict[str, list[str]] = {}
            with contextlib.suppress(TermNotFound, KeyError):
                for term in self.reader.lexicon(fieldname):
                    term = term.decode("utf-8") if isinstance(term, bytes) else term
                    by_prefix.setdefault(term[:length], []).append(term)
            return by_prefix

        def size(by_prefix: dict[str, list[str]]) -> int:
            terms = sum(len(v) for v in by_prefix.values())
            letters = sum(len(t) for v in by_prefix.values() for t in v)
            return cache.words_size(terms + len(by_prefix), letters)

        result: dict[str, list[str]] = self._cached(
            ("terms_by_prefix", fieldname, length), compute, size
        )
        return result

    def vocabulary(self) -> dict[str, int]:
        """{word: documents of the segment containing it, deleted ones included}."""

        def compute() -> dict[str, int]:
            words: dict[str, int] = {}
            with contextlib.suppress(TermNotFound, KeyError):
                for text, info in self.reader.iter_field(WORDS_FIELD):
                    words[text.decode("utf-8")] = info.doc_frequency()
            return words

        result: dict[str, int] = self._cached(("vocabulary",), compute, _words_size)
        return result

    def sorted_words(self) -> list[str]:
        result: list[str] = self._cached(
            ("sorted_words",), lambda: sorted(self.vocabulary()), lambda w: 8 * len(w)
        )
        return result

    def words_by_length(self) -> WordsByLength:
        """{length: (words, character masks, complemented masks)} of the vocabulary."""

        def compute() -> WordsByLength:
            grouped: dict[int, list[str]] = {}
            for word in self.vocabulary():
                grouped.setdefault(len(word), []).append(word)
            buckets: WordsByLength = {}
            for length, words in grouped.items():
                masks = [char_mask(w) for w in words]
                buckets[length] = (words, masks, [~m for m in masks])
            return buckets

        def size(buckets: WordsByLength) -> int:
            return sum(100 * len(words) for words, _, _ in buckets.values())

        result: WordsByLength = self._cached(("words_by_length",), compute, size)
        return result

    def lengths(self, fieldname: str) -> Weights:
        """The field's length in each document of the segment, as a read-only array of floats."""
        result: Weights = self._cached(
            ("lengths", fieldname), lambda: self._read_lengths(fieldname), lambda a: a.nbytes
        )
        return result

    def _read_lengths(self, fieldname: str) -> Weights:
        lengths: Weights | None = None
        with contextlib.suppress(Exception):
            codes = whoosh_private.length_codes(self.reader, fieldname)
            if codes is not None:
                lengths = _LENGTH_BY_BYTE[np.fromiter(codes, dtype=np.uint8)]
        if lengths is None or len(lengths) < self.doccount:
            lengths = np.array(
                [self.reader.doc_field_length(d, fieldname, 0) or 0 for d in range(self.doccount)],
                dtype=np.float64,
            )
        lengths.flags.writeable = False
        return lengths


def _segment_id(reader: Any) -> str:
    segment_id: str = reader.segment().segment_id()
    return segment_id


def _words_size(words: dict[str, int]) -> int:
    return cache.words_size(len(words), sum(map(len, words)))


def _block_postings(matcher: Any) -> Postings:
    """(ids, weights) of a leaf matcher as read-only arrays, read a block at a time where the
    codec allows it."""
    matcher = getattr(matcher, "child", matcher)  # unwrap the deletion filter
    id_blocks: list[Ids] = []
    weight_blocks: list[Weights] = []
    if whoosh_private.reads_blocks(matcher):
        for ids, raw in whoosh_private.posting_blocks(matcher):
            if raw is None:
                weights = np.ones(len(ids), dtype=np.float64)
            elif isinstance(raw, float):
                weights = np.full(len(ids), raw, dtype=np.float64)
            else:
                weights = np.asarray(raw, dtype=np.float64)
            id_blocks.append(ids)
            weight_blocks.append(weights)
    else:
        found_ids: list[int] = []
        found_weights: list[float] = []
        while matcher.is_active():
            found_ids.append(matcher.id())
            found_weights.append(matcher.weight())
            matcher.next()
        id_blocks.append(np.array(found_ids, dtype=np.intp))
        weight_blocks.append(np.array(found_weights, dtype=np.float64))
    if not id_blocks:
        return NO_IDS, NO_WEIGHTS
    ids = np.concatenate(id_blocks)
    weights = np.concatenate(weight_blocks)
    ids.flags.writeable = False
    weights.flags.writeable = False
    return ids, weights

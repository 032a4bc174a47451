"""The index vocabulary: words as written, for spelling corrections and wildcard expansion."""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Iterable
from itertools import compress
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import process as fuzz_process
from rapidfuzz.distance import OSA

from .analysis import MIN_TOKEN_LENGTH, STOP_WORDS, TOKEN_RE, stem
from .schema import WORDS_FIELD

if TYPE_CHECKING:
    from .segments import Segment

Mask = npt.NDArray[np.bool_]

# A spelling correction is at most 1 edit away for words this long or shorter, else 2.
SHORT_WORD_LENGTH = 4


def spelling_candidate(word: str) -> bool:
    """Whether ``word`` (lower-cased) may be corrected or offered as a correction: one token of
    two letters or more, not a stop word, without digits (numbers, dates and codes are not
    misspellings of one another)."""
    return (
        len(word) >= max(2, MIN_TOKEN_LENGTH)
        and word not in STOP_WORDS
        and TOKEN_RE.fullmatch(word) is not None
        and not any(c.isdigit() for c in word)
    )


def correction_distance(word: str) -> int:
    """The most edits a correction of ``word`` may be away."""
    return 1 if len(word) <= SHORT_WORD_LENGTH else 2


def char_mask(word: str) -> int:
    """Bit set of the characters of ``word`` (modulo 128), for a lower bound on edit distance:
    every character of one word missing from the other costs at least one edit."""
    mask = 0
    for c in word:
        mask |= 1 << (ord(c) & 127)
    return mask


def edit_distances(word: str, candidates: Iterable[str], limit: int) -> list[tuple[str, int]]:
    """(candidate, distance) for the candidates within ``limit`` edits of ``word``, by optimal
    string alignment distance (a transposition counts as one edit)."""
    choices = list(candidates)
    if not choices:
        return []
    found = fuzz_process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
    return [(str(term), int(distance)) for term, distance, _ in found]


class VocabularyMixin:
    """The vocabulary queries of a snapshot."""

    segments: list[tuple[Segment, int]]
    reader: Any
    schema: Any
    _word_frequencies: dict[str, int]

    # -- vocabulary (words as written, WORDS_FIELD)
    #
    # Whoosh keeps a word in a segment's term dictionary, with a document frequency that counts
    # deleted documents, until a merge rewrites the segment. Frequencies here count live
    # documents only, and a word found in no live document is never returned.

    def has_vocabulary(self) -> bool:
        return self.reader is not None and WORDS_FIELD in self.schema

    def word_frequency(self, word: str, within: Mask | None = None) -> int:
        """The number of live documents (in ``within``, a document set, if given)
        whose text contains ``word`` (lower-cased, as written)."""
        if not self.has_vocabulary():
            return 0
        if within is None:
            hit = self._word_frequencies.get(word)
            if hit is not None:
                return hit
        total = 0
        for seg, off in self.segments:
            raw = seg.vocabulary().get(word)
            if not raw:
                continue
            deleted = seg.deleted
            if within is None and not deleted:
                total += raw
                continue
            ids, _ = seg.postings(WORDS_FIELD, word)
            if within is None:
                assert seg.live is not None  # the segment has deletions
                total += int(np.count_nonzero(seg.live[ids]))
            else:
                # ``within`` holds live documents only.
                total += int(np.count_nonzero(within[ids + off]))
        if within is None:
            if len(self._word_frequencies) >= 10_000:
                self._word_frequencies.clear()
            self._word_frequencies[word] = total
        return total

    def words_with_prefix(
        self, prefix: str, limit: int, within: Mask | None = None
    ) -> list[tuple[str, int]]:
        """Up to ``limit`` (word, frequency) pairs for the words starting with ``prefix`` that
        are in live documents (in ``within``), most frequent first, then alphabetically."""
        if limit <= 0 or not self.has_vocabulary():
            return []
        bounds: Counter[str] = (
            Counter()
        )  # frequency counting deleted documents: at least the live frequency
        for seg, _ in self.segments:
            words = seg.sorted_words()
            vocabulary = seg.vocabulary()
            for i in range(bisect.bisect_left(words, prefix), len(words)):
                word = words[i]
                if not word.startswith(prefix):
                    break
                bounds[word] += vocabulary[word]
        found: list[tuple[str, int]] = []
        top: list[int] = []  # min-heap of the ``limit`` best frequencies so far
        for word, bound in sorted(bounds.items(), key=lambda wb: (-wb[1], wb[0])):
            if len(top) == limit and bound < top[0]:
                break  # no word from here on can do better than the ones found
            frequency = self.word_frequency(word, within)
            if not frequency:
                continue
            found.append((word, frequency))
            if len(top) < limit:
                heapq.heappush(top, frequency)
            elif frequency > top[0]:
                heapq.heapreplace(top, frequency)
        found.sort(key=lambda wf: (-wf[1], wf[0]))
        return found[:limit]

    def words_near(self, word: str, maxdist: int) -> list[tuple[int, str]]:
        """(distance, word) for the words of the vocabulary within ``maxdist`` edits of ``word``
        (a transposition is one edit), nearest first. Frequencies are not checked: a word may be
        in deleted documents only."""
        if not self.has_vocabulary():
            return []
        mask = char_mask(word)
        notmask = ~mask
        length = len(word)
        candidates: set[str] = set()
        for seg, _ in self.segments:
            buckets = seg.words_by_length()
            for n in range(max(1, length - maxdist), length + maxdist + 1):
                bucket = buckets.get(n)
                if bucket is None:
                    continue
                words, masks, notmasks = bucket
                # Characters of the word missing from each candidate and the reverse, in C.
                missing = map(int.bit_count, map(mask.__and__, notmasks))
                extra = map(int.bit_count, map(notmask.__and__, masks))
                candidates.update(compress(words, map(maxdist.__ge__, map(max, missing, extra))))
        found = [(distance, term) for term, distance in edit_distances(word, candidates, maxdist)]
        found.sort()
        return found

    if TYPE_CHECKING:

        def term_ids(self, fieldname: str, text: str | bytes) -> npt.NDArray[np.intp]: ...

    def stem_found(self, word: str, within: Mask | None = None) -> bool:
        """Whether a live document (in ``within``) has a word of the same stem as ``word`` in
        its text, so that a search for it finds something: "leaving" is no misspelling in an
        index that only has "leave"."""
        if self.reader is None:
            return False
        stemmed = stem(word)
        for name in self.reader.indexed_field_names():
            if not name.endswith("__t"):
                continue
            ids = self.term_ids(name, stemmed)
            if len(ids) and (within is None or bool(within[ids].any())):
                return True
        return False

    def correction(self, word: str, within: Mask | None = None) -> str | None:
        """The best correction of ``word`` (lower-cased) if it is in no live document (in
        ``within``): a word within ``correction_distance(word)`` edits, fewest edits first, then
        the one in most documents, then alphabetically. None if the word is found, has no close
        word, or is not a word that gets corrected (see ``spelling_candidate``)."""
        if (
            not spelling_candidate(word)
            or self.word_frequency(word, within)
            or self.stem_found(word, within)
        ):
            return None
        best: tuple[int, int, str] | None = None
        for distance, term in self.words_near(word, correction_distance(word)):
            if best is not None and distance > best[0]:
                break
            if distance == 0 or not spelling_candidate(term):
                continue
            frequency = self.word_frequency(term, within)
            if frequency:
                key = (distance, -frequency, term)
                if best is None or key < best:
                    best = key
        return None if best is None else best[2]

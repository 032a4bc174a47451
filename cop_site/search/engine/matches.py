"""The result of evaluating a query: matching documents with their scores."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

# A set of documents: a boolean array over the index's document numbers.
Mask = npt.NDArray[np.bool_]
Scores = npt.NDArray[np.float64]


class Matches:
    """The documents matching a query, with their scores: a boolean array over the index's
    document numbers and an array of scores (zero for the documents that do not match).

    It reads like a ``{docnum: score}`` mapping, in document number order.
    """

    __slots__ = ("mask", "scores", "_docs")

    def __init__(self, mask: Mask, scores: Scores | None = None) -> None:
        self.mask = mask
        self.scores: Scores = np.zeros(len(mask)) if scores is None else scores
        self._docs: npt.NDArray[np.intp] | None = None

    @classmethod
    def empty(cls, doccount: int) -> Matches:
        """No match in an index of ``doccount`` documents."""
        return cls(np.zeros(doccount, dtype=bool))

    def docs(self) -> npt.NDArray[np.intp]:
        """The matching document numbers, in order, as an array."""
        if self._docs is None:
            self._docs = np.flatnonzero(self.mask)
        return self._docs

    def __len__(self) -> int:
        return len(self.docs())

    def __bool__(self) -> bool:
        return bool(len(self.docs()))

    def __iter__(self) -> Iterator[int]:
        return iter(self.docs().tolist())

    def keys(self) -> list[int]:
        return list(self.docs().tolist())

    def __contains__(self, doc: int) -> bool:
        return 0 <= doc < len(self.mask) and bool(self.mask[doc])

    def get(self, doc: int, default: float | None = None) -> float | None:
        return float(self.scores[doc]) if doc in self else default


def top_docs(matches: Matches, limit: int | None) -> list[tuple[int, float]]:
    """The ``limit`` best (docnum, score) pairs of ``matches`` (all of them if ``limit`` is
    None), best first; equal scores in docnum order."""
    docs = matches.docs()
    scores = matches.scores[docs]
    if limit is not None:
        if limit <= 0:
            return []
        if limit < len(docs):
            # Every document scoring at least the limit-th best score, ties at the cut-off
            # included, then the ranking below puts tied documents in docnum order.
            cutoff = np.partition(scores, len(scores) - limit)[len(scores) - limit]
            keep = scores >= cutoff
            docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return list(zip(docs[order].tolist(), scores[order].tolist(), strict=True))

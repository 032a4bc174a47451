"""Ranking beyond the score of each word: the words of a search together, and a field that is
exactly the search.

BM25 scores every word of a search on its own, so a resource that mentions "care", "support"
and "act" far apart in a long body can outrank one titled "Care and support". Two signals added
on top of the word scores put the obvious answer first:

* **near**: the words of the search, in the order typed, next to each other in a field, with
  only common words (which the index leaves out) between them: "care and support" is near in
  "care and support statutory guidance" and in "care, support". Worth ``NEAR_WEIGHT`` per
  word, times the field's boost.
* **exact**: the field holds the words of the search and nothing else (common words aside), as
  when a title is chosen from autocomplete. Worth ``EXACT_WEIGHT`` per word, times the field's
  boost, on top of "near".

Both are counted on the token code sequences the index keeps for phrases, for searches of two
words or more, and only for the ``RERANK_DEPTH`` best documents by word scores: the signals only
add to a score, so no document outside that set could pass one inside it, and the cost stays
fixed whatever the number of matches. Counts and the set of matches never change. The
sequences are searched with ``bytes.find`` (C speed); Python only steps over the few places where
the first word occurs.
"""

from __future__ import annotations

import numpy as np

from . import engine

RERANK_DEPTH = 100
NEAR_WEIGHT = 3.0
EXACT_WEIGHT = 4.0
# A field this many times longer (in tokens) than the search cannot be exactly the search, in
# practice: it is not checked, so long bodies cost nothing.
EXACT_MAX_RATIO = 3

CODE = engine.CODE_SIZE
STOP = engine.STOP_CODE


def search_codes(text: str) -> list[bytes]:
    """The token codes of the words of ``text`` that the index keeps, in order."""
    sequence = engine.Analyzed([text]).sequence
    codes = (sequence[i : i + CODE] for i in range(0, len(sequence), CODE))
    return [code for code in codes if code != STOP]


def is_near(sequence: bytes, codes: list[bytes]) -> bool:
    """Whether ``codes`` occur in ``sequence`` one after another, with only common words (whose
    code is ``STOP_CODE``) between them. A value separator is not skipped, so words of two values
    never count as near."""
    first = codes[0]
    start = sequence.find(first)
    while start >= 0:
        if start % CODE:
            start = sequence.find(first, start + 1)
            continue
        pos = start + CODE
        for code in codes[1:]:
            while sequence[pos : pos + CODE] == STOP:
                pos += CODE
            if sequence[pos : pos + CODE] != code:
                break
            pos += CODE
        else:
            return True
        start = sequence.find(first, start + CODE)
    return False


def is_exact(sequence: bytes, codes: list[bytes]) -> bool:
    """Whether ``sequence`` holds ``codes`` and nothing else but common words."""
    if len(sequence) > EXACT_MAX_RATIO * CODE * len(codes):
        return False
    kept = (sequence[i : i + CODE] for i in range(0, len(sequence), CODE))
    return [code for code in kept if code != STOP] == codes


def rerank(
    snapshot: engine.Snapshot,
    matches: engine.Matches,
    fields: dict[str, float],
    text: str,
    depth: int = RERANK_DEPTH,
) -> None:
    """Add the near and exact signals for ``text`` (the words of the search, in order) to the
    scores of the best ``depth`` documents of ``matches``, in place."""
    codes = search_codes(text)
    if len(codes) < 2 or not len(matches):
        return
    stems = set(engine.Analyzed([text]).stems())
    words = len(codes)
    docs = np.array([doc for doc, _ in engine.top_docs(matches, depth)], dtype=np.intp)
    scores = matches.scores
    for name, boost in fields.items():
        field = f"{name}__t"
        # Either signal needs every word in the field: found from the postings, so that only
        # those documents' sequences are read (a document without the field has none).
        present = np.ones(len(docs), dtype=bool)
        for stem in stems:
            present &= snapshot.term_mask(field, stem)[docs]
        if not present.any():
            continue
        for doc, sequence in snapshot.sequences(field, docs[present].tolist()).items():
            if sequence and is_near(sequence, codes):
                scores[doc] += NEAR_WEIGHT * words * boost
                if is_exact(sequence, codes):
                    scores[doc] += EXACT_WEIGHT * words * boost

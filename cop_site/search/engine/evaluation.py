"""Query nodes and their evaluation over a whole snapshot with NumPy arrays."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh import fields
from whoosh import query as wq
from whoosh.query import NumericRange

from .analysis import (
    MAX_GRAM_DISTANCE,
    Analyzed,
    Token,
    count_occurrences,
    gram_text,
    phrase_pattern,
)
from .matches import Mask, Matches
from .segments import NO_IDS, NO_WEIGHTS, Postings

if TYPE_CHECKING:
    from .snapshot import Snapshot

# --- Query nodes ----------------------------------------------------------------------------
#
# Text nodes score documents; filter nodes select them. ``Evaluator.evaluate`` returns the
# matching documents with their scores, ``Evaluator.filter_mask`` a document set.


class Node:
    scored: bool = True


class MatchAll(Node):
    scored = False


class MatchNone(Node):
    scored = False


class Term(Node):
    def __init__(self, field: str, text: str | bytes, boost: float = 1.0) -> None:
        self.field, self.text, self.boost = field, text, boost

    def __repr__(self) -> str:
        return f"Term({self.field!r}, {self.text!r}, {self.boost})"


class Phrase(Node):
    """Analysed phrase in one text field (``name`` without suffix)."""

    def __init__(self, name: str, analyzed: Analyzed, boost: float = 1.0) -> None:
        self.name, self.analyzed, self.boost = name, analyzed, boost


class And(Node):
    def __init__(self, children: Iterable[Node]) -> None:
        self.children = list(children)
        self.scored = any(c.scored for c in self.children)


class Or(Node):
    def __init__(self, children: Iterable[Node]) -> None:
        self.children = list(children)
        self.scored = any(c.scored for c in self.children)


class Not(Node):
    scored = False

    def __init__(self, child: Node) -> None:
        self.child = child


class Boost(Node):
    def __init__(self, child: Node, boost: float) -> None:
        self.child, self.boost = child, boost
        self.scored = child.scored


class FilterTerm(Node):
    scored = False

    def __init__(self, field: str, value: Any) -> None:
        self.field, self.value = field, value


class FilterRange(Node):
    scored = False

    def __init__(
        self,
        field: str,
        start: Any = None,
        end: Any = None,
        startexcl: bool = False,
        endexcl: bool = False,
    ) -> None:
        self.field, self.start, self.end = field, start, end
        self.startexcl, self.endexcl = startexcl, endexcl


class FilterPrefix(Node):
    scored = False

    def __init__(self, field: str, prefix: str) -> None:
        self.field, self.prefix = field, prefix


class Evaluator:
    """Evaluates query nodes over the documents of ``universe`` (a document set: a boolean
    array over document numbers, or an iterable of them)."""

    def __init__(self, snapshot: Snapshot, universe: Mask | Iterable[int]) -> None:
        self.s = snapshot
        self.universe = snapshot.as_mask(universe)

    # Filters

    def filter_mask(self, node: Node) -> Mask:
        """The documents selected by a filter node, as a boolean array (not to be modified)."""
        s = self.s
        if isinstance(node, MatchAll):
            return self.universe
        if isinstance(node, MatchNone):
            return s.empty_mask()
        if isinstance(node, FilterTerm):
            return s.cached(
                ("term", node.field, node.value), lambda: s.term_mask(node.field, node.value)
            )
        if isinstance(node, FilterPrefix):
            return s.cached(
                ("prefix", node.field, node.prefix),
                lambda: self._union_terms(node.field, s.expand_prefix(node.field, node.prefix)),
            )
        if isinstance(node, FilterRange):
            key = ("range", node.field, node.start, node.end, node.startexcl, node.endexcl)
            return s.cached(key, lambda: self._range_docs(node))
        if isinstance(node, And):
            result = None
            negatives = []
            for child in node.children:
                if isinstance(child, Not):
                    negatives.append(child.child)
                    continue
                docs = self.filter_mask(child)
                result = docs.copy() if result is None else np.logical_and(result, docs, out=result)
                if not result.any():
                    return result
            if result is None:
                result = self.universe.copy()
            for child in negatives:
                result &= ~self.filter_mask(child)
            return result
        if isinstance(node, Or):
            result = s.empty_mask()
            for child in node.children:
                result |= self.filter_mask(child)
            return result
        if isinstance(node, Not):
            return self.universe & ~self.filter_mask(node.child)
        raise TypeError(f"Not a filter node: {node!r}")

    def _union_terms(self, field: str, terms: Iterable[str | bytes]) -> Mask:
        out = self.s.empty_mask()
        for term in terms:
            out[self.s.term_ids(field, term)] = True
        return out

    def _range_docs(self, node: FilterRange) -> Mask:
        if self.s.reader is None:
            return self.s.empty_mask()
        if not isinstance(self.s.schema[node.field], fields.NUMERIC):
            start = b"" if node.start is None else str(node.start).encode("utf-8")
            end = None if node.end is None else str(node.end).encode("utf-8")
            startexcl = node.startexcl and node.start is not None
            return self._union_terms(
                node.field,
                self.s.terms_between(node.field, start, end, startexcl, node.endexcl),
            )
        low, high = node.start, node.end
        field = self.s.schema[node.field]
        if isinstance(field, fields.DATETIME):
            low = None if low is None else field.prepare_datetime(low)
            high = None if high is None else field.prepare_datetime(high)
        query = NumericRange(node.field, low, high, startexcl=node.startexcl, endexcl=node.endexcl)
        out = self.s.empty_mask()
        self._collect_simplified(query.simplify(self.s.reader), out)
        return out

    def _collect_simplified(self, query: Any, out: Mask) -> None:
        if isinstance(query, wq.Term):
            out[self.s.term_ids(query.fieldname, query.text)] = True
        elif isinstance(query, wq.TermRange):
            for text in self.s.terms_between(
                query.fieldname, query.start, query.end, query.startexcl, query.endexcl
            ):
                out[self.s.term_ids(query.fieldname, text)] = True
        elif isinstance(query, wq.WrappingQuery):
            self._collect_simplified(query.child, out)
        elif isinstance(query, wq.CompoundQuery):
            for sub in query.subqueries:
                self._collect_simplified(sub, out)
        elif isinstance(query, wq.Every):  # pragma: no cover - unbounded numeric range
            out |= self.universe

    # Scored queries

    def evaluate(self, node: Node, within: Mask | None = None) -> Matches:
        """The documents of ``within`` (default: the universe) matching ``node``, scored.

        The arrays of the result are new: the caller may change them."""
        within = self.universe if within is None else within
        if not within.any():
            return Matches.empty(self.s.doccount_all)
        if isinstance(node, Term):
            return self.s.term_matches(node.field, node.text, node.boost, within)
        if isinstance(node, Phrase):
            return self._phrase(node, within)
        if isinstance(node, Boost):
            part = self.evaluate(node.child, within)
            return Matches(part.mask, part.scores * node.boost)
        if isinstance(node, And):
            return self._and(node, within)
        if isinstance(node, Or):
            result = None
            for child in node.children:
                part = self.evaluate(child, within)
                if result is None:
                    result = part
                else:
                    result.mask |= part.mask
                    result.scores += part.scores
            if result is None:
                return Matches.empty(self.s.doccount_all)
            return Matches(result.mask, result.scores)
        if isinstance(node, Not):
            return Matches(within & ~self._docs(node.child, within))
        # Filters and MatchAll/MatchNone score nothing.
        return Matches(self.filter_mask(node) & within)

    def _docs(self, node: Node, within: Mask) -> Mask:
        """The documents of ``within`` matching ``node``, without scoring them."""
        if isinstance(node, Term):
            mask = self.s.empty_mask()
            ids = self.s.term_ids(node.field, node.text)
            mask[ids[within[ids]]] = True
            return mask
        if isinstance(node, Boost):
            return self._docs(node.child, within)
        if isinstance(node, Or):
            out = self.s.empty_mask()
            for child in node.children:
                out |= self._docs(child, within)
            return out
        if isinstance(node, And):
            out = within.copy()
            for child in node.children:
                if isinstance(child, Not):
                    out &= ~self._docs(child.child, out)
                else:
                    out &= self._docs(child, out)
                if not out.any():
                    break
            return out
        if isinstance(node, Not):
            return within & ~self._docs(node.child, within)
        if node.scored:
            return self.evaluate(node, within).mask
        return self.filter_mask(node) & within

    def _estimate(self, node: Node) -> int:
        if isinstance(node, Term):
            return self.s.doc_frequency(node.field, node.text)
        if isinstance(node, (Or,)):
            return sum(self._estimate(c) for c in node.children)
        if isinstance(node, And):
            return min((self._estimate(c) for c in node.children), default=0)
        if isinstance(node, Boost):
            return self._estimate(node.child)
        if isinstance(node, Phrase):
            return 0
        if not node.scored:
            if isinstance(node, Not):
                return 1 << 60
            return int(np.count_nonzero(self.filter_mask(node)))
        return 1 << 60

    def _and(self, node: And, within: Mask) -> Matches:
        positives = [c for c in node.children if not isinstance(c, Not)]
        negatives = [c.child for c in node.children if isinstance(c, Not)]
        current = within
        for child in negatives:
            current = current & ~self._docs(child, current)
        if not positives:
            return Matches(current.copy() if current is within else current)
        positives.sort(key=self._estimate)
        first = self.evaluate(positives[0], current)
        mask, scores = first.mask, first.scores
        current = mask
        for child in positives[1:]:
            if not mask.any():
                break
            part = self.evaluate(child, current)
            mask &= part.mask
            scores += part.scores
            current = mask
        if not mask.any():
            return Matches.empty(self.s.doccount_all)
        scores[~mask] = 0.0
        return Matches(mask, scores)

    def _phrase(self, node: Phrase, within: Mask) -> Matches:
        analyzed = node.analyzed
        tokens = analyzed.tokens
        if not tokens:
            return Matches.empty(self.s.doccount_all)
        t_field = f"{node.name}__t"
        if len(tokens) == 1:
            return self.s.term_matches(t_field, tokens[0][0], node.boost, within)
        pattern = phrase_pattern(tokens)
        ids, tfs = self.s.cached_phrase(
            (t_field, pattern), lambda: self._phrase_frequencies(node.name, tokens, pattern)
        )
        if not len(ids):
            return Matches.empty(self.s.doccount_all)
        return self.s.scored_matches(t_field, ids, tfs, node.boost, len(ids), within)

    def _phrase_frequencies(self, name: str, tokens: list[Token], pattern: bytes) -> Postings:
        """(documents, occurrences) of the phrase in every live document of the index."""
        t_field = f"{name}__t"
        g_field = f"{name}__g"
        common = self.s.common
        # Candidate documents: every common gram, and every word not covered by one.
        covered: set[int] = set()
        parts: list[tuple[str, str]] = []
        for i in range(len(tokens) - 1):
            (a, pa), (b, pb) = tokens[i], tokens[i + 1]
            if a in common and b in common and pb - pa <= MAX_GRAM_DISTANCE:
                parts.append((g_field, gram_text(a, pb - pa, b)))
                covered.update((i, i + 1))
        for i, (word, _) in enumerate(tokens):
            if i not in covered:
                parts.append((t_field, word))
        parts = list(dict.fromkeys(parts))
        parts.sort(key=lambda p: self.s.doc_frequency(*p))
        if len(tokens) == 2 and len(parts) == 1 and parts[0][0] == g_field:
            # A single common gram is the phrase itself: its frequency is the phrase's.
            return self.s.postings(g_field, parts[0][1])
        candidates = self.s.term_mask(*parts[0])
        for field, text in parts[1:]:
            if not candidates.any():
                break
            candidates &= self.s.term_mask(field, text)
        if not candidates.any():
            return NO_IDS, NO_WEIGHTS
        found_ids = []
        found_counts = []
        for doc, seq in self.s.sequences(t_field, np.flatnonzero(candidates).tolist()).items():
            if seq:
                n = count_occurrences(seq, pattern)
                if n:
                    found_ids.append(doc)
                    found_counts.append(n)
        return np.array(found_ids, dtype=np.intp), np.array(found_counts, dtype=np.float64)

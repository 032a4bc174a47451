"""Synonyms and acronyms of social work, applied when a search is read.

Educators keep groups of terms that mean the same (``MCA`` and ``Mental Capacity Act``) in the
Wagtail admin. :func:`expand_synonyms` rewrites a parsed search so that each term of a group it
contains is ORed with the group's other terms: a one-word term as a word, a longer one as a
phrase. The index is untouched, so a group works on the next search, on any search backend.

Terms are matched on their words, lower-cased, without the common words a search leaves out, so
``education health and care plan`` and ``Education, Health and Care Plan`` are the same term.
Words inside a phrase match only when the whole phrase is a term; words after ``NOT`` are left as
typed, so that "also searched for" only ever names what was added to the search. In each ``Or``
added, the first alternative is what was typed, so ranking can tell it from the synonyms beside
it.

The groups are cached; saving or deleting one clears the cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from modelsearch import query as sq

from .engine import WRITTEN_WORD_RE as WORD_CHARS_RE
from .models import SynonymGroup
from .query import Parsed, is_common

CACHE_KEY = "cop_search:synonyms:v1"
# Deleting the key reaches every process only with a shared cache (Redis); with a cache per
# process the others see a change within this many seconds.
CACHE_SECONDS = 300

Key = tuple[str, ...]


@dataclass(frozen=True)
class Synonyms:
    """For each term's key, the other terms of its groups, as educators wrote them."""

    alternatives: dict[Key, tuple[str, ...]]
    longest: int  # words in the longest key

    def __bool__(self) -> bool:
        return bool(self.alternatives)


@dataclass
class SynonymParsed(Parsed):
    """A parsed search with the synonyms it also looks for."""

    also_searched_for: list[str] = field(default_factory=list)


def term_words(term: str) -> list[str]:
    return WORD_CHARS_RE.findall(term)


def term_key(words: list[str]) -> Key:
    """A term's words as a search is matched on them: lower-cased, leaving out the common
    words the parser leaves out of a search."""
    lowered = [word.lower() for word in words]
    return tuple(word for word in lowered if not is_common(word)) or tuple(lowered)


def build_synonyms(groups: list[list[str]]) -> Synonyms:
    alternatives: dict[Key, dict[str, None]] = {}
    for terms in groups:
        keyed = [(term_key(term_words(term)), term) for term in terms if term_words(term)]
        for key, _ in keyed:
            others = alternatives.setdefault(key, {})
            others.update((term, None) for other, term in keyed if other != key)
    alternatives = {key: others for key, others in alternatives.items() if others}
    return Synonyms(
        {key: tuple(others) for key, others in alternatives.items()},
        max((len(key) for key in alternatives), default=0),
    )


def current_synonyms() -> Synonyms:
    synonyms: Synonyms | None = cache.get(CACHE_KEY)
    if synonyms is None:
        groups = [group.term_list for group in SynonymGroup.objects.all()]
        synonyms = build_synonyms(groups)
        cache.set(CACHE_KEY, synonyms, CACHE_SECONDS)
    return synonyms


@receiver([post_save, post_delete], sender=SynonymGroup)
def _forget_synonyms(**kwargs: object) -> None:
    cache.delete(CACHE_KEY)


def expand_synonyms(parsed: Parsed, synonyms: Synonyms | None = None) -> Parsed:
    """``parsed`` with each synonym group's other terms ORed with the term it contains.

    Returns ``parsed`` itself when nothing was added, otherwise a :class:`SynonymParsed` whose
    ``also_searched_for`` lists the added terms (for the results page) and whose phrases and
    words include them (for highlighting).
    """
    synonyms = current_synonyms() if synonyms is None else synonyms
    if parsed.query is None or not synonyms:
        return parsed
    expander = _Expander(synonyms)
    query = expander.expand(parsed.query)
    if not expander.added:
        return parsed
    values = {f.name: getattr(parsed, f.name) for f in fields(parsed) if f.init}
    added = list(expander.added)
    values["query"] = query
    values["words"] = [*parsed.words, *(t for t in added if len(term_words(t)) == 1)]
    values["phrases"] = [*parsed.phrases, *(t for t in added if len(term_words(t)) > 1)]
    return SynonymParsed(**values, also_searched_for=added)


def _alternative(term: str) -> sq.SearchQuery:
    words = term_words(term)
    return sq.PlainText(words[0]) if len(words) == 1 else sq.Phrase(" ".join(words))


class _Expander:
    def __init__(self, synonyms: Synonyms) -> None:
        self.synonyms = synonyms
        self.added: dict[str, None] = {}

    def _or(self, original: sq.SearchQuery, key: Key) -> sq.SearchQuery:
        return sq.Or([original, *(_alternative(term) for term in self._take(key))])

    def expand(self, node: sq.SearchQuery) -> sq.SearchQuery:
        if isinstance(node, sq.PlainText):
            return self._plain_text(node)
        if isinstance(node, sq.Phrase):
            key = term_key(term_words(node.query_string))
            return self._or(node, key) if key in self.synonyms.alternatives else node
        if isinstance(node, sq.And):
            children = self._sequence(node.subqueries)
            return children[0] if len(children) == 1 else sq.And(children)
        if isinstance(node, sq.Or):
            return sq.Or([self.expand(child) for child in node.subqueries])
        if isinstance(node, sq.Boost):
            return sq.Boost(self.expand(node.subquery), node.boost)
        return node  # Not, Fuzzy, MatchAll: as typed

    def _runs(self, words: list[str]) -> list[tuple[int, int, Key | None]]:
        """``words`` cut into spans ``(start, end, key)``: the longest terms found, left to
        right, and single words that are no term (key None). Stop words inside a term belong
        to it."""
        spans: list[tuple[int, int, Key | None]] = []
        lowered = [word.lower() for word in words]
        content = [i for i, word in enumerate(lowered) if not is_common(word)]
        position = 0  # index into content
        start = 0  # index into words
        while position < len(content):
            first = content[position]
            found = None
            for length in range(min(self.synonyms.longest, len(content) - position), 0, -1):
                chosen = content[position : position + length]
                key = tuple(lowered[i] for i in chosen)
                if key in self.synonyms.alternatives:
                    found = (chosen[-1] + 1, key, length)
                    break
            if found is None:
                position += 1
                continue
            end, key, length = found
            spans.extend((i, i + 1, None) for i in range(start, first))
            spans.append((first, end, key))
            start = end
            position += length
        spans.extend((i, i + 1, None) for i in range(start, len(words)))
        return spans

    def _plain_text(self, node: sq.PlainText) -> sq.SearchQuery:
        words = term_words(node.query_string)
        spans = self._runs(words)
        keys = [key for _, _, key in spans if key is not None]
        if not keys:
            return node
        if node.operator == "or" or len(spans) == 1:
            # Any word may match, or the text is one term: the alternatives join the text.
            alternatives = [_alternative(term) for key in keys for term in self._take(key)]
            return sq.Or([node, *alternatives])
        rest = [words[i] for start, end, key in spans if key is None for i in range(start, end)]
        parts = [
            self._or(sq.PlainText(" ".join(words[start:end]), operator="and"), key)
            for start, end, key in spans
            if key is not None
        ]
        if rest:
            parts.insert(0, sq.PlainText(" ".join(rest), operator="and", boost=node.boost))
        return parts[0] if len(parts) == 1 else sq.And(parts)

    def _take(self, key: Key) -> tuple[str, ...]:
        terms = self.synonyms.alternatives[key]
        self.added.update(dict.fromkeys(terms))
        return terms

    def _sequence(self, children: list[sq.SearchQuery]) -> list[sq.SearchQuery]:
        """An AND's children with terms made of consecutive one-word children expanded."""
        result: list[sq.SearchQuery] = []
        run: list[sq.PlainText] = []

        def flush() -> None:
            words = [term_words(child.query_string)[0] for child in run]
            for start, end, key in self._runs(words):
                span = run[start:end]
                if key is None:
                    result.append(span[0])
                else:
                    original = span[0] if len(span) == 1 else sq.And(list(span))
                    result.append(self._or(original, key))
            run.clear()

        for child in children:
            if (
                isinstance(child, sq.PlainText)
                and child.operator == "and"
                and len(term_words(child.query_string)) == 1
            ):
                run.append(child)
                continue
            flush()
            result.append(self.expand(child))
        flush()
        return result

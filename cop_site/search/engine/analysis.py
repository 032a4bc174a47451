"""Text analysis: tokenising, stop words, stemming and the token codes of phrase matching.

This is the one place that says what a word is. The engine indexes and queries with it, the
query parser splits phrases and fields with it, snippets highlight with it and ranking compares
token codes made here, so a word is the same word everywhere.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator

from whoosh import analysis
from whoosh.lang.porter import stem as porter_stem

# A word as the index keeps it: letters and digits, with dots inside (``s.47``, ``v1.2``).
_WORD_PATTERN = r"\w+(?:\.\w+)*"
TOKEN_RE = re.compile(_WORD_PATTERN)
# A word as a person writes it: tokens joined by apostrophes ("don't", "children's"). The query
# parser reads searches in these (to recognise "what's" or "don't" as question words); the index
# splits each into its tokens.
WRITTEN_WORD_RE = re.compile(rf"{_WORD_PATTERN}(?:['’]{_WORD_PATTERN})*")
STOP_WORDS = frozenset(analysis.STOP_WORDS)
MIN_TOKEN_LENGTH = 2
# Positions skipped between the values of a multi-valued field, so that a phrase or a common
# gram never spans two values.
VALUE_GAP = 100
# A common gram joins two common words at most this many positions apart (stop words between).
MAX_GRAM_DISTANCE = 3

CODE_SIZE = 8
STOP_CODE = b"\x00" * CODE_SIZE
SEP_CODE = b"\xff" * CODE_SIZE

# Lower-cased words whose stem and code are kept, least recently used dropped first: about
# 270 bytes each with the word itself, so about 13 MB when full (measured with tracemalloc).
# Natural text repeats its common words so much that this holds nearly every word met while
# indexing.
STEM_CACHE_SIZE = 50_000

# A stem with its position among the words of a field's values.
Token = tuple[str, int]


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``, in order, stop words included."""
    return TOKEN_RE.findall(text.lower())


def word_spans(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` as matches, for their positions in it (not lower-cased)."""
    return TOKEN_RE.finditer(text)


def is_kept(word: str) -> bool:
    """Whether the index keeps a lower-cased word: long enough and not a stop word."""
    return len(word) >= MIN_TOKEN_LENGTH and word not in STOP_WORDS


def stem_code(stemmed: str) -> bytes:
    """The token code of a stem: the only hash of stems, for sequences and phrase patterns."""
    code = hashlib.blake2b(stemmed.encode("utf-8"), digest_size=CODE_SIZE).digest()
    if code in (STOP_CODE, SEP_CODE):  # pragma: no cover - astronomically unlikely
        code = b"\x01" + code[1:]
    return code


@functools.lru_cache(maxsize=STEM_CACHE_SIZE)
def normalise(word: str) -> tuple[str, bytes]:
    """(stem, token code) of a lower-cased word."""
    stemmed = porter_stem(word)
    return stemmed, stem_code(stemmed)


def stem(word: str) -> str:
    """The stem of a word, as the index keeps it."""
    return normalise(word.lower())[0]


def as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v) != ""]
    text = str(value)
    return [text] if text else []


class Analyzed:
    """The analysis of a text field's values: stems with positions and the code sequence."""

    __slots__ = ("tokens", "sequence", "pairs", "word_lists")

    def __init__(self, values: object) -> None:
        tokens: list[Token] = []
        # (stem_a, distance, stem_b) for adjacent kept tokens in one value
        pairs: list[tuple[str, int, str]] = []
        seq: list[bytes] = []
        word_lists: list[list[str]] = []  # the lower-cased words of each value, for the vocabulary
        append_seq = seq.append
        append_token = tokens.append
        stem_and_code = normalise
        stops = STOP_WORDS
        minsize = MIN_TOKEN_LENGTH
        maxgap = MAX_GRAM_DISTANCE
        base = 0
        for n, text in enumerate(as_list(values)):
            if n:
                append_seq(SEP_CODE)
                base += VALUE_GAP
            prev_stem = ""
            prev_pos = -maxgap - 1
            value_words = words(text)
            word_lists.append(value_words)
            for i, word in enumerate(value_words):
                if len(word) < minsize or word in stops:
                    append_seq(STOP_CODE)
                    continue
                stemmed, code = stem_and_code(word)
                append_seq(code)
                pos = base + i
                append_token((stemmed, pos))
                if pos - prev_pos <= maxgap:
                    pairs.append((prev_stem, pos - prev_pos, stemmed))
                prev_stem, prev_pos = stemmed, pos
            base += len(value_words)
        self.tokens = tokens
        self.pairs = pairs
        self.word_lists = word_lists
        self.sequence = b"".join(seq)

    def stems(self) -> list[str]:
        return [t for t, _ in self.tokens]

    def grams(self, common: frozenset[str]) -> list[str]:
        if not common:
            return []
        return [gram_text(a, d, b) for a, d, b in self.pairs if a in common and b in common]


def stem_set(values: object) -> set[str]:
    """The distinct stems of some text values (for word statistics)."""
    out = set()
    for text in as_list(values):
        for word in set(words(text)):
            if is_kept(word):
                out.add(normalise(word)[0])
    return out


def gram_text(a: str, distance: int, b: str) -> str:
    return f"{a} {distance} {b}"


def analyze_query(text: str) -> list[str]:
    """Stems of a query string, in order, without duplicates."""
    return list(dict.fromkeys(Analyzed([text]).stems()))


def edge_words(text: object) -> list[str]:
    """Lower-cased words of a query or value, for autocomplete (no stemming, no stop words)."""
    return [w for w in words(str(text)) if w]


def vocabulary_words(word_lists: Iterable[list[str]]) -> list[str]:
    """The distinct words of some token lists that belong in the vocabulary: no stop words and
    no token shorter than ``MIN_TOKEN_LENGTH``."""
    found: set[str] = set()
    for words_of_value in word_lists:
        found.update(words_of_value)
    return [w for w in found if is_kept(w)]


def phrase_pattern(tokens: list[Token]) -> bytes:
    """Code pattern from the first to the last of a phrase's tokens, stop words as STOP_CODE."""
    first = tokens[0][1]
    slots = [STOP_CODE] * (tokens[-1][1] - first + 1)
    for stemmed, pos in tokens:
        slots[pos - first] = stem_code(stemmed)
    return b"".join(slots)


def count_occurrences(sequence: bytes, pattern: bytes) -> int:
    """Occurrences of ``pattern`` in ``sequence`` aligned on token boundaries."""
    count = 0
    start = sequence.find(pattern)
    while start >= 0:
        if start % CODE_SIZE == 0:
            count += 1
            start = sequence.find(pattern, start + CODE_SIZE)
        else:
            start = sequence.find(pattern, start + 1)
    return count

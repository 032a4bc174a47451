"""The Whoosh-backed search engine under the Wagtail/modelsearch backend.

Whoosh stores the index: term dictionaries, postings, per-document columns and field lengths.
Queries are not run through Whoosh's own matchers. Whoosh's matchers give wrong totals and can
drop true top hits for queries such as ``(a OR b) NOT c`` when a result limit is set, and its
``Searcher.refresh()`` keeps segments that a merge has already replaced. Instead, this module reads
postings a block at a time into NumPy arrays and evaluates the boolean query over the whole index
at once: a set of documents is a boolean array over document numbers and the scores of a query
are an array of the same length, so AND, OR and NOT are element-wise operations and every
matching document is scored with BM25F. Counts are the size of the matching set and the top hits
are the best of all matching documents, with no pruning. Segments never change once written, so
each process keeps the postings it has decoded (up to ``POSTINGS_CACHE_SIZE`` per segment, least
recently used dropped first).

Phrases use two structures instead of positional postings (which are slow to decode in pure
Python): a column holding each text field as a sequence of 8-byte token codes, searched with
``bytes.find``, and "common grams" (pairs of adjacent common words indexed as single terms) so that
phrases made of very frequent words do not have to be verified document by document. The set of
common words is chosen from the data at each full rebuild and stored in the index schema, so every
document in one index generation was indexed with the same set.

Writes go through a durable journal (SQLite, next to the index) and are applied by whichever
process holds the writer lock; see :class:`IndexStore`.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import fcntl
import hashlib
import heapq
import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import time
from collections import Counter, OrderedDict
from itertools import compress
from pathlib import Path

import numpy as np
from rapidfuzz import process as fuzz_process
from rapidfuzz.distance import OSA
from whoosh import analysis, columns, fields, formats, index, writing
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.index import TOC
from whoosh.lang.porter import stem as porter_stem
from whoosh.query import NumericRange
from whoosh.reading import MultiReader, SegmentReader, TermNotFound
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

logger = logging.getLogger(__name__)

INDEX_NAME = "MAIN"
SCHEMA_VERSION = 4

# Tokenising and normalising text.
TOKEN_RE = re.compile(r"\w+(?:\.\w+)*")
STOP_WORDS = frozenset(analysis.STOP_WORDS)
MIN_TOKEN_LENGTH = 2
# Positions skipped between the values of a multi-valued field, so that a phrase or a common
# gram never spans two values.
VALUE_GAP = 100
# A common gram joins two common words at most this many positions apart (stop words between).
MAX_GRAM_DISTANCE = 3
# Common words: at most this many, each in at least this share of documents.
MAX_COMMON_WORDS = 200
COMMON_WORD_MIN_SHARE = 0.10
COMMON_WORD_MIN_DOCS = 50

# A misspelt word matches at most this many terms of the index.
MAX_FUZZY_EXPANSIONS = 50

# Decoded postings kept per segment, in postings (about 16 bytes each).
POSTINGS_CACHE_SIZE = 2_000_000

# The index vocabulary: every distinct word of a document's text as written (lower-cased, not
# stemmed), for spelling suggestions and wildcard expansion.
WORDS_FIELD = "doc_words"
# A spelling correction is at most 1 edit away for words this long or shorter, else 2.
SHORT_WORD_LENGTH = 4

CODE_SIZE = 8
STOP_CODE = b"\x00" * CODE_SIZE
SEP_CODE = b"\xff" * CODE_SIZE

# BM25 parameters, as Whoosh's BM25F defaults.
BM25_B = 0.75
BM25_K1 = 1.2

_stem_cache: dict[str, tuple[str, bytes]] = {}


def _normalise(word):
    """Return (stem, code) for a lower-cased word, cached."""
    hit = _stem_cache.get(word)
    if hit is None:
        if len(_stem_cache) > 500_000:
            _stem_cache.clear()
        stemmed = porter_stem(word)
        code = hashlib.blake2b(stemmed.encode("utf-8"), digest_size=CODE_SIZE).digest()
        if code in (STOP_CODE, SEP_CODE):  # pragma: no cover - astronomically unlikely
            code = b"\x01" + code[1:]
        hit = _stem_cache[word] = (stemmed, code)
    return hit


def as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v) != ""]
    value = str(value)
    return [value] if value else []


class Analyzed:
    """The analysis of a text field's values: stems with positions and the code sequence."""

    __slots__ = ("tokens", "sequence", "pairs", "word_lists")

    def __init__(self, values):
        tokens = []  # (stem, position)
        pairs = []  # (stem_a, distance, stem_b) for adjacent kept tokens in one value
        seq = []
        word_lists = []  # the lower-cased words of each value, for the vocabulary
        append_seq = seq.append
        append_token = tokens.append
        cache_get = _stem_cache.get
        stops = STOP_WORDS
        minsize = MIN_TOKEN_LENGTH
        maxgap = MAX_GRAM_DISTANCE
        base = 0
        for n, text in enumerate(as_list(values)):
            if n:
                append_seq(SEP_CODE)
                base += VALUE_GAP
            prev_stem = None
            prev_pos = -maxgap - 1
            words = TOKEN_RE.findall(text.lower())
            word_lists.append(words)
            for i, word in enumerate(words):
                if len(word) < minsize or word in stops:
                    append_seq(STOP_CODE)
                    continue
                hit = cache_get(word)
                if hit is None:
                    hit = _normalise(word)
                stemmed, code = hit
                append_seq(code)
                pos = base + i
                append_token((stemmed, pos))
                if pos - prev_pos <= maxgap:
                    pairs.append((prev_stem, pos - prev_pos, stemmed))
                prev_stem, prev_pos = stemmed, pos
            base += len(words)
        self.tokens = tokens
        self.pairs = pairs
        self.word_lists = word_lists
        self.sequence = b"".join(seq)

    def stems(self):
        return [t for t, _ in self.tokens]

    def grams(self, common):
        if not common:
            return []
        return [gram_text(a, d, b) for a, d, b in self.pairs if a in common and b in common]


def stem_set(values):
    """The distinct stems of some text values (for word statistics)."""
    out = set()
    cache_get = _stem_cache.get
    for text in as_list(values):
        for word in set(TOKEN_RE.findall(text.lower())):
            if len(word) < MIN_TOKEN_LENGTH or word in STOP_WORDS:
                continue
            hit = cache_get(word) or _normalise(word)
            out.add(hit[0])
    return out


def gram_text(a, distance, b):
    return f"{a} {distance} {b}"


def analyze_query(text):
    """Stems of a query string, in order, without duplicates."""
    return list(dict.fromkeys(Analyzed([text]).stems()))


def edge_words(text):
    """Lower-cased words of a query or value, for autocomplete (no stemming, no stop words)."""
    return [w for w in TOKEN_RE.findall(str(text).lower()) if w]


def vocabulary_words(word_lists):
    """The distinct words of some token lists that belong in the vocabulary: no stop words and
    no token shorter than ``MIN_TOKEN_LENGTH``."""
    words = set()
    for words_of_value in word_lists:
        words.update(words_of_value)
    words -= STOP_WORDS
    minsize = MIN_TOKEN_LENGTH
    return [w for w in words if len(w) >= minsize]


def spelling_candidate(word):
    """Whether ``word`` (lower-cased) may be corrected or offered as a correction: one token of
    two letters or more, not a stop word, without digits (numbers, dates and codes are not
    misspellings of one another)."""
    return (
        len(word) >= max(2, MIN_TOKEN_LENGTH)
        and word not in STOP_WORDS
        and TOKEN_RE.fullmatch(word) is not None
        and not any(c.isdigit() for c in word)
    )


def correction_distance(word):
    """The most edits a correction of ``word`` may be away."""
    return 1 if len(word) <= SHORT_WORD_LENGTH else 2


def _char_mask(word):
    """Bit set of the characters of ``word`` (modulo 128), for a lower bound on edit distance:
    every character of one word missing from the other costs at least one edit."""
    mask = 0
    for c in word:
        mask |= 1 << (ord(c) & 127)
    return mask


# --- Whoosh field types ---------------------------------------------------------------


def _counts_to_postings(counter):
    for term, freq in counter.items():
        yield (term.encode("utf-8"), freq, float(freq), pack_uint(freq))


class AnalyzedText(fields.FieldType):
    """Stemmed words with frequencies; scorable (field lengths kept), no positions.

    Its column holds the field's token code sequence, for phrase matching. The column belongs to
    this indexed field rather than to a column-only field because Whoosh drops the columns of
    dynamic fields that have no terms when it merges segments.
    """

    def __init__(self, sequence_column=True):
        self.format = formats.Frequency()
        self.analyzer = analysis.StandardAnalyzer()
        self.indexed = True
        self.stored = False
        self.scorable = True
        self.unique = False
        self.vector = None
        self.column_type = columns.VarBytesColumn() if sequence_column else None

    def _terms(self, value):
        if not isinstance(value, Analyzed):
            value = Analyzed(value)
        return value.stems()

    def index(self, value, **kwargs):
        return _counts_to_postings(Counter(self._terms(value)))

    def to_column_value(self, value):
        if not isinstance(value, Analyzed):
            value = Analyzed(value)
        return value.sequence

    def from_column_value(self, value):
        return value


class GramText(AnalyzedText):
    """Pairs of adjacent common words, given as a list of gram texts.

    ``common`` records the set of common words this index generation was built with.
    """

    def __init__(self, common=frozenset()):
        super().__init__(sequence_column=False)
        self.common = frozenset(common)

    def _terms(self, value):
        if isinstance(value, Analyzed):
            return value.grams(self.common)
        return list(value)


class WordText(AnalyzedText):
    """Lower-cased words as written (no stemming, no stop words), for prefix matching."""

    def __init__(self):
        super().__init__(sequence_column=False)

    def _terms(self, value):
        out = []
        for text in as_list(value):
            out.extend(edge_words(text))
        return out


class Vocabulary(fields.FieldType):
    """The distinct words of a document, given as a list; postings without weights, so the term
    dictionary records only each word's document frequency.

    The field is never scored, but it is marked scorable so that Whoosh keeps a length column for
    it: when a segment is written, Whoosh looks up each posting's field length, and for a field
    without that column it checks the file system once per posting, which made writing this
    field (a posting per distinct word of each document) several times slower than the rest.
    """

    def __init__(self):
        self.format = formats.Existence()
        self.analyzer = analysis.IDAnalyzer()
        self.indexed = True
        self.stored = False
        self.scorable = True
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value, **kwargs):
        for word in value:
            yield (word.encode("utf-8"), 1, 1.0, b"")


class Exact(fields.FieldType):
    """Exact string values, possibly several per document; optionally with a sort column."""

    def __init__(self, sortable=False):
        self.format = formats.Existence()
        self.analyzer = analysis.IDAnalyzer()
        self.indexed = True
        self.stored = False
        self.scorable = False
        self.unique = False
        self.vector = None
        self.column_type = columns.VarBytesColumn() if sortable else None

    def index(self, value, **kwargs):
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in dict.fromkeys(str(v) for v in values if v is not None):
            yield (v.encode("utf-8"), 1, 1.0, b"")

    def to_bytes(self, value):
        return value.encode("utf-8") if isinstance(value, str) else value

    def from_bytes(self, bs):
        return bs.decode("utf-8")

    def to_column_value(self, value):
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        return str(value).encode("utf-8")

    def from_column_value(self, value):
        return value.decode("utf-8")


def _numeric(kind, sortable):
    if kind == "float":
        return fields.NUMERIC(float, bits=64, signed=True, sortable=sortable, shift_step=8)
    if kind == "date":
        return fields.DATETIME(sortable=sortable)
    return fields.NUMERIC(int, bits=64, signed=True, sortable=sortable, shift_step=8)


# Filter value kinds, by field-name suffix. A leading "r" marks a value reached through a
# relation that may hold several values per document (no sort column).
FILTER_KINDS = {
    "i": "int",
    "b": "int",
    "tm": "int",
    "f": "float",
    "d": "date",
    "dt": "date",
    "s": "str",
}


def build_schema(common=frozenset()):
    schema = fields.Schema()
    schema.add("doc_id", Exact())
    schema.add("doc_pk", Exact(sortable=True))
    schema.add("doc_pkint", _numeric("int", True))
    schema.add("doc_ct", Exact())
    schema.add("doc_nulls", Exact())
    schema.add(f"doc_schema_v{SCHEMA_VERSION}", Exact())
    schema.add(WORDS_FIELD, Vocabulary())
    schema.add("*__t", AnalyzedText(), glob=True)
    schema.add("*__g", GramText(common), glob=True)
    schema.add("*__ac", WordText(), glob=True)
    for suffix, kind in FILTER_KINDS.items():
        local = Exact(sortable=True) if kind == "str" else _numeric(kind, True)
        related = Exact() if kind == "str" else _numeric(kind, False)
        schema.add(f"*__{suffix}", local, glob=True)
        schema.add(f"*__r{suffix}", related, glob=True)
    return schema


def schema_common_words(schema):
    try:
        return schema["x__g"].common
    except Exception:  # pragma: no cover - old or foreign schema
        return frozenset()


def _schema_is_current(schema):
    return f"doc_schema_v{SCHEMA_VERSION}" in schema.names()


# --- Document specs ---------------------------------------------------------------------
#
# A document spec is a JSON-serialisable dict:
#   {"id": str, "pk": str, "pkint": int|None, "ct": [str], "nulls": [str],
#    "text": {name: [str]}, "ac": {name: [str]}, "filters": {field: value or [values]}}
# Filter field names carry their kind as a suffix (see FILTER_KINDS); dates travel as ISO text.


def _filter_value(suffix, value):
    kind = FILTER_KINDS.get(suffix.lstrip("r"), "str")
    if kind == "date":
        if isinstance(value, str):
            value = datetime.datetime.fromisoformat(value)
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            value = datetime.datetime(value.year, value.month, value.day)
        return value
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


def whoosh_document(spec, common):
    doc = {
        "doc_id": spec["id"],
        "doc_pk": spec["pk"],
        "doc_ct": list(spec["ct"]),
        f"doc_schema_v{SCHEMA_VERSION}": "1",
    }
    if spec.get("pkint") is not None:
        doc["doc_pkint"] = int(spec["pkint"])
    if spec.get("nulls"):
        doc["doc_nulls"] = list(spec["nulls"])
    word_lists = []
    for name, values in spec.get("text", {}).items():
        analyzed = Analyzed(values)
        if not analyzed.sequence:
            continue
        doc[f"{name}__t"] = analyzed
        word_lists.extend(analyzed.word_lists)
        grams = analyzed.grams(common)
        if grams:
            doc[f"{name}__g"] = grams
    words = vocabulary_words(word_lists)
    if words:
        doc[WORDS_FIELD] = words
    for name, values in spec.get("ac", {}).items():
        values = as_list(values)
        if values:
            doc[f"{name}__ac"] = values
    for name, value in spec.get("filters", {}).items():
        suffix = name.rsplit("__", 1)[1]
        if isinstance(value, list):
            value = [_filter_value(suffix, v) for v in value if v is not None]
            if not value:
                continue
        elif value is None:
            continue
        else:
            value = _filter_value(suffix, value)
        doc[name] = value
    return doc


# --- Reading ------------------------------------------------------------------------------


class _Segment:
    """Per-segment data that does not change while the segment exists.

    ``shared`` holds what depends only on the segment's documents and not on which of them are
    deleted (the vocabulary, field lengths and decoded postings), so it passes on to the next view
    of the segment when a document in it is deleted.
    """

    def __init__(self, reader, shared=None):
        self.reader = reader
        self.doccount = reader.doc_count_all()
        self.deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        if self.deleted:
            self.live = np.ones(self.doccount, dtype=bool)
            self.live[np.fromiter(self.deleted, dtype=np.intp, count=len(self.deleted))] = False
        else:
            self.live = None
        self.shared = {} if shared is None else shared
        self.shared.setdefault("lock", threading.Lock())
        self.shared.setdefault("postings", OrderedDict())
        self.shared.setdefault("postings_held", 0)
        self.shared.setdefault("lengths", {})

    def postings(self, fieldname, text):
        """(document numbers, weights) of a term in this segment, deleted documents included,
        as read-only arrays; decoded lists are kept, least recently used dropped first."""
        key = (fieldname, text)
        shared = self.shared
        with shared["lock"]:
            hit = shared["postings"].get(key)
            if hit is not None:
                shared["postings"].move_to_end(key)
                return hit
        try:
            matcher = self.reader.postings(fieldname, text)
        except (TermNotFound, KeyError):
            hit = (_NO_IDS, _NO_WEIGHTS)
        else:
            hit = _block_postings(matcher)
        with shared["lock"]:
            cache = shared["postings"]
            if key not in cache:
                cache[key] = hit
                shared["postings_held"] += len(hit[0]) + 1
                while shared["postings_held"] > POSTINGS_CACHE_SIZE and len(cache) > 1:
                    _, (old_ids, _) = cache.popitem(last=False)
                    shared["postings_held"] -= len(old_ids) + 1
        return hit

    def terms_by_prefix(self, fieldname, length):
        """{first ``length`` characters: terms} of the field's terms in this segment."""
        key = ("terms_by_prefix", fieldname, length)
        by_prefix = self.shared.get(key)
        if by_prefix is None:
            by_prefix = {}
            with contextlib.suppress(TermNotFound, KeyError):
                for term in self.reader.lexicon(fieldname):
                    term = term.decode("utf-8") if isinstance(term, bytes) else term
                    by_prefix.setdefault(term[:length], []).append(term)
            self.shared[key] = by_prefix
        return by_prefix

    def vocabulary(self):
        """{word: documents of the segment containing it, deleted ones included}."""
        words = self.shared.get("vocabulary")
        if words is None:
            words = {}
            with contextlib.suppress(TermNotFound, KeyError):
                for text, info in self.reader.iter_field(WORDS_FIELD):
                    words[text.decode("utf-8")] = info.doc_frequency()
            self.shared["vocabulary"] = words
        return words

    def sorted_words(self):
        words = self.shared.get("sorted_words")
        if words is None:
            words = self.shared["sorted_words"] = sorted(self.vocabulary())
        return words

    def words_by_length(self):
        """{length: (words, character masks, complemented masks)} of the vocabulary."""
        buckets = self.shared.get("words_by_length")
        if buckets is None:
            grouped = {}
            for word in self.vocabulary():
                grouped.setdefault(len(word), []).append(word)
            buckets = {}
            for length, words in grouped.items():
                masks = [_char_mask(w) for w in words]
                buckets[length] = (words, masks, [~m for m in masks])
            self.shared["words_by_length"] = buckets
        return buckets

    def lengths(self, fieldname):
        """The field's length in each document of the segment, as an array of floats."""
        lengths = self.shared["lengths"].get(fieldname)
        if lengths is None:
            lengths = None
            perdoc = getattr(self.reader, "_perdoc", None)
            cached = getattr(perdoc, "_cached_reader", None)
            if cached is not None:
                with contextlib.suppress(Exception):
                    col = cached(_lenfield(fieldname), LENGTHS_COLUMN)
                    if col is not None:
                        codes = np.fromiter(col, dtype=np.uint8)
                        lengths = _LENGTH_BY_BYTE[codes]
            if lengths is None or len(lengths) < self.doccount:
                lengths = np.array(
                    [
                        self.reader.doc_field_length(d, fieldname, 0) or 0
                        for d in range(self.doccount)
                    ],
                    dtype=np.float64,
                )
            lengths.flags.writeable = False
            self.shared["lengths"][fieldname] = lengths
        return lengths


_NO_IDS = np.zeros(0, dtype=np.intp)
_NO_WEIGHTS = np.zeros(0, dtype=np.float64)
_NO_IDS.flags.writeable = False
_NO_WEIGHTS.flags.writeable = False
# Whoosh stores a field's length in a document as one byte.
_LENGTH_BY_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def _block_postings(matcher):
    """(ids, weights) of a leaf matcher as read-only arrays, read a block at a time where the
    codec allows it."""
    matcher = getattr(matcher, "child", matcher)  # unwrap the deletion filter
    id_blocks = []
    weight_blocks = []
    if hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            data = matcher._data
            if matcher._byteids:
                ids = np.asarray(data[0], dtype=np.intp)
            else:
                # Document numbers are stored as gaps from the previous one, within each block.
                ids = np.cumsum(np.asarray(data[0], dtype=np.intp))
            weights = data[1]
            if weights is None:
                weights = np.ones(len(ids), dtype=np.float64)
            elif isinstance(weights, float):
                weights = np.full(len(ids), weights, dtype=np.float64)
            else:
                weights = np.asarray(weights, dtype=np.float64)
            id_blocks.append(ids)
            weight_blocks.append(weights)
            matcher._next_block()
    else:
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        id_blocks.append(np.array(ids, dtype=np.intp))
        weight_blocks.append(np.array(weights, dtype=np.float64))
    if not id_blocks:
        return _NO_IDS, _NO_WEIGHTS
    ids = np.concatenate(id_blocks)
    weights = np.concatenate(weight_blocks)
    ids.flags.writeable = False
    weights.flags.writeable = False
    return ids, weights


class Snapshot:
    """A consistent view of one index generation, used by one thread."""

    FILTER_CACHE_SIZE = 256

    def __init__(self, storage, generation, schema, segments):
        self.storage = storage
        self.generation = generation
        self.schema = schema
        self.common = schema_common_words(schema)
        self.segments = segments  # list of (_Segment, offset)
        readers = [(s.reader, off) for s, off in segments]
        if not readers:
            self.reader = None
        elif len(readers) == 1:
            self.reader = readers[0][0]
        else:
            self.reader = MultiReader([r for r, _ in readers], generation=generation)
        self.offsets = [off for _, off in segments]
        self.doccount_all = sum(s.doccount for s, _ in segments)
        self.live_count = sum(s.doccount - len(s.deleted) for s, _ in segments)
        self._filter_cache = {}
        self._phrase_cache = {}
        self._word_frequencies = {}
        self._norms = {}
        self._live = None
        self._avg = {}
        self._columns = {}

    # -- statistics

    def doc_frequency(self, fieldname, text):
        if self.reader is None:
            return 0
        try:
            return self.reader.doc_frequency(fieldname, text)
        except (TermNotFound, KeyError):
            return 0

    def avg_length(self, fieldname):
        avg = self._avg.get(fieldname)
        if avg is None:
            total = 0
            if self.reader is not None:
                with contextlib.suppress(KeyError):
                    total = self.reader.field_length(fieldname)
            avg = self._avg[fieldname] = (total / self.doccount_all) if self.doccount_all else 1.0
        return avg or 1.0

    def norms(self, fieldname):
        """BM25's length normalisation of the field for every document of the index."""
        norms = self._norms.get(fieldname)
        if norms is None:
            kb = BM25_K1 * BM25_B / self.avg_length(fieldname)
            k1b = BM25_K1 * (1 - BM25_B)
            parts = [seg.lengths(fieldname) for seg, _ in self.segments]
            lengths = np.concatenate(parts) if parts else np.zeros(0)
            norms = self._norms[fieldname] = k1b + kb * lengths
        return norms

    # -- document sets
    #
    # A set of documents is a boolean array over the index's document numbers.

    def empty_mask(self):
        return np.zeros(self.doccount_all, dtype=bool)

    def live_mask(self):
        mask = self._live
        if mask is None:
            parts = [
                np.ones(seg.doccount, dtype=bool) if seg.live is None else seg.live
                for seg, _ in self.segments
            ]
            mask = np.concatenate(parts) if parts else self.empty_mask()
            mask.flags.writeable = False
            self._live = mask
        return mask

    def as_mask(self, docs):
        """A document set from a boolean array or from an iterable of document numbers."""
        if isinstance(docs, np.ndarray) and docs.dtype == bool:
            return docs
        mask = self.empty_mask()
        ids = np.fromiter(docs, dtype=np.intp)
        if len(ids):
            mask[ids] = True
        return mask

    # -- postings

    def postings(self, fieldname, text):
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
            return _NO_IDS, _NO_WEIGHTS
        if len(id_parts) == 1:
            return id_parts[0], weight_parts[0]
        return np.concatenate(id_parts), np.concatenate(weight_parts)

    def term_ids(self, fieldname, text):
        """The live documents containing the term, as an array of document numbers."""
        return self.postings(fieldname, text)[0]

    def term_mask(self, fieldname, text):
        mask = self.empty_mask()
        mask[self.term_ids(fieldname, text)] = True
        return mask

    def term_docs(self, fieldname, text):
        """Set of live document numbers containing the term."""
        return set(self.term_ids(fieldname, text).tolist())

    def term_matches(self, fieldname, text, boost, within):
        """The documents of ``within`` containing the term, with their BM25 scores."""
        df = self.doc_frequency(fieldname, text)
        if not df:
            return Matches.empty(self)
        ids, tfs = self.postings(fieldname, text)
        return self.scored_matches(fieldname, ids, tfs, boost, df, within)

    def scored_matches(self, fieldname, ids, tfs, boost, df, within):
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

    def expand_prefix(self, fieldname, prefix):
        if self.reader is None:
            return []
        try:
            return list(self.reader.expand_prefix(fieldname, prefix))
        except (TermNotFound, KeyError):
            return []

    def terms_within(self, fieldnames, text, maxdist, prefix=1):
        """Terms of the fields within ``maxdist`` edits of ``text`` (a transposition is one
        edit), sharing its first ``prefix`` characters."""
        if isinstance(fieldnames, str):
            fieldnames = [fieldnames]
        candidates = set()
        for fieldname in fieldnames:
            for seg, _ in self.segments:
                candidates.update(seg.terms_by_prefix(fieldname, prefix).get(text[:prefix], ()))
        found = [(distance, term) for term, distance in edit_distances(text, candidates, maxdist)]
        if len(found) > MAX_FUZZY_EXPANSIONS:
            # Keep the closest and, among equally close ones, the most common terms.
            found.sort(key=lambda dt: (dt[0], -self._max_frequency(fieldnames, dt[1]), dt[1]))
            found = found[:MAX_FUZZY_EXPANSIONS]
        return [term for _, term in found]

    def _max_frequency(self, fieldnames, term):
        return max(self.doc_frequency(f, term) for f in fieldnames)

    # -- vocabulary (words as written, WORDS_FIELD)
    #
    # Whoosh keeps a word in a segment's term dictionary, with a document frequency that counts
    # deleted documents, until a merge rewrites the segment. Frequencies here count live
    # documents only, and a word found in no live document is never returned.

    def has_vocabulary(self):
        return self.reader is not None and WORDS_FIELD in self.schema

    def word_frequency(self, word, within=None):
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
                total += int(np.count_nonzero(seg.live[ids]))
            else:
                # ``within`` holds live documents only.
                total += int(np.count_nonzero(within[ids + off]))
        if within is None:
            if len(self._word_frequencies) >= 10_000:
                self._word_frequencies.clear()
            self._word_frequencies[word] = total
        return total

    def words_with_prefix(self, prefix, limit, within=None):
        """Up to ``limit`` (word, frequency) pairs for the words starting with ``prefix`` that
        are in live documents (in ``within``), most frequent first, then alphabetically."""
        if limit <= 0 or not self.has_vocabulary():
            return []
        bounds = Counter()  # frequency counting deleted documents: at least the live frequency
        for seg, _ in self.segments:
            words = seg.sorted_words()
            vocabulary = seg.vocabulary()
            for i in range(bisect.bisect_left(words, prefix), len(words)):
                word = words[i]
                if not word.startswith(prefix):
                    break
                bounds[word] += vocabulary[word]
        found = []
        top = []  # min-heap of the ``limit`` best frequencies so far
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

    def words_near(self, word, maxdist):
        """(distance, word) for the words of the vocabulary within ``maxdist`` edits of ``word``
        (a transposition is one edit), nearest first. Frequencies are not checked: a word may be
        in deleted documents only."""
        if not self.has_vocabulary():
            return []
        mask = _char_mask(word)
        notmask = ~mask
        length = len(word)
        candidates = set()
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

    def correction(self, word, within=None):
        """The best correction of ``word`` (lower-cased) if it is in no live document (in
        ``within``): a word within ``correction_distance(word)`` edits, fewest edits first, then
        the one in most documents, then alphabetically. None if the word is found, has no close
        word, or is not a word that gets corrected (see ``spelling_candidate``)."""
        if not spelling_candidate(word) or self.word_frequency(word, within):
            return None
        best = None
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

    def terms_between(self, fieldname, start, end, startexcl, endexcl):
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

    def lexicon(self, fieldname):
        if self.reader is None:
            return []
        try:
            return list(self.reader.lexicon(fieldname))
        except (TermNotFound, KeyError):
            return []

    # -- columns

    def column(self, fieldname):
        col = self._columns.get(fieldname)
        if col is None:
            if self.reader is None or not self.reader.has_column(fieldname):
                col = None
            else:
                col = self.reader.column_reader(fieldname)
            self._columns[fieldname] = col
        return col

    def column_values(self, fieldname, docnums):
        col = self.column(fieldname)
        if col is None:
            return [None] * len(docnums)
        return [col[d] for d in docnums]

    def pks(self, docnums):
        return self.column_values("doc_pk", docnums)

    def sequences(self, fieldname, docnums):
        col = self.column(fieldname)
        if col is None:
            return {}
        return {d: col[d] for d in docnums}

    # -- cached filters

    def cached_phrase(self, key, compute):
        hit = self._phrase_cache.get(key)
        if hit is None:
            if len(self._phrase_cache) >= 64:
                self._phrase_cache.clear()
            hit = self._phrase_cache[key] = compute()
        return hit

    def cached(self, key, compute):
        hit = self._filter_cache.get(key)
        if hit is None:
            if len(self._filter_cache) >= self.FILTER_CACHE_SIZE:
                self._filter_cache.clear()
            hit = compute()
            hit.flags.writeable = False
            self._filter_cache[key] = hit
        return hit


# --- Query nodes ----------------------------------------------------------------------------
#
# Text nodes score documents; filter nodes select them. ``Evaluator.evaluate`` returns the
# matching documents with their scores, ``Evaluator.filter_mask`` a document set.


class Node:
    scored = True


class MatchAll(Node):
    scored = False


class MatchNone(Node):
    scored = False


class Term(Node):
    def __init__(self, field, text, boost=1.0):
        self.field, self.text, self.boost = field, text, boost

    def __repr__(self):
        return f"Term({self.field!r}, {self.text!r}, {self.boost})"


class Phrase(Node):
    """Analysed phrase in one text field (``name`` without suffix)."""

    def __init__(self, name, analyzed, boost=1.0):
        self.name, self.analyzed, self.boost = name, analyzed, boost


class And(Node):
    def __init__(self, children):
        self.children = list(children)
        self.scored = any(c.scored for c in self.children)


class Or(Node):
    def __init__(self, children):
        self.children = list(children)
        self.scored = any(c.scored for c in self.children)


class Not(Node):
    scored = False

    def __init__(self, child):
        self.child = child


class Boost(Node):
    def __init__(self, child, boost):
        self.child, self.boost = child, boost
        self.scored = child.scored


class FilterTerm(Node):
    scored = False

    def __init__(self, field, value):
        self.field, self.value = field, value


class FilterRange(Node):
    scored = False

    def __init__(self, field, start=None, end=None, startexcl=False, endexcl=False):
        self.field, self.start, self.end = field, start, end
        self.startexcl, self.endexcl = startexcl, endexcl


class FilterPrefix(Node):
    scored = False

    def __init__(self, field, prefix):
        self.field, self.prefix = field, prefix


def _phrase_pattern(analyzed):
    """Code pattern from the first to the last kept token, stop words as STOP_CODE."""
    tokens = analyzed.tokens
    first = tokens[0][1]
    slots = [STOP_CODE] * (tokens[-1][1] - first + 1)
    for stemmed, pos in tokens:
        slots[pos - first] = _stem_code(stemmed)
    return b"".join(slots)


_code_by_stem: dict[str, bytes] = {}


def _stem_code(stemmed):
    code = _code_by_stem.get(stemmed)
    if code is None:
        code = hashlib.blake2b(stemmed.encode("utf-8"), digest_size=CODE_SIZE).digest()
        if code in (STOP_CODE, SEP_CODE):  # pragma: no cover
            code = b"\x01" + code[1:]
        if len(_code_by_stem) > 500_000:
            _code_by_stem.clear()
        _code_by_stem[stemmed] = code
    return code


def count_occurrences(sequence, pattern):
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


class Matches:
    """The documents matching a query, with their scores: a boolean array over the index's
    document numbers and an array of scores (zero for the documents that do not match).

    It reads like a ``{docnum: score}`` mapping, in document number order.
    """

    __slots__ = ("mask", "scores", "_docs")

    def __init__(self, mask, scores=None):
        self.mask = mask
        self.scores = np.zeros(len(mask)) if scores is None else scores
        self._docs = None

    @classmethod
    def empty(cls, snapshot):
        return cls(snapshot.empty_mask())

    def docs(self):
        """The matching document numbers, in order, as an array."""
        if self._docs is None:
            self._docs = np.flatnonzero(self.mask)
        return self._docs

    def __len__(self):
        return len(self.docs())

    def __bool__(self):
        return bool(len(self.docs()))

    def __iter__(self):
        return iter(self.docs().tolist())

    def keys(self):
        return self.docs().tolist()

    def __contains__(self, doc):
        return 0 <= doc < len(self.mask) and bool(self.mask[doc])

    def __getitem__(self, doc):
        if doc not in self:
            raise KeyError(doc)
        return float(self.scores[doc])

    def get(self, doc, default=None):
        return float(self.scores[doc]) if doc in self else default

    def items(self):
        docs = self.docs()
        return zip(docs.tolist(), self.scores[docs].tolist(), strict=True)


class Evaluator:
    """Evaluates query nodes over the documents of ``universe`` (a document set: a boolean
    array over document numbers, or an iterable of them)."""

    def __init__(self, snapshot, universe):
        self.s = snapshot
        self.universe = snapshot.as_mask(universe)

    # Filters

    def filter_docs(self, node):
        """The document numbers selected by a filter node, as a set."""
        return set(np.flatnonzero(self.filter_mask(node)).tolist())

    def filter_mask(self, node):
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

    def _union_terms(self, field, terms):
        out = self.s.empty_mask()
        for term in terms:
            out[self.s.term_ids(field, term)] = True
        return out

    def _range_docs(self, node):
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
        start, end = node.start, node.end
        field = self.s.schema[node.field]
        if isinstance(field, fields.DATETIME):
            start = None if start is None else field.prepare_datetime(start)
            end = None if end is None else field.prepare_datetime(end)
        query = NumericRange(node.field, start, end, startexcl=node.startexcl, endexcl=node.endexcl)
        out = self.s.empty_mask()
        self._collect_simplified(query.simplify(self.s.reader), out)
        return out

    def _collect_simplified(self, query, out):
        from whoosh import query as wq

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

    def evaluate(self, node, within=None):
        """The documents of ``within`` (default: the universe) matching ``node``, scored.

        The arrays of the result are new: the caller may change them."""
        within = self.universe if within is None else within
        if not within.any():
            return Matches.empty(self.s)
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
                return Matches.empty(self.s)
            return Matches(result.mask, result.scores)
        if isinstance(node, Not):
            return Matches(within & ~self._docs(node.child, within))
        # Filters and MatchAll/MatchNone score nothing.
        return Matches(self.filter_mask(node) & within)

    def _docs(self, node, within):
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

    def _estimate(self, node):
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

    def _and(self, node, within):
        positives = [c for c in node.children if not isinstance(c, Not)]
        negatives = [c.child for c in node.children if isinstance(c, Not)]
        current = within
        for child in negatives:
            current = current & ~self._docs(child, current)
        if not positives:
            return Matches(current.copy() if current is within else current)
        positives.sort(key=self._estimate)
        mask = scores = None
        for child in positives:
            part = self.evaluate(child, current)
            if mask is None:
                mask, scores = part.mask, part.scores
            else:
                mask &= part.mask
                scores += part.scores
            if not mask.any():
                return Matches.empty(self.s)
            current = mask
        scores[~mask] = 0.0
        return Matches(mask, scores)

    def _phrase(self, node, within):
        analyzed = node.analyzed
        tokens = analyzed.tokens
        if not tokens:
            return Matches.empty(self.s)
        t_field = f"{node.name}__t"
        if len(tokens) == 1:
            return self.s.term_matches(t_field, tokens[0][0], node.boost, within)
        pattern = _phrase_pattern(analyzed)
        ids, tfs = self.s.cached_phrase(
            (t_field, pattern), lambda: self._phrase_frequencies(node.name, tokens, pattern)
        )
        if not len(ids):
            return Matches.empty(self.s)
        return self.s.scored_matches(t_field, ids, tfs, node.boost, len(ids), within)

    def _phrase_frequencies(self, name, tokens, pattern):
        """(documents, occurrences) of the phrase in every live document of the index."""
        t_field = f"{name}__t"
        g_field = f"{name}__g"
        common = self.s.common
        # Candidate documents: every common gram, and every word not covered by one.
        covered = set()
        parts = []
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
        candidates = None
        for field, text in parts:
            mask = self.s.term_mask(field, text)
            candidates = mask if candidates is None else candidates & mask
            if not candidates.any():
                return _NO_IDS, _NO_WEIGHTS
        found_ids = []
        found_counts = []
        for doc, seq in self.s.sequences(t_field, np.flatnonzero(candidates).tolist()).items():
            if seq:
                n = count_occurrences(seq, pattern)
                if n:
                    found_ids.append(doc)
                    found_counts.append(n)
        return np.array(found_ids, dtype=np.intp), np.array(found_counts, dtype=np.float64)


def edit_distances(word, candidates, limit):
    """(candidate, distance) for the candidates within ``limit`` edits of ``word``, by optimal
    string alignment distance (a transposition counts as one edit)."""
    if not candidates:
        return []
    found = fuzz_process.extract(
        word, list(candidates), scorer=OSA.distance, score_cutoff=limit, limit=None
    )
    return [(term, distance) for term, distance, _ in found]


def top_docs(matches, limit):
    """The ``limit`` best (docnum, score) pairs of ``matches`` (a :class:`Matches` or a
    ``{docnum: score}`` mapping), best first; equal scores in docnum order."""
    if isinstance(matches, Matches):
        docs = matches.docs()
        scores = matches.scores[docs]
    else:
        docs = np.fromiter(matches.keys(), dtype=np.intp, count=len(matches))
        scores = np.fromiter(matches.values(), dtype=np.float64, count=len(matches))
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


# --- The single writer ----------------------------------------------------------------------


class WriterLock:
    """An exclusive lock on a file, shared by every process and thread using the index.

    ``flock`` locks belong to the open file description, so two threads of one process exclude
    each other too, and the kernel releases the lock if the holder dies.
    """

    def __init__(self, path):
        self.path = path
        self._local = threading.local()

    def acquire(self, timeout=None):
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._local.fd = fd
                return True
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(delay)
                delay = min(delay * 2, 0.05)

    def release(self):
        fd = getattr(self._local, "fd", None)
        self._local.fd = None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


class Journal:
    """Durable queue of index operations, in commit order, shared by all processes."""

    def __init__(self, path):
        self.path = str(path)
        self._local = threading.local()

    def _conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS ops (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " op TEXT NOT NULL, doc_id TEXT, body TEXT)"
            )
            self._local.conn = conn
            self._local.pid = os.getpid()
        return conn

    def append(self, ops):
        """Append (op, doc_id, body) tuples in one transaction."""
        if not ops:
            return
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT INTO ops (op, doc_id, body) VALUES (?, ?, ?)", ops)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def pending(self, limit):
        cur = self._conn().execute(
            "SELECT seq, op, doc_id, body FROM ops ORDER BY seq LIMIT ?", (limit,)
        )
        return cur.fetchall()

    def has_pending(self):
        return self._conn().execute("SELECT 1 FROM ops LIMIT 1").fetchone() is not None

    def remove_through(self, seq):
        self._conn().execute("DELETE FROM ops WHERE seq <= ?", (seq,))

    def close(self):
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class IndexStore:
    """One Whoosh index directory with its journal and writer lock.

    Every change is first appended to the journal, then applied by ``flush()``. ``flush()`` takes
    the writer lock without waiting: if another process or thread holds it, that holder applies
    our operations too, because it looks at the journal again after releasing the lock. Only the
    lock holder ever opens a Whoosh writer, so two writers never meet and nothing is lost to a
    lock error; if the holder is killed, its operations stay in the journal for the next flush.
    Rows leave the journal only after the Whoosh commit that contains them.

    Searches use one snapshot per thread, re-opened only when a commit has produced a new index
    generation, reusing the readers of segments that have not changed.
    """

    BATCH = 2000

    def __init__(self, path):
        self.path = Path(path)
        self.index_dir = self.path / "index"
        self.journal = Journal(self.path / "journal.sqlite3")
        self.lock = WriterLock(str(self.path / "writer.lock"))
        self._local = threading.local()
        self._ensure()

    # -- setup

    def _ensure(self):
        self.index_dir.mkdir(parents=True, exist_ok=True)
        storage = self.storage()
        if self._usable(storage):
            self.journal._conn()
            return
        if not self.lock.acquire(timeout=120):
            raise TimeoutError("Search index writer lock not free to create the index")
        try:
            if not self._usable(storage):
                if TOC._latest_generation(storage, INDEX_NAME) >= 0:
                    logger.warning(
                        "The search index at %s was made by another version of the search"
                        " backend and has been emptied: run `manage.py update_index`.",
                        self.index_dir,
                    )
                storage.create_index(build_schema(), indexname=INDEX_NAME)
        finally:
            self.lock.release()
        self.journal._conn()

    @staticmethod
    def _usable(storage):
        if TOC._latest_generation(storage, INDEX_NAME) < 0:
            return False
        try:
            return _schema_is_current(TOC.read(storage, INDEX_NAME).schema)
        except Exception:
            return False

    def storage(self):
        from whoosh.filedb.filestore import FileStorage

        return FileStorage(str(self.index_dir))

    def _index(self):
        return index.FileIndex(self.storage(), indexname=INDEX_NAME)

    # -- reading

    def snapshot(self):
        local = self._local
        pid = os.getpid()
        current = getattr(local, "snapshot", None)
        if current is not None and getattr(local, "pid", None) != pid:
            current = None
        storage = current.storage if current is not None else self.storage()
        generation = TOC._latest_generation(storage, INDEX_NAME)
        if current is not None and current.generation == generation:
            return current
        snap = self._open_snapshot(storage, current)
        local.snapshot = snap
        local.pid = pid
        return snap

    def _open_snapshot(self, storage, previous):
        for attempt in range(20):
            try:
                toc = TOC.read(storage, INDEX_NAME)
                break
            except (OSError, EOFError, ValueError):
                if attempt == 19:
                    raise
                time.sleep(0.02)
        schema = toc.schema
        reusable = {}
        shared = {}
        if previous is not None and previous.schema is not None:
            for seg, _ in previous.segments:
                segment = seg.reader.segment()
                reusable[(segment.segment_id(), segment.deleted_count())] = seg
                shared[segment.segment_id()] = seg.shared
        segments = []
        offset = 0
        for segment in toc.segments:
            key = (segment.segment_id(), segment.deleted_count())
            seg = reusable.pop(key, None)
            if seg is None:
                seg = _Segment(
                    SegmentReader(storage, schema, segment, generation=toc.generation),
                    shared.get(segment.segment_id()),
                )
            segments.append((seg, offset))
            offset += seg.doccount
        for seg in reusable.values():
            with contextlib.suppress(Exception):
                seg.reader.close()
        return Snapshot(storage, toc.generation, schema, segments)

    def common_words(self):
        return self.snapshot().common

    # -- writing

    def submit(self, ops):
        """Queue operations: ("put", spec) or ("delete", doc_id) or ("clear",)."""
        rows = []
        for op in ops:
            if op[0] == "put":
                rows.append(("put", op[1]["id"], json.dumps(op[1], default=_json_default)))
            elif op[0] == "delete":
                rows.append(("delete", op[1], None))
            elif op[0] == "clear":
                rows.append(("clear", None, None))
            else:
                raise ValueError(op[0])
        self.journal.append(rows)

    def flush(self, wait=False, timeout=120):
        """Apply queued operations. Returns False if another flusher holds the lock."""
        while True:
            if not self.lock.acquire(timeout=timeout if wait else 0):
                if wait:
                    raise TimeoutError(f"Search index writer lock not free after {timeout}s")
                return False
            try:
                self._apply_pending()
            finally:
                self.lock.release()
            if not self.journal.has_pending():
                return True
            # Operations were queued while we committed and their authors may have found the
            # lock taken: go round again.

    def _apply_pending(self):
        while True:
            rows = self.journal.pending(self.BATCH)
            if not rows:
                return
            self._apply_rows(rows)
            self.journal.remove_through(rows[-1][0])

    def _apply_rows(self, rows, writer=None):
        clear = False
        latest = {}
        for seq, op, doc_id, body in rows:
            if op == "clear":
                clear = True
                latest.clear()
            else:
                latest[doc_id] = (seq, op, body)
        ix = self._index()
        own_writer = writer is None
        if own_writer:
            writer = ix.writer(timeout=30)
        try:
            common = schema_common_words(writer.schema)
            for doc_id, (_seq, op, body) in sorted(latest.items(), key=lambda kv: kv[1][0]):
                if not clear:
                    writer.delete_by_term("doc_id", doc_id)
                if op == "put":
                    writer.add_document(**whoosh_document(json.loads(body), common))
        except BaseException:
            if own_writer:
                writer.cancel()
            raise
        if own_writer:
            writer.commit(mergetype=writing.CLEAR if clear else None)

    def clear(self):
        self.submit([("clear",)])

    # -- rebuilding

    def rebuild(self, procs=None):
        return Rebuild(self, procs=procs)

    def doc_count(self):
        return self.snapshot().live_count

    def close(self):
        self.journal.close()
        self._local.snapshot = None


def _json_default(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return str(value)


class Rebuild:
    """Builds a new generation of the index from scratch while searches use the old one.

    Documents are spooled to a temporary file while word statistics are gathered; ``finish()``
    chooses the common words, writes every document into one new segment that replaces all the
    old ones in a single commit, and then applies whatever was journalled meanwhile.
    """

    def __init__(self, store, procs=None):
        self.store = store
        self.procs = procs
        # Open for the life of the rebuild, closed by finish() or abandon().
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self._df = Counter()
        self.count = 0

    def add(self, specs):
        for spec in specs:
            words = set()
            for values in spec.get("text", {}).values():
                words |= stem_set(values)
            self._df.update(words)
            self._spool.write(json.dumps(spec, default=_json_default))
            self._spool.write("\n")
            self.count += 1

    def common_words(self):
        threshold = max(COMMON_WORD_MIN_DOCS, COMMON_WORD_MIN_SHARE * self.count)
        return frozenset(w for w, df in self._df.most_common(MAX_COMMON_WORDS) if df >= threshold)

    def finish(self, lock_timeout=600):
        store = self.store
        common = self.common_words()
        if not store.lock.acquire(timeout=lock_timeout):
            raise TimeoutError("Search index writer lock not free for the rebuild")
        try:
            ix = store._index()
            writer = self._writer(ix)
            try:
                writer.schema = build_schema(common)
                self._spool.seek(0)
                for line in self._spool:
                    writer.add_document(**whoosh_document(json.loads(line), common))
            except BaseException:
                writer.cancel()
                raise
            writer.commit(mergetype=writing.CLEAR)
            store._apply_pending()
        finally:
            store.lock.release()
            self._spool.close()
        store.flush()

    def _writer(self, ix):
        procs = self.procs if self.procs is not None else min(2, os.cpu_count() or 1)
        if procs > 1 and self.count >= 2000:
            # Several processes each build a segment from part of the documents.
            return ix.writer(procs=procs, multisegment=True, limitmb=128, timeout=30)
        return ix.writer(limitmb=256, timeout=30)

    def abandon(self):
        self._spool.close()

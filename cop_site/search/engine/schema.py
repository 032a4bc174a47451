"""The Whoosh schema of the index and the conversion of document specs into Whoosh documents."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh import analysis, columns, fields, formats
from whoosh.system import pack_uint

from .analysis import Analyzed, as_list, edge_words, vocabulary_words

INDEX_NAME = "MAIN"
SCHEMA_VERSION = 4

# The index vocabulary: every distinct word of a document's text as written (lower-cased, not
# stemmed), for spelling suggestions and wildcard expansion.
WORDS_FIELD = "doc_words"

# Segments are written as separate files, not one compound file: Whoosh reads a compound file
# into memory for every reader that opens it, so each thread's snapshot would hold its own copy
# of the index, while separate files are mapped and shared (see benchmarks/search_memory.py).
WRITER_OPTIONS: dict[str, Any] = {"compound": False}


# What a Whoosh field type's ``index`` yields for each term: (text, frequency, weight, value).
Posting = tuple[bytes, int, float, bytes]
# A document spec (see below) and a Whoosh document: field name to value.
Spec = dict[str, Any]


def _counts_to_postings(counter: Counter[str]) -> Iterator[Posting]:
    for term, freq in counter.items():
        yield (term.encode("utf-8"), freq, float(freq), pack_uint(freq))


class AnalyzedText(fields.FieldType):
    """Stemmed words with frequencies; scorable (field lengths kept), no positions.

    Its column holds the field's token code sequence, for phrase matching. The column belongs to
    this indexed field rather than to a column-only field because Whoosh drops the columns of
    dynamic fields that have no terms when it merges segments.
    """

    def __init__(self, sequence_column: bool = True) -> None:
        self.format = formats.Frequency()
        self.analyzer = analysis.StandardAnalyzer()
        self.indexed = True
        self.stored = False
        self.scorable = True
        self.unique = False
        self.vector = None
        self.column_type = columns.VarBytesColumn() if sequence_column else None

    def _terms(self, value: Any) -> list[str]:
        analyzed = value if isinstance(value, Analyzed) else Analyzed(value)
        return analyzed.stems()

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        return _counts_to_postings(Counter(self._terms(value)))

    def to_column_value(self, value: Any) -> bytes:
        analyzed = value if isinstance(value, Analyzed) else Analyzed(value)
        return analyzed.sequence

    def from_column_value(self, value: bytes) -> bytes:
        return value


class GramText(AnalyzedText):
    """Pairs of adjacent common words, given as a list of gram texts.

    ``common`` records the set of common words this index generation was built with.
    """

    def __init__(self, common: frozenset[str] = frozenset()) -> None:
        super().__init__(sequence_column=False)
        self.common = frozenset(common)

    def _terms(self, value: Any) -> list[str]:
        if isinstance(value, Analyzed):
            return value.grams(self.common)
        return list(value)


class WordText(AnalyzedText):
    """Lower-cased words as written (no stemming, no stop words), for prefix matching."""

    def __init__(self) -> None:
        super().__init__(sequence_column=False)

    def _terms(self, value: Any) -> list[str]:
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

    def __init__(self) -> None:
        self.format = formats.Existence()
        self.analyzer = analysis.IDAnalyzer()
        self.indexed = True
        self.stored = False
        self.scorable = True
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        for word in value:
            yield (word.encode("utf-8"), 1, 1.0, b"")


class Exact(fields.FieldType):
    """Exact string values, possibly several per document; optionally with a sort column."""

    def __init__(self, sortable: bool = False) -> None:
        self.format = formats.Existence()
        self.analyzer = analysis.IDAnalyzer()
        self.indexed = True
        self.stored = False
        self.scorable = False
        self.unique = False
        self.vector = None
        self.column_type = columns.VarBytesColumn() if sortable else None

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in dict.fromkeys(str(v) for v in values if v is not None):
            yield (v.encode("utf-8"), 1, 1.0, b"")

    def to_bytes(self, value: str | bytes) -> bytes:
        return value.encode("utf-8") if isinstance(value, str) else value

    def from_bytes(self, bs: bytes) -> str:
        return bs.decode("utf-8")

    def to_column_value(self, value: Any) -> bytes:
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        return str(value).encode("utf-8")

    def from_column_value(self, value: bytes) -> str:
        return value.decode("utf-8")


def _numeric(kind: str, sortable: bool) -> Any:
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


def build_schema(common: frozenset[str] = frozenset()) -> Any:
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


def schema_common_words(schema: Any) -> frozenset[str]:
    try:
        common: frozenset[str] = schema["x__g"].common
    except Exception:  # pragma: no cover - old or foreign schema
        return frozenset()
    return common


def schema_is_current(schema: Any) -> bool:
    return f"doc_schema_v{SCHEMA_VERSION}" in schema.names()


# --- Document specs ---------------------------------------------------------------------
#
# A document spec is a JSON-serialisable dict:
#   {"id": str, "pk": str, "pkint": int|None, "ct": [str], "nulls": [str],
#    "text": {name: [str]}, "ac": {name: [str]}, "filters": {field: value or [values]}}
# Filter field names carry their kind as a suffix (see FILTER_KINDS); dates travel as ISO text.


def _filter_value(suffix: str, value: Any) -> Any:
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


def whoosh_document(spec: Spec, common: frozenset[str]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "doc_id": spec["id"],
        "doc_pk": spec["pk"],
        "doc_ct": list(spec["ct"]),
        f"doc_schema_v{SCHEMA_VERSION}": "1",
    }
    if spec.get("pkint") is not None:
        doc["doc_pkint"] = int(spec["pkint"])
    if spec.get("nulls"):
        doc["doc_nulls"] = list(spec["nulls"])
    word_lists: list[list[str]] = []
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


def json_default(value: object) -> str:
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return str(value)

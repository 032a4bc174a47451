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
each process keeps what it has decoded in one cache shared by its threads (``cache.CACHE``, within
``cache.CACHE_BYTES``, least recently used dropped first).

Phrases use two structures instead of positional postings (which are slow to decode in pure
Python): a column holding each text field as a sequence of 8-byte token codes, searched with
``bytes.find``, and "common grams" (pairs of adjacent common words indexed as single terms) so that
phrases made of very frequent words do not have to be verified document by document. The set of
common words is chosen from the data at each full rebuild and stored in the index schema, so every
document in one index generation was indexed with the same set.

Writes go through a durable journal (the site's outbox table, or an SQLite file next to the
index when used without Django) and are applied by whichever process holds the writer lock; see
:class:`IndexStore`.

The modules, in the order they depend on one another: ``analysis`` (words, stems, token codes),
``schema`` (Whoosh field types, documents), ``vocabulary`` (words as written, corrections),
``cache`` (decoded data), ``segments`` (what is decoded from one segment), ``matches``
(results), ``snapshot`` (one index generation), ``evaluation`` (query nodes and their
evaluation), ``journal``, ``rebuild`` and ``store`` (writing), and ``whoosh_private`` (every use
of a private Whoosh internal).
"""

from .analysis import (
    CODE_SIZE,
    MAX_GRAM_DISTANCE,
    MIN_TOKEN_LENGTH,
    SEP_CODE,
    STOP_CODE,
    STOP_WORDS,
    TOKEN_RE,
    VALUE_GAP,
    WRITTEN_WORD_RE,
    Analyzed,
    analyze_query,
    as_list,
    count_occurrences,
    edge_words,
    gram_text,
    is_kept,
    normalise,
    stem,
    stem_code,
    stem_set,
    word_spans,
    words,
)
from .evaluation import (
    And,
    Boost,
    Evaluator,
    FilterPrefix,
    FilterRange,
    FilterTerm,
    MatchAll,
    MatchNone,
    Node,
    Not,
    Or,
    Phrase,
    Term,
)
from .journal import FileJournal, Journal, JournalRow
from .matches import Matches, top_docs
from .rebuild import Rebuild, RebuildInProgress
from .schema import INDEX_NAME, SCHEMA_VERSION, WORDS_FIELD, build_schema, whoosh_document
from .snapshot import BM25_B, BM25_K1, Snapshot
from .store import FileLock, IndexStore
from .vocabulary import correction_distance, edit_distances, spelling_candidate

__all__ = [
    "BM25_B",
    "BM25_K1",
    "CODE_SIZE",
    "INDEX_NAME",
    "MAX_GRAM_DISTANCE",
    "MIN_TOKEN_LENGTH",
    "SCHEMA_VERSION",
    "SEP_CODE",
    "STOP_CODE",
    "STOP_WORDS",
    "TOKEN_RE",
    "VALUE_GAP",
    "WRITTEN_WORD_RE",
    "WORDS_FIELD",
    "Analyzed",
    "And",
    "Boost",
    "Evaluator",
    "FileJournal",
    "FileLock",
    "FilterPrefix",
    "FilterRange",
    "FilterTerm",
    "IndexStore",
    "Journal",
    "JournalRow",
    "MatchAll",
    "MatchNone",
    "Matches",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "Rebuild",
    "RebuildInProgress",
    "Snapshot",
    "Term",
    "analyze_query",
    "as_list",
    "build_schema",
    "correction_distance",
    "count_occurrences",
    "edge_words",
    "edit_distances",
    "gram_text",
    "is_kept",
    "normalise",
    "stem",
    "stem_code",
    "spelling_candidate",
    "stem_set",
    "top_docs",
    "whoosh_document",
    "word_spans",
    "words",
]

"""Rebuilding the index from scratch while searches use the old generation."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from whoosh import writing

from .analysis import stem_set
from .journal import JournalRow, latest_operations
from .schema import WRITER_OPTIONS, build_schema, json_default, whoosh_document

if TYPE_CHECKING:
    from .store import IndexStore

# Common words: at most this many, each in at least this share of documents.
MAX_COMMON_WORDS = 200
COMMON_WORD_MIN_SHARE = 0.10
COMMON_WORD_MIN_DOCS = 50


class RebuildInProgress(RuntimeError):
    """Another process is already rebuilding the index."""


class Rebuild:
    """Builds a new generation of the index from scratch while searches use the old one.

    Documents are spooled to a temporary file while word statistics are gathered; ``finish()``
    chooses the common words and writes every document into one new segment that replaces all
    the old ones in a single commit.

    Writes go on meanwhile, and the task worker applies them to the old generation. For as
    long as the rebuild runs it holds the store's rebuild lock, so those operations are kept in
    the journal once applied. ``finish()`` reads every operation still in the journal and writes
    each document's last one in place of the spooled document, in the same commit: an edit made
    during the rebuild stays, and a document deleted during it does not come back.
    """

    def __init__(self, store: IndexStore, procs: int | None = None) -> None:
        self.store = store
        self.procs = procs
        if not store.rebuild_lock.acquire(timeout=0):
            raise RebuildInProgress(f"The search index at {store.path} is already being rebuilt")
        try:
            # Wait for a flush in progress: it may remove operations without keeping them, so
            # the documents read from now on must be read after it is done.
            if not store.lock.acquire(timeout=600):
                raise TimeoutError("Search index writer lock not free to start the rebuild")
            store.lock.release()
        except BaseException:
            store.rebuild_lock.release()
            raise
        # Open for the life of the rebuild, closed by finish() or abandon().
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self._df: Counter[str] = Counter()
        self.count = 0

    def add(self, specs: Iterable[dict[str, Any]]) -> None:
        for spec in specs:
            words: set[str] = set()
            for values in spec.get("text", {}).values():
                words |= stem_set(values)
            self._df.update(words)
            self._spool.write(json.dumps(spec, default=json_default))
            self._spool.write("\n")
            self.count += 1

    def common_words(self) -> frozenset[str]:
        threshold = max(COMMON_WORD_MIN_DOCS, COMMON_WORD_MIN_SHARE * self.count)
        return frozenset(w for w, df in self._df.most_common(MAX_COMMON_WORDS) if df >= threshold)

    def finish(self, lock_timeout: float = 600) -> None:
        store = self.store
        common = self.common_words()
        if not store.lock.acquire(timeout=lock_timeout):
            self.abandon()
            raise TimeoutError("Search index writer lock not free for the rebuild")
        try:
            rows = self._journal_rows()
            clear, latest = latest_operations(rows)
            writer = self._writer(store._index())
            try:
                writer.schema = build_schema(common)
                if not clear:
                    self._spool.seek(0)
                    for line in self._spool:
                        spec = json.loads(line)
                        if spec["id"] not in latest:
                            writer.add_document(**whoosh_document(spec, common))
                for op, body in latest.values():
                    if op == "put" and body is not None:
                        writer.add_document(**whoosh_document(json.loads(body), common))
            except BaseException:
                writer.cancel()
                raise
            writer.commit(mergetype=writing.CLEAR)
            store.journal.remove([row.seq for row in rows])
        finally:
            store.lock.release()
            self.abandon()
        store.flush()  # operations queued after the rows were read

    def _journal_rows(self) -> list[JournalRow]:
        """Every operation in the journal, applied to the old generation or not, in order."""
        rows: list[JournalRow] = []
        after = 0
        while batch := self.store.journal.kept(after, self.store.BATCH):
            rows.extend(batch)
            after = batch[-1].seq
        return rows

    def _writer(self, ix: Any) -> Any:
        procs = self.procs if self.procs is not None else min(2, os.cpu_count() or 1)
        if procs > 1 and self.count >= 2000:
            # Several processes each build a segment from part of the documents.
            return ix.writer(
                procs=procs, multisegment=True, limitmb=128, timeout=30, **WRITER_OPTIONS
            )
        return ix.writer(limitmb=256, timeout=30, **WRITER_OPTIONS)

    def abandon(self) -> None:
        """Stop without changing the index; the operations kept meanwhile are removed by the
        next flush."""
        if not self._spool.closed:
            self._spool.close()
            self.store.rebuild_lock.release()

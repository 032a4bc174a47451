"""The index on disk, its journal of pending operations and the single writer.

Every change is first queued in the journal and then applied by whoever holds the writer lock.
A rebuild (``rebuild.Rebuild``) holds a second lock for as long as it runs; while that lock is
held, applied operations stay in the journal, so that the rebuild can apply every change made
since it started to the index it builds, and nothing done meanwhile is reverted or brought
back. If the rebuilding process dies, the kernel releases its lock and the next flush removes
what it kept.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from whoosh import index, writing
from whoosh.index import TOC
from whoosh.reading import SegmentReader

from . import whoosh_private
from .journal import (
    FileJournal,
    Journal,
    JournalRow,
    Operation,
    encode_document,
    latest_operations,
)
from .rebuild import Rebuild
from .schema import (
    INDEX_NAME,
    WRITER_OPTIONS,
    build_schema,
    schema_common_words,
    schema_is_current,
    whoosh_document,
)
from .segments import Segment
from .snapshot import Snapshot

logger = logging.getLogger(__name__)


class FileLock:
    """An exclusive lock on a file, shared by every process and thread using the index.

    ``flock`` locks belong to the open file description, so two threads of one process exclude
    each other too, and the kernel releases the lock if the holder dies.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def acquire(self, timeout: float | None = None) -> bool:
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

    def release(self) -> None:
        fd = getattr(self._local, "fd", None)
        self._local.fd = None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def is_held(self) -> bool:
        """Whether anyone (this thread included) holds the lock now."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing the descriptor releases a lock taken through it
        return False


class IndexStore:
    """One Whoosh index directory with its journal and writer lock.

    Every change is first appended to the journal, then applied by ``flush()``. ``flush()`` takes
    the writer lock without waiting: if another process or thread holds it, that holder applies
    our operations too, because it looks at the journal again after releasing the lock. Only the
    lock holder ever opens a Whoosh writer, so two writers never meet and nothing is lost to a
    lock error; if the holder is killed, its operations stay in the journal for the next flush.
    Rows leave the journal only after the Whoosh commit that contains them (or, while a rebuild
    is in progress, after the rebuild's commit).

    The journal is the site's outbox when the index serves the Django backend, else a file
    beside the index.

    Searches use one snapshot per thread, re-opened only when a commit has produced a new index
    generation, reusing the readers of segments that have not changed.
    """

    BATCH = 2000

    def __init__(self, path: str | Path, journal: Journal | None = None) -> None:
        self.path = Path(path)
        self.index_dir = self.path / "index"
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.journal: Journal = journal or FileJournal(self.path / "journal.sqlite3")
        self.lock = FileLock(str(self.path / "writer.lock"))
        self.rebuild_lock = FileLock(str(self.path / "rebuild.lock"))
        self._local = threading.local()
        self._ensure()

    # -- setup

    def _ensure(self) -> None:
        storage = self.storage()
        if self._usable(storage):
            return
        if not self.lock.acquire(timeout=120):
            raise TimeoutError("Search index writer lock not free to create the index")
        try:
            if not self._usable(storage):
                if whoosh_private.latest_generation(storage, INDEX_NAME) >= 0:
                    logger.warning(
                        "The search index at %s was made by another version of the search"
                        " backend and has been emptied: run `manage.py update_index`.",
                        self.index_dir,
                    )
                storage.create_index(build_schema(), indexname=INDEX_NAME)
        finally:
            self.lock.release()

    @staticmethod
    def _usable(storage: Any) -> bool:
        if whoosh_private.latest_generation(storage, INDEX_NAME) < 0:
            return False
        try:
            return schema_is_current(TOC.read(storage, INDEX_NAME).schema)
        except Exception:
            return False

    def storage(self) -> Any:
        from whoosh.filedb.filestore import FileStorage

        return FileStorage(str(self.index_dir))

    def _index(self) -> Any:
        return index.FileIndex(self.storage(), indexname=INDEX_NAME)

    # -- reading

    def snapshot(self) -> Snapshot:
        local = self._local
        pid = os.getpid()
        current: Snapshot | None = getattr(local, "snapshot", None)
        if current is not None and getattr(local, "pid", None) != pid:
            current = None
        storage = current.storage if current is not None else self.storage()
        generation = whoosh_private.latest_generation(storage, INDEX_NAME)
        if current is not None and current.generation == generation:
            return current
        snap = self._open_snapshot(storage, current)
        local.snapshot = snap
        local.pid = pid
        return snap

    def _open_snapshot(self, storage: Any, previous: Snapshot | None) -> Snapshot:
        for attempt in range(20):
            try:
                toc = TOC.read(storage, INDEX_NAME)
                break
            except (OSError, EOFError, ValueError):
                if attempt == 19:
                    raise
                time.sleep(0.02)
        schema = toc.schema
        reusable: dict[tuple[Any, int], Segment] = {}
        shared: dict[Any, Any] = {}
        if previous is not None and previous.schema is not None:
            for old, _ in previous.segments:
                segment = old.reader.segment()
                reusable[(segment.segment_id(), segment.deleted_count())] = old
                shared[segment.segment_id()] = old.shared
        segments: list[tuple[Segment, int]] = []
        offset = 0
        for segment in toc.segments:
            key = (segment.segment_id(), segment.deleted_count())
            seg = reusable.pop(key, None)
            if seg is None:
                seg = Segment(
                    SegmentReader(storage, schema, segment, generation=toc.generation),
                    shared.get(segment.segment_id()),
                )
            segments.append((seg, offset))
            offset += seg.doccount
        for seg in reusable.values():
            with contextlib.suppress(Exception):
                seg.reader.close()
        return Snapshot(storage, toc.generation, schema, segments)

    def common_words(self) -> frozenset[str]:
        common: frozenset[str] = self.snapshot().common
        return common

    # -- writing

    def submit(self, ops: Sequence[Operation]) -> None:
        """Queue operations: ("put", document) or ("delete", doc_id) or ("clear",)."""
        rows: list[tuple[str, str | None, str | None]] = []
        for op in ops:
            if op[0] == "put":
                rows.append(("put", op[1]["id"], encode_document(op[1])))
            elif op[0] == "delete":
                rows.append(("delete", op[1], None))
            elif op[0] == "clear":
                rows.append(("clear", None, None))
            else:
                raise ValueError(op[0])
        self.journal.append(rows)

    def flush(self, wait: bool = False, timeout: float = 120) -> bool:
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

    def _apply_pending(self) -> None:
        """Apply every queued operation; the caller holds the writer lock."""
        # A rebuild that starts now waits for the writer lock before it reads anything, so
        # what is removed here is already in the rows it reads.
        keep = self.rebuild_lock.is_held()
        if not keep:
            self.journal.remove_applied()  # kept by a rebuild that did not finish
        while True:
            rows = self.journal.pending(self.BATCH)
            if not rows:
                return
            self._apply_rows(rows)
            seqs = [row.seq for row in rows]
            if keep:
                self.journal.mark_applied(seqs)
            else:
                self.journal.remove(seqs)

    def _apply_rows(self, rows: Sequence[JournalRow]) -> None:
        clear, latest = latest_operations(rows)
        writer = self._index().writer(timeout=30, **WRITER_OPTIONS)
        try:
            common = schema_common_words(writer.schema)
            for doc_id, (op, body) in latest.items():
                if not clear:
                    writer.delete_by_term("doc_id", doc_id)
                if op == "put" and body is not None:
                    writer.add_document(**whoosh_document(json.loads(body), common))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR if clear else None)

    def clear(self) -> None:
        self.submit([("clear",)])

    # -- rebuilding

    def rebuild(self, procs: int | None = None) -> Rebuild:
        return Rebuild(self, procs=procs)

    def doc_count(self) -> int:
        count: int = self.snapshot().live_count
        return count

    def close(self) -> None:
        self.journal.close()
        self._local.snapshot = None

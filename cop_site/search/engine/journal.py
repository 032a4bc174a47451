"""The journal: the durable queue of index operations that the single writer applies."""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from .schema import json_default

Document = dict[str, Any]
# What ``IndexStore.submit`` takes: ("put", document), ("delete", doc_id) or ("clear",).
Operation = tuple[Any, ...]


def encode_document(spec: Document) -> str:
    """A document as the journal keeps it."""
    return json.dumps(spec, default=json_default)


class JournalRow(NamedTuple):
    """One queued operation. ``body`` is the document of a put, as JSON; a put without one
    changes nothing (what it named is no longer stored, and its deletion has a row of its own).
    """

    seq: int
    op: str
    doc_id: str | None
    body: str | None


class Journal(Protocol):
    """Durable queue of index operations, in order, shared by every process using the index.

    Rows are read and removed only by the holder of the writer lock. A row is removed once the
    Whoosh commit containing it is done, or, while a rebuild is in progress, marked applied and
    kept until the rebuild has applied it to the index it builds.
    """

    def append(self, ops: Sequence[tuple[str, str | None, str | None]]) -> None:
        """Queue (op, doc_id, document as JSON) tuples."""

    def pending(self, limit: int) -> list[JournalRow]:
        """The first ``limit`` rows not applied yet, in order."""

    def kept(self, after: int, limit: int) -> list[JournalRow]:
        """The first ``limit`` rows after sequence number ``after``, applied or not, in order."""

    def has_pending(self) -> bool: ...

    def mark_applied(self, seqs: Sequence[int]) -> None: ...

    def remove(self, seqs: Sequence[int]) -> None: ...

    def remove_applied(self) -> None: ...

    def close(self) -> None: ...


class FileJournal:
    """The journal in an SQLite file beside the index, for the engine used without Django.

    The site's backend keeps its journal in the site's database instead
    (``cop_site.search.outbox``), so that an operation commits or rolls back with the change
    that made it.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            # The busy timeout first, so that what follows waits for other processes.
            conn.execute("PRAGMA busy_timeout=30000")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self._switch_to_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS ops (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " op TEXT NOT NULL, doc_id TEXT, body TEXT, applied INTEGER NOT NULL DEFAULT 0)"
            )
            self._local.conn = conn
            self._local.pid = os.getpid()
        return conn

    def _switch_to_wal(self, conn: sqlite3.Connection) -> None:
        """Puts a new journal file in WAL mode, once, whichever process gets there first.

        Switching needs an exclusive lock that SQLite's busy handler does not wait for, so
        processes opening a new journal together take turns on a lock file and the later ones
        find the switch made.
        """
        with open(f"{self.path}.init-lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def append(self, ops: Sequence[tuple[str, str | None, str | None]]) -> None:
        if not ops:
            return
        self._write("INSERT INTO ops (op, doc_id, body) VALUES (?, ?, ?)", ops)

    def _write(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        """Runs ``sql`` for each of ``rows`` in one write transaction, taken at once (so that it
        waits for the busy timeout rather than failing when it would have to upgrade)."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(sql, rows)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _select(self, where: str, params: tuple[int, ...]) -> list[JournalRow]:
        cur = self._conn().execute(
            f"SELECT seq, op, doc_id, body FROM ops WHERE {where} ORDER BY seq LIMIT ?",  # noqa: S608
            params,
        )
        return [JournalRow(*row) for row in cur.fetchall()]

    def pending(self, limit: int) -> list[JournalRow]:
        return self._select("applied = 0", (limit,))

    def kept(self, after: int, limit: int) -> list[JournalRow]:
        return self._select("seq > ?", (after, limit))

    def has_pending(self) -> bool:
        return (
            self._conn().execute("SELECT 1 FROM ops WHERE applied = 0 LIMIT 1").fetchone()
            is not None
        )

    def mark_applied(self, seqs: Sequence[int]) -> None:
        self._write("UPDATE ops SET applied = 1 WHERE seq = ?", [(s,) for s in seqs])

    def remove(self, seqs: Sequence[int]) -> None:
        self._write("DELETE FROM ops WHERE seq = ?", [(s,) for s in seqs])

    def remove_applied(self) -> None:
        self._conn().execute("DELETE FROM ops WHERE applied = 1")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def latest_operations(
    rows: Iterable[JournalRow],
) -> tuple[bool, dict[str, tuple[str, str | None]]]:
    """(whether the index is cleared first, {doc_id: (op, body)} of each document's last
    operation after the last clear, in the order of those operations)."""
    clear = False
    latest: dict[str, tuple[str, str | None]] = {}
    for row in rows:
        if row.op == "clear":
            clear = True
            latest.clear()
        elif row.doc_id is not None and not (row.op == "put" and row.body is None):
            latest.pop(row.doc_id, None)  # keeps the order of the last operations
            latest[row.doc_id] = (row.op, row.body)
    return clear, latest

"""The database side of backups (`cop_site.privacy.backup`): capturing a consistent copy with
its row counts and migration state, restoring it, and checking the restored row counts.

SQLite is copied with SQLite's online backup API from the live connection, which reads one
consistent state while the site runs. PostgreSQL is dumped with ``pg_dump --format=custom``
from a snapshot exported by a repeatable-read transaction, in which the row counts are counted
too, and restored with ``pg_restore --clean --if-exists --no-owner``. The password reaches the
PostgreSQL tools through ``PGPASSWORD`` in their environment, never on their command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from glob import glob
from pathlib import Path
from types import TracebackType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.tasks import TaskResultStatus

DATABASE_FILES = {"sqlite": "site.sqlite3", "postgresql": "site.pgdump"}
TOOL_TIMEOUT = 6 * 60 * 60


def _error(message: str) -> Exception:
    from .backup_archive import BackupError

    return BackupError(message)


class Capture:
    """A copy of the database in ``dest``, taken in three steps: ``snapshot()`` (while the
    caller holds the search index's writer lock), ``dump()`` (after it has let go), then the
    facts about that same state: ``row_counts()`` and ``migrations()``."""

    def __init__(self, vendor: str, dest: Path) -> None:
        if vendor not in DATABASE_FILES:
            raise _error(f"Backups support SQLite and PostgreSQL, not {vendor}.")
        self.vendor, self.dest = vendor, dest
        self._atomic: Any = None
        self._cursor: Any = None
        self._snapshot = ""

    def __enter__(self) -> Capture:
        if self.vendor == "postgresql":
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            self._cursor = connection.cursor()
            self._cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._atomic is not None:
            self._cursor.close()
            self._atomic.__exit__(kind, error, tb)

    def snapshot(self) -> None:
        if self.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(self.dest)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            self._cursor.execute("SELECT pg_export_snapshot()")
            self._snapshot = self._cursor.fetchone()[0]

    def dump(self) -> None:
        if self.vendor == "postgresql":
            _run_pg(
                "pg_dump",
                ["--format=custom", "--no-owner", f"--snapshot={self._snapshot}"],
                ["--file", str(self.dest)],
            )

    def row_counts(self) -> dict[str, int]:
        if self.vendor == "sqlite":
            with _sqlite_file(self.dest) as copy:
                tables = [
                    row[0]
                    for row in copy.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                    )
                ]
                return {name: _count(copy, name) for name in tables}
        return {name: _count(self._cursor, name) for name in sorted(_tables(self._cursor))}

    def migrations(self) -> dict[str, list[str]]:
        query = "SELECT app, name FROM django_migrations ORDER BY app, name"
        if self.vendor == "sqlite":
            with _sqlite_file(self.dest) as copy:
                rows = copy.execute(query).fetchall()
        else:
            self._cursor.execute(query)
            rows = self._cursor.fetchall()
        applied: dict[str, list[str]] = {}
        for app, name in rows:
            applied.setdefault(app, []).append(name)
        return applied


class _sqlite_file:  # noqa: N801 (used as a context manager, like a function)
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()


def _count(cursor: Any, table: str) -> int:
    quoted = connection.ops.quote_name(table)
    result = cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608 (a table's own name)
    row = (result if result is not None and hasattr(result, "fetchone") else cursor).fetchone()
    return int(row[0])


def _tables(cursor: Any) -> set[str]:
    return {
        info.name
        for info in connection.introspection.get_table_list(cursor)
        if info.type == "t" and not info.name.startswith("sqlite_")
    }


def restore(vendor: str, source: Path) -> None:
    """Replaces this installation's database with the copy at ``source``. Django's connections
    must be closed first (the caller does)."""
    if vendor == "sqlite":
        name = str(settings.DATABASES["default"]["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise _error(
                "The configured SQLite database is in memory; there is nothing to restore into."
            )
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(name, timeout=20)
        try:
            copy.backup(target)
        except sqlite3.Error as error:
            raise _error(f"SQLite could not restore into {name}: {error}") from None
        finally:
            target.close()
            copy.close()
    else:
        _run_pg(
            "pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"],
            [str(source)],
        )


def _run_pg(tool: str, options: list[str], tail: list[str]) -> None:
    conf = settings.DATABASES["default"]
    args = [_pg_tool(tool), "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if conf.get(key):
            args += [option, str(conf[key])]
    args += [*options, "--dbname", str(conf["NAME"]), *tail]
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    options_conf: Any = conf.get("OPTIONS") or {}
    if sslmode := options_conf.get("sslmode"):
        env["PGSSLMODE"] = str(sslmode)
    try:
        done = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
            args, env=env, capture_output=True, text=True, timeout=TOOL_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise _error(f"{tool} could not be run: {error}") from None
    if done.returncode != 0:
        raise _error(f"{tool} failed (exit status {done.returncode}): {done.stderr.strip()}")


def _pg_tool(name: str) -> str:
    """The PostgreSQL client program ``name``: on the PATH, else the newest Debian install."""
    found = shutil.which(name) or next(
        iter(sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise _error(
            f"{name} is not installed. Install PostgreSQL's client programs (the "
            "postgresql-client package), of the server's version or newer."
        )
    return found


Mismatches = dict[str, tuple[int, int | None]]


def compare_row_counts(expected: dict[str, int]) -> tuple[Mismatches, list[str]]:
    """({table: (in the manifest, now; None if missing)} for each that differs, tables here that
    the manifest does not name)."""
    mismatches: Mismatches = {}
    with connection.cursor() as cursor:
        tables = _tables(cursor)
        for name, count in sorted(expected.items()):
            actual = _count(cursor, name) if name in tables else None
            if actual != count:
                mismatches[name] = (count, actual)
    return mismatches, sorted(tables - expected.keys())


def retarget_index_operations(old: str, new: str) -> int:
    """Points the restored outbox's queued index changes (and queued flushes) of the backed-up
    installation's index at this one's. Returns how many changes were moved."""
    if old == new:
        return 0
    from cop_site.search.models import IndexOperation
    from cop_site.search.tasks import flush_search_index

    moved = IndexOperation.objects.filter(index=old).update(index=new)
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.filter(
            task_path=flush_search_index.module_path, status=TaskResultStatus.READY
        )
        for pk, args_kwargs in queued.values_list("pk", "args_kwargs"):
            if isinstance(args_kwargs, dict) and args_kwargs.get("args") == [old]:
                changed = {**args_kwargs, "args": [new]}
                DBTaskResult.objects.filter(pk=pk).update(args_kwargs=changed)
    return int(moved)


def waiting_index_operations(index: str) -> int:
    from cop_site.search.models import IndexOperation

    return int(IndexOperation.objects.for_index(index).waiting().count())

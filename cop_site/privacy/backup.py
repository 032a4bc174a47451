"""Backups of a whole installation: the database, the media folder and the search index in one
archive, and restoring that archive into another (empty) installation.

The archive is a tar.gz holding ``manifest.json`` (see `BackupManifest`), ``database/`` (an
SQLite copy made with SQLite's online backup API, or a ``pg_dump --format=custom`` file),
``media/`` (the default storage's folder) and ``search-index/`` (the Whoosh index files).

The database and the index are captured together under the index's writer lock, so they agree:
every change a flush has removed from the outbox (``cop_search.IndexOperation``, which is part
of the database) is already in the copied index, and every other change is still in the copied
outbox. Writes to the site go on meanwhile; only applying them to the index waits. On
PostgreSQL the lock is held only while a snapshot is exported and the index copied; ``pg_dump``
then reads that same snapshot, and the row counts in the manifest are counted in it too.

Downloads of people's data (the ``privacy_exports`` storage) are left out on purpose: they are
short-lived copies of personal data, and a member asks for a new one.
"""

from __future__ import annotations

import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from cop_site.search.engine import FileLock, IndexStore

from . import backup_database as db
from . import ledger
from .backup_archive import (
    DATABASE_DIR,
    INDEX_DIR,
    MANIFEST,
    MEDIA_DIR,
    BackupError,
    BackupManifest,
    BytesReader,
    FileEntry,
    add_file,
    check_members,
    files_under,
    hash_entry,
    private_file,
    read_archive,
)

__all__ = [
    "BackupError",
    "BackupManifest",
    "FileEntry",
    "RestoreReport",
    "archive_target",
    "check_compatible",
    "check_members",
    "installation_contents",
    "make_backup",
    "read_archive",
    "restore_backup",
]

# How long to wait for a flush or rebuild of the index to let go of its writer lock.
LOCK_TIMEOUT = 300


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did and what its check of the row counts found."""

    manifest: BackupManifest
    replaced: tuple[str, ...]
    mismatches: dict[str, tuple[int, int | None]]
    extra_tables: tuple[str, ...]
    unapplied_migrations: tuple[str, ...]
    index_operations_applied: int
    # Accounts erased after the backup was made, erased again from the erasure ledger.
    erased_again: int = 0

    @property
    def counts_match(self) -> bool:
        return not self.mismatches


# --- where things are -------------------------------------------------------------------


def media_root() -> Path | None:
    """The folder of the default storage, or None when uploads are not kept in local files."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def index_path() -> Path | None:
    """The folder of the site's Whoosh index, or None when another search backend is used."""
    conf: dict[str, Any] = dict(settings.WAGTAILSEARCH_BACKENDS.get("default", {}))
    if not str(conf.get("BACKEND", "")).startswith("cop_site.search.backend"):
        return None
    from cop_site.search.stores import default_index_path

    return Path(conf.get("PATH") or default_index_path()).resolve()


# --- making a backup --------------------------------------------------------------------


def make_backup(path: str | Path) -> BackupManifest:
    """Writes a backup of this installation to ``path`` (a file name, or an existing folder to
    put a dated archive in) and returns its manifest.

    The archive is written beside its final name and renamed when complete, readable by its
    owner only, since it holds every member's personal data.
    """
    target = archive_target(Path(path))
    vendor = connection.vendor
    index = index_path()
    store = _store(index) if index is not None else None
    with tempfile.TemporaryDirectory(prefix="cop-backup-") as staging_name:
        staging = Path(staging_name)
        db_file = staging / db.DATABASE_FILES.get(vendor, "database")
        index_copy = staging / "index"
        lock = _writer_lock(store) if store is not None else nullcontext()
        with db.Capture(vendor, db_file) as capture:
            with lock:
                capture.snapshot()
                index_files = _copy_index(store, index_copy) if store is not None else None
            capture.dump()
            row_counts, migrations = capture.row_counts(), capture.migrations()
        if store is not None:
            # Changes queued while the lock was held found it taken and left them to us.
            store.flush()
        media = media_root()
        manifest_media: list[FileEntry] | None = None if media is None else []
        partial = target.with_name(f".{target.name}.part")
        try:
            with private_file(partial) as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                database = add_file(tar, db_file, f"{DATABASE_DIR}/{db_file.name}", db_file.name)
                index_entries = None
                if index_files is not None:
                    index_entries = tuple(
                        add_file(tar, index_copy / relative, f"{INDEX_DIR}/{relative}", relative)
                        for relative in index_files
                    )
                if media is not None and manifest_media is not None:
                    for relative in files_under(media):
                        manifest_media.append(
                            add_file(tar, media / relative, f"{MEDIA_DIR}/{relative}", relative)
                        )
                manifest = BackupManifest(
                    created_at=timezone.now().isoformat(),
                    database_vendor=vendor,
                    database=database,
                    migrations=migrations,
                    row_counts=row_counts,
                    media=None if manifest_media is None else tuple(manifest_media),
                    search_index=index_entries,
                    search_index_path=str(index or ""),
                    software={"django": django.get_version(), "wagtail": wagtail.__version__},
                )
                body = json.dumps(manifest.to_json(), indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(body), 0o600, int(timezone.now().timestamp())
                tar.addfile(info, BytesReader(body))
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return manifest


def archive_target(path: Path) -> Path:
    """The archive file a backup to ``path`` writes: ``path`` itself, or a dated name in it if
    it is a folder. Refuses an existing file, a missing folder and a place inside the media
    folder or the search index."""
    if path.is_dir():
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        path = path / f"cop-site-backup-{stamp}.tar.gz"
    if path.exists():
        raise BackupError(f"{path} already exists; choose another name.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    for folder in (media_root(), index_path()):
        if folder is not None and path.resolve().is_relative_to(Path(folder).resolve()):
            raise BackupError(
                f"Do not write the backup inside {folder}: it would be copied (or "
                "served) with it. Choose a folder outside it."
            )
    return path


def _store(path: Path) -> IndexStore:
    from cop_site.search.stores import get_store

    return get_store(path)


@contextmanager
def _writer_lock(store: IndexStore) -> Iterator[None]:
    if not store.lock.acquire(timeout=LOCK_TIMEOUT):
        raise BackupError(
            f"The search index's writer lock was not free after {LOCK_TIMEOUT} s; a flush or "
            "rebuild is still running. Try again when it has finished."
        )
    try:
        yield
    finally:
        store.lock.release()


def _copy_index(store: IndexStore, dest: Path) -> list[str]:
    """Copies the index's files (not Whoosh's lock file); the caller holds the writer lock."""
    dest.mkdir()
    names = []
    for source in sorted(store.index_dir.iterdir()):
        if source.is_file() and not source.is_symlink() and not source.name.endswith("WRITELOCK"):
            shutil.copyfile(source, dest / source.name)
            names.append(source.name)
    return names


# --- restoring --------------------------------------------------------------------------


def installation_contents() -> list[str]:
    """What this installation already holds beyond what ``migrate`` creates, in words; an
    empty list for an empty installation."""
    from wagtail.models import Page

    found = []
    tables = set(connection.introspection.table_names())
    user_model = get_user_model()
    if user_model._meta.db_table in tables and (users := user_model.objects.count()):
        found.append(f"{users} member account(s)")
    if Page._meta.db_table in tables:
        pages = Page.objects.filter(depth__gt=1).exclude(depth=2, slug="home").count()
        if pages:
            found.append(f"{pages} page(s) besides the home page")
    media = media_root()
    if media is not None and (files := len(files_under(media))):
        found.append(f"{files} file(s) in the media folder {media}")
    index = index_path()
    if index is not None and (documents := _index_documents(index / "index")):
        found.append(f"{documents} document(s) in the search index {index}")
    return found


def _index_documents(folder: Path) -> int:
    """How many documents the index in ``folder`` holds, read without changing anything."""
    from whoosh import index as whoosh_index

    from cop_site.search.engine import INDEX_NAME

    if not folder.is_dir() or not whoosh_index.exists_in(str(folder), indexname=INDEX_NAME):
        return 0
    try:
        with whoosh_index.open_dir(str(folder), indexname=INDEX_NAME).reader() as reader:
            return int(reader.doc_count())
    except Exception:
        return 1  # an index this version cannot read still holds something


def check_compatible(manifest: BackupManifest) -> None:
    """Refuses an archive this installation cannot take: another database vendor, or a
    database migrated further than this code knows."""
    vendor = connection.vendor
    if manifest.database_vendor != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        made, here = (names.get(v, v) for v in (manifest.database_vendor, vendor))
        raise BackupError(
            f"The archive holds a {made} database, but this installation uses {here}. "
            f"Restore it into an installation configured for {made}."
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    installed = {config.label for config in apps.get_app_configs()}
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest.migrations.items()
        if app in installed
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            "The archive was made by a newer version of the site: its database has migrations "
            f"this code does not have ({', '.join(unknown[:5])}). Install that version first."
        )


def restore_backup(path: str | Path, *, force: bool = False) -> RestoreReport:
    """Restores the archive at ``path`` into this installation and checks the row counts.

    Refuses, changing nothing, unless the installation is empty or ``force`` is given. Order:
    the archive is checked and extracted to a temporary folder and its files' hashes checked;
    then the database is replaced, then the media folder and the search index; queued index
    changes are re-pointed at this installation's index, the row counts compared with the
    manifest, and the queued changes applied.
    """
    manifest = read_archive(path)
    check_compatible(manifest)
    contents = installation_contents()
    if contents and not force:
        raise BackupError(
            "This installation is not empty: it has " + ", ".join(contents) + ". Restoring "
            "would replace all of it. Run the restore again with --force to replace it."
        )
    media, index = media_root(), index_path()
    with tempfile.TemporaryDirectory(prefix="cop-restore-") as staging_name:
        staging = Path(staging_name)
        with tarfile.open(path, "r:gz") as tar:
            members = tar.getmembers()
            check_members(members)
            tar.extractall(staging, members=members, filter="data")
        _check_hashes(manifest, staging)
        lock = _target_lock(index) if index is not None else nullcontext()
        with lock:
            connections.close_all()
            db.restore(manifest.database_vendor, staging / DATABASE_DIR / manifest.database.path)
            connections.close_all()
            if media is not None and manifest.media is not None:
                _replace_folder(media, staging / MEDIA_DIR)
            if index is not None and manifest.search_index is not None:
                _replace_folder(index / "index", staging / INDEX_DIR)
            if index is not None and manifest.search_index_path:
                db.retarget_index_operations(manifest.search_index_path, str(index))
            mismatches, extra = db.compare_row_counts(manifest.row_counts)
    applied = 0
    if index is not None and manifest.search_index is not None:
        applied = db.waiting_index_operations(str(index))
        _store(index).flush(wait=True, timeout=LOCK_TIMEOUT)
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    # After the row counts are checked: erasing again changes them.
    erased_again = 0 if plan else ledger.erase_again()
    return RestoreReport(
        manifest=manifest,
        replaced=tuple(contents),
        mismatches=mismatches,
        extra_tables=tuple(extra),
        unapplied_migrations=tuple(f"{m.app_label}.{m.name}" for m, _ in plan),
        index_operations_applied=applied,
        erased_again=erased_again,
    )


def _check_hashes(manifest: BackupManifest, staging: Path) -> None:
    groups: list[tuple[str, tuple[FileEntry, ...]]] = [(DATABASE_DIR, (manifest.database,))]
    groups += [(MEDIA_DIR, manifest.media or ()), (INDEX_DIR, manifest.search_index or ())]
    for folder, entries in groups:
        for entry in entries:
            if hash_entry(staging / folder / entry.path, entry.path) != entry:
                raise BackupError(
                    f"The archive is damaged: {folder}/{entry.path} does not "
                    "match the checksum in its manifest. Nothing was changed."
                )


@contextmanager
def _target_lock(index: Path) -> Iterator[None]:
    """This installation's index writer lock, so no flush runs while everything is replaced."""
    index.mkdir(parents=True, exist_ok=True)
    if FileLock(str(index / "rebuild.lock")).is_held():
        raise BackupError("The search index is being rebuilt; restore when it has finished.")
    lock = FileLock(str(index / "writer.lock"))
    if not lock.acquire(timeout=LOCK_TIMEOUT):
        raise BackupError(f"The search index's writer lock was not free after {LOCK_TIMEOUT} s.")
    try:
        yield
    finally:
        lock.release()


def _replace_folder(target: Path, source: Path) -> None:
    """Empties ``target`` (keeping the folder itself, which may be a mount point) and moves the
    contents of ``source`` into it."""
    target.mkdir(parents=True, exist_ok=True)
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        for child in source.iterdir():
            shutil.move(str(child), str(target / child.name))

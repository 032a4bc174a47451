"""The archive format of site backups (`cop_site.privacy.backup`): its manifest, writing
files into it with their checksums, and checking an archive before anything is extracted.

An archive is a tar.gz of plain files only: ``manifest.json``, ``database/<one file>``,
``media/...`` and ``search-index/...``. A restore refuses any other entry, any absolute path or
``..``, links and devices, and any difference from the manifest's list of files and sizes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_DIR = "database"
MEDIA_DIR = "media"
INDEX_DIR = "search-index"
TOP_LEVEL = {MANIFEST, DATABASE_DIR, MEDIA_DIR, INDEX_DIR}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with the reason in words for the operator."""


@dataclass(frozen=True)
class FileEntry:
    """One file of the archive: its path inside its folder, size in bytes and SHA-256."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BackupManifest:
    """What an archive holds, written as ``manifest.json`` and checked before a restore.

    ``media`` or ``search_index`` is None when the installation had none to copy (media kept
    in another storage than local files, or a search backend other than the site's Whoosh one).
    ``search_index_path`` is the index folder of the backed-up installation: queued index
    changes in the outbox name it, and a restore re-points them at its own index.
    """

    created_at: str
    database_vendor: str
    database: FileEntry
    migrations: dict[str, list[str]]
    row_counts: dict[str, int]
    media: tuple[FileEntry, ...] | None
    search_index: tuple[FileEntry, ...] | None
    search_index_path: str = ""
    software: dict[str, str] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> BackupManifest:
        if not isinstance(data, dict):
            raise BackupError("The archive's manifest is not a JSON object.")
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise BackupError(
                f"The archive is in backup format {version!r}; this version of the site reads "
                f"format {FORMAT_VERSION} only."
            )
        try:

            def entries(items: Any) -> tuple[FileEntry, ...] | None:
                return None if items is None else tuple(FileEntry(**item) for item in items)

            return cls(
                created_at=str(data["created_at"]),
                database_vendor=str(data["database_vendor"]),
                database=FileEntry(**data["database"]),
                migrations={str(k): [str(n) for n in v] for k, v in data["migrations"].items()},
                row_counts={str(k): int(v) for k, v in data["row_counts"].items()},
                media=entries(data["media"]),
                search_index=entries(data["search_index"]),
                search_index_path=str(data.get("search_index_path", "")),
                software={str(k): str(v) for k, v in data.get("software", {}).items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise BackupError(
                f"The archive's manifest is incomplete or malformed: {error}"
            ) from None

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


def files_under(root: Path) -> list[str]:
    """Every regular file under ``root``, as sorted POSIX paths relative to it."""
    found = []
    if root.is_dir():
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in files:
                full = Path(folder) / name
                if full.is_file() and not full.is_symlink():
                    found.append(full.relative_to(root).as_posix())
    return sorted(found)


@contextmanager
def private_file(path: Path) -> Iterator[IO[bytes]]:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        yield handle


class BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.pos + size
        chunk, self.pos = self.data[self.pos : end], min(end, len(self.data))
        return chunk


class HashingReader:
    """Reads at most ``size`` bytes of a file, hashing them on the way into the archive."""

    def __init__(self, handle: IO[bytes], size: int) -> None:
        self.handle, self.left, self.digest = handle, size, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(self.left if size < 0 else min(size, self.left))
        self.left -= len(chunk)
        self.digest.update(chunk)
        return chunk


def add_file(tar: tarfile.TarFile, source: Path, arcname: str, relative: str) -> FileEntry:
    """Adds ``source`` under ``arcname``; a file that shrinks meanwhile fails the backup."""
    with source.open("rb") as handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(arcname)
        # The file's own permissions, so a restored media folder is served as before.
        info.size, info.mtime = stat.st_size, int(stat.st_mtime)
        info.mode = (stat.st_mode & 0o777) | 0o600
        reader = HashingReader(handle, stat.st_size)
        try:
            tar.addfile(info, reader)
        except OSError as error:
            raise BackupError(f"{source} changed while it was being copied: {error}") from None
    return FileEntry(relative, stat.st_size, reader.digest.hexdigest())


def hash_entry(path: Path, relative: str) -> FileEntry:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return FileEntry(relative, path.stat().st_size, digest.hexdigest())


# --- reading an archive -----------------------------------------------------------------


def read_archive(path: str | Path) -> BackupManifest:
    """The manifest of the archive at ``path``, once every entry has been checked to be a plain
    file at a safe relative path (no absolute path, no ``..``, no link or device) and the
    entries to agree with the manifest. Nothing is extracted."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = tar.getmembers()
            check_members(members)
            names = {member.name: member for member in members}
            if MANIFEST not in names:
                raise BackupError("The archive has no manifest.json: it is not a site backup.")
            handle = tar.extractfile(names[MANIFEST])
            assert handle is not None
            try:
                data = json.loads(handle.read())
            except ValueError:
                raise BackupError("The archive's manifest.json is not valid JSON.") from None
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from None
    manifest = BackupManifest.from_json(data)
    _check_against_manifest(manifest, names)
    return manifest


def check_members(members: list[tarfile.TarInfo]) -> None:
    """Refuses an archive with any entry that is not a plain file at a safe relative path."""
    seen: set[str] = set()
    for member in members:
        name = member.name
        parts = PurePosixPath(name).parts
        if name.startswith("/") or "\\" in name or not parts or ".." in parts:
            raise BackupError(f"The archive is refused: the entry {name!r} has an unsafe path.")
        if not member.isreg():
            raise BackupError(f"The archive is refused: the entry {name!r} is not a plain file.")
        if parts[0] not in TOP_LEVEL or (parts[0] == MANIFEST) != (len(parts) == 1):
            raise BackupError(f"The archive is refused: unexpected entry {name!r}.")
        if name in seen:
            raise BackupError(f"The archive is refused: the entry {name!r} appears twice.")
        seen.add(name)


def _check_against_manifest(manifest: BackupManifest, members: dict[str, tarfile.TarInfo]) -> None:
    expected = {f"{DATABASE_DIR}/{manifest.database.path}": manifest.database.size}
    for folder, entries in ((MEDIA_DIR, manifest.media), (INDEX_DIR, manifest.search_index)):
        for entry in entries or ():
            check_members([tarfile.TarInfo(f"{folder}/{entry.path}")])
            expected[f"{folder}/{entry.path}"] = entry.size
    found = {name: member.size for name, member in members.items() if name != MANIFEST}
    if found != expected:
        different = sorted(set(found.items()) ^ set(expected.items()))
        names = ", ".join(name for name, _ in different[:5])
        raise BackupError(f"The archive does not match its manifest (first differences: {names}).")

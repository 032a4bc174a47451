"""Backups: backup_site in one installation, restore_site into another, and what is refused.

Each installation is the production settings with its own database, media folder and search
index in a temporary folder, driven through manage.py in a subprocess, as an operator would.
Installation A gets the demo content, a search index, an uploaded image and document (whose
index changes still wait in the outbox); B is migrated only. After backup and restore both must
give the same row count for every table, the same media files and the same search results.

On SQLite by default; on PostgreSQL when DATABASE_URL is set (scripts/with-postgres.sh), with a
database of its own for each installation.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import pytest

from cop_site.privacy.backup import BackupError, BackupManifest, check_members, read_archive

BASE_DIR = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("DATABASE_URL", "")
_names = itertools.count(1)

SETUP = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
"""

LOAD = """
from django.core.files.base import ContentFile
from django.core.management import call_command
from modelsearch.index import insert_or_update_object
from wagtail.documents.models import Document
from wagtail.images.models import Image

call_command("load_demo_content", force=True, verbosity=0)
call_command("update_index", verbosity=0)
gif = (
    b"GIF89a\\x01\\x00\\x01\\x00\\x80\\x00\\x00\\x00\\x00\\x00\\xff\\xff\\xff!\\xf9\\x04\\x01"
    b"\\x00\\x00\\x00\\x00,\\x00\\x00\\x00\\x00\\x01\\x00\\x01\\x00\\x00\\x02\\x02D\\x01\\x00;"
)
image = Image.objects.create(title="Ecomap of a support network", file=ContentFile(gif, "eco.gif"))
document = Document.objects.create(
    title="Supervision agreement template",
    file=ContentFile(b"Agreed agenda, frequency and recording.", "agreement.txt"),
)
# What the task worker does with the queued indexing tasks: the changes reach the outbox, and
# wait there for a flush that no worker runs here.
insert_or_update_object(image)
insert_or_update_object(document)
"""

PROBE = """
import hashlib, json, os
from pathlib import Path
from django.conf import settings
from django.db import connection
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page
from cop_site.search.models import IndexOperation
from cop_site.search.stores import get_store

index = Path(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"])
get_store(index).flush(wait=True)  # this installation's own queued changes, if any
with connection.cursor() as cursor:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
media = {}
root = Path(settings.MEDIA_ROOT)
for path in sorted(p for p in root.rglob("*") if p.is_file()):
    media[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
search = {
    q: [p.title for p in Page.objects.live().search(q)]
    for q in ("carers", "supervision", "child exploitation", "knowledge review")
}
search["image"] = [i.title for i in Image.objects.search("ecomap")]
search["document"] = [d.title for d in Document.objects.search("supervision agreement")]
print(json.dumps({
    "counts": counts, "media": media, "search": search,
    "documents": get_store(index).doc_count(),
    "foreign_operations": IndexOperation.objects.exclude(index=str(index.resolve())).count(),
}))
"""


@dataclass
class Installation:
    root: Path
    database: str  # the SQLite file, or the PostgreSQL database's name

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "PG"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="cop_site.settings.production",
            SECRET_KEY="backup-test-key",  # noqa: S106
            ALLOWED_HOSTS="localhost",
            SITE_URL="http://localhost",
            EMAIL_HOST="localhost",
            MEDIA_ROOT=str(self.root / "media"),
            SEARCH_INDEX_DIR=str(self.root / "search-index"),
            PRIVATE_FILES_ROOT=str(self.root / "private"),
            STATIC_ROOT=str(self.root / "static"),
            SQLITE_PATH=self.database,
        )
        if PG_URL:
            env["DATABASE_URL"] = _pg_url(self.database)
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            [sys.executable, *args],
            cwd=BASE_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run("manage.py", *args, "--skip-checks")

    def script(self, source: str) -> str:
        done = self.run("-c", "import django\ndjango.setup()\n" + textwrap.dedent(source))
        assert done.returncode == 0, done.stderr
        return done.stdout

    def probe(self) -> dict:
        return json.loads(self.script(PROBE).strip().splitlines()[-1])


def _pg_url(name: str) -> str:
    config = dj_database_url.parse(PG_URL)
    auth = config["USER"] + (f":{config['PASSWORD']}" if config.get("PASSWORD") else "")
    return f"postgres://{auth}@{config['HOST']}:{config['PORT']}/{name}"


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="module")
def installations(tmp_path_factory) -> Iterator:
    """A factory of installations; every one starts as a copy of one migrated installation."""
    base = tmp_path_factory.mktemp("backups")
    tag = f"cop_backup_{os.getpid()}"
    created: list[str] = []

    def database(name: str) -> str:
        return f"{tag}_{name}" if PG_URL else str(base / name / "db.sqlite3")

    template = Installation(base / "template", database("template"))
    template.root.mkdir()
    if PG_URL:
        _pg_admin(f"CREATE DATABASE {template.database}")
        created.append(template.database)
    template.script(SETUP)

    def make(label: str) -> Installation:
        name = f"{label}{next(_names)}"
        inst = Installation(base / name, database(name))
        inst.root.mkdir()
        if PG_URL:
            _pg_admin(f"CREATE DATABASE {inst.database} TEMPLATE {template.database}")
            created.append(inst.database)
        else:
            shutil.copyfile(template.database, inst.database)
        return inst

    yield make
    for name in reversed(created):
        _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def source(installations, tmp_path_factory):
    """Installation A with content, and its backup."""
    a = installations("a")
    a.script(LOAD)
    archive = tmp_path_factory.mktemp("archives") / "site.tar.gz"
    done = a.manage("backup_site", str(archive))
    assert done.returncode == 0, done.stderr
    assert f"Backup written to {archive}." in done.stdout
    return a, archive, a.probe()


def test_backup_then_restore_gives_the_same_installation(source, installations):
    a, archive, before = source
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds everyone's personal data
    manifest = read_archive(archive)
    assert manifest.database_vendor == ("postgresql" if PG_URL else "sqlite")
    assert manifest.row_counts["accounts_user"] == before["counts"]["accounts_user"] == 7
    # The uploads' changes were waiting in A's outbox when the backup was made.
    assert manifest.row_counts["cop_search_indexoperation"] == 2
    assert {entry.path for entry in manifest.media or ()} == set(before["media"])
    assert len(before["media"]) == 2
    assert before["search"]["image"] == ["Ecomap of a support network"]
    assert before["search"]["document"] == ["Supervision agreement template"]
    assert all(before["search"][q] for q in ("carers", "supervision", "knowledge review"))

    b = installations("b")
    done = b.manage("restore_site", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Row counts match the archive for every table." in done.stdout
    assert "2 queued change(s) applied" in done.stdout

    after = b.probe()
    assert after["counts"] == before["counts"]
    assert after["media"] == before["media"]
    assert after["search"] == before["search"]
    assert after["documents"] == before["documents"]
    assert after["foreign_operations"] == 0  # the outbox now names B's index, not A's


def test_restore_into_a_non_empty_installation_needs_force(source, installations):
    a, archive, before = source
    c = installations("c")
    c.script("""
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage
        from cop_site.accounts.models import User
        User.objects.create_user(email="someone@example.org", password="x-long-password-1")
        default_storage.save("documents/theirs.txt", ContentFile(b"C's own upload"))
    """)
    own = c.probe()

    refused = c.manage("restore_site", str(archive))
    assert refused.returncode == 1
    assert "This installation is not empty: it has 1 member account(s)" in refused.stderr
    assert "1 file(s) in the media folder" in refused.stderr
    assert "--force" in refused.stderr
    assert c.probe() == own

    forced = c.manage("restore_site", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Replaced: 1 member account(s)" in forced.stdout
    after = c.probe()
    assert after["counts"] == before["counts"]
    assert after["media"] == before["media"]  # C's own upload is gone
    assert after["search"] == before["search"]


def _rewrite(archive: Path, dest: Path, extra: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    with tarfile.open(archive, "r:gz") as src, tarfile.open(dest, "w:gz") as out:
        for member in src.getmembers():
            out.addfile(member, src.extractfile(member))
        for info, data in extra:
            out.addfile(info, io.BytesIO(data) if info.isreg() else None)


def test_an_archive_with_a_path_out_of_its_folder_is_refused(source, installations, tmp_path):
    a, archive, _ = source
    tampered = tmp_path / "tampered.tar.gz"
    evil = tarfile.TarInfo("media/../../escaped.txt")
    evil.size = 4
    _rewrite(archive, tampered, [(evil, b"evil")])
    b = installations("b")
    done = b.manage("restore_site", str(tampered))
    assert done.returncode == 1
    assert "The archive is refused: the entry 'media/../../escaped.txt' has an unsafe path." in (
        done.stderr
    )
    assert not (b.root.parent / "escaped.txt").exists()
    assert not (b.root / "escaped.txt").exists()
    assert not (b.root / "media").exists()


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        ("/etc/passwd", tarfile.REGTYPE, "has an unsafe path"),
        ("media/../x", tarfile.REGTYPE, "has an unsafe path"),
        ("media/link", tarfile.SYMTYPE, "is not a plain file"),
        ("media/hard", tarfile.LNKTYPE, "is not a plain file"),
        ("media/dev", tarfile.CHRTYPE, "is not a plain file"),
        ("elsewhere/file", tarfile.REGTYPE, "unexpected entry"),
    ],
)
def test_unsafe_entries_are_refused(name, kind, message):
    info = tarfile.TarInfo(name)
    info.type = kind
    with pytest.raises(BackupError, match=message):
        check_members([tarfile.TarInfo("manifest.json"), info])


def test_a_manifest_of_another_format_is_refused():
    with pytest.raises(BackupError, match="backup format 2; this version of the site reads"):
        BackupManifest.from_json({"format_version": 2})


def test_an_archive_from_another_database_vendor_is_refused(source, installations, tmp_path):
    a, archive, _ = source
    with tarfile.open(archive, "r:gz") as src:
        manifest = json.load(src.extractfile("manifest.json"))
    other = "sqlite" if PG_URL else "postgresql"
    manifest["database_vendor"] = other
    body = json.dumps(manifest).encode()
    changed = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(changed, "w:gz") as out:
        for member in src.getmembers():
            if member.name == "manifest.json":
                member.size = len(body)
                out.addfile(member, io.BytesIO(body))
            else:
                out.addfile(member, src.extractfile(member))
    b = installations("b")
    done = b.manage("restore_site", str(changed))
    assert done.returncode == 1
    made, here = ("SQLite", "PostgreSQL") if PG_URL else ("PostgreSQL", "SQLite")
    assert f"The archive holds a {made} database, but this installation uses {here}." in (
        done.stderr
    )

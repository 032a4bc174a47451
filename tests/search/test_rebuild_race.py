"""`update_index` running while another process edits one page and deletes another.

The rebuild reads every document, then another process edits a page and deletes one, and its
flush tasks apply both changes to the index in use, before the rebuild replaces that index with
the one it built. Afterwards the index holds the edit, not the old text, and not the deleted
page: nothing done during a rebuild is reverted or brought back (for a withdrawn contribution,
its text must never return to the index).
"""

import multiprocessing
import sqlite3
from urllib.parse import quote

import pytest
from django.db import connection

from cop_site.home.models import StandardPage
from cop_site.search import engine
from cop_site.search.stores import get_store
from tests.search import rebuild_race


def shared_database_url(tmp_path):
    """A URL other processes can open for the test database as it is now."""
    if connection.vendor == "sqlite":
        # The test database lives in this process's memory: hand the others a copy.
        path = tmp_path / "shared.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host, port = db["HOST"] or "localhost", db["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


def index_holds(path, word):
    """The primary keys of the pages whose title has ``word``, as the index itself has them
    (a search would also check them against this process's database)."""
    snapshot = get_store(path).snapshot()
    universe = snapshot.term_mask("doc_ct", StandardPage.indexed_get_content_type())
    [term] = engine.analyze_query(word)
    matches = engine.Evaluator(snapshot, universe).evaluate(engine.Term("title__t", term))
    return sorted(int(pk) for pk in snapshot.pks(list(matches)))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rebuild_keeps_edits_and_deletions_made_while_it_runs(
    make_page, search_backend, tmp_path
):
    edited = make_page("Kittiwake colony guidance")
    deleted = make_page("Fulmar ledge guidance")
    kept = make_page("Gannet colony guidance")
    search_backend.refresh_indexes()
    index_path = str(search_backend.store.path)
    assert index_holds(index_path, "colony") == sorted([edited.pk, kept.pk])
    database_url = shared_database_url(tmp_path)

    ctx = multiprocessing.get_context("spawn")
    read, done_editing, report = ctx.Event(), ctx.Event(), ctx.Queue()
    rebuilder = ctx.Process(
        target=rebuild_race.rebuild, args=(database_url, index_path, read, done_editing, report)
    )
    editor = ctx.Process(
        target=rebuild_race.edit,
        args=(
            database_url,
            index_path,
            edited.pk,
            deleted.pk,
            "Ptarmigan flock guidance",
            read,
            done_editing,
            report,
        ),
    )
    rebuilder.start()
    editor.start()
    editor.join(timeout=300)
    rebuilder.join(timeout=300)
    reports = dict(report.get(timeout=10) for _ in range(2))

    assert "error" not in reports, reports.get("error")
    assert (rebuilder.exitcode, editor.exitcode) == (0, 0)
    assert reports["edited"] == [edited.pk]  # the index in use had the edit before the finish
    assert index_holds(index_path, "ptarmigan") == [edited.pk]
    assert index_holds(index_path, "kittiwake") == []
    assert index_holds(index_path, "fulmar") == []
    assert index_holds(index_path, "gannet") == [kept.pk]
    assert reports["rebuilt"] == 0  # nothing left waiting in the outbox

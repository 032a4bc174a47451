"""Several processes writing to and reading from one index at once.

Each writer does what the backend does on every save: queue the change in the journal and try to
apply the queue without waiting for the writer lock. Nothing may be lost, no process may see a
lock error, and a process killed while holding the lock must not take queued changes with it.
"""

import multiprocessing
import os
import signal
import time

import pytest

from cop_site.search import engine as E

WRITERS = 4
DOCS_PER_WRITER = 60


def _spec(writer, n):
    return {
        "id": f"doc:{writer}:{n}",
        "pk": f"{writer}-{n}",
        "pkint": None,
        "ct": ["doc"],
        "nulls": [],
        "text": {"body": [f"writer{writer} document number{n} shared words"]},
        "ac": {},
        "filters": {},
    }


def _writer(path, writer, barrier, errors):
    try:
        store = E.IndexStore(path)
        barrier.wait(timeout=60)
        for n in range(DOCS_PER_WRITER):
            store.submit([("put", _spec(writer, n))])
            store.flush()  # never waits: the lock holder applies our change if busy
            if n % 10 == 0:
                # Some updates and deletes as well.
                store.submit([("put", _spec(writer, n))])
                store.submit([("delete", f"doc:{writer}:gone")])
                store.flush()
    except BaseException as exc:  # report everything, including lock errors
        errors.put(f"writer {writer}: {exc!r}")
        raise


def _reader(path, total, errors, seen):
    """Searches until it finds all ``total`` documents (for at most two minutes), and reports
    each different number of matches it saw, in order."""
    try:
        store = E.IndexStore(path)
        counts = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            snap = store.snapshot()
            universe = snap.term_mask("doc_ct", "doc")
            count = len(E.Evaluator(snap, universe).evaluate(E.Term("body__t", "share")))
            if not counts or count != counts[-1]:
                counts.append(count)
            if count == total:
                break
        seen.put(counts)
    except BaseException as exc:
        errors.put(f"reader: {exc!r}")
        raise


def test_concurrent_writers_lose_nothing(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    E.IndexStore(tmp_path)  # create the index before the race
    barrier = ctx.Barrier(WRITERS)
    errors = ctx.Queue()
    seen = ctx.Queue()
    total = WRITERS * DOCS_PER_WRITER
    reader = ctx.Process(target=_reader, args=(str(tmp_path), total, errors, seen))
    reader.start()
    writers = [
        ctx.Process(target=_writer, args=(str(tmp_path), w, barrier, errors))
        for w in range(WRITERS)
    ]
    for p in writers:
        p.start()
    for p in writers:
        p.join(timeout=300)
    reader.join(timeout=180)

    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert not problems
    assert [p.exitcode for p in writers] == [0] * WRITERS
    assert reader.exitcode == 0

    # Every change was applied by the writers themselves: nothing is left in the journal and
    # every document is in the index exactly once.
    store = E.IndexStore(tmp_path)
    assert not store.journal.has_pending()
    snap = store.snapshot()
    docs = sorted(snap.term_docs("doc_ct", "doc"))
    pks = snap.pks(docs)
    expected = {f"{w}-{n}" for w in range(WRITERS) for n in range(DOCS_PER_WRITER)}
    assert sorted(pks) == sorted(expected)
    # A reader never sees a half-applied commit: the number of documents it finds only grows
    # (an update replaces its document in the same commit), up to every document written.
    counts = seen.get(timeout=10)
    assert counts == sorted(counts)
    assert counts[-1] == total


def _hold_lock_then_die(path, queued, locked):
    store = E.IndexStore(path)
    store.submit([("put", _spec(9, 1))])
    queued.set()
    store.lock.acquire()
    locked.set()
    time.sleep(600)


def test_a_writer_killed_holding_the_lock_loses_nothing(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    store = E.IndexStore(tmp_path)
    queued, locked = ctx.Event(), ctx.Event()
    victim = ctx.Process(target=_hold_lock_then_die, args=(str(tmp_path), queued, locked))
    victim.start()
    assert locked.wait(timeout=60)
    # While the lock is held, a flush does not wait: the change stays queued.
    store.submit([("put", _spec(9, 2))])
    assert store.flush() is False
    os.kill(victim.pid, signal.SIGKILL)
    victim.join(timeout=30)
    # The kernel released the dead process's lock; both queued changes are applied.
    assert store.flush() is True
    snap = store.snapshot()
    docs = sorted(snap.term_docs("doc_ct", "doc"))
    assert sorted(snap.pks(docs)) == ["9-1", "9-2"]


def test_flush_with_wait_times_out_instead_of_hanging(tmp_path):
    store = E.IndexStore(tmp_path)
    other = E.FileLock(str(tmp_path / "writer.lock"))
    assert other.acquire(timeout=1)
    try:
        store.submit([("put", _spec(1, 1))])
        with pytest.raises(TimeoutError):
            store.flush(wait=True, timeout=0.2)
    finally:
        other.release()
    assert store.flush(wait=True, timeout=5)
    assert store.doc_count() == 1


def _start_rebuild_then_die(path, started):
    store = E.IndexStore(path)
    rebuild = store.rebuild()
    rebuild.add([_spec(7, 1)])
    started.set()
    time.sleep(600)


def test_a_rebuild_killed_midway_leaves_the_index_and_journal_as_they_should_be(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    store = E.IndexStore(tmp_path)
    store.submit([("put", _spec(8, 1))])
    store.flush()
    started = ctx.Event()
    victim = ctx.Process(target=_start_rebuild_then_die, args=(str(tmp_path), started))
    victim.start()
    assert started.wait(timeout=60)

    # While the rebuild runs, a second one is refused, and applied changes are kept for it.
    with pytest.raises(E.RebuildInProgress):
        store.rebuild()
    store.submit([("put", _spec(8, 2))])
    assert store.flush() is True
    assert [row.doc_id for row in store.journal.kept(0, 10)] == ["doc:8:2"]
    assert not store.journal.has_pending()

    os.kill(victim.pid, signal.SIGKILL)
    victim.join(timeout=30)

    # The dead rebuild changed nothing; the next flush drops what was kept for it.
    store.submit([("delete", "doc:8:1")])
    assert store.flush() is True
    assert store.journal.kept(0, 10) == []
    snap = store.snapshot()
    assert snap.pks(sorted(snap.term_docs("doc_ct", "doc"))) == ["8-2"]
    rebuild = store.rebuild()  # the lock died with the process
    rebuild.abandon()

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


def _reader(path, stop, errors, seen):
    try:
        store = E.IndexStore(path)
        most = 0
        while not stop.is_set():
            snap = store.snapshot()
            universe = frozenset(snap.term_docs("doc_ct", "doc"))
            scores = E.Evaluator(snap, universe).evaluate(E.Term("body__t", "share"))
            most = max(most, len(scores))
        seen.put(most)
    except BaseException as exc:
        errors.put(f"reader: {exc!r}")
        raise


def test_concurrent_writers_lose_nothing(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    E.IndexStore(tmp_path)  # create the index before the race
    barrier = ctx.Barrier(WRITERS)
    errors = ctx.Queue()
    seen = ctx.Queue()
    stop = ctx.Event()
    reader = ctx.Process(target=_reader, args=(str(tmp_path), stop, errors, seen))
    reader.start()
    writers = [
        ctx.Process(target=_writer, args=(str(tmp_path), w, barrier, errors))
        for w in range(WRITERS)
    ]
    for p in writers:
        p.start()
    for p in writers:
        p.join(timeout=300)
    stop.set()
    reader.join(timeout=60)

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
    assert seen.get(timeout=10) >= 0


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
    other = E.WriterLock(str(tmp_path / "writer.lock"))
    assert other.acquire(timeout=1)
    try:
        store.submit([("put", _spec(1, 1))])
        with pytest.raises(TimeoutError):
            store.flush(wait=True, timeout=0.2)
    finally:
        other.release()
    assert store.flush(wait=True, timeout=5)
    assert store.doc_count() == 1

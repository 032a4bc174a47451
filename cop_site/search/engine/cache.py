"""The one cache of decoded index data in a process, shared by every thread and segment.

Segments never change once written, so what is decoded from one (postings, field lengths, its
vocabulary) stays true for as long as the segment exists, and what is computed from one index
generation (filter results, phrase frequencies) for as long as that generation does. Both are kept
here under a single byte budget, least recently used dropped first: the memory a worker spends on
search does not grow with the number of threads or segments.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

# Bytes of decoded index data one process keeps, at most (sizes are estimates, within a few per
# cent for NumPy arrays, which hold almost all of it).
CACHE_BYTES = 128 * 1024 * 1024
# What every cached entry costs besides its data: the key, the entry and the bookkeeping.
ENTRY_OVERHEAD = 200

T = TypeVar("T")


class ByteBoundedLRU:
    """A thread-safe mapping that holds at most ``capacity`` bytes of values, as their sizes are
    given when they are stored, and drops the least recently used first.

    A value bigger than the whole capacity is returned to its caller but not kept.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    @property
    def held(self) -> int:
        """The bytes the cache holds now."""
        return self._held

    def __len__(self) -> int:
        return len(self._entries)

    def get_or_compute(
        self, key: Hashable, compute: Callable[[], T], size: Callable[[T], int]
    ) -> T:
        """The value kept for ``key``, or else ``compute()``, kept if it fits.

        ``compute`` runs without the lock held, so two threads may compute the same value at
        once; the first one stored is kept.
        """
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return cast(T, entry[0])
        value = compute()
        cost = size(value) + ENTRY_OVERHEAD
        if cost > self.capacity:
            return value
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                return cast(T, entry[0])
            self._entries[key] = (value, cost)
            self._held += cost
            while self._held > self.capacity:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._held -= dropped
        return value


CACHE = ByteBoundedLRU(CACHE_BYTES)


def words_size(words: int, letters: int) -> int:
    """The estimated bytes of a Python container of ``words`` strings of ``letters`` characters
    in all, with an entry for each word."""
    return 120 * words + letters

"""The index stores of this process, one per index directory, shared by the search backend and
the flush task."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from .engine import IndexStore
from .outbox import OutboxJournal

_stores: dict[str, IndexStore] = {}
_stores_lock = threading.Lock()


def get_store(path: str | Path) -> IndexStore:
    """The store of the index at ``path``, its journal kept in the site's database."""
    key = str(Path(path).resolve())
    store = _stores.get(key)
    if store is None:
        with _stores_lock:
            store = _stores.get(key)
            if store is None:
                store = _stores[key] = IndexStore(key, journal=OutboxJournal(key))
    return store


def default_index_path() -> Path:
    var_dir = getattr(settings, "VAR_DIR", None)
    if var_dir is None:
        var_dir = Path(settings.BASE_DIR) / "var"
    return Path(var_dir) / "search-index"

"""Writing to the index: the modelsearch index and the rebuilder."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from modelsearch.backends.base import BaseIndex

from ..documents import build_document
from ..engine import Rebuild
from ..outbox import OutboxJournal

if TYPE_CHECKING:
    from . import WhooshSearchBackend


class WhooshIndex(BaseIndex):
    """Queues each change in the outbox, in the caller's transaction, for the single writer.

    A put names the instance rather than carrying its document: the document is built from the
    stored row when the writer applies the operation (see ``outbox``). An object in memory may
    hold what visitors must not find (after ``save_revision()`` a page carries its unpublished
    draft), and relations such as a page's topics are written after ``post_save``.
    """

    backend: WhooshSearchBackend

    def __init__(self, backend: WhooshSearchBackend) -> None:
        super().__init__(backend)
        self.store = backend.store
        self.outbox = OutboxJournal(str(self.store.path))

    def get_key(self) -> str:
        return str(self.store.path)

    def add_model(self, model: type[models.Model]) -> None:
        pass

    def add_items(self, model: Any, items: Iterable[models.Model]) -> None:
        if not model.get_search_fields():
            return
        objs = [obj for obj in items if obj.pk is not None]
        if objs:
            self.outbox.append_puts(objs)
            self.backend.request_flush()

    def delete_item(self, item: models.Model) -> None:
        self.outbox.append_delete(item)
        self.backend.request_flush()

    def refresh(self) -> None:
        self.store.flush(wait=True)

    def reset(self) -> None:
        self.store.clear()
        self.store.flush(wait=True)

    def __str__(self) -> str:
        return f"whoosh:{self.store.path}"


class _RebuildingIndex(WhooshIndex):
    """Adds the objects a rebuild reads from ``get_indexed_objects()``: already stored rows."""

    def __init__(self, backend: WhooshSearchBackend, rebuild: Rebuild) -> None:
        super().__init__(backend)
        self.rebuild = rebuild

    def add_items(self, model: Any, items: Iterable[models.Model]) -> None:
        if model.get_search_fields():
            self.rebuild.add(build_document(obj) for obj in items)


class WhooshRebuilder:
    def __init__(self, index: WhooshIndex) -> None:
        self.index = index
        self.rebuild: Rebuild | None = None

    def start(self) -> _RebuildingIndex:
        self.rebuild = self.index.store.rebuild()
        return _RebuildingIndex(self.index.backend, self.rebuild)

    def finish(self) -> None:
        if self.rebuild is not None:
            self.rebuild.finish()

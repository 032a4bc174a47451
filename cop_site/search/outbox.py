"""The search index's outbox: its queued changes, as rows of the site's own database.

A save or delete records its index operation through the ORM, in the transaction that saves or
deletes, so a rolled-back change leaves nothing to apply. The index's single writer (a flush,
under the writer lock; see ``engine.store.IndexStore``) reads the operations in order and
applies them. A put names the model instance, not its document: the document is built from
the stored row when the operation is read, so what reaches the index is what was committed,
including many-to-many relations written after ``post_save``, and never an unsaved draft held
in memory.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils import timezone

from .documents import build_document, document_id
from .engine.journal import JournalRow, encode_document
from .models import IndexOperation, IndexOperationQuerySet

# Enough rows per query to keep the number of queries small, few enough for SQLite's limit on
# query parameters.
CHUNK = 500


@dataclass(frozen=True)
class Backlog:
    """Operations waiting for a flush: how many, and the time the oldest was queued."""

    count: int
    oldest: datetime.datetime | None


def backlog(older_than: datetime.timedelta = datetime.timedelta(0)) -> Backlog:
    """The operations of every index that have waited longer than ``older_than``."""
    waiting = IndexOperation.objects.waiting().filter(created_at__lte=timezone.now() - older_than)
    summary = waiting.aggregate(count=models.Count("seq"), oldest=models.Min("created_at"))
    return Backlog(count=summary["count"], oldest=summary["oldest"])


class OutboxJournal:
    """The journal of the index at ``index`` (its directory), kept in ``IndexOperation``."""

    def __init__(self, index: str) -> None:
        self.index = index

    def _rows(self) -> IndexOperationQuerySet:
        return IndexOperation.objects.for_index(self.index)

    # -- writing, in the caller's transaction

    def append(self, ops: Sequence[tuple[str, str | None, str | None]]) -> None:
        """Queue (op, doc_id, document as JSON) tuples, as ``IndexStore.submit`` gives them."""
        self._create(
            IndexOperation(index=self.index, op=op, doc_id=doc_id or "", body=body)
            for op, doc_id, body in ops
        )

    def append_puts(self, objs: Iterable[models.Model]) -> None:
        """Queue each instance to be indexed as it is stored when the operation is applied."""
        self._create(
            IndexOperation(
                index=self.index,
                op=IndexOperation.Op.PUT,
                doc_id=document_id(obj),
                model=obj._meta.label_lower,
                object_pk=str(obj.pk),
            )
            for obj in objs
        )

    def append_delete(self, obj: models.Model) -> None:
        self._create(
            [IndexOperation(index=self.index, op=IndexOperation.Op.DELETE, doc_id=document_id(obj))]
        )

    def _create(self, operations: Iterable[IndexOperation]) -> None:
        now = timezone.now()
        batch = []
        for operation in operations:
            operation.created_at = now
            batch.append(operation)
        if batch:
            IndexOperation.objects.bulk_create(batch, batch_size=CHUNK)

    # -- reading and removing, by the single writer

    def pending(self, limit: int) -> list[JournalRow]:
        """The first ``limit`` operations not applied yet, in order."""
        return self._resolve(list(self._rows().waiting().order_by("seq")[:limit]))

    def kept(self, after: int, limit: int) -> list[JournalRow]:
        """The first ``limit`` operations after ``after``, applied or not, in order."""
        return self._resolve(list(self._rows().filter(seq__gt=after).order_by("seq")[:limit]))

    def has_pending(self) -> bool:
        return self._rows().waiting().exists()

    def mark_applied(self, seqs: Sequence[int]) -> None:
        now = timezone.now()
        for i in range(0, len(seqs), CHUNK):
            self._rows().filter(seq__in=seqs[i : i + CHUNK]).update(applied_at=now)

    def remove(self, seqs: Sequence[int]) -> None:
        # By the sequence numbers read, never by a range: on PostgreSQL a transaction that
        # took a lower number may commit after the writer read the rows.
        for i in range(0, len(seqs), CHUNK):
            self._rows().filter(seq__in=seqs[i : i + CHUNK]).delete()

    def remove_applied(self) -> None:
        self._rows().filter(applied_at__isnull=False).delete()

    def close(self) -> None:
        pass

    def _resolve(self, operations: list[IndexOperation]) -> list[JournalRow]:
        """Rows with the document of each put of a model instance built from its stored row.

        A put whose instance is no longer stored or indexed gets no document: it changes
        nothing (its deletion has an operation of its own).
        """
        wanted: dict[str, set[str]] = {}
        for operation in operations:
            if operation.op == IndexOperation.Op.PUT and operation.model:
                wanted.setdefault(operation.model, set()).add(operation.object_pk)
        documents: dict[tuple[str, str], str] = {}
        for label, pks in wanted.items():
            documents.update(_stored_documents(label, sorted(pks)))
        rows = []
        for operation in operations:
            body = operation.body
            if operation.op == IndexOperation.Op.PUT and operation.model:
                body = documents.get((operation.model, operation.object_pk))
            rows.append(JournalRow(operation.seq, operation.op, operation.doc_id or None, body))
        return rows


def _stored_documents(label: str, pks: list[str]) -> dict[tuple[str, str], str]:
    """{(model label, pk): document as JSON} for those of ``pks`` the model indexes now."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return {}
    queryset = model.get_indexed_objects()
    out = {}
    for i in range(0, len(pks), CHUNK):
        for obj in queryset.filter(pk__in=pks[i : i + CHUNK]):
            out[(label, str(obj.pk))] = encode_document(build_document(obj))
    return out

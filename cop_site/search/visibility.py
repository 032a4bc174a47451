"""Searching on behalf of a person: only what they may read, never as a title, snippet or count.

Who may read what is each model's one rule (:mod:`cop_site.visibility`); this module applies it to
searches. The rule's ``Q`` narrows the queryset before the search, so the search backend filters
in its index (the Whoosh backend, Elasticsearch) or in SQL (the database backend) and counts only
visible items. Every hit is then checked again against the database with the same rule, so an
index entry that is out of date can hide an item but never show one. A model that declares no
rule cannot be searched this way: forgetting to declare visibility fails loudly instead of
leaking.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any, overload

from django.db.models import Model, QuerySet
from modelsearch.backends import get_search_backend

from cop_site import visibility
from cop_site.visibility import Viewer, Who, viewer_for

logger = logging.getLogger(__name__)

# Counts up to this size are confirmed against the database on every search.
VERIFY_COUNT_LIMIT = 1000


def visible_queryset[M: Model](
    queryset: QuerySet[M], user: Who, request: Any = None
) -> QuerySet[M]:
    """``queryset`` narrowed to what ``user`` may read."""
    return visibility.visible(queryset, viewer_for(user, request))


def visible_objects[M: Model](
    objects: Iterable[M], model: type[M], user: Who, request: Any = None
) -> list[M]:
    """Those of ``objects`` that ``user`` may read, checked against the database."""
    return visibility.visible_objects(objects, model, viewer_for(user, request))


class VisibleSearchResults:
    """Search results holding only what one person may read. Slice it or ``count()`` it."""

    def __init__(self, results: Any, queryset: QuerySet[Any], viewer: Viewer) -> None:
        self._results = results
        self._queryset = queryset
        self._viewer = viewer
        self._count: int | None = None
        self._distrust_index = False
        self.model = queryset.model

    def count(self) -> int:
        if self._count is None:
            count: int = self._results.count()
            verified_count = getattr(self._results, "verified_count", None)
            stale = getattr(self._results, "index_may_be_stale", None)
            if verified_count is not None and (
                count <= VERIFY_COUNT_LIMIT
                or self._distrust_index
                or (stale is not None and stale())
            ):
                # Confirm the index's count against the database, so that a change the index
                # has not caught up with cannot show up as a count.
                count = verified_count()
            elif self._distrust_index:
                count = len(self._checked(list(self._results), record=False))
            self._count = count
        return self._count

    def _checked(self, objects: list[Any], record: bool = True) -> list[Any]:
        allowed = visibility.visible_objects(objects, self.model, self._viewer)
        if record and len(allowed) != len(objects):
            logger.warning(
                "Search index disagrees with the database about %d %s result(s)",
                len(objects) - len(allowed),
                self.model.__name__,
            )
            self._distrust_index = True
            self._count = None
        return allowed

    @overload
    def __getitem__(self, key: int) -> Any: ...
    @overload
    def __getitem__(self, key: slice) -> list[Any]: ...
    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            return self._checked(list(self._results[key]))
        objects = self._checked(list(self._results[key : key + 1]))
        if not objects:
            raise IndexError(key)
        return objects[0]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._checked(list(self._results)))

    def __len__(self) -> int:
        return self.count()

    def facet(self, field_name: str) -> Any:
        return self._results.facet(field_name)


def search_for(
    user: Who,
    model_or_queryset: type[Model] | QuerySet[Any],
    query: Any,
    *,
    request: Any = None,
    fields: list[str] | None = None,
    operator: str | None = None,
    order_by_relevance: bool = True,
    autocomplete: bool = False,
    backend: str = "default",
) -> VisibleSearchResults:
    """Search ``model_or_queryset`` for ``query`` as ``user`` (a user, a request or a
    :class:`~cop_site.visibility.Viewer`) would see it.

    Returns :class:`VisibleSearchResults`; slicing it returns model instances, each re-checked.
    """
    viewer = viewer_for(user, request)
    if isinstance(model_or_queryset, QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    queryset = visibility.visible(queryset, viewer)
    search_backend = get_search_backend(backend)
    method = search_backend.autocomplete if autocomplete else search_backend.search
    results = method(
        query,
        queryset,
        fields=fields,
        operator=operator,
        order_by_relevance=order_by_relevance,
    )
    return VisibleSearchResults(results, queryset, viewer)

"""The shapes of what the site search gathers for a page: hits, tabs, groups, and result sets
that are not a search engine's (a plain listing, nothing at all, a count already known)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from cop_site.visibility import Viewer, visible_objects


@dataclass
class Hit:
    obj: object
    kind: object
    title: str
    url: str
    snippet: SafeString


@dataclass
class KindCount:
    kind: object
    count: int
    url: str
    current: bool


@dataclass
class Group:
    kind: object
    count: int
    hits: list[Hit]
    more_url: str


class ListedResults:
    """A plain queryset in search-results form, for searches made only of ``field:value``."""

    def __init__(self, queryset: Any, viewer: Viewer) -> None:
        self.queryset = queryset
        self.viewer = viewer

    def count(self) -> int:
        count: int = self.queryset.count()
        return count

    def __getitem__(self, key: slice) -> list[Any]:
        objects = list(self.queryset[key])
        return visible_objects(objects, self.queryset.model, self.viewer)


class _Empty:
    def count(self) -> int:
        return 0

    def __getitem__(self, key: slice) -> list[Any]:
        return []


EMPTY = _Empty()


class Counted:
    """Results whose count is already known, for the paginator."""

    def __init__(self, results: Any, count: int) -> None:
        self.results = results
        self._count = count

    def count(self) -> int:
        return self._count

    def __getitem__(self, key: slice) -> Any:
        return self.results[key]

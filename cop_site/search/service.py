"""The site search: one box, every kind of result, only what the reader may read.

:class:`SiteSearch` reads a search page's query string (``q``, ``kind``, the chosen kind's facets
and ``page``), runs the query on each kind through :func:`cop_site.search.visibility.search_for`
and gathers what the page shows: counts per kind, results with highlighted snippets, facet
counts, notes on how the query was read and a spelling suggestion. It uses only Wagtail's search
API, so it works on any search backend; the Whoosh backend's vocabulary adds "did you mean" and
``word*`` expansion from the index.

A search that finds nothing, when its spelling suggestion finds something, runs on the
suggestion instead ("Showing results for …"), unless the query string asks for the words as
typed (``as_typed=1``, the link offered beside the correction).
"""

from __future__ import annotations

import datetime
import operator
import re
from contextlib import AbstractContextManager, nullcontext
from functools import cached_property, reduce
from typing import Any

from django.core.paginator import Paginator
from django.db import NotSupportedError, transaction
from django.db.models import Q, QuerySet
from django.http import QueryDict
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from cop_site.visibility import viewer_for, visible

from .kinds import SearchKind, get_kind, registered_kinds
from .models import normalise_query_string
from .query import FieldCondition, Parsed, parse, replace_words
from .result_shapes import EMPTY, Counted, Group, Hit, KindCount, ListedResults
from .snippets import highlight, item_text
from .synonyms import current_synonyms, expand_synonyms, term_key, term_words
from .visibility import search_for

# What an engine raises for ``term~`` when it cannot match fuzzily: NotImplementedError (no fuzzy
# matching at all) or NotSupportedError (PostgreSQL without the pg_trgm extension).
FUZZY_UNSUPPORTED = (NotImplementedError, NotSupportedError)


def _fuzzy_savepoint(parsed: Parsed) -> AbstractContextManager[object]:
    """A savepoint around a fuzzy search: when the database refuses it, the failure happens
    inside the transaction, and only the savepoint is rolled back."""
    return transaction.atomic() if parsed.fuzzy else nullcontext()


ALL = "all"
PAGE_SIZE = 20
GROUP_SIZE = 4  # results of each kind shown together under "All"
FACET_LIMIT = 2000  # facet counts are taken over at most this many best matches
PREFIX_LIMIT = 30
WORD_RE = re.compile(r"\w+")
AS_TYPED = "as_typed"  # in a query string: search for the words as typed, never respelt


def _title_words(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in WORD_RE.findall(text or ""))


def _without_trailing_numbers(words: tuple[str, ...]) -> tuple[str, ...]:
    end = len(words)
    while end and words[end - 1].isdigit():
        end -= 1
    return words[:end]


def _condition(kind: SearchKind, condition: FieldCondition) -> Q | None:
    """The database condition for ``field:value`` on ``kind``, the value's synonyms included:
    ``author:NICE`` finds what the National Institute for Health and Care Excellence
    published."""
    synonyms = current_synonyms().alternatives.get(term_key(term_words(condition.value)), ())
    values = [condition.value, *synonyms]
    found = [q for q in (kind.condition(condition.field, value) for value in values) if q]
    return reduce(operator.or_, found) if found else None


class SiteSearch:
    def __init__(
        self, data: QueryDict, *, user: Any, request: Any = None, backend: str = "default"
    ) -> None:
        self.data = data
        self.user = user
        self.request = request
        # Who is searching: what they may read is worked out once for the whole search.
        self.viewer = viewer_for(user, request)
        self.backend_name = backend
        self.backend = get_search_backend(backend)
        self.text = (data.get("q") or "").strip()
        # What was typed, once the search runs on its spelling suggestion instead.
        self.typed: str | None = None
        self.as_typed = data.get(AS_TYPED) == "1"
        self.published_after: datetime.datetime | None = None
        self.kinds = registered_kinds()
        key = data.get("kind") or ALL
        self.notes: list[str] = []
        self.kind = get_kind(key) if key != ALL else None
        if key != ALL and self.kind is None:
            self.notes.append("That kind of result is not one we have, so all kinds are shown.")
        self.chosen: dict[str, list[str]] = {}
        if self.kind is not None and self.kind.has_facets:
            self.chosen, messages = self._module(self.kind).read_facets(data)
            self.notes.extend(messages)
        self.parsed = self._parse(fuzzy=True)

    @cached_property
    def _vocabulary_scope(self) -> list[QuerySet[Any]]:
        """The documents whose words wildcards and spelling suggestions draw on: of every kind,
        those this person may read, so that words seen only in what they may not read are
        never offered, and neither use up a wildcard's expansions nor push aside a useful
        correction. One queryset a kind; the kinds that are pages share one, as the page rule
        covers every page type."""
        scope: list[QuerySet[Any]] = []
        if any(issubclass(kind.model, Page) for kind in self.kinds):
            scope.append(visible(Page.objects.filter(depth__gt=1), self.viewer))
        for kind in self.kinds:
            if not issubclass(kind.model, Page):
                scope.append(visible(kind.base_queryset(), self.viewer))
        return scope

    # -- reading the query

    @staticmethod
    def _module(kind: SearchKind) -> Any:
        """The integration module of a kind known to have one (one with facets)."""
        assert kind.module is not None
        return kind.module

    def _parse(self, fuzzy: bool) -> Parsed:
        parsed = parse(self.text, expand_prefix=self._expand_prefix, fuzzy=fuzzy)
        return expand_synonyms(parsed)

    def _correct_spelling(self) -> bool:
        """Search for the spelling suggestion instead of what was typed, when it finds
        something of the kind shown; whether it did. Called once what was typed found nothing."""
        suggested = self._suggested
        if self.as_typed or self.typed is not None or suggested is None:
            return False
        corrected = suggested[1]
        if self.kind is not None and not self.results_for(self.kind, corrected).count():
            return False
        self.typed = self.text
        self.text = suggested[0]
        self.data = self.data.copy()
        self.data["q"] = self.text
        self.parsed = self._parse(fuzzy=True)
        self.__dict__.pop("all_notes", None)
        return True

    def _expand_prefix(self, prefix: str) -> list[str]:
        words_with_prefix = getattr(self.backend, "words_with_prefix", None)
        if words_with_prefix is not None:
            expansions: list[str] = words_with_prefix(
                prefix, limit=PREFIX_LIMIT, queryset=self._vocabulary_scope
            )
            return expansions
        # Other engines: the words that begin with the prefix in the titles of the pages this
        # person may read, and in the text each kind offers for it of what they may read.
        texts = list(
            visible(Page.objects.filter(depth__gt=1), self.viewer)
            .filter(title__icontains=prefix)
            .values_list("title", flat=True)[:500]
        )
        for kind in self.kinds:
            texts_containing = getattr(kind.module, "texts_containing", None)
            if texts_containing is not None:
                readable = visible(kind.base_queryset(), self.viewer)
                texts.extend(texts_containing(prefix, readable))
        words: dict[str, int] = {}
        for text in texts:
            for word in WORD_RE.findall(text.lower()):
                if word.startswith(prefix):
                    words[word] = words.get(word, 0) + 1
        return sorted(words, key=lambda w: (-words[w], w))[:PREFIX_LIMIT]

    def best(self, limit: int) -> list[Any]:
        """The first ``limit`` results of the chosen kind, in the order the search page shows
        them: for another page that searches the same things (the resource library)."""
        if self.kind is None:
            return []
        objects = self._best(limit)
        if not objects and self._correct_spelling():
            objects = self._best(limit)
        return self._titled_first(objects[:PAGE_SIZE]) + objects[PAGE_SIZE:]

    def _best(self, limit: int) -> list[Any]:
        kind = self.kind
        assert kind is not None  # best() searches one kind
        try:
            with _fuzzy_savepoint(self.parsed):
                return list(self.results_for(kind)[:limit])
        except FUZZY_UNSUPPORTED:
            if not self.parsed.fuzzy:
                raise
            self.parsed = self._parse(fuzzy=False)
            self.__dict__.pop("all_notes", None)
            return list(self.results_for(kind)[:limit])

    @property
    def has_query(self) -> bool:
        return bool(self.text) or any(self.chosen.values())

    @cached_property
    def all_notes(self) -> list[str]:
        self.counts  # noqa: B018 - running the searches may add notes
        return list(dict.fromkeys(self.notes + self.parsed.notes))

    # -- running it

    def results_for(self, kind: SearchKind, parsed: Parsed | None = None) -> Any:
        parsed = parsed or self.parsed
        if parsed.is_empty and not (kind is self.kind and any(self.chosen.values())):
            return EMPTY
        base = kind.base_queryset()
        queryset = base
        narrowed = False
        for condition in parsed.conditions:
            q = _condition(kind, condition)
            if q is None:
                if condition.negated:
                    continue
                return EMPTY
            queryset = queryset.exclude(q) if condition.negated else queryset.filter(q)
            narrowed = True
        if kind is self.kind and any(self.chosen.values()):
            queryset = self._module(kind).apply_facets(queryset, self.chosen)
            narrowed = True
        if self.published_after is not None and kind.alerts is not None:
            # What became new since then, by the field the kind's alerts name.
            queryset = queryset.filter(**{f"{kind.alerts.new_since}__gt": self.published_after})
            narrowed = True
        if narrowed:
            # Search engines filter only on indexed fields; the conditions above may span
            # relations, so they are resolved in the database first.
            queryset = base.filter(pk__in=list(queryset.values_list("pk", flat=True)))
        if parsed.query is None:
            queryset = visible(queryset, self.viewer).order_by("title")
            return ListedResults(queryset, self.viewer)
        return search_for(self.viewer, queryset, parsed.query, backend=self.backend_name)

    @cached_property
    def counts(self) -> dict[str, int]:
        counts = self._counts()
        shown = counts[self.kind.key] if self.kind is not None else sum(counts.values())
        if not shown and self.text and self._correct_spelling():
            counts = self._counts()
        return counts

    def _counts(self) -> dict[str, int]:
        counts = {}
        for kind in self.kinds:
            try:
                with _fuzzy_savepoint(self.parsed):
                    counts[kind.key] = self.results_for(kind).count()
            except FUZZY_UNSUPPORTED:
                if not self.parsed.fuzzy:
                    raise
                # This engine has no fuzzy matching: search for the words as written.
                self.parsed = self._parse(fuzzy=False)
                self.__dict__.pop("all_notes", None)
                return self._counts()
        return counts

    def run(self) -> SiteSearch:
        """This search with its counts taken: from here on, everything a page shows of it (the
        box, the title) is the search as it ran, spelling correction included."""
        self.counts  # noqa: B018 - taking the counts settles the query
        return self

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def _url(self, **changes: str | None) -> str:
        data = self.data.copy()
        data.pop("page", None)
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        if "kind" in changes and changes["kind"] != self.data.get("kind"):
            for facet in self._all_facet_names():
                data.pop(facet, None)
        return "?" + data.urlencode()

    def _all_facet_names(self) -> set[str]:
        names: set[str] = set()
        for kind in self.kinds:
            if kind.has_facets:
                names.update(self._module(kind).FACETS)
        return names

    @cached_property
    def tabs(self) -> list[KindCount]:
        current = self.kind.key if self.kind else ALL
        tabs = [KindCount(None, self.total, self._url(kind=None), current == ALL)]
        for kind in self.kinds:
            tabs.append(
                KindCount(
                    kind, self.counts[kind.key], self._url(kind=kind.key), current == kind.key
                )
            )
        return tabs

    def _hits(self, kind: SearchKind, objects: list[Any]) -> list[Hit]:
        if not objects:
            return []
        ids = [o.pk for o in objects]
        loader = getattr(kind.module, "load", None) if kind.module else None
        if loader is not None:
            loaded = loader(ids)
        elif isinstance(objects[0], Page):
            loaded = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        else:
            loaded = {o.pk: o for o in objects}
        words = [*self.parsed.words, *(w for p in self.parsed.phrases for w in p.split())]
        words += [c.value for c in self.parsed.conditions if not c.negated]
        hits = []
        for pk in ids:
            obj = loaded.get(pk)
            if obj is None:
                continue
            url = obj.get_url(self.request) if hasattr(obj, "get_url") else obj.get_absolute_url()
            hits.append(Hit(obj, kind, str(obj), url or "", highlight(item_text(obj), words)))
        return hits

    @cached_property
    def groups(self) -> list[Group]:
        """Under "All": the best few results of each kind that has any."""
        groups = []
        for kind in self.kinds:
            count = self.counts[kind.key]
            if not count:
                continue
            objects = self._titled_first(list(self.results_for(kind)[:PAGE_SIZE]))
            objects = objects[:GROUP_SIZE]
            groups.append(Group(kind, count, self._hits(kind, objects), self._url(kind=kind.key)))
        return groups

    @cached_property
    def page(self) -> Any:
        """One kind: a page of its results."""
        if self.kind is None:
            return None
        self.counts  # noqa: B018 - settles the query (its form, its spelling) before paging
        results = self.results_for(self.kind)
        paginator: Paginator[Any] = Paginator(
            Counted(results, self.counts[self.kind.key]),  # type: ignore[arg-type]
            PAGE_SIZE,
        )
        page = paginator.get_page(self.data.get("page"))
        objects = list(page.object_list)
        if page.number == 1:
            objects = self._titled_first(objects)
        page.object_list = self._hits(self.kind, objects)
        return page

    def _titled_first(self, objects: list[Any]) -> list[Any]:
        """``objects`` with those titled exactly what was typed (a title chosen from
        autocomplete) moved to the front, then those titled what was typed and a year or
        number ("Mental Capacity Act" finds "Mental Capacity Act 2005" before the guidance
        about it): every engine then finds that page first, as long as it ranks it among the
        first page of results, whatever its own scoring."""
        typed = _title_words(self.text)
        if not typed:
            return objects
        exact: list[Any] = []
        dated: list[Any] = []
        for o in objects:
            title = _title_words(getattr(o, "title", ""))
            if title == typed:
                exact.append(o)
            elif _without_trailing_numbers(title) == typed:
                dated.append(o)
        first = exact + dated
        if not first:
            return objects
        return first + [o for o in objects if all(o is not f for f in first)]

    @cached_property
    def facets(self) -> list[dict[str, Any]]:
        if self.kind is None or not self.kind.has_facets or not self.has_query:
            return []
        self.counts  # noqa: B018 - settles the query before counting its facets
        results = self.results_for(self.kind)
        ids = [o.pk for o in results[:FACET_LIMIT]]
        facets: list[dict[str, Any]] = self._module(self.kind).facet_counts(ids, self.chosen)
        return facets

    @property
    def suggestion(self) -> str | None:
        """A respelling of the search that finds something, when a word is not in the index."""
        suggested = self._suggested
        return suggested[0] if suggested else None

    @cached_property
    def _suggested(self) -> tuple[str, Parsed] | None:
        """The suggestion and its parsed search: worked out for what was typed, once."""
        suggest = getattr(self.backend, "suggest_spelling", None)
        words = [*self.parsed.words, *(w for p in self.parsed.phrases for w in p.split())]
        if suggest is None or not words:
            return None
        corrections = suggest(words, queryset=self._vocabulary_scope)
        if not corrections:
            return None
        corrected = replace_words(self.text, corrections)
        if corrected == self.text:
            return None
        parsed = parse(corrected, expand_prefix=self._expand_prefix)
        # Offer it only if it finds something this person may read: a word seen only in
        # private content is never suggested.
        for kind in self.kinds:
            if self.results_for(kind, parsed).count():
                return corrected, parsed
        return None

    @property
    def suggestion_url(self) -> str:
        return self._url(q=self.suggestion)

    @property
    def as_typed_url(self) -> str:
        """The same search for the words as typed, when it ran on their correction."""
        return self._url(q=self.typed, **{AS_TYPED: "1"})

    @property
    def query_string(self) -> str:
        return normalise_query_string(self.data.urlencode())


def new_matches(
    user: Any, query_string: str, kind: SearchKind, since: datetime.datetime | None
) -> list[Any]:
    """Items of ``kind`` (one with ``alerts``) ``user`` may read that match a saved search and
    became new after ``since``, newest first (at most 50)."""
    assert kind.alerts is not None
    new_since = kind.alerts.new_since
    data = QueryDict(query_string, mutable=True)
    data["kind"] = kind.key
    search = SiteSearch(data, user=user)
    search.published_after = since
    if not search.has_query:
        return []
    try:
        with _fuzzy_savepoint(search.parsed):
            results = list(search.results_for(kind)[:200])
    except FUZZY_UNSUPPORTED:
        search.parsed = search._parse(fuzzy=False)
        results = list(search.results_for(kind)[:200])
    results.sort(key=lambda r: (getattr(r, new_since), r.pk), reverse=True)
    return results[:50]

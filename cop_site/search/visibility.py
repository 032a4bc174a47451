"""Searching on behalf of a person: only what they may read, never as a title, snippet or count.

Every model searched through :func:`search_for` declares how its visibility is decided, in one of
two ways:

* a classmethod ``search_visibility(cls, user, request)`` on the model returning a ``Q`` over its
  ``index.FilterField`` fields (for example ``Q(group__in=...)``), and optionally an instance method
  ``is_visible_to(self, user, request)`` for the per-hit re-check; or
* :func:`register` for models the project does not own (Wagtail's ``Page`` is registered here).

The ``Q`` narrows the queryset before the search, so the search backend filters in its index (the
Whoosh backend, Elasticsearch) or in SQL (the database backend) and counts only visible items.
Every hit is then fetched from the database through that same queryset and checked again, so an
index entry that is out of date can hide an item but never show one. A model with no declaration
cannot be searched this way: forgetting to declare visibility fails loudly instead of leaking.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet

logger = logging.getLogger(__name__)

# Counts up to this size are confirmed against the database on every search.
VERIFY_COUNT_LIMIT = 1000


def public(user, request):
    """Visibility rule for content everyone may read."""
    return Q()


@dataclass
class Rule:
    queryset_filter: Any
    check: Any = None


_registry: dict[type, Rule] = {}


def register(model, queryset_filter, check=None):
    """Declare the visibility of ``model`` and its subclasses.

    ``queryset_filter(user, request)`` returns a ``Q`` over the model's filter fields;
    ``check(objects, user, request)`` (optional) returns the subset of ``objects`` the person may
    read, checked against the database.
    """
    _registry[model] = Rule(queryset_filter, check)


def _rule(model):
    for cls in model.__mro__:
        if cls in _registry:
            return _registry[cls]
    method = getattr(model, "search_visibility", None)
    if method is not None:
        check = getattr(model, "is_visible_to", None)
        if check is not None:

            def checker(objects, user, request, _check=check):
                return [o for o in objects if _check(o, user, request)]

        else:
            checker = None
        return Rule(method, checker)
    raise ImproperlyConfigured(
        f"{model.__name__} does not declare its search visibility: add a search_visibility"
        " classmethod or register it with cop_site.search.visibility.register()."
    )


def _request_for(user, request):
    if request is not None:
        return request
    return SimpleNamespace(user=user or AnonymousUser(), session={})


def visible_queryset(queryset, user, request=None):
    """``queryset`` narrowed to what ``user`` may read."""
    request = _request_for(user, request)
    q = _rule(queryset.model).queryset_filter(request.user, request)
    return queryset.filter(q) if q else queryset


def visible_objects(objects, model, user, request=None):
    request = _request_for(user, request)
    rule = _rule(model)
    if rule.check is None:
        return list(objects)
    return list(rule.check(list(objects), request.user, request))


class VisibleSearchResults:
    """Search results holding only what one person may read. Slice it or ``count()`` it."""

    def __init__(self, results, queryset, user, request):
        self._results = results
        self._queryset = queryset
        self._user = user
        self._request = request
        self._count = None
        self._distrust_index = False
        self.model = queryset.model

    def count(self):
        if self._count is None:
            count = self._results.count()
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

    def _checked(self, objects, record=True):
        allowed = visible_objects(objects, self.model, self._user, self._request)
        if record and len(allowed) != len(objects):
            logger.warning(
                "Search index disagrees with the database about %d %s result(s)",
                len(objects) - len(allowed),
                self.model.__name__,
            )
            self._distrust_index = True
            self._count = None
        return allowed

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._checked(list(self._results[key]))
        objects = self._checked(list(self._results[key : key + 1]))
        if not objects:
            raise IndexError(key)
        return objects[0]

    def __iter__(self):
        return iter(self._checked(list(self._results)))

    def __len__(self):
        return self.count()

    def facet(self, field_name):
        return self._results.facet(field_name)


def search_for(
    user,
    model_or_queryset,
    query,
    *,
    request=None,
    fields=None,
    operator=None,
    order_by_relevance=True,
    autocomplete=False,
    backend="default",
):
    """Search ``model_or_queryset`` for ``query`` as ``user`` would see it.

    Returns :class:`VisibleSearchResults`; slicing it returns model instances, each re-checked.
    """
    from modelsearch.backends import get_search_backend

    if isinstance(model_or_queryset, QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    queryset = visible_queryset(queryset, user, request)
    search_backend = get_search_backend(backend)
    method = search_backend.autocomplete if autocomplete else search_backend.search
    results = method(
        query,
        queryset,
        fields=fields,
        operator=operator,
        order_by_relevance=order_by_relevance,
    )
    return VisibleSearchResults(results, queryset, user, request)


# --- Wagtail pages ------------------------------------------------------------------------------


def _page_restrictions():
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def _audience_rules():
    """Page types that declare their own audience with a ``search_visibility`` classmethod
    (for example members-only reading lists)."""
    from wagtail.models import get_page_models

    return [m for m in get_page_models() if "search_visibility" in m.__dict__]


def _hidden_page_ids(user, request):
    """Ids of pages whose own audience rule excludes this person."""
    hidden = []
    for model in _audience_rules():
        q = model.search_visibility(user, request)
        if q:
            hidden.extend(model.objects.exclude(q).values_list("pk", flat=True))
    return hidden


def page_visibility(user, request):
    """Live pages not under a view restriction this person does not pass, nor of a page type
    whose audience excludes them.

    Uses the ``live``, ``path`` and ``id`` filter fields Wagtail indexes for every page, so a
    restriction or audience added or removed takes effect at once, without re-indexing.
    """
    q = Q(live=True)
    for restriction in _page_restrictions():
        if not restriction.accept_request(request):
            q &= ~Q(path__startswith=restriction.page.path)
    hidden = _hidden_page_ids(user, request)
    if hidden:
        q &= ~Q(id__in=hidden)
    return q


def page_check(pages, user, request):
    restrictions = _page_restrictions()
    hidden = set(_hidden_page_ids(user, request))
    visible = []
    for page in pages:
        if not page.live or page.pk in hidden:
            continue
        applicable = [r for r in restrictions if page.path.startswith(r.page.path)]
        if all(r.accept_request(request) for r in applicable):
            visible.append(page)
    return visible


def register_wagtail_pages():
    from wagtail.models import Page

    register(Page, page_visibility, page_check)

"""Who may read what: one rule per model, from which every consumer's check is derived.

A model declares its rule once, as a class attribute ``visibility`` (a :class:`Visibility`), or,
for a model the project does not own, with :func:`register` (Wagtail's ``Page`` is registered
here, so every page type that declares nothing follows the page rule). A rule is a ``Q`` over
fields that are both database columns and ``index.FilterField`` fields, so the same condition
serves:

* the queryset: ``Model.objects.visible_to(user)`` (:class:`VisibleQuerySetMixin`), used by lists,
  detail views and home sections;
* the instance check: :func:`can_view` (and ``obj.is_visible_to(user)`` on models that mix in
  :class:`VisibleModelMixin`), answered by the database;
* the search filter: ``cop_site.search.visibility`` narrows the searched queryset with it (the
  index filters on it) and re-checks every hit against the database with it;
* ``serve``: :class:`VisiblePageMixin` refuses a page whose own audience excludes the visitor,
  as Wagtail's view restrictions do (sign in first, or not found).

The page rule: a page is readable when it is live, when the reader passes every view restriction
on it and its ancestors (signed in; in one of the groups, superusers always; a shared password
passed in this session, which only a request can tell, so without one a password-protected page
is hidden), and when the audience its page type adds (``PageVisibility(audience=...)``) admits the
reader. Searching ``Page`` itself applies the audiences of its subclasses to their pages by id.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, Self, cast

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.models import Page, PageManager, PageViewRestriction, get_page_models
from wagtail.query import PageQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


class _Request(Protocol):
    user: Any
    session: Any


@dataclass(frozen=True, eq=False)
class Viewer:
    """The person asking, and what their session has passed (shared page passwords)."""

    user: AbstractBaseUser | AnonymousUser
    session: Mapping[str, Any] = field(default_factory=dict)
    # Conditions worked out for this person, kept while they are being served.
    memo: dict[object, Any] = field(default_factory=dict, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user.is_authenticated)

    @property
    def is_superuser(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False))

    @cached_property
    def group_ids(self) -> frozenset[int]:
        if not self.is_authenticated:
            return frozenset()
        groups = self.user.groups  # type: ignore[union-attr]
        return frozenset(groups.values_list("pk", flat=True))


Who = Viewer | _Request | Any


def viewer_for(who: Who = None, request: Any = None) -> Viewer:
    """A :class:`Viewer` for a user, a request, or a viewer already made (returned as it is).
    With a request, its session counts (passwords passed), and the viewer is kept on the
    request; with a user alone, it does not."""
    if isinstance(who, Viewer):
        return who
    if request is None and hasattr(who, "session") and hasattr(who, "user"):
        request = who
        who = request.user
    user: Any = who
    if user is None:
        user = request.user if request is not None else AnonymousUser()
    if request is None:
        return Viewer(user=user)
    # One viewer a request: what its reader may see is worked out once while it is served.
    cached = getattr(request, "_visibility_viewer", None)
    if isinstance(cached, Viewer) and cached.user is user:
        return cached
    viewer = Viewer(user=user, session=request.session)
    with contextlib.suppress(AttributeError):
        request._visibility_viewer = viewer
    return viewer


class Visibility:
    """A rule: the condition a row of ``model`` meets when ``viewer`` may read it."""

    def condition(self, model: type[models.Model], viewer: Viewer) -> Q:
        raise NotImplementedError


class Public(Visibility):
    """Everyone may read every row."""

    def condition(self, model: type[models.Model], viewer: Viewer) -> Q:
        return Q()


class FieldRule(Visibility):
    """A rule written as a function of the viewer: ``FieldRule(lambda v: Q(group__in=...))``."""

    def __init__(self, rule: Callable[[Viewer], Q]) -> None:
        self.rule = rule

    def condition(self, model: type[models.Model], viewer: Viewer) -> Q:
        return self.rule(viewer)


PUBLIC = Public()

_registry: dict[type[models.Model], Visibility] = {}


def register(model: type[models.Model], rule: Visibility) -> None:
    """Declare the rule of ``model`` and its subclasses, for models the project does not own."""
    _registry[model] = rule


def rule_for(model: type[models.Model]) -> Visibility:
    """The rule ``model`` declares, or the nearest ancestor's. Undeclared models fail loudly,
    so that forgetting to declare visibility never leaks."""
    for cls in model.__mro__:
        declared = cls.__dict__.get("visibility")
        if isinstance(declared, Visibility):
            return declared
        if cls in _registry:
            return _registry[cls]
    raise ImproperlyConfigured(
        f"{model.__name__} does not declare who may read it: give it a `visibility` rule"
        " (cop_site.visibility) or register() one."
    )


def condition_for(model: type[models.Model], viewer: Viewer) -> Q:
    # Kept while the viewer is, unless a shared page password is passed in the meantime.
    passed = viewer.session.get(PageViewRestriction.passed_view_restrictions_session_key, ())
    key = ("condition", model, tuple(passed))
    if key not in viewer.memo:
        viewer.memo[key] = rule_for(model).condition(model, viewer)
    q: Q = viewer.memo[key]
    return q


def visible[M: models.Model](queryset: models.QuerySet[M], who: Who = None) -> models.QuerySet[M]:
    """``queryset`` narrowed to the rows ``who`` may read."""
    q = condition_for(queryset.model, viewer_for(who))
    return queryset.filter(q) if q else queryset


def visible_objects[M: models.Model](
    objects: Iterable[M], model: type[M], who: Who = None
) -> list[M]:
    """Those of ``objects`` that ``who`` may read, asked of the database in one query, in the
    order given."""
    objects = list(objects)
    if not objects:
        return []
    q = condition_for(model, viewer_for(who))
    if not q:
        return objects
    allowed = set(
        model._default_manager.filter(pk__in=[o.pk for o in objects])
        .filter(q)
        .values_list("pk", flat=True)
    )
    return [o for o in objects if o.pk in allowed]


def can_view(who: Who, obj: models.Model) -> bool:
    """Whether ``who`` may read ``obj``, as stored in the database."""
    return bool(obj.pk is not None and visible_objects([obj], type(obj), who))


class VisibleQuerySetMixin:
    """Gives a QuerySet ``visible_to(user_or_request)``, derived from its model's rule."""

    def visible_to(self, who: Who, request: _Request | None = None) -> Self:
        return visible(self, viewer_for(who, request))  # type: ignore[arg-type, return-value]


class VisibleModelMixin:
    """Gives a model ``obj.is_visible_to(user_or_request)``, derived from its rule."""

    def is_visible_to(self, who: Who, request: _Request | None = None) -> bool:
        return can_view(viewer_for(who, request), self)  # type: ignore[arg-type]


# --- Wagtail pages ------------------------------------------------------------------------------


def _restrictions(viewer: Viewer) -> list[tuple[str, str, frozenset[int], int]]:
    """(restriction type, page path, group ids, id) of every page view restriction."""
    key = "page restrictions"
    if key not in viewer.memo:
        viewer.memo[key] = [
            (r.restriction_type, r.page.path, frozenset(g.pk for g in r.groups.all()), r.pk)
            for r in PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        ]
    rows: list[tuple[str, str, frozenset[int], int]] = viewer.memo[key]
    return rows


def passes(viewer: Viewer, restriction_type: str, group_ids: frozenset[int], pk: int) -> bool:
    """Whether ``viewer`` passes one view restriction, as Wagtail's ``accept_request`` decides."""
    if restriction_type == PageViewRestriction.PASSWORD:
        passed = viewer.session.get(PageViewRestriction.passed_view_restrictions_session_key, [])
        return pk in passed
    if restriction_type == PageViewRestriction.LOGIN:
        return viewer.is_authenticated
    if restriction_type == PageViewRestriction.GROUPS:
        return viewer.is_superuser or bool(viewer.group_ids & group_ids)
    return True


def restrictions_condition(viewer: Viewer) -> Q:
    """Pages not under a view restriction this person does not pass."""
    q = Q()
    for restriction_type, path, group_ids, pk in _restrictions(viewer):
        if not passes(viewer, restriction_type, group_ids, pk):
            q &= ~Q(path__startswith=path)
    return q


Audience = Callable[[Viewer], Q]


class PageVisibility(Visibility):
    """The page rule, with an optional audience the page type adds (a ``Q`` over its own
    filter fields: ``lambda viewer: Q() if viewer.is_authenticated else Q(members_only=False)``)."""

    def __init__(self, audience: Audience | None = None) -> None:
        self.audience = audience

    def condition(self, model: type[models.Model], viewer: Viewer) -> Q:
        q = Q(live=True) & restrictions_condition(viewer)
        for page_model, audience in _audiences():
            admitted = audience(viewer)
            if not admitted:
                continue
            if issubclass(model, page_model):
                q &= admitted
            elif issubclass(page_model, model):
                # Searching a parent type (Page itself): the audience's fields are not there,
                # so its pages are left out by id.
                excluded = page_model._default_manager.exclude(admitted).values_list(
                    "pk", flat=True
                )
                hidden = list(excluded)
                if hidden:
                    q &= ~Q(id__in=hidden)
        return q

    def admits(self, page: models.Model, viewer: Viewer) -> bool:
        """Whether this page type's own audience admits ``viewer`` to ``page``."""
        if self.audience is None:
            return True
        admitted = self.audience(viewer)
        if not admitted:
            return True
        known = _holds(admitted, page)
        if known is not None:
            return known
        return type(page)._default_manager.filter(pk=page.pk).filter(admitted).exists()


def _holds(q: Q, obj: models.Model) -> bool | None:
    """Whether ``obj`` as loaded meets ``q``, when ``q`` is made only of equalities on its own
    fields (``Q(members_only=False)``); None when it takes the database to tell."""
    results = []
    for child in q.children:
        if isinstance(child, Q):
            result = _holds(child, obj)
        else:
            name, value = cast(tuple[str, Any], child)
            if "__" in name or not hasattr(obj, name):
                return None
            result = getattr(obj, name) == value
        if result is None:
            return None
        results.append(result)
    held = all(results) if q.connector == Q.AND else any(results)
    return not held if q.negated else held


def _audiences() -> list[tuple[type[models.Model], Audience]]:
    found = []
    for page_model in get_page_models():
        declared = page_model.__dict__.get("visibility")
        if isinstance(declared, PageVisibility) and declared.audience is not None:
            found.append((page_model, declared.audience))
    return found


PAGES = PageVisibility()


class VisiblePageMixin(VisibleModelMixin):
    """For page types with an audience: ``serve`` refuses visitors the audience excludes, as
    Wagtail refuses those a view restriction excludes: anonymous visitors are sent to sign in,
    signed-in ones are told the page is not found. (Wagtail's own ``before_serve_page`` check
    has already dealt with view restrictions, and only live pages are routed to.)"""

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rule = rule_for(type(self))  # type: ignore[arg-type]
        viewer = viewer_for(request)
        if isinstance(rule, PageVisibility) and not rule.admits(self, viewer):  # type: ignore[arg-type]
            if not viewer.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        response: HttpResponse = super().serve(request, *args, **kwargs)  # type: ignore[misc]
        return response


class VisiblePageQuerySet(VisibleQuerySetMixin, PageQuerySet):
    """Pages with ``visible_to(user_or_request)``."""


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)

register(Page, PAGES)

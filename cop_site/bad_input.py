"""Hostile input that reaches the database through third-party views answers 400, not 500.

The project's own URLs cannot be given an id no row can have (`cop_site.converters`), and
its forms validate what they are sent. Wagtail's and Django's admins are not ours to change:
they take ids through `<int:…>` (no upper bound) and through form fields and filters whose
values go into queries unchecked, so a number beyond SQLite's range, a search term longer
than SQLite accepts in a LIKE, or a word where an id belongs raises deep inside the query.
A path converter cannot reach those patterns or their form data, so this middleware
translates exactly those errors, matched by type and message, and a paginator's refusal of
a page number it does not have (`InvalidPage`, raised uncaught by some admin listings),
and nothing else: any other exception is still a 500 and still reported.

It also drops a `next` parameter that is not a path on this site (`cop_site.redirects`)
before any view reads it, so no view, the project's or a third party's, can be steered
off-site or fail on a `next` that is not a URL.
"""

from __future__ import annotations

import re

from django.core.paginator import InvalidPage
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.views.defaults import bad_request, page_not_found

from .converters import MAX_ID
from .redirects import is_local_path

NEXT_FIELD = "next"
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
SQLITE_INTEGER_OVERFLOW = "too large to convert to SQLite INTEGER"
SQLITE_LIKE_TOO_LONG = "LIKE or GLOB pattern too complex"
NOT_A_NUMBER = re.compile(r"^Field '\w+' expected a number but got ")


def _without_foreign_next(request: HttpRequest, params: QueryDict) -> QueryDict | None:
    values = params.getlist(NEXT_FIELD)
    if not values or all(is_local_path(request, value) for value in values):
        return None
    params = params.copy()
    params.setlist(NEXT_FIELD, [v for v in values if is_local_path(request, v)])
    if not params.getlist(NEXT_FIELD):
        del params[NEXT_FIELD]
    params._mutable = False
    return params


def _huge_id_in_url(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    values = [*match.args, *match.kwargs.values()] if match else []
    return any(isinstance(value, int) and abs(value) > MAX_ID for value in values)


class BadInputMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (cleaned := _without_foreign_next(request, request.GET)) is not None:
            request.GET = cleaned
        is_form = request.method == "POST" and request.content_type in FORM_CONTENT_TYPES
        if is_form and (cleaned := _without_foreign_next(request, request.POST)) is not None:
            request.POST = cleaned
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        message = str(exception)
        if isinstance(exception, OverflowError) and SQLITE_INTEGER_OVERFLOW in message:
            if _huge_id_in_url(request):
                return page_not_found(request, exception)
            return bad_request(request, exception)
        if isinstance(exception, OperationalError) and SQLITE_LIKE_TOO_LONG in message:
            return bad_request(request, exception)
        if isinstance(exception, ValueError) and NOT_A_NUMBER.match(message):
            return bad_request(request, exception)
        if isinstance(exception, InvalidPage):
            # A listing asked for a page number it does not have (`?p=-1`).
            return page_not_found(request, exception)
        return None

"""Every URL pattern of the project, Django's, Wagtail's and allauth's, as a URL to request.

Tests that must cover the whole site (sign-in paths, hostile input) walk this list rather
than a hand-written one, so a pattern added by an upgrade or a new app is covered at once.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

ROUTE_CONVERTER_RE = re.compile(r"(?<!\?P)<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
ROUTE_SAMPLES = {
    "int": "1",
    "id": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
# Tried, in order, for each group of a regular-expression pattern.
REGEX_SAMPLES = ("1", "x", "", "x/", "1-x")


@dataclass(frozen=True)
class Route:
    route: str  # the pattern as Django reports it in ResolverMatch.route
    url: str  # a URL that resolves to this pattern
    view: str  # dotted path of the view function or class

    def __str__(self) -> str:
        return f"{self.url} ({self.view})"


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _top_level_groups(regex: str) -> list[tuple[int, int]]:
    """Spans of the capturing or non-capturing groups at depth 0 of `regex`."""
    spans, depth, start, escaped, in_class = [], 0, 0, False, False
    for i, char in enumerate(regex):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                end = i + 1
                # A quantifier after the group belongs to it.
                if end < len(regex) and regex[end] in "*+?":
                    end += 1
                spans.append((start, end))
    return spans


def _fill_regex(piece: str, spans: list[tuple[int, int]], samples: tuple[str, ...]) -> str:
    out, last = [], 0
    for (start, end), sample in zip(spans, samples, strict=True):
        out.append(piece[last:start])
        out.append(sample)
        last = end
    out.append(piece[last:])
    text = re.sub(r"\.[*+]", "x", "".join(out)).replace("^", "").replace("$", "")
    return re.sub(r"\\(.)", r"\1", text)


def _group_samples(group: str) -> tuple[str, ...]:
    # A group of alternatives, such as an app label or "live|earliest|\d+": try the first.
    inner = re.sub(r"^\((\?P<\w+>)?|\)$", "", group)
    first = inner.split("|")[0]
    return (first, *REGEX_SAMPLES) if re.fullmatch(r"\w+", first) else REGEX_SAMPLES


def _candidates(route: str):
    filled = ROUTE_CONVERTER_RE.sub(
        lambda m: ROUTE_SAMPLES.get(m.group("converter") or "str", "x"), route
    )
    spans = _top_level_groups(filled)
    choices = [_group_samples(filled[start:end]) for start, end in spans]
    for samples in itertools.product(*choices):
        yield "/" + _fill_regex(filled, spans, samples)


def _as_reported(route: str) -> str:
    """The route as ResolverMatch.route gives it: without the "^" of each nested regex."""
    return route.replace("/^", "/")


def _view_path(callback) -> str:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return f"{view.__module__}.{view.__qualname__}"


@cache
def every_route() -> tuple[Route, ...]:
    """One requestable URL for each URL pattern; fails loudly for one it cannot build.

    A pattern shadowed by an earlier one with the same route (as the project does to replace
    a third-party view) is listed once, with the view that actually answers.
    """
    routes, unbuildable, seen = [], [], set()
    for route, _pattern in _walk(get_resolver().url_patterns):
        for url in _candidates(route):
            try:
                match = resolve(url)
            except Resolver404:
                continue
            if match.route == _as_reported(route):
                if url not in seen:
                    seen.add(url)
                    routes.append(Route(route=route, url=url, view=_view_path(match.func)))
                break
        else:
            unbuildable.append(route)
    assert not unbuildable, f"No URL could be built for these patterns: {unbuildable}"
    return tuple(routes)

"""The hostile payloads, how they are spread over a form's fields, and how forms are read from
a page, for `test_hostile_input`."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from urllib.parse import quote_plus

from cop_site.converters import MAX_ID


@dataclass(frozen=True)
class Payload:
    name: str
    value: str | bytes


PAYLOADS = (
    Payload("long", "x" * 100_000),
    Payload("null", "a\x00b"),
    Payload("bad_utf8", b"\xff\xfe\xc3\x28 \xed\xa0\x80"),
    Payload("crlf", "line\r\nSet-Cookie: injected=1\r\n\r\nbody"),
    Payload("huge_int", str(2**64)),
    Payload("negative_int", "-9223372036854775809"),
    Payload("brackets", "(" * 2000 + "[" * 500 + "{" * 500),
    Payload("off_site", "https://evil.example/"),
)
PAYLOADS_BY_NAME = {payload.name: payload for payload in PAYLOADS}
# Parameters many views read from the query string, sent to every URL besides those of the
# page's own GET forms.
COMMON_PARAMS = (
    "q",
    "page",
    "p",
    "next",
    "ordering",
    "sort",
    "id",
    "query_string",
    "topic",
    "pcf",
    "source",
    "format",
    "kind",
    "return_url",
    "parent",
)
HUGE_ID = str(MAX_ID + 1)


class FormParser(HTMLParser):
    """The forms of a page: method, action and the names of their fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (attributes.get("method") or "get").lower(),
                "action": attributes.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea", "button") and self._current is not None:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._current["fields"].setdefault(name, attributes.get("value") or "")

    def handle_endtag(self, tag) -> None:
        if tag == "form":
            self._current = None


def forms_in(response) -> list[dict]:
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser()
    parser.feed(response.content.decode(errors="replace"))
    return parser.forms


@cache
def _quoted(value: str | bytes) -> str:
    return quote_plus(value)


def encoded(data: dict[str, str | bytes]) -> str:
    """`data` as a form-encoded string; each payload is quoted once, not once a request."""
    return "&".join(f"{_quoted(name)}={_quoted(value)}" for name, value in data.items())


def payload_for(name: str, index: int) -> str | bytes:
    payload = PAYLOADS[index % len(PAYLOADS)]
    if payload.name == "huge_int" and name.endswith("-TOTAL_FORMS"):
        # Django builds up to its absolute maximum of forms (a thousand and more) for a huge
        # count, by design; that takes minutes in the admins' inline formsets and proves
        # nothing a negative count does not.
        return PAYLOADS_BY_NAME["negative_int"].value
    return payload.value


def rotations(names: list[str], requests: int) -> Iterator[dict[str, str | bytes]]:
    """`requests` sets of values for `names`: in set k, name j gets payload (j + k)."""
    for k in range(requests):
        yield {name: payload_for(name, j + k) for j, name in enumerate(names)}


def describe(values: dict) -> str:
    by_value = {p.value: p.name for p in PAYLOADS}
    return ", ".join(f"{name}={by_value.get(value, '?')}" for name, value in values.items())


def requests_needed(names: list[str], project: bool) -> int:
    if project:
        return len(PAYLOADS)
    return max(1, math.ceil(len(PAYLOADS) / max(1, len(names))))

"""Highlighted snippets: the passage of a result that best matches the search.

Built from the text the database holds for the item (never from the index), so a snippet can only
show what the reader may already read. Words match as the search matches them: by stem, so
"safeguarding" highlights "safeguarded".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString
from wagtail.search import index

from .engine import stem, word_spans
from .engine import words as tokens_of

WINDOW = 32  # words in a snippet


def item_text(obj: object) -> str:
    """The searchable text of an item, title and other search fields, as plain text."""
    parts = []
    for search_field in getattr(obj, "search_fields", ()):
        if not isinstance(search_field, index.SearchField):
            continue
        name = search_field.field_name
        if name == "title":
            continue
        value = getattr(obj, name, None)
        if value is None or callable(value):
            continue
        text = strip_tags(str(value)).strip()
        if text:
            parts.append(text)
    return " … ".join(dict.fromkeys(parts))


def highlight(text: str, words: Iterable[str], window: int = WINDOW) -> SafeString:
    """The best ``window`` words of ``text`` around the search words, with matches marked."""
    wanted = {stem(token) for word in words if word for token in tokens_of(word)}
    tokens = list(word_spans(text))
    if not tokens:
        return escape("")
    hits = [1 if wanted and stem(m.group(0)) in wanted else 0 for m in tokens]
    best_start, best = 0, -1
    if any(hits):
        running = sum(hits[:window])
        best = running
        for start in range(1, max(1, len(tokens) - window + 1)):
            running += hits[start + window - 1] - hits[start - 1]
            if running > best:
                best, best_start = running, start
        # Start a little before the first match in the window, for context.
        first = next(i for i in range(best_start, len(tokens)) if hits[i])
        best_start = max(0, min(best_start, first - 3))
    end = min(len(tokens), best_start + window)
    begin_char = tokens[best_start].start() if best_start else 0
    end_char = tokens[end - 1].end() if end < len(tokens) else len(text)
    snippet = escape("")
    position = begin_char
    for i in range(best_start, end):
        match = tokens[i]
        if hits[i]:
            snippet += format_html(
                "{}<mark>{}</mark>", text[position : match.start()], match.group(0)
            )
            position = match.end()
    snippet += escape(text[position:end_char])
    return format_html(
        "{}{}{}",
        "… " if best_start else "",
        snippet,
        " …" if end < len(tokens) else "",
    )

"""The search box's lexer: a line of text as words, phrases, field names, operators and brackets.

It never fails: an unclosed quote runs to the end, and brackets nested too deep are dropped, each
with a note saying so. The parser in ``query`` reads the tokens into a syntax tree.
"""

from __future__ import annotations

import re

from .engine import WRITTEN_WORD_RE

# (kind, text) of a piece of the search box: a word, a phrase, a field name, an operator, a bracket.
Token = tuple[str, str]
OPERATORS = ("AND", "OR", "NOT")
# Brackets deeper than this are read as if they were not there: a bound on the depth of the
# query tree, so that every later step (building, compiling, evaluating) stays shallow too.
MAX_DEPTH = 8

LEXEME_RE = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<field>[A-Za-z]+):(?=\S)
  | (?P<bare_field>[A-Za-z]+):(?=\s|$)
  | (?P<phrase>"[^"]*"?)
  | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE,
)


def lex(text: str, notes: list[str]) -> list[Token]:
    tokens: list[Token] = []
    for match in LEXEME_RE.finditer(text):
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "space":
            continue
        if kind == "phrase":
            if len(value) == 1 or not value.endswith('"'):
                notes.append(
                    "A quotation mark was not closed, so the words after it were searched for"
                    " as a phrase."
                )
                value = value[1:]
            else:
                value = value[1:-1]
            words = WRITTEN_WORD_RE.findall(value)
            if not words:
                continue
            tokens.append(("phrase", " ".join(words)))
        elif kind in ("field", "bare_field"):
            # "bare_field": a name and a colon with nothing straight after it ("title: munro").
            tokens.append((kind, value.lower()))
        elif kind == "word" and value in OPERATORS:
            tokens.append((value, value))
        elif kind == "word":
            tokens.append(("word", value))
        else:
            tokens.append((kind, value))
    return _within_depth(tokens, notes)


def _within_depth(tokens: list[Token], notes: list[str]) -> list[Token]:
    """``tokens`` without the brackets nested more than ``MAX_DEPTH`` deep (and their closing
    brackets), in one pass."""
    kept = []
    dropped_open: list[bool] = []  # for each open bracket: whether it was dropped
    dropped = False
    for token in tokens:
        kind = token[0]
        if kind == "lparen":
            drop = len(dropped_open) >= MAX_DEPTH
            dropped_open.append(drop)
            if drop:
                dropped = True
                continue
        elif kind == "rparen" and dropped_open and dropped_open.pop():
            continue
        kept.append(token)
    if dropped:
        notes.append(
            f"Brackets inside more than {MAX_DEPTH} other brackets were ignored, as if the"
            " words in them were written without brackets."
        )
    return kept

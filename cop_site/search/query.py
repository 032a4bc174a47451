"""The search box's language: what people learn in information-skills teaching.

``parse()`` reads one line of text into a search query for Wagtail's search API (``modelsearch``
query objects, so any search backend can run it) plus the ``field:value`` conditions that narrow it:

* words separated by spaces must all match (``AND`` between them is implied);
* ``AND``, ``OR`` and ``NOT`` in capitals, and brackets: ``(consent OR confidentiality)``;
  ``-word`` is the same as ``NOT word``;
* ``"exact phrase"``;
* ``field:value`` or ``field:"two words"`` for the fields people can name (title, author, topic,
  source); these become conditions on the database, so they must apply to the whole search
  (not inside ``OR`` or brackets);
* ``word*`` for every word of the index starting with ``word``;
* ``word~`` for words spelt like ``word`` (fuzzy).

Nothing typed is an error. An unbalanced quote or bracket, a stray operator or an unknown field is
read in the most likely way and explained in ``notes``, so the page can say what it searched for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from modelsearch import query as sq

FIELDS = {"title": "title", "author": "author", "authors": "author", "topic": "topic"}
FIELDS |= {"source": "source", "publisher": "source"}
FIELD_LABELS = {"title": "title", "author": "author", "topic": "topic", "source": "source"}
OPERATORS = ("AND", "OR", "NOT")
MAX_LENGTH = 500

TOKEN_RE = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<field>[A-Za-z]+):(?=\S)
  | (?P<phrase>"[^"]*"?)
  | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE,
)
WORD_CHARS_RE = re.compile(r"\w+(?:[.'’]\w+)*")


@dataclass
class FieldCondition:
    """``field:value``, possibly negated."""

    field: str
    value: str
    negated: bool = False

    def __str__(self):
        value = f'"{self.value}"' if " " in self.value else self.value
        return f"{'NOT ' if self.negated else ''}{self.field}:{value}"


@dataclass
class Parsed:
    text: str
    query: sq.SearchQuery | None = None
    conditions: list[FieldCondition] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # looked-for words, for snippets and spelling
    phrases: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.query is None and not self.conditions


# --- Syntax tree --------------------------------------------------------------------------------


@dataclass
class Word:
    text: str


@dataclass
class Phrase:
    text: str


@dataclass
class Prefix:
    text: str


@dataclass
class Fuzzy:
    text: str


@dataclass
class Field:
    name: str
    value: str


@dataclass
class Not:
    child: object


@dataclass
class And:
    children: list


@dataclass
class Or:
    children: list


def _tokens(text, notes):
    tokens = []
    for match in TOKEN_RE.finditer(text):
        kind = match.lastgroup
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
            words = WORD_CHARS_RE.findall(value)
            if not words:
                continue
            tokens.append(("phrase", " ".join(words)))
        elif kind == "field":
            tokens.append(("field", value.lower()))
        elif kind == "word" and value in OPERATORS:
            tokens.append((value, value))
        elif kind == "word":
            tokens.append(("word", value))
        else:
            tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, tokens, notes):
        self.tokens = tokens
        self.pos = 0
        self.notes = notes
        self.depth = 0

    def peek(self):
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self):
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def note(self, message):
        if message not in self.notes:
            self.notes.append(message)

    def parse(self):
        node = None
        while self.pos < len(self.tokens):
            part = self.or_expr()
            if self.peek() == "rparen":
                self.take()
                self.note("A closing bracket had no opening bracket, so it was ignored.")
            if part is not None:
                node = part if node is None else _and([node, part])
        return node

    def or_expr(self):
        parts = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, "rparen", "OR", "AND"):
                self.note("OR needs a word on each side, so it was left out.")
                continue
            parts.append(self.and_expr())
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(parts)

    def and_expr(self):
        parts = []
        while True:
            kind = self.peek()
            if kind in (None, "rparen", "OR"):
                break
            if kind == "AND":
                self.take()
                if not parts or self.peek() in (None, "rparen", "OR", "AND"):
                    self.note("AND needs a word on each side, so it was left out.")
                continue
            part = self.unary()
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else _and(parts)

    def unary(self):
        kind = self.peek()
        if kind == "NOT":
            self.take()
            if self.peek() in (None, "rparen", "OR", "AND"):
                self.note("NOT needs a word after it, so it was left out.")
                return None
            child = self.unary()
            return Not(child) if child is not None else None
        return self.atom()

    def atom(self):
        kind, value = self.take()
        if kind == "lparen":
            self.depth += 1
            node = self.or_expr()
            if self.peek() == "rparen":
                self.take()
            else:
                self.note("A bracket was not closed, so it was closed at the end of the search.")
            self.depth -= 1
            return node
        if kind == "phrase":
            words = value.split()
            return Phrase(value) if len(words) > 1 else Word(value)
        if kind == "field":
            name = FIELDS.get(value)
            if self.peek() not in ("word", "phrase"):
                return None
            _, text = self.take()
            text = " ".join(WORD_CHARS_RE.findall(text.rstrip("*~")))
            if not text:
                return None
            if name is None:
                self.note(
                    f"There is no field called “{value}”; you can use title:, author:, topic:"
                    " and source:. It was searched for as ordinary words."
                )
                return _words_node(f"{value} {text}")
            return Field(name, text)
        if kind == "word":
            negate = value.startswith("-") and len(value) > 1
            if negate:
                value = value[1:]
            node = _word_node(value)
            if node is None:
                return None
            return Not(node) if negate else node
        return None


def _and(parts):
    flat = []
    for part in parts:
        flat.extend(part.children if isinstance(part, And) else [part])
    return And(flat)


def _word_node(value):
    if value.endswith("*"):
        stem = "".join(WORD_CHARS_RE.findall(value.rstrip("*")))
        return Prefix(stem.lower()) if len(stem) >= 2 else (Word(stem) if stem else None)
    if value.endswith("~") or re.search(r"~\d$", value):
        word = "".join(WORD_CHARS_RE.findall(value.split("~")[0]))
        return Fuzzy(word) if word else None
    return _words_node(value)


def _words_node(text):
    words = WORD_CHARS_RE.findall(text)
    if not words:
        return None
    if len(words) == 1:
        return Word(words[0])
    return And([Word(w) for w in words])


# --- From syntax tree to search query -----------------------------------------------------------


class _Builder:
    def __init__(self, parsed: Parsed, expand_prefix, notes, fuzzy):
        self.parsed = parsed
        self.expand_prefix = expand_prefix
        self.notes = notes
        self.fuzzy = fuzzy

    def top(self, node):
        """Split the top level into field conditions and the text query."""
        parts = node.children if isinstance(node, And) else [node]
        text_parts = []
        for part in parts:
            if isinstance(part, Field):
                self.parsed.conditions.append(FieldCondition(part.name, part.value))
            elif isinstance(part, Not) and isinstance(part.child, Field):
                child = part.child
                self.parsed.conditions.append(FieldCondition(child.name, child.value, True))
            else:
                text_parts.append(part)
        positive = [p for p in text_parts if not isinstance(p, Not)]
        negative = [p for p in text_parts if isinstance(p, Not)]
        if not positive and negative and not self.parsed.conditions:
            self.notes.append(
                "NOT only takes things away from a search: add a word to look for, for example"
                " “safeguarding NOT children”."
            )
            return None
        queries = [q for q in (self.build(p) for p in positive) if q is not None]
        negations = [q for q in (self.build(p.child, negated=True) for p in negative) if q]
        if not queries:
            if not negations:
                return None
            queries = [sq.MatchAll()]
        query = queries[0] if len(queries) == 1 else sq.And(queries)
        for negation in negations:
            query = sq.And([query, sq.Not(negation)])
        return query

    def build(self, node, negated=False):
        if isinstance(node, Word):
            if not negated:
                self.parsed.words.append(node.text)
            return sq.PlainText(node.text)
        if isinstance(node, Phrase):
            if not negated:
                self.parsed.phrases.append(node.text)
            return sq.Phrase(node.text)
        if isinstance(node, Prefix):
            words = self.expand_prefix(node.text) if self.expand_prefix else []
            if not negated:
                self.parsed.prefixes.append(node.text)
                self.parsed.words.extend(words)
            if not words:
                return sq.PlainText(node.text)
            return (
                sq.Or([sq.PlainText(w) for w in words])
                if len(words) > 1
                else sq.PlainText(words[0])
            )
        if isinstance(node, Fuzzy):
            if not negated:
                self.parsed.fuzzy.append(node.text)
            if not self.fuzzy:
                self.notes.append(
                    f"This search engine cannot look for spellings like a word (~), so"
                    f" “{node.text}” was searched for as written."
                )
                if not negated:
                    self.parsed.words.append(node.text)
                return sq.PlainText(node.text)
            return sq.Fuzzy(node.text)
        if isinstance(node, Field):
            self.notes.append(
                f"{node.name}: can only narrow the whole search, not part of it (inside brackets"
                " or beside OR), so it was searched for as ordinary words there."
            )
            return self.build(_words_node(node.value), negated)
        if isinstance(node, Not):
            inner = self.build(node.child, negated=not negated)
            return sq.Not(inner) if inner is not None else None
        if isinstance(node, (And, Or)):
            children = [c for c in (self.build(c, negated) for c in node.children) if c]
            if not children:
                return None
            if len(children) == 1:
                return children[0]
            return sq.And(children) if isinstance(node, And) else sq.Or(children)
        return None


def parse(text: str, *, expand_prefix=None, fuzzy=True) -> Parsed:
    """Read the search box.

    ``expand_prefix(prefix) -> list[str]`` turns ``word*`` into the words it stands for; without
    it, the prefix is searched for as a word. With ``fuzzy=False`` (for a search engine without
    fuzzy matching), ``word~`` is searched for as written, with a note saying so.
    """
    text = (text or "").strip()
    notes: list[str] = []
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH]
        notes.append(f"Only the first {MAX_LENGTH} characters of the search were used.")
    parsed = Parsed(text=text, notes=notes)
    if not text:
        return parsed
    tree = _Parser(_tokens(text, notes), notes).parse()
    if tree is None:
        if text and not notes:
            notes.append("The search had no words to look for.")
        return parsed
    parsed.query = _Builder(parsed, expand_prefix, notes, fuzzy).top(tree)
    parsed.words = list(dict.fromkeys(parsed.words))
    return parsed


def replace_words(text: str, corrections: dict[str, str]) -> str:
    """``text`` with whole words replaced (case-insensitively), leaving the syntax alone."""
    if not corrections:
        return text

    def swap(match):
        word = match.group(0)
        return corrections.get(word.lower(), word)

    return WORD_CHARS_RE.sub(swap, text)

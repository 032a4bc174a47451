"""The search box's language: what people learn in information-skills teaching.

``parse()`` reads one line of text into a search query for Wagtail's search API (``modelsearch``
query objects, so any search backend can run it) plus the ``field:value`` conditions that narrow it:

* words separated by spaces must all match (``AND`` between them is implied);
* ``AND``, ``OR`` and ``NOT`` in capitals, and brackets: ``(consent OR confidentiality)``;
  ``-word`` is the same as ``NOT word``;
* ``"exact phrase"``;
* ``field:value`` or ``field:"two words"`` for the fields people can name (``title``, and the
  fields the kinds of result declare: see :func:`cop_site.search.kinds.field_names`); these become
  conditions on the database, so they must apply to the whole search (not inside ``OR`` or
  brackets);
* ``word*`` for every word of the index starting with ``word``;
* ``word~`` for words spelt like ``word`` (fuzzy).

Lower-case ``and``, ``or`` and ``not`` are words. Words the index leaves out (``the``, ``of``,
``and``; one-letter words) are left out of the query in the same way, so they never become a
required word that nothing can match; inside a phrase they still hold their place. Words that
only frame a question (``what``, ``how``, ``my``; see ``QUESTION_WORDS``) are left out of a list
of words that has others to look for, so "what is a section 47 enquiry" looks for "section 47
enquiry"; on their own, or inside a phrase, they are searched for as typed.

Nothing typed is an error. An unbalanced quote or bracket, a stray operator or an unknown field is
read in the most likely way and explained in ``notes``, so the page can say what it searched for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from modelsearch import query as sq

# The words the index leaves out: a query drops the same ones, on every search engine, so that
# the engines agree and a common word never narrows a search.
from .engine import MIN_TOKEN_LENGTH, STOP_WORDS
from .engine import WRITTEN_WORD_RE as WORD_CHARS_RE
from .kinds import field_names, in_words, searchable_fields

# The parser's limit on bracket depth, for callers to rely on.
from .query_lexer import MAX_DEPTH as MAX_DEPTH
from .query_lexer import Token, lex
from .query_tree import And, Field, Fuzzy, Node, Not, Or, Phrase, Prefix, Word

# Turns ``word*`` into the words of the index it stands for.
ExpandPrefix = Callable[[str], list[str]]
MAX_LENGTH = 500

# Words that frame a question rather than say what it is about. Only words that are never the
# subject of a search in social work belong here: not "help" (early help), "means" (means test),
# "need" (eligible needs) or "care". Written in capitals, "WHO" is the World Health Organization.
QUESTION_WORDS = frozenset(
    " ".join(
        (
            "what what's whats how how's who who's whom whose why when where which",
            "is isn't are aren't was were am do does did don't doesn't",
            "can can't could should would i i'm i've me my mine we our ours",
            "you your yours they their them about tell explain please",
        )
    ).split()
)


@dataclass
class FieldCondition:
    """``field:value``, possibly negated."""

    field: str
    value: str
    negated: bool = False

    def __str__(self) -> str:
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


class _Parser:
    def __init__(self, tokens: list[Token], notes: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.notes = notes
        self.common: list[str] = []  # words left out because the index leaves them out
        # Calls of the grammar's rules: each consumes a token or ends a rule that did, so the
        # count stays within a fixed multiple of the number of tokens.
        self.steps = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        self.steps += 1
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def parse(self) -> Node | None:
        parts: list[Node] = []
        while self.pos < len(self.tokens):
            part = self.or_expr()
            if self.peek() == "rparen":
                self.take()
                self.note("A closing bracket had no opening bracket, so it was ignored.")
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else _and(parts)

    def or_expr(self) -> Node | None:
        self.steps += 1
        found = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, "rparen", "OR", "AND"):
                self.note("OR needs a word on each side, so it was left out.")
                continue
            found.append(self.and_expr())
        parts = [p for p in found if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(parts)

    def and_expr(self) -> Node | None:
        self.steps += 1
        parts: list[Node] = []
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

    def unary(self) -> Node | None:
        self.steps += 1
        negations = 0
        while self.peek() == "NOT":  # a loop, not recursion: NOT NOT NOT … is any length
            self.take()
            negations += 1
            if self.peek() in (None, "rparen", "OR", "AND"):
                self.note("NOT needs a word after it, so it was left out.")
                return None
        child = self.atom()
        if child is None or not negations % 2:
            return child
        return Not(child)

    def atom(self) -> Node | None:
        self.steps += 1
        kind, value = self.take()
        if kind == "lparen":
            node = self.or_expr()
            if self.peek() == "rparen":
                self.take()
            else:
                self.note("A bracket was not closed, so it was closed at the end of the search.")
            return node
        if kind == "phrase":
            words = value.split()
            kept = [w for w in words if not is_common(w)]
            if not kept:
                self.common.extend(words)
                return None
            return Phrase(value) if len(words) > 1 else Word(value)
        if kind == "bare_field":
            name = field_names().get(value)
            if name is None:  # "Care Act: guidance" is about the Act
                return _word_node(value, self.common)
            if self.peek() not in ("word", "phrase"):
                self.note(
                    f"“{value}:” needs what to look for straight after the colon,"
                    " so it was left out."
                )
                return None
            kind = "field"  # "title: munro", with a space after the colon, as people type it
        if kind == "field":
            name = field_names().get(value)
            if self.peek() not in ("word", "phrase"):
                return None
            _, text = self.take()
            text = " ".join(WORD_CHARS_RE.findall(text.rstrip("*~")))
            if not text:
                return None
            if name is None:
                self.note(
                    f"There is no field called “{value}”; you can use {_known_fields()}."
                    " It was searched for as ordinary words."
                )
                return _words_node(f"{value} {text}", self.common)
            return Field(name, text)
        if kind == "word":
            negate = value.startswith("-") and len(value) > 1
            if negate:
                value = value[1:]
            node = _word_node(value, self.common)
            if node is None:
                return None
            return Not(node) if negate else node
        return None


def _and(parts: list[Node]) -> And:
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.children if isinstance(part, And) else [part])
    return And(flat)


def _known_fields() -> str:
    """The fields people can use, as a sentence names them: "title:, author: and topic:"."""
    return in_words([f"{known.name}:" for known in searchable_fields()])


def is_common(word: str) -> bool:
    """Whether the index leaves ``word`` out, so that a query must too."""
    word = word.lower()
    return word in STOP_WORDS or len(word) < MIN_TOKEN_LENGTH


def _word_node(value: str, common: list[str]) -> Node | None:
    if value.endswith("*"):
        stem = "".join(WORD_CHARS_RE.findall(value.rstrip("*")))
        if len(stem) >= 2:
            return Prefix(stem.lower())
        return _words_node(stem, common)
    if value.endswith("~") or re.search(r"~\d$", value):
        word = "".join(WORD_CHARS_RE.findall(value.split("~")[0]))
        if is_common(word):
            return _words_node(word, common)
        return Fuzzy(word)
    return _words_node(value, common)


def is_question_word(word: str) -> bool:
    """Whether ``word`` only frames a question, so that it need not match."""
    return word != "WHO" and word.lower().replace("’", "'") in QUESTION_WORDS


def _words_node(text: str, common: list[str]) -> Node | None:
    """The words of ``text`` that the index keeps, all required; the others go to ``common``."""
    words: list[str] = []
    for word in WORD_CHARS_RE.findall(text):
        (common if is_common(word) else words).append(word)
    if not words:
        return None
    nodes: list[Node] = [Word(w, optional=is_question_word(w)) for w in words]
    return nodes[0] if len(nodes) == 1 else And(nodes)


def _without_question_words(node: Node) -> Node:
    """``node`` with the question words of each AND left out where the AND looks for something
    else too, so that they never narrow a search (nor add to its ranking)."""
    if isinstance(node, (And, Or)):
        children = [_without_question_words(child) for child in node.children]
        if isinstance(node, And) and any(_is_sought(child) for child in children):
            children = [child for child in children if not _is_optional(child)]
        if len(children) == 1:
            return children[0]
        return type(node)(children)
    return node


def _is_optional(node: Node) -> bool:
    return isinstance(node, Word) and node.optional


def _is_sought(node: Node) -> bool:
    """Whether ``node`` looks for something a question word could be left out beside."""
    return not isinstance(node, Not) and not _is_optional(node)


# --- From syntax tree to search query -----------------------------------------------------------


class _Builder:
    def __init__(
        self,
        parsed: Parsed,
        expand_prefix: ExpandPrefix | None,
        notes: list[str],
        fuzzy: bool,
    ) -> None:
        self.parsed = parsed
        self.expand_prefix = expand_prefix
        self.notes = notes
        self.fuzzy = fuzzy

    def top(self, node: Node) -> sq.SearchQuery | None:
        """Split the top level into field conditions and the text query."""
        parts = node.children if isinstance(node, And) else [node]
        text_parts: list[Node] = []
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
                "NOT on its own finds everything except what follows it. To narrow a search,"
                " add a word to look for, for example “safeguarding NOT children”."
            )
        queries = [q for q in (self.build(p) for p in positive) if q is not None]
        negations = [
            q
            for q in (self.build(p.child, negated=True) for p in negative if isinstance(p, Not))
            if q
        ]
        if not queries:
            if not negations:
                return None
            # Everything except: a NOT on its own, the form every engine accepts.
            return sq.Not(negations[0] if len(negations) == 1 else sq.Or(negations))
        # One flat AND, however many words are taken away, to keep the tree shallow.
        joined: list[sq.SearchQuery] = [*queries, *(sq.Not(negation) for negation in negations)]
        return joined[0] if len(joined) == 1 else sq.And(joined)

    def build(self, node: Node | None, negated: bool = False) -> sq.SearchQuery | None:
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
            return self.build(_words_node(node.value, []), negated)
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


def parse(text: str, *, expand_prefix: ExpandPrefix | None = None, fuzzy: bool = True) -> Parsed:
    """Read the search box.

    ``expand_prefix(prefix) -> list[str]`` turns ``word*`` into the words it stands for; without
    it, the prefix is searched for as a word. With ``fuzzy=False`` (for a search engine without
    fuzzy matching), ``word~`` is searched for as written, with a note saying so.
    """
    # Compatibility forms read as the letters they stand for: full-width "ｃａｒｅ" as "care",
    # the ligature "ﬁ" as "fi", as the index has them.
    text = unicodedata.normalize("NFKC", text or "").strip()
    notes: list[str] = []
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH]
        notes.append(f"Only the first {MAX_LENGTH} characters of the search were used.")
    parsed = Parsed(text=text, notes=notes)
    if not text:
        return parsed
    parser = _Parser(lex(text, notes), notes)
    tree = parser.parse()
    if tree is None:
        if parser.common:
            common = [f"“{w}”" for w in dict.fromkeys(w.lower() for w in parser.common)]
            listed = common[0] if len(common) == 1 else f"{', '.join(common[:-1])} and {common[-1]}"
            notes.append(
                f"Very common words and single letters ({listed}) are left out of every search,"
                " so there was nothing left to look for. Add a word that says what you are"
                " looking for, for example “the care act”."
            )
        elif text and not notes:
            notes.append("The search had no words to look for.")
        return parsed
    tree = _without_question_words(tree)
    parsed.query = _Builder(parsed, expand_prefix, notes, fuzzy).top(tree)
    parsed.words = list(dict.fromkeys(parsed.words))
    parsed.notes[:] = list(dict.fromkeys(parsed.notes))
    return parsed


def replace_words(text: str, corrections: dict[str, str]) -> str:
    """``text`` with whole words replaced (case-insensitively), leaving the syntax alone."""
    if not corrections:
        return text

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return corrections.get(word.lower(), word)

    return WORD_CHARS_RE.sub(swap, text)

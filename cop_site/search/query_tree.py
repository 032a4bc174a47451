"""The search box's syntax tree: what the parser in ``query`` reads a line of text into, before
it becomes a search query for Wagtail's search API."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Word:
    text: str
    optional: bool = False  # a question word, left out beside words to look for


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
    child: Node


@dataclass
class And:
    children: list[Node]


@dataclass
class Or:
    children: list[Node]


Node = Word | Phrase | Prefix | Fuzzy | Field | Not | And | Or

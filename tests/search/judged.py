"""The judged query set (judged_queries.json) and its measures: mean reciprocal rank and recall
at 10, over the queries that have a relevant resource.

Shared by tests/search/test_judged_queries.py and benchmarks/search_judged.py; each passes in
how a query is run (the search page, or the search service) and gets the same report.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

JUDGED_QUERIES = Path(__file__).with_name("judged_queries.json")
CUTOFF = 10


@dataclass(frozen=True)
class JudgedQuery:
    query: str
    kind: str
    relevant: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    judged: JudgedQuery
    ranked: tuple[str, ...]  # slugs of the first results, best first

    @property
    def rank(self) -> int | None:
        """Where the first relevant resource is, counting from 1, if in the first CUTOFF."""
        for position, slug in enumerate(self.ranked[:CUTOFF], start=1):
            if slug in self.judged.relevant:
                return position
        return None

    @property
    def reciprocal_rank(self) -> float:
        return 1 / self.rank if self.rank else 0.0

    @property
    def recall(self) -> float:
        found = set(self.ranked[:CUTOFF]) & set(self.judged.relevant)
        return len(found) / len(self.judged.relevant)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def judged(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.judged.relevant]

    @property
    def mrr(self) -> float:
        return _mean(o.reciprocal_rank for o in self.judged)

    @property
    def recall(self) -> float:
        return _mean(o.recall for o in self.judged)

    def by_kind(self) -> dict[str, tuple[int, float, float]]:
        """For each kind of query: how many were judged, their MRR and their recall."""
        kinds: dict[str, list[Outcome]] = {}
        for outcome in self.judged:
            kinds.setdefault(outcome.judged.kind, []).append(outcome)
        return {
            kind: (
                len(outcomes),
                _mean(o.reciprocal_rank for o in outcomes),
                _mean(o.recall for o in outcomes),
            )
            for kind, outcomes in kinds.items()
        }

    def misses(self) -> list[str]:
        """The judged queries whose best answer is not first, with where it came."""
        lines = []
        for o in self.judged:
            if o.rank != 1:
                where = f"rank {o.rank}" if o.rank else f"not in the first {CUTOFF}"
                got = ", ".join(o.ranked[:3]) or "no results"
                lines.append(f"{o.judged.query!r}: {where} (first: {got})")
        return lines

    def summary(self) -> str:
        lines = [
            f"{len(self.judged)} judged queries: MRR {self.mrr:.3f}, recall@{CUTOFF} "
            f"{self.recall:.3f}"
        ]
        for kind, (n, mrr, recall) in sorted(self.by_kind().items()):
            lines.append(f"  {kind:14} {n:3}  MRR {mrr:.3f}  recall@{CUTOFF} {recall:.3f}")
        return "\n".join(lines)


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def load_judged_queries() -> list[JudgedQuery]:
    data = json.loads(JUDGED_QUERIES.read_text(encoding="utf-8"))
    return [
        JudgedQuery(
            query=item["query"],
            kind=item["kind"],
            relevant=tuple(item["relevant"]),
            note=item.get("note", ""),
        )
        for item in data["queries"]
    ]


def evaluate(run: Callable[[str], list[str]], queries: list[JudgedQuery] | None = None) -> Report:
    """Runs each query through ``run`` (a query in, the slugs of its results out, best first)."""
    report = Report()
    for judged in queries if queries is not None else load_judged_queries():
        report.outcomes.append(Outcome(judged, tuple(run(judged.query))))
    return report

"""Why the engine evaluates queries itself: Whoosh's own matchers against the evaluator.

Builds a synthetic index (``synthetic_index.py``, default 20,000 documents), picks a query of the
form ``(a OR b) NOT c`` that matches about 9,000 of them, and runs it three ways over the same
index files: Whoosh's searcher without a limit (exact, every match scored), Whoosh's searcher with
a limit of 10 (what a results page would ask for), and the engine's evaluator (every match
scored, then the best 10). Prints the time of each (best of five runs, after one warm-up run) and
whether the limited Whoosh search gave the true count and the same top 10 as without a limit.

    .venv/bin/python benchmarks/whoosh_matchers.py [--docs 20000] [--matches 9000]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_index  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402
from whoosh import query as wq  # noqa: E402

from cop_site.search import engine  # noqa: E402

FIELD = "summary__t"


def best_of(runs: int, run: Callable[[], object]) -> float:
    run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--matches", type=int, default=9_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp)
        words = synthetic_index.build(path, args.docs)
        store = engine.IndexStore(path)
        snapshot = store.snapshot()
        universe = snapshot.term_mask("doc_ct", "doc")
        evaluator = engine.Evaluator(snapshot, universe)

        def node(a: str, b: str, c: str) -> engine.Node:
            terms = [engine.Term(FIELD, s) for s in (a, b)]
            return engine.And([engine.Or(terms), engine.Not(engine.Term(FIELD, c))])

        stems = [engine.analyze_query(w)[0] for w in words[:40]]
        a, b, c = min(
            itertools.permutations(stems, 3),
            key=lambda abc: abs(len(evaluator.evaluate(node(*abc))) - args.matches),
        )
        ours = node(a, b, c)
        matches = evaluator.evaluate(ours)

        theirs = wq.And([wq.Or([wq.Term(FIELD, a), wq.Term(FIELD, b)]), wq.Not(wq.Term(FIELD, c))])
        ix = whoosh_index.open_dir(str(path / "index"), indexname=engine.INDEX_NAME)
        with ix.searcher() as searcher:
            unlimited = best_of(5, lambda: searcher.search(theirs, limit=None))
            limited = best_of(5, lambda: searcher.search(theirs, limit=10))
            results = searcher.search(theirs, limit=10)
            limited_count = results.estimated_length()
            limited_top = [hit.docnum for hit in results]
            exact = searcher.search(theirs, limit=None)
            exact_count = len(exact)
            exact_top = [hit.docnum for hit in exact[:10]]
        evaluated = best_of(5, lambda: engine.top_docs(evaluator.evaluate(ours), 10))
        store.close()

    print(f"index: {args.docs} documents; query ({a} OR {b}) NOT {c}: {len(matches)} matches")
    print(f"Whoosh, no limit (exact):   {unlimited * 1000:7.1f} ms, count {exact_count}")
    same_top = "the same" if limited_top == exact_top else "not the"
    print(
        f"Whoosh, limit 10:           {limited * 1000:7.1f} ms, count {limited_count}"
        f" ({'exact' if limited_count == len(matches) else 'wrong'}), top 10"
        f" {same_top} top 10 as without a limit"
    )
    print(f"engine evaluator, top 10:   {evaluated * 1000:7.1f} ms, count {len(matches)}")


if __name__ == "__main__":
    main()

"""The memory a search worker needs, for an index of a given size.

Builds a synthetic index (``synthetic_index.py``: N documents of about 310 words) in a child
process, then, in a process that has only imported the engine, runs a mixed set of searches (single
words, AND, OR, NOT, phrases, prefixes, misspellings and spelling corrections) from several
threads at once, each thread with its own snapshot as a web worker's threads have. Reports the
resident memory before and after, the peak, and what the engine's caches hold.

    .venv/bin/python benchmarks/search_memory.py [--docs 20000] [--threads 4] [--queries 300]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_index  # noqa: E402

from cop_site.search import engine  # noqa: E402
from cop_site.search.engine import analysis, cache  # noqa: E402

MB = 1024 * 1024


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def reset_peak_rss() -> None:
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")  # the peak resident memory starts again from the current one


def peak_rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def queries(words: list[str], n: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """(kind, words) pairs, drawn from the common and the middling words."""
    common, middling = words[:200], words[200:3000]
    kinds = ["single", "and", "or", "not", "phrase", "prefix", "fuzzy", "correction"]
    out = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        pool = common if kind in ("or", "phrase") else middling
        out.append((kind, rng.sample(pool, 2)))
    return out


def node_for(snapshot: engine.Snapshot, kind: str, pair: list[str]) -> engine.Node:
    a, b = (engine.analyze_query(w)[0] for w in pair)
    fields = ("title__t", "summary__t")

    def word(stem: str) -> engine.Node:
        return engine.Or([engine.Term(f, stem) for f in fields])

    if kind == "single":
        return word(a)
    if kind == "and":
        return engine.And([word(a), word(b)])
    if kind == "or":
        return engine.Or([word(a), word(b)])
    if kind == "not":
        return engine.And([word(a), engine.Not(word(b))])
    if kind == "phrase":
        return engine.Phrase("summary", engine.Analyzed([" ".join(pair)]))
    if kind == "prefix":
        terms = snapshot.expand_prefix("summary__t", a[:3])
    else:
        misspelt = pair[0][:-1] + ("a" if pair[0][-1] != "a" else "o")
        terms = snapshot.terms_within("summary__t", misspelt, 2)
    return engine.Or([engine.Term("summary__t", t) for t in terms])


def search(store: engine.IndexStore, work: list[tuple[str, list[str]]], errors: list[str]) -> None:
    try:
        snapshot = store.snapshot()
        universe = snapshot.term_mask("doc_ct", "doc")
        evaluator = engine.Evaluator(snapshot, universe)
        for kind, pair in work:
            if kind == "correction":
                snapshot.correction(pair[0][:-1] + "q")
                continue
            engine.top_docs(evaluator.evaluate(node_for(snapshot, kind, pair)), 10)
    except Exception as error:  # pragma: no cover - reported below
        errors.append(repr(error))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--queries", type=int, default=300, help="per thread")
    parser.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        synthetic_index.build(args.build_only, args.docs)
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp)
        started = time.monotonic()
        subprocess.run(  # noqa: S603 - this script, with its own arguments
            [sys.executable, __file__, "--docs", str(args.docs), "--build-only", str(path)],
            check=True,
        )
        built = time.monotonic() - started
        words = synthetic_index.vocabulary(random.Random(synthetic_index.SEED))  # noqa: S311
        store = engine.IndexStore(path)
        analysis.normalise.cache_clear()
        reset_peak_rss()
        before = rss_bytes()
        rng = random.Random(1)  # noqa: S311 - synthetic queries
        work = [queries(words, args.queries, rng) for _ in range(args.threads)]
        errors: list[str] = []
        threads = [threading.Thread(target=search, args=(store, w, errors)) for w in work]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        searched = time.monotonic() - started
        after = rss_bytes()
        if errors:
            raise SystemExit(f"searches failed: {errors[:3]}")
        on_disk = synthetic_index.index_bytes(path) / MB
        print(f"index: {args.docs} documents, {on_disk:.0f} MB on disk (built in {built:.0f} s)")
        print(f"searches: {args.threads} threads x {args.queries} in {searched:.1f} s")
        print(
            f"resident memory: {before / MB:.0f} MB before searching, {after / MB:.0f} MB after,"
            f" peak while searching {peak_rss_bytes() / MB:.0f} MB"
        )
        print(
            f"decoded-data cache: {cache.CACHE.held / MB:.1f} MB in {len(cache.CACHE)} entries"
            f" (budget {cache.CACHE_BYTES / MB:.0f} MB)"
        )
        stems = analysis.normalise.cache_info().currsize
        print(f"stem cache: {stems} of {analysis.STEM_CACHE_SIZE} entries")
        store.close()


if __name__ == "__main__":
    main()

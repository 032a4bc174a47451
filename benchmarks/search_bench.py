"""Search benchmark: the Whoosh backend against Wagtail's database backend on the same data.

Generates N synthetic books (default 20,000: a title of 6-10 words and a summary of about 300
words, drawn with Zipf frequencies from a 6,000-word vocabulary; seeded), indexes them with each
backend through the rebuild command (`update_index` uses the same code) and reports the rebuild
rate, then times relevance-ranked searches over a fixed query set: the top 10 hits and the total
count, as a results page needs them. The database backend runs on SQLite after ``ANALYZE``.

    .venv/bin/python benchmarks/search_bench.py [--docs 20000] [--queries 20] [--db-queries 8]

Each kind of query is timed over its own set of queries (one run each, after one warm-up query
of the same kind); the database backend gets fewer queries and a time budget per query, so that
the run stays within a few minutes.
"""

import argparse
import itertools
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.benchmark_search")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection  # noqa: E402
from modelsearch.backends import get_search_backend  # noqa: E402
from modelsearch.query import Fuzzy, Not, Phrase, PlainText  # noqa: E402
from modelsearch.test.testapp.models import Book  # noqa: E402

SEED = 20_000
SYLLABLES = [
    "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa", "do", "fe",
    "gu", "hi", "jo", "be", "ci", "ma", "no", "ra", "ti", "ve", "xo", "ye",
]  # fmt: skip
KINDS = ["single", "and", "or", "not", "phrase", "prefix", "fuzzy"]


def make_corpus(n_docs, rng):
    words = set()
    while len(words) < 6000:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    vocab = sorted(words)
    rng.shuffle(vocab)
    cum = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocab))))

    def text(n):
        return " ".join(rng.choices(vocab, cum_weights=cum, k=n))

    docs = [(text(rng.randint(6, 10)), text(rng.randint(270, 330))) for _ in range(n_docs)]
    return vocab, docs


def make_queries(vocab, docs, per_kind, rng):
    def word():
        # Ranks spread evenly on a log scale, from the most frequent words to rare ones.
        return vocab[min(len(vocab) - 1, int(math.exp(rng.uniform(0, math.log(3000)))))]

    def phrase():
        summary = rng.choice(docs)[1].split()
        n = rng.choice([2, 2, 3])
        start = rng.randrange(len(summary) - n)
        return " ".join(summary[start : start + n])

    def prefix():
        title_word = rng.choice(rng.choice(docs)[0].split())
        return title_word[: rng.randint(3, 5)]

    def misspelt():
        w = word()
        while len(w) < 5:
            w = word()
        i = rng.randrange(1, len(w) - 1)
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]

    makers = {
        "single": lambda: ("search", PlainText(word())),
        "and": lambda: ("search", PlainText(f"{word()} {word()}", operator="and")),
        "or": lambda: ("search", PlainText(f"{word()} {word()}", operator="or")),
        "not": lambda: ("search", (PlainText(word()) | PlainText(word())) & Not(PlainText(word()))),
        "phrase": lambda: ("search", Phrase(phrase())),
        "prefix": lambda: ("autocomplete", prefix()),
        "fuzzy": lambda: ("search", Fuzzy(misspelt())),
    }
    # One extra query of each kind, used to warm up.
    return {kind: [make() for _ in range(per_kind + 1)] for kind, make in makers.items()}


def timed_search(backend, method, query, budget):
    deadline = time.perf_counter() + budget
    raw = connection.connection
    raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)
    start = time.perf_counter()
    try:
        results = getattr(backend, method)(query, Book.objects.all())
        hits = list(results[:10])
        total = results.count()
    except OperationalError:
        return None, None
    finally:
        raw.set_progress_handler(None, 0)
    return time.perf_counter() - start, (len(hits), total)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, math.ceil(p / 100 * len(values)) - 1))]


def run_backend(name, queries, per_kind, budget):
    backend = get_search_backend(name)
    rows = {}
    for kind in KINDS:
        items = queries[kind]
        method, query = items[0]
        try:
            timed_search(backend, method, query, budget)  # warm-up
        except NotImplementedError:
            rows[kind] = None
            continue
        times = []
        timeouts = 0
        for method, query in items[1 : per_kind + 1]:
            elapsed, _ = timed_search(backend, method, query, budget)
            if elapsed is None:
                timeouts += 1
                elapsed = budget
            times.append(elapsed * 1000)
        rows[kind] = (statistics.median(times), percentile(times, 95), timeouts, len(times))
    return rows


def rebuild(name):
    start = time.perf_counter()
    call_command("rebuild_modelsearch_index", backend_name=name, verbosity=0)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=20, help="queries of each kind (Whoosh)")
    parser.add_argument("--db-queries", type=int, default=5, help="queries of each kind (database)")
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per database query")
    parser.add_argument("--skip-database", action="store_true")
    args = parser.parse_args()

    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not secrets
    started = time.perf_counter()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", flush=True)
    call_command("migrate", verbosity=0)
    vocab, docs = make_corpus(args.docs, rng)
    Book.objects.all().delete()
    Book.objects.bulk_create(
        Book(title=t, summary=s, publication_date="2020-01-01", number_of_pages=100 + i % 900)
        for i, (t, s) in enumerate(docs)
    )
    queries = make_queries(vocab, docs, max(args.queries, args.db_queries), rng)
    print(f"{len(docs)} books, {sum(len(s.split()) for _, s in docs) / len(docs):.0f} words each")

    whoosh_seconds = rebuild("default")
    print(f"Whoosh rebuild: {whoosh_seconds:.1f} s", flush=True)
    whoosh = run_backend("default", queries, args.queries, budget=60)

    database = None
    if not args.skip_database:
        db_seconds = rebuild("database")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"Database rebuild: {db_seconds:.1f} s", flush=True)
        database = run_backend("database", queries, args.db_queries, budget=args.budget)

    print()
    print(f"Rebuild rate (docs/s)      Whoosh {len(docs) / whoosh_seconds:8.0f}", end="")
    if database is not None:
        print(f"    database {len(docs) / db_seconds:8.0f}")
    else:
        print()
    print()
    print(f"{'query':8} | {'Whoosh p50':>10} {'p95':>8} (n) | {'database p50':>12} {'p95':>8} (n)")
    print("-" * 66)

    def cell(row, budget):
        if row is None:
            return f"{'n/a':>10} {'':>8}    "
        p50, p95, timeouts, n = row
        limit = budget * 1000

        def text(value):
            return f">{limit:.0f}" if timeouts and value >= limit else f"{value:.1f}"

        return f"{text(p50):>10} {text(p95):>8} ({n})"

    for kind in KINDS:
        line = f"{kind:8} | {cell(whoosh[kind], 60)}"
        if database is not None:
            line += f" | {cell(database[kind], args.budget)}"
        print(line)
    print("\nTimes in milliseconds: top 10 hits by relevance plus the total count;")
    print(f"'>' marks database queries stopped at the {args.budget:g} s budget.")
    print(f"Total benchmark time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

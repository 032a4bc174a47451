"""A synthetic Whoosh index for the engine benchmarks, built with the engine alone (no Django).

Documents are shaped like the site's resources and like ``search_bench.py``'s books: a title of
6-10 words and a summary of about 300 words, drawn with Zipf frequencies from a 6,000-word
vocabulary (seeded, so every run builds the same index).
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cop_site.search import engine  # noqa: E402

SEED = 20_000
VOCABULARY_SIZE = 6000
SYLLABLES = [
    "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa", "do", "fe",
    "gu", "hi", "jo", "be", "ci", "ma", "no", "ra", "ti", "ve", "xo", "ye",
]  # fmt: skip


def vocabulary(rng: random.Random) -> list[str]:
    """The corpus's words, most frequent first."""
    words: set[str] = set()
    while len(words) < VOCABULARY_SIZE:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


def documents(n_docs: int, words: list[str], rng: random.Random) -> list[dict[str, object]]:
    cum = list(itertools.accumulate(1 / (i + 1) for i in range(len(words))))

    def text(n: int) -> str:
        return " ".join(rng.choices(words, cum_weights=cum, k=n))

    return [
        {
            "id": f"doc:{i}",
            "pk": str(i),
            "pkint": i,
            "ct": ["doc"],
            "text": {"title": [text(rng.randint(6, 10))], "summary": [text(rng.randint(270, 330))]},
            "ac": {},
        }
        for i in range(n_docs)
    ]


def build(path: Path, n_docs: int) -> list[str]:
    """Build an index of ``n_docs`` documents at ``path`` as ``update_index`` does (one rebuild)
    and return the vocabulary, most frequent word first."""
    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not secrets
    words = vocabulary(rng)
    store = engine.IndexStore(path)
    rebuild = store.rebuild()
    rebuild.add(documents(n_docs, words, rng))
    rebuild.finish()
    store.close()
    return words


def index_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in (path / "index").iterdir() if f.is_file())

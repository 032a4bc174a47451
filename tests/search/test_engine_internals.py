"""The engine's hold on Whoosh internals and on memory.

Private Whoosh internals are used in one module only, which refuses to load on a Whoosh version
it was not checked against; decoded index data lives in one cache per process, under one budget,
shared by every thread; the stem cache has a fixed size.
"""

import ast
import re
import threading
import tomllib
import warnings
from pathlib import Path

import pytest
import whoosh

from cop_site.search import engine as E
from cop_site.search.engine import analysis, cache, whoosh_private

ROOT = Path(__file__).resolve().parents[2]
SEARCH_PACKAGE = ROOT / "cop_site" / "search"
WHOOSH_PACKAGE = Path(whoosh.__file__).parent


def test_the_whoosh_internals_module_refuses_another_whoosh_version():
    with pytest.raises(whoosh_private.UnsupportedWhooshVersion) as raised:
        whoosh_private.check_version("2.8.0")
    message = str(raised.value)
    assert "2.7.5" in message
    assert "2.8.0" in message
    assert isinstance(raised.value, ImportError)
    whoosh_private.check_version(whoosh_private.WRITTEN_FOR)


def test_the_whoosh_internals_module_was_written_for_the_pinned_whoosh():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pins = [d for d in pyproject["project"]["dependencies"] if d.startswith("Whoosh-Reloaded")]
    assert pins == [f"Whoosh-Reloaded=={whoosh_private.WRITTEN_FOR}"]
    assert whoosh.versionstring() == whoosh_private.WRITTEN_FOR


def _is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _whoosh_private_names():
    """Every private name Whoosh defines or uses as an attribute."""
    names = set()
    for path in WHOOSH_PACKAGE.rglob("*.py"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)  # old escapes in Whoosh's source
            tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and _is_private(node.name):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and _is_private(node.attr):
                names.add(node.attr)
    return names


def _own_private_names(trees):
    """The private names the search package defines itself (methods, attributes, slots)."""
    names = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and _is_private(node.name):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Constant) and re.fullmatch(r"_\w+", str(node.value)):
                names.add(node.value)  # __slots__ entries
    return names


def _uses_of(tree, private):
    """(line, name) of each private Whoosh name that ``tree`` reaches for."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in private:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            found.extend((node.lineno, a.name) for a in node.names if _is_private(a.name))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in private
        ):
            found.append((node.lineno, node.args[1].value))
    return found


def test_only_the_whoosh_internals_module_uses_private_whoosh_names():
    modules = {
        path: ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(SEARCH_PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
    }
    internals = SEARCH_PACKAGE / "engine" / "whoosh_private.py"
    others = {path: tree for path, tree in modules.items() if path != internals}
    private = _whoosh_private_names() - _own_private_names(others.values())
    # The check can see such uses: the internals module itself has them.
    assert {name for _, name in _uses_of(modules[internals], private)} >= {
        "_latest_generation",
        "_lenfield",
        "_cached_reader",
        "_read_data",
        "_next_block",
        "_byteids",
    }
    offending = [
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path, tree in others.items()
        for line, name in _uses_of(tree, private)
    ]
    assert offending == []


def _store_with_documents(tmp_path, n):
    store = E.IndexStore(tmp_path)
    words = ["consent", "capacity", "safeguarding", "advocacy", "carers", "placement"]
    specs = []
    for i in range(n):
        text = " ".join(words[(i + k) % len(words)] for k in range(i % 4 + 1))
        specs.append(
            {"id": f"doc:{i}", "pk": str(i), "ct": ["doc"], "text": {"body": [text]}, "ac": {}}
        )
    store.submit([("put", spec) for spec in specs])
    store.flush(wait=True)
    return store, words


def _search_all(store, words):
    snapshot = store.snapshot()
    universe = snapshot.term_mask("doc_ct", "doc")
    evaluator = E.Evaluator(snapshot, universe)
    return [len(evaluator.evaluate(E.Term("body__t", analysis.stem(word)))) for word in words] + [
        len(evaluator.evaluate(E.Phrase("body", E.Analyzed(["consent capacity"]))))
    ]


def test_threads_share_one_copy_of_what_is_decoded(tmp_path, monkeypatch):
    shared = cache.ByteBoundedLRU(cache.CACHE_BYTES)
    monkeypatch.setattr(cache, "CACHE", shared)
    store, words = _store_with_documents(tmp_path, 200)
    expected = _search_all(store, words)
    entries, held = len(shared), shared.held
    assert entries > 0

    results = []

    def search():
        results.append(_search_all(store, words))

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4
    # Each thread has its own snapshot, and none of them decoded anything again.
    assert (len(shared), shared.held) == (entries, held)


def test_the_cache_drops_the_least_recently_used_first_and_keeps_to_its_budget():
    lru = cache.ByteBoundedLRU(3 * (100 + cache.ENTRY_OVERHEAD))
    computed = []

    def get(key, size=100):
        def compute():
            computed.append(key)
            return key.upper()

        return lru.get_or_compute(key, compute, lambda _: size)

    for key in "abc":
        get(key)
    get("a")  # used again: now the most recently used
    get("d")  # drops b, the least recently used
    assert computed == ["a", "b", "c", "d"]
    assert [get(key) for key in "acd"] == ["A", "C", "D"]
    assert computed == ["a", "b", "c", "d"]
    get("b")
    assert computed[-1] == "b"
    assert lru.held == 3 * (100 + cache.ENTRY_OVERHEAD)
    # A value bigger than the whole budget is given back but not kept.
    assert get("huge", size=10_000) == "HUGE"
    assert get("huge", size=10_000) == "HUGE"
    assert computed[-2:] == ["huge", "huge"]
    assert len(lru) == 3


def test_the_stem_cache_has_a_fixed_size():
    analysis.normalise.cache_clear()
    letters = "abcdefghijklmnopqrstuvwxyz"
    distinct = [
        f"{a}{b}{c}{d}ing" for a in letters for b in letters for c in letters for d in letters[:4]
    ]
    assert len(distinct) > analysis.STEM_CACHE_SIZE
    for start in range(0, len(distinct), 500):
        E.Analyzed([" ".join(distinct[start : start + 500])])
    assert analysis.normalise.cache_info().currsize == analysis.STEM_CACHE_SIZE

"""The search engine against a brute-force answer over the same documents.

Random corpora (seeded, so every run sees the same ones) and random boolean queries, including the
``(a OR b) NOT c`` form that Whoosh's own matchers get wrong when a result limit is set: the match
set and count must be exact, every score must equal BM25 computed here independently, and the top
hits for each limit must be the true top hits.
"""

import math
import random
import string

import numpy as np
import pytest
from whoosh import fields
from whoosh.lang.porter import stem
from whoosh.util.numeric import byte_to_length, length_to_byte

from cop_site.search import engine as E
from cop_site.search.engine import cache

SEED = 20_260_311


def _vocabulary(rng, size):
    words = set()
    while len(words) < size:
        word = "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        word = word[: rng.randint(4, 6)] + rng.choice("bdfgklmnprt")
        if stem(word) == word and word not in E.STOP_WORDS:
            words.add(word)
    return sorted(words)


class Corpus:
    def __init__(self, tmp_path, seed, n_docs, vocab_size, incremental_batches):
        self.rng = rng = random.Random(seed)
        self.vocab = _vocabulary(rng, vocab_size)
        weights = [1 / (i + 1) for i in range(vocab_size)]
        self.weights = weights
        self.docs = {
            i: rng.choices(self.vocab, weights, k=rng.randint(3, 120)) for i in range(n_docs)
        }
        self.total_length = sum(len(w) for w in self.docs.values())
        self._matching = {}
        self.store = E.IndexStore(tmp_path)
        first = n_docs - 20 * incremental_batches
        rebuild = self.store.rebuild()
        rebuild.add(self.spec(i) for i in range(first))
        rebuild.finish()
        # Later documents arrive through the journal, in several commits (several segments).
        for b in range(incremental_batches):
            ids = range(first + 20 * b, first + 20 * (b + 1))
            self.store.submit([("put", self.spec(i)) for i in ids])
            self.store.flush()
        self.snapshot = self.store.snapshot()
        self.universe = frozenset(self.snapshot.term_docs("doc_ct", "doc"))
        live = sorted(self.universe)
        self.docnum_by_pk = {
            int(pk): d for d, pk in zip(live, self.snapshot.pks(live), strict=True)
        }
        self.pk_by_docnum = {d: pk for pk, d in self.docnum_by_pk.items()}

    def spec(self, i):
        return {**_text_spec(i, " ".join(self.docs[i])), "filters": {"n__i": i}}

    # -- brute force

    def matches(self, q, words):
        if isinstance(q, Word):
            return q.word in words
        if isinstance(q, Phrase):
            n = len(q.words)
            return any(words[i : i + n] == q.words for i in range(len(words) - n + 1))
        if isinstance(q, AndQ):
            return all(self.matches(c, words) for c in q.children)
        if isinstance(q, OrQ):
            return any(self.matches(c, words) for c in q.children)
        if isinstance(q, NotQ):
            return not self.matches(q.child, words)
        raise TypeError(q)

    def occurrences(self, q, words):
        if isinstance(q, Word):
            return words.count(q.word)
        n = len(q.words)
        return sum(1 for i in range(len(words) - n + 1) if words[i : i + n] == q.words)

    def matching(self, q):
        key = repr(q)
        hit = self._matching.get(key)
        if hit is None:
            hit = self._matching[key] = {
                doc for doc, words in self.docs.items() if self.matches(q, words)
            }
        return hit

    def bm25(self, q, doc):
        """Independent BM25, with Whoosh's idf and its one-byte field lengths."""
        n_docs = len(self.docs)
        df = len(self.matching(q))
        tf = self.occurrences(q, self.docs[doc])
        idf = math.log(n_docs / (df + 1)) + 1
        avg = self.total_length / n_docs
        length = byte_to_length(length_to_byte(len(self.docs[doc])))
        k1, b = E.BM25_K1, E.BM25_B
        return idf * tf * (k1 + 1) / (tf + k1 * ((1 - b) + b * length / avg))

    def score(self, q, doc):
        """Sum over the matching leaves not under a NOT, for a document that matches ``q``."""
        if doc not in self.matching(q):
            return 0.0
        if isinstance(q, (Word, Phrase)):
            return self.bm25(q, doc)
        if isinstance(q, (AndQ, OrQ)):
            return sum(self.score(c, doc) for c in q.children)
        return 0.0

    # -- the engine

    def node(self, q):
        if isinstance(q, Word):
            return E.Term("body__t", q.word)
        if isinstance(q, Phrase):
            return E.Phrase("body", E.Analyzed([" ".join(q.words)]))
        if isinstance(q, AndQ):
            return E.And([self.node(c) for c in q.children])
        if isinstance(q, OrQ):
            return E.Or([self.node(c) for c in q.children])
        return E.Not(self.node(q.child))

    def evaluate(self, q):
        return E.Evaluator(self.snapshot, self.universe).evaluate(self.node(q))

    def search(self, q):
        return {self.pk_by_docnum[d]: s for d, s in scored(self.evaluate(q)).items()}


class Word:
    def __init__(self, word):
        self.word = word

    def __repr__(self):
        return self.word


class Phrase:
    def __init__(self, words):
        self.words = list(words)

    def __repr__(self):
        return '"' + " ".join(self.words) + '"'


class AndQ:
    def __init__(self, *children):
        self.children = children

    def __repr__(self):
        return "(" + " AND ".join(map(repr, self.children)) + ")"


class OrQ:
    def __init__(self, *children):
        self.children = children

    def __repr__(self):
        return "(" + " OR ".join(map(repr, self.children)) + ")"


class NotQ:
    def __init__(self, child):
        self.child = child

    def __repr__(self):
        return f"NOT {self.child!r}"


def random_word(corpus):
    return Word(corpus.rng.choices(corpus.vocab, corpus.weights)[0])


def random_phrase(corpus):
    words = corpus.docs[corpus.rng.choice(sorted(corpus.docs))]
    n = corpus.rng.choice([2, 2, 3])
    if len(words) <= n:
        return Word(words[0])
    start = corpus.rng.randrange(len(words) - n)
    return Phrase(words[start : start + n])


def random_query(corpus, depth=0):
    rng = corpus.rng
    if depth >= 2 or rng.random() < 0.35:
        return random_phrase(corpus) if rng.random() < 0.25 else random_word(corpus)
    children = [random_query(corpus, depth + 1) for _ in range(rng.choice([2, 2, 3]))]
    if rng.random() < 0.4:
        children[-1] = NotQ(children[-1])
    return AndQ(*children) if rng.random() < 0.5 else OrQ(*children)


def a_or_b_not_c(corpus):
    a, b, c = (random_word(corpus) for _ in range(3))
    return AndQ(OrQ(a, b), NotQ(c))


def scored(matches):
    """{docnum: score} of an evaluation's matches."""
    return {doc: float(matches.scores[doc]) for doc in matches}


def check(corpus, q):
    truth = corpus.matching(q)
    matches = corpus.evaluate(q)
    found = {corpus.pk_by_docnum[d]: s for d, s in scored(matches).items()}
    assert len(matches) == len(truth), f"count differs for {q!r}"
    assert set(found) == truth, f"match set differs for {q!r}"
    for doc, score in found.items():
        assert score == pytest.approx(corpus.score(q, doc), rel=1e-6, abs=1e-9), (q, doc)
    ranking = sorted(truth, key=lambda d: (-corpus.score(q, d), d))
    scores = {d: corpus.score(q, d) for d in truth}
    for limit in (1, 3, 10, 25):
        top = [corpus.pk_by_docnum[d] for d, _ in E.top_docs(matches, limit)]
        assert len(top) == min(limit, len(truth))
        if not top:
            continue
        cutoff = scores[ranking[len(top) - 1]]
        # Every document scoring above the cut-off is in the top hits; none below it is.
        assert {d for d in truth if scores[d] > cutoff + 1e-9} <= set(top), (q, limit)
        assert all(scores[d] >= cutoff - 1e-9 for d in top), (q, limit)
        assert [scores[d] for d in top] == sorted((scores[d] for d in top), reverse=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return Corpus(
        tmp_path_factory.mktemp("engine"), SEED, n_docs=700, vocab_size=150, incremental_batches=3
    )


def test_corpus_spans_several_segments_and_uses_common_grams(corpus):
    assert len(corpus.snapshot.segments) > 1
    assert corpus.snapshot.common, "the rebuild should have chosen some common words"
    assert corpus.snapshot.live_count == len(corpus.docs)


def test_or_then_not_with_a_limit_is_exact(corpus):
    for _ in range(150):
        check(corpus, a_or_b_not_c(corpus))


def test_random_boolean_queries_are_exact(corpus):
    for _ in range(250):
        check(corpus, random_query(corpus))


def test_phrases_are_exact(corpus):
    common = sorted(corpus.snapshot.common)
    checked = 0
    for _ in range(150):
        check(corpus, random_phrase(corpus))
        checked += 1
    # Phrases made only of common words go through the common grams.
    for a in common[:6]:
        for b in common[:6]:
            check(corpus, Phrase([a, b]))
            check(corpus, Phrase([a, b, a]))
    assert checked == 150
    # A phrase whose words occur together in documents, but never in that order, matches nothing.
    unordered = []
    for a in corpus.vocab[5:60]:
        for b in corpus.vocab[5:60]:
            together = corpus.matching(AndQ(Word(a), Word(b)))
            if a != b and together and not corpus.matching(Phrase([a, b])):
                unordered.append((a, b))
    assert unordered
    for a, b in unordered[:20]:
        assert len(corpus.evaluate(Phrase([a, b]))) == 0, (a, b)
        assert len(corpus.evaluate(Phrase([b, a]))) == len(corpus.matching(Phrase([b, a])))


def test_filters_combine_exactly_with_text(corpus):
    ev = E.Evaluator(corpus.snapshot, corpus.universe)
    evens = np.flatnonzero(ev.filter_mask(E.FilterRange("n__i", 100, 499))).tolist()
    assert {corpus.pk_by_docnum[d] for d in evens} == set(range(100, 500))
    ev = E.Evaluator(corpus.snapshot, frozenset(evens))
    q = a_or_b_not_c(corpus)
    found = {corpus.pk_by_docnum[d] for d in ev.evaluate(corpus.node(q))}
    truth = {d for d in range(100, 500) if corpus.matches(q, corpus.docs[d])}
    assert found == truth


def test_answers_stay_exact_when_decoded_postings_are_dropped(tmp_path, monkeypatch):
    # A cache that holds a few short lists at most: most postings are decoded again each time.
    small = cache.ByteBoundedLRU(4096)
    monkeypatch.setattr(cache, "CACHE", small)
    corpus = Corpus(tmp_path, SEED + 2, n_docs=300, vocab_size=80, incremental_batches=2)
    for _ in range(60):
        q = random_query(corpus)
        check(corpus, q)
        check(corpus, q)
    assert 0 < small.held <= 4096


def test_updates_and_deletes_stay_exact(tmp_path):
    corpus = Corpus(tmp_path, SEED + 1, n_docs=300, vocab_size=80, incremental_batches=2)
    rng = corpus.rng
    changed = rng.sample(sorted(corpus.docs), 60)
    for i in changed[:30]:
        corpus.docs[i] = rng.choices(corpus.vocab, corpus.weights, k=rng.randint(3, 60))
    corpus.store.submit([("put", corpus.spec(i)) for i in changed[:30]])
    for i in changed[30:]:
        del corpus.docs[i]
    corpus.store.submit([("delete", f"doc:{i}") for i in changed[30:]])
    corpus.store.flush()
    corpus._matching.clear()
    corpus.total_length = sum(len(w) for w in corpus.docs.values())
    corpus.snapshot = snap = corpus.store.snapshot()
    corpus.universe = frozenset(snap.term_docs("doc_ct", "doc"))
    live = sorted(corpus.universe)
    corpus.pk_by_docnum = {d: int(pk) for d, pk in zip(live, snap.pks(live), strict=True)}
    corpus.docnum_by_pk = {pk: d for d, pk in corpus.pk_by_docnum.items()}
    assert snap.live_count == len(corpus.docs)
    for _ in range(80):
        q = random_query(corpus)
        truth = {doc for doc, words in corpus.docs.items() if corpus.matches(q, words)}
        assert set(corpus.search(q)) == truth, q


def test_vocabulary_is_unchanged_by_analysis():
    rng = random.Random(SEED)
    for word in _vocabulary(rng, 50):
        assert E.analyze_query(word) == [word]
        assert set(word) <= set(string.ascii_lowercase)


def _text_spec(n, text):
    """A document with one text field, ``body``."""
    return {
        "id": f"doc:{n}",
        "pk": str(n),
        "pkint": n,
        "ct": ["doc"],
        "nulls": [],
        "text": {"body": [text]},
        "ac": {},
        "filters": {},
    }


def test_misspellings_match_words_of_every_segment(tmp_path):
    store = E.IndexStore(tmp_path)
    rebuild = store.rebuild()
    rebuild.add(_text_spec(n, "placement supervisor") for n in range(5))
    rebuild.finish()
    # Each later document is committed on its own and starts a segment of its own.
    store.submit([("put", _text_spec(5, "placement portfolio"))])
    store.flush()
    store.submit([("put", _text_spec(6, "supervision portrait"))])
    store.flush()
    snap = store.snapshot()
    assert len(snap.segments) == 3
    assert sorted(snap.terms_within("body__t", "placemant", 1)) == ["placement"]
    assert sorted(snap.terms_within("body__t", "portfolip", 1)) == ["portfolio"]
    assert sorted(snap.terms_within("body__t", "portrat", 1)) == ["portrait"]
    assert sorted(snap.terms_within("body__t", "supervisr", 1)) == ["supervis", "supervisor"]


def test_phrases_survive_segment_merges(tmp_path):
    store = E.IndexStore(tmp_path)
    texts = [f"record {n} information sharing agreement" for n in range(12)]
    for n, text in enumerate(texts):  # one commit each: Whoosh merges the small segments
        store.submit([("put", _text_spec(n, text))])
        store.flush()
    snap = store.snapshot()
    assert len(snap.segments) < len(texts)
    universe = frozenset(snap.term_docs("doc_ct", "doc"))
    phrase = E.Phrase("body", E.Analyzed(["information sharing agreement"]))
    assert len(E.Evaluator(snap, universe).evaluate(phrase)) == len(texts)


def test_an_index_from_another_version_is_emptied(tmp_path, caplog):
    store = E.IndexStore(tmp_path)
    ix = store._index()
    writer = ix.writer()
    writer.schema = fields.Schema(doc_id=fields.ID(stored=True))
    writer.add_document(doc_id="old")
    writer.commit()
    E.IndexStore(tmp_path)
    assert "update_index" in caplog.text
    assert E.IndexStore(tmp_path).doc_count() == 0

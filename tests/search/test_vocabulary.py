"""The Whoosh backend's vocabulary: ``suggest_spelling`` and ``words_with_prefix``.

Pages go through the real signal handlers (and ``update_index``); the answers are compared with a
brute-force reading of the same pages from the database, with edit distances computed here.
"""

import random
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from whoosh.analysis import STOP_WORDS

from cop_site.home.models import StandardPage
from resources.models import ResourcePage

SEED = 20_260_412


def words_of(text):
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 1 and w not in STOP_WORDS}


def frequencies(pages):
    """{word: number of pages containing it} over the pages' title and intro."""
    return Counter(w for p in pages for w in words_of(f"{p.title} {p.intro}"))


def by_prefix(freq, prefix, limit):
    found = [w for w in freq if w.startswith(prefix.lower())]
    return sorted(found, key=lambda w: (-freq[w], w))[:limit]


def osa(a, b):
    """Optimal string alignment distance: insert, delete, substitute, swap two neighbours."""
    d = [[i + j if not i * j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def correction(word, freq):
    word = word.lower()
    if len(word) < 2 or word in STOP_WORDS or freq[word] or not word.isalpha():
        return None
    most = 1 if len(word) <= 4 else 2
    near = [(osa(word, w), -n, w) for w, n in freq.items() if n and osa(word, w) <= most]
    return min(near)[2] if near else None


def test_spelling_suggestions(make_page, search_backend):
    for title, intro in [
        ("Garden work", "banking planet"),
        ("Ranking", "banking plant ant"),
        ("Ranking plant", "banking bat"),
        ("Plant hat", "ox b2b"),
    ]:
        make_page(title, intro=intro)
    suggest = search_backend.suggest_spelling
    assert suggest(["Wrok", "wrk", "xanking", "bnkng", "planeet", "grdne", "gardn", "zat"]) == {
        "Wrok": "work",  # a transposition is one edit
        "wrk": "work",
        "xanking": "banking",  # one edit from banking (3 pages) and ranking (2)
        "bnkng": "banking",
        "planeet": "planet",  # fewer edits beat more pages (plant is in 3)
        "grdne": "garden",  # two edits allowed from five letters
        "gardn": "garden",
        "zat": "bat",  # bat and hat are in one page each: alphabetical
    }
    # Found words (any case), too far, stop words, one letter, digits: no entry.
    assert suggest(["Garden", "PLANT", "wrkx", "grdn", "bnkngs", "and", "x", "ant2", "b2c"]) == {}
    assert suggest([]) == {}


def test_deleted_edited_and_unpublished_pages_leave_the_vocabulary(make_page, search_backend):
    backend = search_backend
    banking = [make_page(f"Banking {n}") for n in range(3)]
    ranking = [make_page(f"Ranking {n}", intro="zymurgy") for n in range(2)]
    assert backend.suggest_spelling(["xanking"]) == {"xanking": "banking"}
    # Deleted documents stay in Whoosh's segments until a merge: they must not count.
    banking[0].delete()
    banking[1].delete()
    assert backend.suggest_spelling(["xanking"]) == {"xanking": "ranking"}
    banking[2].delete()
    assert backend.words_with_prefix("b") == []
    assert backend.suggest_spelling(["bankin"]) == {"bankin": "ranking"}

    ranking[0].intro = "zebra"
    ranking[0].save()
    assert backend.words_with_prefix("z") == ["zebra", "zymurgy"]
    ranking[1].unpublish()
    live = Page.objects.live()
    assert backend.words_with_prefix("z", queryset=live) == ["zebra"]
    assert backend.suggest_spelling(["zymurgx"], queryset=live) == {}
    assert backend.suggest_spelling(["zymurgx"]) == {"zymurgx": "zymurgy"}
    assert backend.suggest_spelling(["zebr", "rnking"], queryset=live) == {
        "zebr": "zebra",
        "rnking": "ranking",
    }
    ranking[1].delete()
    assert backend.words_with_prefix("z") == ["zebra"]
    assert backend.suggest_spelling(["zymurgx"]) == {}


def test_words_with_prefix_order_limit_and_case(make_page, search_backend):
    for title in ["Zeta zinc", "zeta ZINC zone", "Zeta zulu", "Zoo", "Alpha zest"]:
        make_page(title)
    words = search_backend.words_with_prefix
    assert words("z") == ["zeta", "zinc", "zest", "zone", "zoo", "zulu"]
    assert words("Z", limit=3) == words("  z ", limit=3) == ["zeta", "zinc", "zest"]
    assert words("ZO") == ["zone", "zoo"]
    assert words("z", limit=1) == ["zeta"]
    assert words("z", limit=0) == []
    assert words("zx") == words("") == words("   ") == []


def test_a_filter_field_queryset_hides_words_of_excluded_documents(make_resource, search_backend):
    make_resource("Zymurgy handbook", year=1999)
    make_resource("Zebra crossings", year=2021)
    recent = ResourcePage.objects.filter(year__gte=2010)
    assert search_backend.words_with_prefix("z") == ["zebra", "zymurgy"]
    assert search_backend.words_with_prefix("z", queryset=recent) == ["zebra"]
    assert search_backend.suggest_spelling(["zymurgx"], queryset=recent) == {}
    assert search_backend.suggest_spelling(["zymurgx"], queryset=StandardPage) == {}


def _mutate(rng, word):
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(word))
        op = rng.choice("sidt")
        if op == "s":
            word = word[:i] + rng.choice("zaeoklm") + word[i + 1 :]
        elif op == "i":
            word = word[:i] + rng.choice("aeklm") + word[i:]
        elif op == "d" and len(word) > 2:
            word = word[:i] + word[i + 1 :]
        elif op == "t" and i + 1 < len(word):
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


@pytest.fixture
def random_site(make_page, search_backend):
    """Two sections of pages with made-up words, some unpublished, some edited or deleted,
    indexed over several commits (several segments)."""
    rng = random.Random(SEED)
    vocab = sorted({"z" + "".join(rng.choices("aeklmo", k=rng.randint(2, 5))) for _ in range(45)})
    weights = [1 / (i + 1) for i in range(len(vocab))]
    rng.shuffle(weights)
    sections = [make_page("Section alpha"), make_page("Section beta")]
    pages = []
    for n in range(36):
        title = " ".join(rng.choices(vocab, weights, k=rng.randint(1, 3)))
        intro = " ".join(rng.choices(vocab, weights, k=rng.randint(0, 8)) + ["the", "of"])
        pages.append(make_page(title, intro=intro, parent=sections[n % 2], live=rng.random() > 0.2))
        if n % 12 == 11:
            search_backend.words_with_prefix("z")  # applies the queued changes: a new segment
    for page in rng.sample(pages, 4):
        page.delete()
        pages.remove(page)
    for page in rng.sample(pages, 3):
        page.intro = " ".join(rng.choices(vocab, k=4))
        page.save()
    return rng, vocab, sections, pages


def test_vocabulary_matches_brute_force_for_each_queryset(random_site, search_backend):
    rng, vocab, (alpha, beta), pages = random_site
    some = [p.pk for p in rng.sample(pages, 12)]
    querysets = [
        None,
        Page.objects.live(),
        Page.objects.descendant_of(alpha),
        Page.objects.live().descendant_of(beta),
        StandardPage.objects.filter(pk__in=some),
        StandardPage.objects.filter(pk__in=some).exclude(live=True),
    ]
    prefixes = sorted({"z", "zx", *(w[:n] for w in vocab for n in (2, 3, 4))})
    queries = [_mutate(rng, w) for w in vocab for _ in range(3)]
    for queryset in querysets:
        pks = StandardPage.objects.values("pk") if queryset is None else queryset.values("pk")
        freq = frequencies(StandardPage.objects.filter(pk__in=pks))
        for prefix in prefixes:
            for limit in (1, 3, 1000):
                got = search_backend.words_with_prefix(prefix, limit, queryset=queryset)
                assert got == by_prefix(freq, prefix, limit), (queryset, prefix, limit)
        expected = {q: correction(q, freq) for q in queries}
        expected = {q: c for q, c in expected.items() if c is not None}
        assert search_backend.suggest_spelling(queries, queryset=queryset) == expected, queryset
    assert any(len(search_backend.suggest_spelling(queries, queryset=q)) > 20 for q in querysets)


def test_update_index_brings_the_vocabulary_back_in_step(random_site, search_backend):
    _, vocab, _, pages = random_site
    store = search_backend.store
    # Changes that the signal handlers never see: the index falls out of step.
    StandardPage.objects.filter(pk=pages[0].pk).update(intro="zqnewword")
    store.submit([("delete", f"wagtailcore_page:{pages[1].pk}")])
    store.submit(
        [("put", {"id": "wagtailcore_page:999999", "pk": "999999", "pkint": 999999,
                  "ct": ["wagtailcore_page", "wagtailcore_page_home_standardpage"],
                  "nulls": [], "text": {"intro": ["zqghost"]}, "ac": {}, "filters": {}})]
    )  # fmt: skip
    assert search_backend.words_with_prefix("zq") == ["zqghost"]

    call_command("update_index", stdout=StringIO())

    freq = frequencies(StandardPage.objects.all())
    assert search_backend.words_with_prefix("zq") == ["zqnewword"]
    assert search_backend.words_with_prefix("z", 1000) == by_prefix(freq, "z", 1000)
    assert search_backend.suggest_spelling(["zqghosts"]) == {}
    live = Page.objects.live()
    live_freq = frequencies(StandardPage.objects.live())
    assert search_backend.words_with_prefix("z", 1000, queryset=live) == by_prefix(
        live_freq, "z", 1000
    )

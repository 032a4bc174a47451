"""Wagtail pages through the backend: query forms, filters, slicing, counts and update_index.

Every answer is compared with a brute-force reading of the same pages from the database.
"""

import random
from io import StringIO

import pytest
from django.core.management import call_command
from modelsearch.query import MATCH_ALL, Fuzzy, Not, Phrase, PlainText
from wagtail.models import Page

from cop_site.home.models import StandardPage
from cop_site.search import engine

SEED = 4242
VOCAB = [
    "adoption", "advocacy", "ageing", "carers", "consent", "court", "dementia", "disability",
    "duty", "fostering", "housing", "kinship", "neglect", "poverty", "privacy", "refugee",
    "resilience", "safeguarding", "supervision", "trauma",
]  # fmt: skip


def words_of(page):
    return engine.analyze_query(f"{page.title} {page.intro}")


@pytest.fixture
def corpus(make_page):
    rng = random.Random(SEED)
    pages = []
    for n in range(36):
        intro = " ".join(rng.choices(VOCAB, [1 / (i + 1) for i in range(len(VOCAB))], k=12))
        pages.append(make_page(f"Note {n}", intro=intro))
    return pages


def stem(word):
    return engine.analyze_query(word)[0]


def brute(pages, predicate):
    return {p.pk for p in pages if predicate(set(words_of(p)))}


def pks(results):
    return {page.pk for page in results}


def test_plain_text_and_operators(corpus):
    qs = StandardPage.objects.live()
    for a, b, c in [("consent", "court", "duty"), ("adoption", "trauma", "housing")]:
        sa, sb, sc = stem(a), stem(b), stem(c)
        assert pks(qs.search(a)) == brute(corpus, lambda w, sa=sa: sa in w)
        assert pks(qs.search(f"{a} {b}", operator="and")) == brute(
            corpus, lambda w, sa=sa, sb=sb: sa in w and sb in w
        )
        assert pks(qs.search(f"{a} {b}", operator="or")) == brute(
            corpus, lambda w, sa=sa, sb=sb: sa in w or sb in w
        )
        query = (PlainText(a) | PlainText(b)) & Not(PlainText(c))
        expected = brute(
            corpus, lambda w, sa=sa, sb=sb, sc=sc: (sa in w or sb in w) and sc not in w
        )
        results = qs.search(query)
        assert results.count() == len(expected)
        assert pks(results) == expected


def test_limit_keeps_exact_count_and_the_true_top_hits(corpus):
    query = (PlainText("consent") | PlainText("court")) & Not(PlainText("duty"))
    ranked = list(StandardPage.objects.search(query).annotate_score("_score"))
    scores = [page._score for page in ranked]
    assert scores == sorted(scores, reverse=True)
    for limit in (1, 3, 5):
        results = StandardPage.objects.search(query)[:limit]
        assert results.count() == min(limit, len(ranked))
        assert [p.pk for p in results] == [p.pk for p in ranked[:limit]]
    page_two = StandardPage.objects.search(query)[3:6]
    assert [p.pk for p in page_two] == [p.pk for p in ranked[3:6]]
    assert StandardPage.objects.search(query).count() == len(ranked)


def test_phrase(corpus):
    for page in corpus[:5]:
        first, second = page.intro.split()[3:5]
        phrase = f"{first} {second}"
        expected = {p.pk for p in corpus if phrase in p.intro}
        assert pks(StandardPage.objects.search(Phrase(phrase))) == expected


def test_fuzzy_finds_misspellings(corpus):
    expected = brute(corpus, lambda w: stem("safeguarding") in w)
    assert pks(StandardPage.objects.search(Fuzzy("safegaurding"))) == expected


def test_autocomplete_matches_prefixes(corpus):
    expected = {p.pk for p in corpus if p.title.startswith("Note 1")}
    found = pks(StandardPage.objects.autocomplete("note 1"))
    # "1" is a prefix of 1, 10-19 in the titles "Note N".
    assert found == expected


def test_filters_are_applied_in_the_index(corpus, home_page):
    corpus[0].unpublish()
    live = pks(StandardPage.objects.live().search(MATCH_ALL))
    assert live == {p.pk for p in corpus[1:]}
    under_home = pks(Page.objects.descendant_of(home_page).search("consent"))
    assert under_home == brute(corpus, lambda w: stem("consent") in w)
    assert pks(Page.objects.type(StandardPage).search("note")) == {p.pk for p in corpus}


def test_ordering_without_relevance(corpus):
    results = StandardPage.objects.order_by("-title").search("note", order_by_relevance=False)
    titles = [p.title for p in results]
    assert titles == sorted(titles, reverse=True)
    first = StandardPage.objects.order_by("title").search("note", order_by_relevance=False)[:4]
    assert [p.title for p in first] == sorted(p.title for p in corpus)[:4]


def test_facets_count_matches(corpus, home_page):
    facets = Page.objects.search(MATCH_ALL).facet("content_type_id")
    assert sum(facets.values()) == Page.objects.search(MATCH_ALL).count() == len(corpus)


def test_update_index_rebuilds_from_the_database(corpus, search_backend):
    # Put the index out of step with the database in every way it can be.
    store = search_backend.store
    gone = corpus[0]
    StandardPage.objects.filter(pk=corpus[1].pk).update(intro="zygote refugee")
    store.submit([("delete", f"wagtailcore_page:{corpus[2].pk}")])
    store.flush()
    Page.objects.filter(pk=gone.pk).delete()
    store.submit(
        [("put", {"id": "wagtailcore_page:999999", "pk": "999999", "pkint": 999999,
                  "ct": ["wagtailcore_page", "wagtailcore_page_home_standardpage"],
                  "nulls": [], "text": {"intro": ["consent ghost"]}, "ac": {}, "filters": {}})]
    )  # fmt: skip
    store.flush()

    out = StringIO()
    call_command("update_index", stdout=out)

    pages = list(StandardPage.objects.all())
    for word in [*VOCAB, "zygote", "ghost"]:
        s = stem(word)
        expected = brute(pages, lambda w, s=s: s in w)
        results = StandardPage.objects.search(word)
        assert pks(results) == expected, word
        assert results.count() == len(expected), word
    # Every page in the database is in the index, and nothing else.
    assert Page.objects.search(MATCH_ALL).count() == Page.objects.count()
    assert store.doc_count() == Page.objects.count()

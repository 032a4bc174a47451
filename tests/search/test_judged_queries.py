"""The judged query set on the demo library, through the real search page.

Every query gives a page; on Whoosh the obvious answers come first (mean reciprocal rank at
least 0.8) and the relevant resources are found (recall at 10 at least 0.9). The database
backend's figures are reported by benchmarks/search_judged.py, not asserted.
"""

import io

import pytest
from django.core.management import call_command

from resources.demo import content
from tests.resources.conftest import indexed_in_bulk

from .judged import CUTOFF, evaluate, load_judged_queries

pytestmark = pytest.mark.django_db

MRR_FLOOR = 0.8
RECALL_FLOOR = 0.9


@pytest.fixture
def demo_library(search_backend, educator, second_educator, student, practitioner):
    with indexed_in_bulk():
        call_command("load_demo_resources", "--force", stdout=io.StringIO())


def test_the_set_is_judged_against_the_demo_library():
    queries = load_judged_queries()
    assert len(queries) >= 60
    assert len({q.query.lower() for q in queries}) == len(queries)
    slugs = {resource.slug for resource in content.demo_library().resources}
    for judged in queries:
        assert set(judged.relevant) <= slugs, judged.query
        assert judged.relevant or judged.note, f"say why {judged.query!r} has no answer"
    kinds = {q.kind for q in queries}
    assert {"title", "partial-title", "legislation", "acronym", "question", "misspelling"} <= kinds
    for acronym in ("MCA", "DoLS", "LPS", "EHCP"):
        assert acronym in {q.query for q in queries}


def test_judged_queries_find_the_obvious_answers(client, demo_library):
    def run(query: str) -> list[str]:
        response = client.get("/search/", {"q": query, "kind": "resources"})
        assert response.status_code == 200, query
        hits = response.context["search"].page.object_list
        return [hit.obj.slug for hit in hits[:CUTOFF]]

    report = evaluate(run)
    details = report.summary() + "\n" + "\n".join(report.misses())
    assert report.mrr >= MRR_FLOOR, details
    assert report.recall >= RECALL_FLOOR, details

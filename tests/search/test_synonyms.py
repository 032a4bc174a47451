"""Synonyms and acronyms: a search for one term of a group also looks for the others, shown on
the results page, on the Whoosh backend and on Wagtail's database backend. Educators edit the
groups in the Wagtail admin and the next search uses them, with no re-indexing."""

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cop_site.search.models import SynonymGroup
from cop_site.search.query import parse
from cop_site.search.synonyms import build_synonyms, expand_synonyms

ADMIN = "/admin/search_synonyms/"


@pytest.fixture
def site(engine, make_resource):
    return SimpleNamespace(
        capacity=make_resource(
            "Assessing capacity under the Mental Capacity Act",
            summary="The two-stage test and how to record a capacity assessment.",
        ),
        scattered=make_resource(
            "Acting in a crisis",
            summary="When mental distress affects someone's capacity to cope, act quickly.",
        ),
        liberty=make_resource(
            "DoLS in care homes",
            summary="Authorisations for care home residents who cannot consent to their care.",
        ),
        plan=make_resource(
            "The Personal Education Plan for children in care",
            summary="What a good plan records, and who attends the review.",
        ),
    )


def search(client, query):
    response = client.get("/search/", {"q": query, "kind": "resources"})
    assert response.status_code == 200
    return response


def titles(response):
    return [hit.title for hit in response.context["search"].page.object_list]


def also_searched_for(response):
    found = re.search(r'id="also-searched-for">([^<]*)<', response.content.decode())
    return found.group(1).strip() if found else None


def test_an_acronym_also_finds_what_it_stands_for_as_a_phrase(client, site):
    response = search(client, "MCA")
    # "mental", "capacity" and "act" apart from each other are not the Act.
    assert titles(response) == [site.capacity.title]
    assert also_searched_for(response) == "Also searched for: Mental Capacity Act"


def test_the_full_name_also_finds_the_acronym(client, site):
    response = search(client, "Deprivation of Liberty Safeguards")
    assert titles(response) == [site.liberty.title]
    assert also_searched_for(response) == "Also searched for: DoLS"


def test_a_term_among_other_words_keeps_the_other_words_required(client, site):
    assert titles(search(client, "MCA assessment")) == [site.capacity.title]
    assert titles(search(client, "MCA residents")) == []


def test_a_quoted_full_name_is_a_term_too(client, site):
    response = search(client, '"deprivation of liberty safeguards"')
    assert titles(response) == [site.liberty.title]


def test_words_taken_away_are_not_expanded(client, site):
    response = search(client, "care NOT DoLS")
    assert site.liberty.title not in titles(response)
    assert also_searched_for(response) is None


def test_a_search_without_synonyms_says_nothing_about_them(client, site):
    response = search(client, "crisis")
    assert titles(response) == [site.scattered.title]
    assert also_searched_for(response) is None


def test_the_library_search_box_uses_the_same_synonyms(client, site, library):
    response = client.get(library.url, {"q": "MCA"})
    assert response.status_code == 200
    assert [r.title for r in response.context["search"].results] == [site.capacity.title]


def test_an_educator_adds_and_changes_synonyms_and_the_next_search_uses_them(
    client, client_as, educator, site
):
    # Searched once first, so the groups are cached when the educator changes them.
    assert titles(search(client, "PEP")) == []
    admin = client_as(educator)
    assert "Search synonyms" in admin.get("/admin/").content.decode()
    assert admin.get(ADMIN).status_code == 200
    response = admin.post(f"{ADMIN}new/", {"terms": "PEP\nPersonal Education Plan", "note": ""})
    assert response.status_code == 302
    group = SynonymGroup.objects.get(terms__startswith="PEP")

    response = search(client, "PEP")
    assert titles(response) == [site.plan.title]
    assert also_searched_for(response) == "Also searched for: Personal Education Plan"

    response = admin.post(
        f"{ADMIN}edit/{group.pk}/", {"terms": "PEP\nPEPs\npersonal education plans", "note": ""}
    )
    assert response.status_code == 302
    assert also_searched_for(search(client, "PEP")) == (
        "Also searched for: PEPs, personal education plans"
    )

    response = admin.post(f"{ADMIN}delete/{group.pk}/")
    assert response.status_code == 302
    assert not SynonymGroup.objects.filter(pk=group.pk).exists()
    assert titles(search(client, "PEP")) == []


def test_synonyms_are_read_once_until_one_is_saved(client, site):
    def synonym_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            search(client, "MCA")
        return sum("cop_search_synonymgroup" in q["sql"] for q in queries.captured_queries)

    assert synonym_queries() == 1
    assert synonym_queries() == 0
    SynonymGroup.objects.create(terms="PEP\nPersonal Education Plan")
    assert synonym_queries() == 1
    assert synonym_queries() == 0


def test_a_group_needs_two_terms(client_as, educator, db):
    response = client_as(educator).post(f"{ADMIN}new/", {"terms": "PEP\n pep ", "note": ""})
    assert response.status_code == 200
    assert "at least two terms" in response.content.decode()
    assert not SynonymGroup.objects.filter(terms__icontains="pep").exists()


def test_the_starting_synonyms_are_the_fields_own(db):
    groups = [set(group.term_list) for group in SynonymGroup.objects.all()]
    for pair in [
        {"MCA", "Mental Capacity Act"},
        {"DoLS", "Deprivation of Liberty Safeguards"},
        {"LPS", "Liberty Protection Safeguards"},
        {"EHCP", "Education, Health and Care Plan"},
        {"LAC", "looked-after children"},
    ]:
        assert any(pair <= group for group in groups), pair


@pytest.mark.parametrize("role", ["student", "practitioner", "moderator"])
def test_only_educators_and_site_admins_reach_the_synonym_screens(
    request, client_as, role, site_admin, db
):
    group = SynonymGroup.objects.first()
    client = client_as(request.getfixturevalue(role))
    # Without admin access, Wagtail sends a signed-in member to the admin's sign-in, which
    # refuses them: 302 and then 403, on every screen and for a POST.
    for url in (ADMIN, f"{ADMIN}new/", f"{ADMIN}edit/{group.pk}/", f"{ADMIN}delete/{group.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"/admin/login/?next={url}"
        assert client.get(response.url).status_code == 403, url
    response = client.post(f"{ADMIN}delete/{group.pk}/", follow=True)
    assert response.redirect_chain == [(f"/admin/login/?next={ADMIN}delete/{group.pk}/", 302)]
    assert response.status_code == 403
    assert SynonymGroup.objects.filter(pk=group.pk).exists()
    assert client_as(site_admin).get(ADMIN).status_code == 200


def test_expansion_matches_terms_by_their_words():
    synonyms = build_synonyms(
        [["EHCP", "Education, Health and Care Plan"], ["MCA", "Mental Capacity Act"]]
    )
    parsed = expand_synonyms(parse("education health and care plan review"), synonyms)
    assert parsed.also_searched_for == ["EHCP"]
    parsed = expand_synonyms(parse("ehcp OR mca"), synonyms)
    assert parsed.also_searched_for == ["Education, Health and Care Plan", "Mental Capacity Act"]
    # A phrase is a term only as a whole.
    unchanged = parse('"mental capacity act assessments"')
    assert expand_synonyms(unchanged, synonyms) is unchanged

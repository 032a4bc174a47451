"""Search finds what people type, on the demo library: titles, common words, numbers, names.

The benchmark and the brute-force tests use synthetic words; these tests use the real titles and
the queries a student or practitioner types, on the Whoosh backend and on Wagtail's database
backend.
"""

import io
import re
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cop_site.search.query import is_common
from cop_site.search.service import SiteSearch
from resources.library import LibrarySearch
from resources.models import ResourceLibraryPage, ResourcePage
from tests.resources.conftest import indexed_in_bulk
from tests.search.engines import WHOOSH

pytestmark = pytest.mark.django_db

ENOUGH = 1000


@pytest.fixture
def demo(search_backend, educator, second_educator, student, practitioner):
    with indexed_in_bulk():
        call_command("load_demo_resources", "--force", stdout=io.StringIO())
    return list(ResourcePage.objects.live().order_by("pk"))


def search(text: str, user, **params) -> SiteSearch:
    return SiteSearch(QueryDict(urlencode({"q": text, "kind": "resources", **params})), user=user)


def found(text: str, user) -> list[int]:
    return [r.pk for r in search(text, user).best(ENOUGH)]


def test_every_title_is_found_first(engine, demo, student):
    best_place = 1 if engine == WHOOSH else 3
    misplaced = []
    for resource in demo:
        ranked = found(resource.title, student)
        if resource.pk not in ranked[:best_place]:
            place = ranked.index(resource.pk) + 1 if resource.pk in ranked else None
            misplaced.append((resource.title, place))
    assert misplaced == []


@pytest.mark.parametrize(
    "typed, title",
    [
        ("Mental Capacity Act", "Mental Capacity Act 2005"),
        ("care act", "Care Act 2014"),
        ("Mental Health Act", "Mental Health Act 1983"),
        ("human rights act", "Human Rights Act 1998"),
    ],
)
def test_a_name_without_its_year_finds_the_dated_title_first(engine, demo, student, typed, title):
    first = search(typed, student).best(ENOUGH)[0]

    assert first.title == title


def test_a_title_chosen_from_autocomplete_finds_its_page(client, demo):
    for title in ["Mental Capacity Act Code of Practice", "Making it Real", "State of Caring 2023"]:
        response = client.get("/search/", {"q": title, "kind": "resources"})
        page = response.context["search"].page
        assert page.object_list[0].title == title


@pytest.mark.parametrize(
    ("typed", "without_common_words"),
    [
        ("care and support", "care support"),
        ("children in care", "children care"),
        ("the care act", "care act"),
        ("a child", "child"),
        ("safeguarding and adults", "safeguarding adults"),
        ("Gillick competence and Fraser guidelines", "Gillick competence Fraser guidelines"),
        ("is not in the care act", "care act"),
        ("care or support", "care support"),
    ],
)
def test_common_words_never_narrow_a_search(engine, demo, student, typed, without_common_words):
    expected = found(without_common_words, student)
    assert expected
    assert sorted(found(typed, student)) == sorted(expected)


def test_a_phrase_keeps_its_common_words(engine, demo, student):
    titles = {ResourcePage.objects.get(pk=pk).title for pk in found('"code of practice"', student)}
    assert "Mental Capacity Act Code of Practice" in titles
    assert "Data sharing: a code of practice" in titles


def test_common_words_alone_explain_themselves(client, demo):
    for text in ["the", "a", "of the"]:
        response = client.get("/search/", {"q": text})
        assert response.status_code == 200
        notes = " ".join(response.context["search"].all_notes)
        assert "left out of every search" in notes, text


def test_putting_common_words_between_two_words_never_reduces_results(demo, student):
    words = sorted(
        {
            word.lower()
            for resource in demo
            for word in re.findall(r"\w+", resource.title)
            if not is_common(word)
        }
    )

    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        st.sampled_from(words),
        st.sampled_from(words),
        st.sampled_from(["the", "of", "and", "in"]),
    )
    def check(first, second, common):
        together = set(found(f"{first} {second}", student))
        if together:
            assert set(found(f"{first} {common} {second}", student)) >= together

    check()


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("2023", "State of Caring 2023"),
        ("1983", "Mental Health Act 1983"),
        ("NG108", "Decision-making and mental capacity (NG108)"),
        (
            "Knowledge Review 3",
            "Types and quality of knowledge in social care (Knowledge Review 3)",
        ),
    ],
)
def test_numbers_and_codes_are_searchable_as_written(engine, demo, student, text, title):
    titles = [ResourcePage.objects.get(pk=pk).title for pk in found(text, student)]
    assert title in titles


def test_a_section_number_is_searchable(engine, make_resource, student):
    with indexed_in_bulk():
        aftercare = make_resource(
            "Aftercare under s117", summary="Who pays for aftercare under section 117."
        )
        make_resource("Aftercare planning", summary="Planning aftercare with the person.")
    assert found("s117", student) == [aftercare.pk]
    assert found("section 117", student) == [aftercare.pk]


def test_author_matches_a_publisher_or_an_author_by_any_of_its_words(engine, demo, student):
    nice = found("author:NICE", student)
    assert nice
    publishers = set(ResourcePage.objects.filter(pk__in=nice).values_list("publisher", flat=True))
    assert publishers == {"National Institute for Health and Care Excellence"}
    rip = found('author:"Research in Practice"', student)
    assert {r.publisher for r in ResourcePage.objects.filter(pk__in=rip)} == {
        "Research in Practice"
    }
    assert found("author:munro", student)


def test_not_on_its_own_finds_everything_else_with_a_note(engine, demo, student):
    everything_else = search("NOT children", student)
    assert 0 < everything_else.counts["resources"] < len(demo)
    assert any("everything except" in note for note in everything_else.all_notes)
    with_children = set(found("children", student))
    assert not with_children & set(found("NOT children", student))


def test_a_title_match_ranks_above_words_in_the_body(search_backend, make_resource, student):
    with indexed_in_bulk():
        body_only = make_resource(
            "Planning with families",
            summary="Care is planned with support from the family; a plan for care at home.",
        )
        titled = make_resource("Care and support planning", summary="How plans are made.")
        scattered = make_resource(
            "Working with carers", summary="Support for carers, and care for the person."
        )
        near = make_resource("Working with carers", summary="Care and support for carers.")
    assert found("care and support", student)[:1] == [titled.pk]
    # The words side by side in the summary rank above the same words scattered in it.
    ranked = found("care support", student)
    assert ranked.index(near.pk) < ranked.index(scattered.pk)
    assert body_only.pk in ranked


@pytest.mark.parametrize(
    "text",
    [
        "care and support",
        "Mental Capacity Act Code of Practice",
        "safeguarding NOT children",
        "author:NICE",
        "NOT children",
        "confiden*",
        "the",
    ],
)
def test_the_library_and_the_search_page_agree(client, demo, text):
    library = ResourceLibraryPage.objects.get()
    shown = client.get(library.url, {"q": text})
    searched = client.get("/search/", {"q": text, "kind": "resources"})
    assert shown.status_code == searched.status_code == 200
    library_search: LibrarySearch = shown.context["search"]
    site_search: SiteSearch = searched.context["search"]
    assert library_search.count == site_search.counts["resources"]
    assert [r.pk for r in library_search.results] == [h.obj.pk for h in site_search.page]
    if text == "the":
        assert "left out of every search" in shown.content.decode()

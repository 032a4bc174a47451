"""A misspelt search that finds nothing shows the results for its spelling suggestion at once,
through the real /search/ page and the library's search box, with a link back to the search as
typed that is never corrected again.

Parametrised over Whoosh and Wagtail's database backend; the database backend has no vocabulary
to suggest a spelling from, so there the search is only ever run as typed.
"""

import html as html_lib
import re

import pytest

from tests.search.engines import WHOOSH


@pytest.fixture
def resources(engine, make_resource, topics, make_page):
    make_resource(
        "Information sharing and consent",
        summary="Guidance on confidentiality when sharing information about adults.",
        topics=[topics["safeguarding-adults"]],
    )
    make_resource(
        "Kinship care for grandparents",
        summary="Support for family and friends who bring up a child.",
        topics=[topics["child-protection"]],
    )
    make_page("Community guidelines", intro="How members keep confidentiality.")


def get(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    found = re.findall(
        r'<h[34] class="govuk-heading-s[^"]*"><a [^>]*>(.*?)</a>', response.content.decode()
    )
    return sorted(html_lib.unescape(re.sub(r"<[^>]+>", "", title)) for title in found)


def as_typed_link(response) -> str:
    match = re.search(
        r'Search instead for <a class="govuk-link" href="([^"]+)">', response.content.decode()
    )
    assert match, "no link to the search as typed"
    return html_lib.unescape(match.group(1))


def test_a_misspelling_shows_the_results_for_its_correction(client, resources, whoosh_only):
    response = get(client, "confidentality")
    search = response.context["search"]
    assert search.typed == "confidentality"
    assert search.text == "confidentiality"
    assert titles(response) == ["Community guidelines", "Information sharing and consent"]
    html = response.content.decode()
    assert "Showing results for <strong>confidentiality</strong>" in html
    assert "Did you mean" not in html
    # The box, and every link on the page, now carry the search that ran.
    assert 'value="confidentiality"' in html


def test_search_instead_for_keeps_the_words_as_typed(client, resources, whoosh_only):
    link = as_typed_link(get(client, "kindship care", kind="resources"))
    assert "q=kindship+care" in link and "as_typed=1" in link and "kind=resources" in link
    response = client.get(f"/search/{link}")
    search = response.context["search"]
    assert search.typed is None
    assert search.text == "kindship care"
    assert titles(response) == []
    # Not corrected again; the correction is still offered.
    html = response.content.decode()
    assert "Showing results for" not in html
    assert "Did you mean" in html and "q=kinship+care" in html


def test_a_search_that_finds_something_is_not_corrected(client, resources, engine):
    response = get(client, "kinship care")
    assert response.context["search"].typed is None
    assert titles(response) == ["Kinship care for grandparents"]
    assert "Showing results for" not in response.content.decode()


def test_the_correction_must_find_something_of_the_kind_shown(client, resources, whoosh_only):
    # "Guidlines" corrects to "guidelines", found only in a page, not in a resource.
    response = get(client, "guidlines", kind="resources")
    assert response.context["search"].typed is None
    assert titles(response) == []
    assert "Showing results for" not in response.content.decode()
    assert titles(get(client, "guidlines")) == ["Community guidelines"]


def test_without_a_vocabulary_the_search_runs_as_typed(client, resources, engine):
    if engine == WHOOSH:
        pytest.skip("the database backend has no spelling suggestions")
    response = get(client, "confidentality")
    assert response.context["search"].typed is None
    assert titles(response) == []


def test_the_library_box_corrects_the_same_way(client, resources, library, whoosh_only):
    response = client.get(library.url, {"q": "kindship care"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kinship care for grandparents" in html
    assert "Showing results for <strong>kinship care</strong>" in html
    link = html_lib.unescape(
        re.search(r'Search instead for <a class="govuk-link" href="([^"]+)"', html).group(1)
    )
    assert "as_typed=1" in link
    as_typed = client.get(f"{library.url}{link}").content.decode()
    assert "Kinship care for grandparents" not in as_typed
    assert "Showing results for" not in as_typed


def test_a_word_found_through_its_stem_is_not_corrected(
    client, whoosh_only, make_resource, make_page
):
    # "leaving" is in no document as written, but "leave" shares its stem, and "learning",
    # two edits away, is in the index too.
    make_resource("Planning to leave care", summary="Pathway plans for young people.")
    make_page("Learning together", intro="Learning in peer groups.")

    response = get(client, "leaving")

    assert titles(response) == ["Planning to leave care"]
    assert "Did you mean" not in response.content.decode()
    assert "Showing results for" not in response.content.decode()

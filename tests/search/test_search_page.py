"""The search page at /search/, through the real view, on the Whoosh backend and on Wagtail's
database backend (switching engines is configuration).

Every query form the search tips teach is tried here: AND, OR, NOT, brackets, phrases,
field:value, wildcards and fuzzy matching, facets, snippets, spelling suggestions and malformed
queries.
"""

import html as html_lib
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from modelsearch.backends import get_search_backend
from wagtail.models import PageViewRestriction

from resources.models import ReadingListIndexPage, ReadingListPage, ResourcePage
from tests.search.engines import WHOOSH


@pytest.fixture
def site(engine, make_resource, topics, make_page):
    return SimpleNamespace(
        sharing=make_resource(
            "Information sharing and consent",
            summary="Guidance on information sharing with consent and confidentiality when"
            " working with adults.",
            authors="Eileen Munro",
            topics=[topics["safeguarding-adults"]],
            source="research",
        ),
        children=make_resource(
            "Information sharing in child protection",
            summary="Information sharing between agencies about children, and when"
            " confidentiality gives way.",
            authors="Harry Ferguson",
            topics=[topics["child-protection"]],
            source="policy-community",
        ),
        capacity=make_resource(
            "Mental capacity assessments in practice",
            summary="Assessing mental capacity and recognising a deprivation of liberty.",
            authors="Jane Smith",
            topics=[topics["mental-capacity"]],
            source="practitioner",
            format="toolkit",
        ),
        reviews=make_resource(
            "Learning from adult reviews",
            summary="What adults safeguarded by councils told reviewers about the process.",
            authors="Sarah Brown",
            topics=[topics["safeguarding-adults"]],
            source="service-users-and-carers",
        ),
        guidelines=make_page(
            "Community guidelines",
            intro="How members keep confidentiality in discussions about practice.",
        ),
    )


def get(client, query="", **params):
    params = {"q": query, **params} if query is not None else params
    response = client.get("/search/", params)
    assert response.status_code == 200, response.content[:500]
    return response


def titles(response):
    html = response.content.decode()
    return sorted(
        html_lib.unescape(re.sub(r"<[^>]+>", "", m))
        for m in re.findall(r'<h[34] class="govuk-heading-s[^"]*"><a [^>]*>(.*?)</a>', html)
    )


def notes(response):
    return " ".join(response.context["search"].all_notes)


def test_the_empty_search_page_invites_a_search(client, db):
    response = get(client, None)
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'name="q"' in html
    assert "/search/tips/" in html


def test_a_word_finds_every_kind_with_counts(client, site):
    response = get(client, "confidentiality")
    assert titles(response) == [
        "Community guidelines",
        "Information sharing and consent",
        "Information sharing in child protection",
    ]
    tabs = {(t.kind.key if t.kind else "all"): t.count for t in response.context["search"].tabs}
    assert tabs == {"all": 3, "resources": 2, "pages": 1}


def test_filtering_by_kind(client, site):
    response = get(client, "confidentiality", kind="pages")
    assert titles(response) == ["Community guidelines"]
    response = get(client, "confidentiality", kind="resources")
    assert titles(response) == [
        "Information sharing and consent",
        "Information sharing in child protection",
    ]


def test_words_must_all_match(client, site):
    assert titles(get(client, "information children")) == [
        "Information sharing in child protection"
    ]


def test_and_or_not_with_brackets_and_a_phrase(client, site):
    query = '"information sharing" AND (consent OR confidentiality) NOT children'
    assert titles(get(client, query)) == ["Information sharing and consent"]
    assert titles(get(client, "consent OR liberty")) == [
        "Information sharing and consent",
        "Mental capacity assessments in practice",
    ]
    assert titles(get(client, "information -children")) == ["Information sharing and consent"]


def test_exact_phrase_keeps_word_order(client, site):
    assert titles(get(client, '"mental capacity"')) == ["Mental capacity assessments in practice"]
    assert titles(get(client, '"capacity mental"')) == []


def test_field_searches(client, site):
    assert titles(get(client, "author:munro")) == ["Information sharing and consent"]
    assert titles(get(client, 'title:"mental capacity"')) == [
        "Mental capacity assessments in practice"
    ]
    assert titles(get(client, "topic:safeguarding")) == [
        "Information sharing and consent",
        "Learning from adult reviews",
    ]
    assert titles(get(client, "source:practitioner")) == ["Mental capacity assessments in practice"]
    assert titles(get(client, "information NOT author:munro")) == [
        "Information sharing in child protection"
    ]
    # A field pages do not have finds no pages.
    assert get(client, "author:munro").context["search"].counts["pages"] == 0


def test_wildcard_finds_every_word_with_the_prefix(client, site):
    assert titles(get(client, "safeguard*")) == [
        "Information sharing and consent",
        "Learning from adult reviews",
    ]
    assert "Community guidelines" in titles(get(client, "confiden*"))


def test_fuzzy_matches_a_misspelling_or_says_it_cannot(client, site, engine):
    response = get(client, "libertty~")
    if engine == WHOOSH:
        assert titles(response) == ["Mental capacity assessments in practice"]
    else:
        assert titles(response) == []
        assert "searched for as written" in notes(response)


def test_snippets_highlight_the_matching_words(client, site, engine):
    html = get(client, "confidentiality").content.decode()
    assert "<mark>confidentiality</mark>" in html
    assert "Community guidelines" in html
    if engine == WHOOSH:
        # Stems match too: a search for "safeguarding" marks "safeguarded".
        html = get(client, "safeguarding", kind="resources").content.decode()
        assert "<mark>safeguarded</mark>" in html


def test_facets_count_and_narrow_the_resources(client, site):
    response = get(client, "information OR capacity", kind="resources")
    facets = {f["name"]: f for f in response.context["search"].facets}
    topic_counts = {o["value"]: o["count"] for o in facets["topic"]["options"]}
    assert topic_counts == {"safeguarding-adults": 1, "child-protection": 1, "mental-capacity": 1}
    source_counts = {o["value"]: o["count"] for o in facets["source"]["options"]}
    assert source_counts == {"research": 1, "policy-community": 1, "practitioner": 1}
    format_counts = {o["value"]: o["count"] for o in facets["format"]["options"]}
    assert format_counts == {"guide": 2, "toolkit": 1}
    assert {o["value"] for o in facets["band"]["options"]} == {"unappraised"}

    narrowed = get(client, "information OR capacity", kind="resources", topic="mental-capacity")
    assert titles(narrowed) == ["Mental capacity assessments in practice"]
    narrowed = get(client, "information OR capacity", kind="resources", format="guide")
    assert titles(narrowed) == [
        "Information sharing and consent",
        "Information sharing in child protection",
    ]


def test_did_you_mean(client, site, whoosh_only):
    # Searched for as typed, a misspelling finds nothing and the page offers its correction
    # (tests/search/test_spelling_correction.py: otherwise the correction is searched at once).
    response = get(client, "confidentality", as_typed="1")
    assert titles(response) == []
    assert response.context["search"].suggestion == "confidentiality"
    html = response.content.decode()
    assert "Did you mean" in html
    assert "q=confidentiality" in html
    # A correctly spelt search gets no suggestion.
    assert get(client, "confidentiality").context["search"].suggestion is None


def test_did_you_mean_draws_only_on_words_the_searcher_may_read(
    client, site, make_page, whoosh_only
):
    make_page("Public page", intro="A consultation with carers.")
    for n in range(2):
        members = make_page(f"Members' page {n}", intro="Consolation after a loss.")
        PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    # "consolation" is as close and in more documents, but only members may read them.
    assert get(client, "consoltation").context["search"].suggestion == "consultation"


@pytest.mark.parametrize(
    "query, note",
    [
        ('"information sharing', "quotation mark was not closed"),
        ("AND consent", "AND needs a word"),
        ("consent OR", "OR needs a word"),
        ("(consent OR confidentiality", "bracket was not closed"),
        ("consent)", "closing bracket"),
        ("NOT children", "NOT on its own finds everything except"),
        ("colour:red consent", "no field called"),
        ("NOT", "NOT needs a word"),
    ],
)
def test_malformed_queries_give_a_page_and_a_gentle_note(client, site, query, note):
    response = get(client, query)
    assert note in notes(response)
    assert "How we read your search" in response.content.decode()


def test_an_unclosed_quote_still_searches_the_phrase(client, site):
    assert titles(get(client, '"information sharing')) == [
        "Information sharing and consent",
        "Information sharing in child protection",
    ]


def test_unknown_kind_and_facet_values_are_explained(client, site):
    response = get(client, "consent", kind="spells")
    assert "not one we have" in notes(response)
    response = get(client, "consent", kind="resources", topic="no-such-topic")
    assert "We do not recognise" in notes(response)
    assert titles(response) == ["Information sharing and consent"]


@pytest.fixture
def private(site, home_page, make_page, library):
    members = make_page("Members' corner", intro="Notes on the zanzibarite method.")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    tutors = Group.objects.create(name="Tutors")
    group_page = make_page("Tutors' room", intro="Marking the quillwort exercise.")
    restriction = PageViewRestriction.objects.create(
        page=group_page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(tutors)
    index = ReadingListIndexPage(title="Reading lists", slug="reading-lists")
    home_page.add_child(instance=index)
    reading_list = ReadingListPage(
        title="Placement group list",
        slug="placement",
        intro="For the marmalade cohort only.",
        purpose="module",
        members_only=True,
    )
    index.add_child(instance=reading_list)
    draft = make_page("Unpublished draft", intro="About the tamarisk approach.", live=False)
    return SimpleNamespace(tutors=tutors, draft=draft)


PRIVATE_TEXT = {
    "zanzibarite": ("Members' corner", "zanzibarite method"),
    "quillwort": ("Tutors' room", "quillwort exercise"),
    "marmalade": ("Placement group list", "marmalade cohort"),
    "tamarisk": ("Unpublished draft", "tamarisk approach"),
}


@pytest.mark.parametrize("word", sorted(PRIVATE_TEXT))
def test_anonymous_visitors_find_nothing_private(client, private, word):
    response = get(client, word)
    html = response.content.decode()
    assert titles(response) == []
    assert response.context["search"].total == 0
    assert "0 results" in html
    title, snippet = PRIVATE_TEXT[word]
    assert title not in html.replace("&#x27;", "'")
    assert snippet not in html
    # Nor through a wildcard, a field search or a kind's own tab.
    for query in (f"{word[:5]}*", f"title:{title.split()[0]}"):
        assert titles(get(client, query)) == []
    assert titles(get(client, word, kind="pages")) == []


def test_members_and_group_members_find_what_they_may_read(client, private, student):
    client.force_login(student)
    assert titles(get(client, "zanzibarite")) == ["Members' corner"]
    assert titles(get(client, "marmalade")) == ["Placement group list"]
    assert titles(get(client, "quillwort")) == []
    student.groups.add(private.tutors)
    assert titles(get(client, "quillwort")) == ["Tutors' room"]
    assert titles(get(client, "tamarisk")) == []


def test_unpublished_and_deleted_pages_drop_out_without_reindexing(client, site):
    assert titles(get(client, "liberty")) == ["Mental capacity assessments in practice"]
    site.capacity.unpublish()
    assert titles(get(client, "liberty")) == []
    site.sharing.delete()
    assert titles(get(client, "munro OR eileen")) == []


def test_query_count_does_not_grow_with_results(
    client,
    site,
    make_resource,
    django_assert_max_num_queries,
):
    for n in range(30):
        make_resource(f"Consent study {n}", summary="Consent and confidentiality in practice.")
    # In production the task worker applies queued index changes, not the request.
    get_search_backend().refresh_indexes()
    with django_assert_max_num_queries(40):
        get(client, "consent", kind="resources")
    with django_assert_max_num_queries(40):
        get(client, "consent")


def test_search_is_in_the_navigation(client, db):
    html = client.get("/").content.decode()
    assert 'href="/search/"' in html


def test_resource_results_link_to_the_resource(client, site):
    html = get(client, "liberty").content.decode()
    assert f'href="{site.capacity.url}"' in html
    assert ResourcePage.objects.live().count() == 4


def test_a_field_with_a_space_after_its_colon_is_still_a_field(client, site):
    assert titles(get(client, "author: munro")) == titles(get(client, "author:munro"))
    assert titles(get(client, "author: munro")) == ["Information sharing and consent"]


def test_a_field_with_nothing_after_it_is_explained_and_left_out(client, site):
    response = get(client, "confidentiality title:")

    assert "“title:” needs what to look for straight after the colon" in notes(response)
    assert "Did you mean" not in response.content.decode()
    assert titles(response) == titles(get(client, "confidentiality"))


def test_a_colon_after_a_word_that_is_no_field_keeps_the_word(client, site):
    assert titles(get(client, "Information: sharing")) == titles(get(client, "information sharing"))


def test_full_width_letters_find_what_their_letters_find(client, site):
    expected = titles(get(client, "confidentiality"))
    assert titles(get(client, "ｃｏｎｆｉｄｅｎｔｉａｌｉｔｙ")) == expected
    assert titles(get(client, "conﬁdentiality")) == expected

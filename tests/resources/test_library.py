"""The library page: every filter and sort alone and combined, through the URL."""

import re
from decimal import Decimal

import pytest

from resources.credibility import Band
from resources.models import ResourceFormat, ResourcePage

pytestmark = pytest.mark.django_db

URL = "/library/"


def titles(response) -> list[str]:
    """Resource titles in the results, in the order shown."""
    html = response.content.decode()
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', html
    )


def set_state(resource, **fields):
    ResourcePage.objects.filter(pk=resource.pk).update(**fields)


@pytest.fixture
def catalogue(make_resource, topics):
    """Five resources that differ on every filter."""
    care_act_guide = make_resource(
        "Care Act safeguarding guide",
        source="research",
        format=ResourceFormat.REPORT,
        year=2019,
        topics=[topics["safeguarding-adults"]],
        pcf=["knowledge"],
        audiences=["student"],
        summary="Research on adult safeguarding enquiries and outcomes.",
    )
    capacity_act = make_resource(
        "Mental Capacity Act 2005",
        source="policy-community",
        format=ResourceFormat.LEGISLATION,
        year=2005,
        topics=[topics["safeguarding-adults"], topics["mental-capacity"]],
        pcf=["rights-justice-and-economic-wellbeing", "knowledge"],
        audiences=["experienced-practitioner"],
        summary="The law on decisions for people who may lack capacity.",
    )
    direct_work = make_resource(
        "Direct work with children",
        source="practitioner",
        format=ResourceFormat.GUIDE,
        year=2022,
        topics=[topics["child-protection"]],
        pcf=["skills-and-interventions"],
        audiences=["newly-qualified"],
        is_open_access=False,
        summary="Practice wisdom on talking with children about harm.",
    )
    lived_experience = make_resource(
        "Living with a capacity assessment",
        source="service-users-and-carers",
        format=ResourceFormat.VIDEO,
        year=2021,
        topics=[topics["mental-capacity"]],
        audiences=["student", "newly-qualified"],
        summary="A carer's account of being assessed.",
    )
    inspection = make_resource(
        "Inspection findings on supervision",
        source="organisational",
        format=ResourceFormat.GUIDE,
        year=2017,
        summary="What inspections found about supervision quality.",
    )
    set_state(
        care_act_guide,
        credibility_band=Band.HIGH,
        credibility_score=95,
        appraisal_count=2,
        rating_average=Decimal("4.50"),
        rating_count=4,
    )
    set_state(
        capacity_act,
        credibility_band=Band.HIGH,
        credibility_score=88,
        appraisal_count=1,
        rating_average=Decimal("4.90"),
        rating_count=10,
    )
    set_state(
        direct_work,
        credibility_band=Band.LOW,
        credibility_score=40,
        appraisal_count=1,
        rating_average=Decimal("2.00"),
        rating_count=1,
    )
    set_state(inspection, credibility_band=Band.MODERATE, credibility_score=60, appraisal_count=1)
    return {
        "care_act_guide": care_act_guide,
        "capacity_act": capacity_act,
        "direct_work": direct_work,
        "lived_experience": lived_experience,
        "inspection": inspection,
    }


def test_unfiltered_shows_everything_most_credible_first(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == [
        "Care Act safeguarding guide",
        "Mental Capacity Act 2005",
        "Inspection findings on supervision",
        "Direct work with children",
        "Living with a capacity assessment",
    ]
    assert "5 resources" in response.content.decode()


SINGLE_FILTERS = [
    ("source=research", {"Care Act safeguarding guide"}),
    (
        "source=research&source=practitioner",
        {"Care Act safeguarding guide", "Direct work with children"},
    ),
    ("format=legislation", {"Mental Capacity Act 2005"}),
    ("format=guide", {"Direct work with children", "Inspection findings on supervision"}),
    (
        "topic=mental-capacity",
        {"Mental Capacity Act 2005", "Living with a capacity assessment"},
    ),
    (
        "topic=safeguarding-adults&topic=child-protection",
        {
            "Care Act safeguarding guide",
            "Mental Capacity Act 2005",
            "Direct work with children",
        },
    ),
    ("pcf=knowledge", {"Care Act safeguarding guide", "Mental Capacity Act 2005"}),
    ("pcf=skills-and-interventions", {"Direct work with children"}),
    ("audience=student", {"Care Act safeguarding guide", "Living with a capacity assessment"}),
    (
        "audience=newly-qualified",
        {"Direct work with children", "Living with a capacity assessment"},
    ),
    ("band=high", {"Care Act safeguarding guide", "Mental Capacity Act 2005"}),
    ("band=unappraised", {"Living with a capacity assessment"}),
    (
        "band=moderate&band=low",
        {"Inspection findings on supervision", "Direct work with children"},
    ),
    (
        "year_from=2019",
        {
            "Care Act safeguarding guide",
            "Direct work with children",
            "Living with a capacity assessment",
        },
    ),
    ("year_to=2017", {"Mental Capacity Act 2005", "Inspection findings on supervision"}),
    (
        "year_from=2017&year_to=2019",
        {"Care Act safeguarding guide", "Inspection findings on supervision"},
    ),
    (
        "open=on",
        {
            "Care Act safeguarding guide",
            "Mental Capacity Act 2005",
            "Living with a capacity assessment",
            "Inspection findings on supervision",
        },
    ),
    ("q=capacity", {"Mental Capacity Act 2005", "Living with a capacity assessment"}),
]


def test_each_filter_alone(client, catalogue):
    for query, expected in SINGLE_FILTERS:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, query
        assert set(titles(response)) == expected, query


COMBINED_FILTERS = [
    (
        "topic=safeguarding-adults&pcf=knowledge&band=high",
        ["Care Act safeguarding guide", "Mental Capacity Act 2005"],
    ),
    (
        "topic=safeguarding-adults&format=legislation&audience=experienced-practitioner",
        ["Mental Capacity Act 2005"],
    ),
    (
        "topic=mental-capacity&source=service-users-and-carers&year_from=2020&open=on",
        ["Living with a capacity assessment"],
    ),
    ("audience=newly-qualified&open=on", ["Living with a capacity assessment"]),
    ("topic=child-protection&band=high", []),
    ("q=capacity&band=high&sort=newest", ["Mental Capacity Act 2005"]),
    # The Mental Capacity Act matches through its topic's name, and is rated more useful.
    (
        "q=safeguarding&topic=safeguarding-adults&sort=useful",
        ["Mental Capacity Act 2005", "Care Act safeguarding guide"],
    ),
]


def test_filters_combined(client, catalogue):
    for query, expected in COMBINED_FILTERS:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, query
        assert titles(response) == expected, query


SORTS = [
    (
        "newest",
        [
            "Direct work with children",
            "Living with a capacity assessment",
            "Care Act safeguarding guide",
            "Inspection findings on supervision",
            "Mental Capacity Act 2005",
        ],
    ),
    (
        "credible",
        [
            "Care Act safeguarding guide",
            "Mental Capacity Act 2005",
            "Inspection findings on supervision",
            "Direct work with children",
            "Living with a capacity assessment",
        ],
    ),
    (
        "useful",
        [
            "Mental Capacity Act 2005",
            "Care Act safeguarding guide",
            "Direct work with children",
            "Inspection findings on supervision",
            "Living with a capacity assessment",
        ],
    ),
    (
        "relevance",
        [
            "Care Act safeguarding guide",
            "Mental Capacity Act 2005",
            "Inspection findings on supervision",
            "Direct work with children",
            "Living with a capacity assessment",
        ],
    ),
]


def test_each_sort(client, catalogue):
    for sort, expected in SORTS:
        response = client.get(f"{URL}?sort={sort}")
        assert response.status_code == 200, sort
        assert titles(response) == expected, sort


def test_sort_combined_with_filters(client, catalogue):
    response = client.get(f"{URL}?topic=mental-capacity&sort=newest")
    assert titles(response) == ["Living with a capacity assessment", "Mental Capacity Act 2005"]
    response = client.get(f"{URL}?topic=mental-capacity&sort=useful")
    assert titles(response) == ["Mental Capacity Act 2005", "Living with a capacity assessment"]


def test_relevance_puts_the_best_match_first(client, catalogue):
    response = client.get(f"{URL}?q=capacity&sort=relevance")
    # The title match outranks a summary-only match.
    found = titles(response)
    assert set(found) == {"Mental Capacity Act 2005", "Living with a capacity assessment"}
    assert response.status_code == 200


UNKNOWN_VALUES = [
    ("topic=basket-weaving", "We do not recognise the topic “basket-weaving”"),
    ("source=gossip", "We do not recognise the knowledge source “gossip”"),
    ("format=hologram", "We do not recognise the format “hologram”"),
    ("pcf=juggling", "We do not recognise the PCF domain “juggling”"),
    ("audience=everyone", "We do not recognise the audience “everyone”"),
    ("band=stellar", "We do not recognise the credibility band “stellar”"),
    ("sort=random", "We do not recognise the sort order “random”"),
    ("year_from=last+year", "Enter the earliest year as a number"),
    ("year_to=1700", "The latest year must be 1800 or later"),
    (
        "year_from=2020&year_to=2010",
        "The latest year must be the same as or after the earliest",
    ),
]


def test_unknown_filter_value_gives_a_clear_message(client, catalogue):
    for query, message in UNKNOWN_VALUES:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 400, query
        html = response.content.decode()
        assert "There is a problem" in html, query
        assert message in html, query
        assert "<title>Error:" in html, query


def test_unknown_value_drops_only_its_own_filter(client, catalogue):
    response = client.get(f"{URL}?topic=nonsense&format=legislation")
    assert response.status_code == 400
    assert titles(response) == ["Mental Capacity Act 2005"]


def test_filtered_list_can_be_bookmarked(client, catalogue):
    query = "topic=mental-capacity&band=high&sort=newest"
    first = client.get(f"{URL}?{query}")
    again = client.get(f"{URL}?{query}")
    assert titles(first) == titles(again) == ["Mental Capacity Act 2005"]
    html = first.content.decode()
    # The form shows what is applied, and each filter can be removed on its own.
    assert re.search(r'value="mental-capacity" id="id_topic_\d"[^>]* checked', html)
    assert "Topic: Mental capacity" in html
    assert 'href="?band=high&amp;sort=newest"' in html


def test_pagination_keeps_the_filters(client, make_resource, topics):
    for n in range(25):
        make_resource(f"Capacity resource {n:02d}", topics=[topics["mental-capacity"]])
    make_resource("Unrelated")
    response = client.get(f"{URL}?topic=mental-capacity&sort=newest")
    html = response.content.decode()
    assert len(titles(response)) == 20
    assert "25 resources match your filters" in html
    assert 'href="?topic=mental-capacity&amp;sort=newest&amp;page=2"' in html

    page_two = client.get(f"{URL}?topic=mental-capacity&sort=newest&page=2")
    assert len(titles(page_two)) == 5
    assert "Unrelated" not in titles(page_two)
    # A page number past the end shows the last page rather than an error.
    assert titles(client.get(f"{URL}?topic=mental-capacity&sort=newest&page=99")) == titles(
        page_two
    )


def test_draft_and_private_resources_are_not_listed(client, catalogue):
    catalogue["inspection"].unpublish()
    assert "Inspection findings on supervision" not in titles(client.get(URL))


def test_library_redirect_keeps_the_query(client, catalogue):
    response = client.get("/resources/?topic=mental-capacity")
    assert response.status_code == 302
    assert response["Location"] == "/library/?topic=mental-capacity"

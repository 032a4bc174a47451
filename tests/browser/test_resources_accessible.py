"""The resource library in a real browser: the library, a resource page, the appraisal
form (empty, and with errors) and the comparison view, each with zero axe violations."""

import pytest
from playwright.sync_api import expect

from resources import services
from resources.credibility import Score
from tests.browser.axe import check_page, login
from tests.resources.conftest import judgements

pytestmark = pytest.mark.browser


@pytest.fixture
def appraised(make_resource, topics, educator, second_educator, practitioner):  # noqa: F811
    resource = make_resource(
        "Making Safeguarding Personal",
        topics=[topics["safeguarding-adults"]],
        pcf=["values-and-ethics", "skills-and-interventions"],
        audiences=["student", "newly-qualified"],
        body="<h2>How to use it</h2><p>Start from the person's own outcomes.</p>",
    )
    services.appraise_resource(resource, by=educator, scores=judgements(), comment="Sound.")
    services.appraise_resource(
        resource, by=second_educator, scores=judgements(utility=Score.NOT_MET)
    )
    services.rate_resource(resource, by=practitioner, score=4, comment="Changed my practice.")
    for n in range(3):
        make_resource(f"Another resource {n}", topics=[topics["mental-capacity"]], year=2015 + n)
    return resource


def test_library_is_accessible(page, appraised):
    response = page.goto("/library/")
    assert response.status == 200
    check_page(page)

    # On a phone the first result comes before the filters, which wait behind a
    # disclosure that needs no JavaScript.
    page.set_viewport_size({"width": 320, "height": 800})
    # (Below the title, the introduction, the search box and the sort order: 2,800 px down
    # when every filter was open.)
    first_result = page.locator("#results-heading").bounding_box()
    assert first_result["y"] < 1000, f"the results start {first_result['y']:.0f}px down"
    expect(page.get_by_label("High credibility")).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})

    # Filtering is a plain GET form; applying one keeps the result bookmarkable.
    page.locator("summary", has_text="Filter").first.click()
    page.get_by_label("High credibility").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 resource matches your filters")).to_be_visible()
    assert "band=high" in page.url
    expect(page.get_by_label("High credibility")).to_be_checked()
    check_page(page)


def test_library_with_an_unknown_filter_is_accessible(page, appraised):
    response = page.goto("/library/?topic=not-a-topic&year_from=soon")
    assert response.status == 400
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_page(page)


def test_resource_page_is_accessible(page, appraised, student):
    page.goto(appraised.url)
    check_page(page)

    login(page, student)
    page.goto(appraised.url)
    expect(page.get_by_role("button", name="Save your rating")).to_be_visible()
    check_page(page)


def test_how_we_rate_is_accessible(page):
    page.goto("/resources/how-we-rate-sources/")
    check_page(page)


def test_learner_appraisal_form_and_comparison_are_accessible(page, appraised, student):
    login(page, student)
    page.goto(f"/resources/{appraised.pk}/appraise/")
    check_page(page)

    # Sent empty: the error summary and every field's message must be accessible too.
    page.get_by_role("button", name="Save and compare").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_page(page)

    # Completed with the keyboard-operable controls, then compared.
    for key, score in [
        ("transparency", "Met"),
        ("accuracy", "Partly met"),
        ("purposivity", "Met"),
        ("utility", "Not met"),
        ("propriety", "Not applicable"),
        ("accessibility", "Met"),
        ("specificity", "Met"),
    ]:
        page.locator(f"input[name={key}_score]").and_(
            page.locator(f"xpath=//input[following-sibling::label[normalize-space()='{score}']]")
        ).check()
        page.locator(f"textarea[name={key}_reason]").fill(f"My reason about {key}.")
    page.get_by_role("button", name="Save and compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Making Safeguarding Personal")
    expect(page.get_by_text("Criterion by criterion")).to_be_visible()
    check_page(page)

    page.goto("/resources/my-appraisals/")
    check_page(page)


def test_educator_appraisal_form_is_accessible(page, appraised, educator):
    login(page, educator)
    page.goto(f"/resources/{appraised.pk}/appraise/")
    expect(page.get_by_role("button", name="Save appraisal")).to_be_visible()
    check_page(page)

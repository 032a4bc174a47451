"""The search page in a real browser: with results, with none, with a spelling suggestion and
with facets, each with zero axe violations and no horizontal scroll at 320 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import check_page

pytestmark = pytest.mark.browser


def test_search_with_results(page, search_resources):
    page.goto("/search/")
    check_page(page)
    page.get_by_label("Search resources and pages").fill(
        '"information sharing" AND (consent OR confidentiality) NOT children'
    )
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("1 result")
    expect(page.locator("mark").first).to_be_visible()
    check_page(page)


def test_resources_with_facets(page, search_resources):
    page.goto("/search/?q=consent+OR+capacity&kind=resources")
    expect(page.locator("#results-heading")).to_have_text("2 resources found")
    check_page(page)
    page.get_by_label("Toolkit").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results-heading")).to_have_text("1 resource found")
    check_page(page)


def test_no_results_and_a_note(page, search_resources):
    page.goto("/search/?q=%22zebra+crossings")
    expect(page.locator("#results-heading")).to_have_text("0 results")
    expect(page.locator("#search-notes")).to_contain_text("quotation mark was not closed")
    check_page(page)


def test_spelling_correction_and_suggestion(page, search_resources):
    page.goto("/search/?q=confidentality")
    correction = page.locator("#spelling-correction")
    expect(correction).to_contain_text("Showing results for confidentiality")
    expect(page.locator("#results-heading")).to_have_text("1 result")
    check_page(page)

    correction.get_by_role("link", name="confidentality").click()
    expect(page.locator("#results-heading")).to_have_text("0 results")
    link = page.locator("#did-you-mean a")
    expect(link).to_have_text("confidentiality")
    check_page(page)
    link.click()
    expect(page.locator("#results-heading")).to_have_text("1 result")

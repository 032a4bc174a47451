"""The search tips page and the search box's suggestions in a real browser."""

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible, check_page


def test_tips_page_is_accessible_and_its_examples_run(page, search_resources):
    page.goto("/search/tips/")
    check_page(page)
    query = '"information sharing" AND (consent OR confidentiality) NOT children'
    page.get_by_role("link", name=query, exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("1 result")
    expect(page.get_by_label("Search resources and pages")).to_have_value(query)


def test_search_box_suggests_titles(page, search_resources):
    page.goto("/search/")
    box = page.get_by_label("Search resources and pages")
    box.press_sequentially("safeg", delay=30)
    options = page.locator("datalist option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_attribute("value", "Safeguarding adults: making it personal")
    assert_accessible(page)


def test_search_box_without_javascript(
    browser, live_server, django_db_serialized_rollback, search_resources
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/search/")
        page.get_by_label("Search resources and pages").fill("personal")
        page.get_by_role("button", name="Search", exact=True).click()
        expect(page.locator("#results-heading")).to_have_text("1 result")
        assert page.locator("datalist").count() == 0
    finally:
        context.close()

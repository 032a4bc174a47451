"""Core pages in a real browser: axe-core (WCAG 2.2 AA), one h1, reflow at 320 px, and
signing in to see one's own navigation."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from cop_site.accounts.models import Role
from tests.browser.axe import assert_accessible, check_page, login

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/signup/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_is_accessible(page, url):
    response = page.goto(url)

    assert response.status == 200
    check_page(page)


def test_login_page_with_an_error_is_accessible(page, practitioner):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(practitioner.email)
    page.locator("input[name=password]").fill("not-the-password")
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")

    expect(page.locator("input[name=login]")).to_have_value(practitioner.email)
    check_page(page)


def test_signup_page_with_errors_is_accessible(page):
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill("not-an-email")
    # Submitted without the browser's own checks, to see the server's error messages.
    with page.expect_navigation():
        page.locator("input[name=email]").evaluate("(input) => input.form.submit()")

    check_page(page)


def test_profile_page_is_accessible(page, practitioner):
    login(page, practitioner)
    response = page.goto("/accounts/profile/")

    assert response.status == 200
    check_page(page)


ROLE_NAVIGATION = {
    # role: (items they see, items they do not)
    Role.STUDENT: ({"Home", "People"}, {"Verify registrations", "Members and roles"}),
    Role.PRACTITIONER: ({"Home", "People"}, {"Manage content", "Members and roles"}),
    Role.EDUCATOR: (
        {"Home", "People", "Verify registrations", "Manage content", "Your appraisals"},
        {"Members and roles"},
    ),
    Role.MODERATOR: ({"Home", "People", "Members"}, {"Verify registrations", "Members and roles"}),
    Role.SITE_ADMIN: (
        {"Home", "People", "Verify registrations", "Members and roles", "Manage content"},
        {"Members"},
    ),
}


@pytest.mark.parametrize("role", list(ROLE_NAVIGATION))
def test_signing_in_shows_the_roles_navigation(page, make_user, role):
    user = make_user(
        f"{role}-browser@example.com",
        roles=[role],
        mfa=role in {Role.EDUCATOR, Role.MODERATOR, Role.SITE_ADMIN},
        display_name=f"Browser {role}",
    )
    # Each test starts from the migrated database (home page and site included), even
    # though an earlier test's live-server run emptied it.
    assert page.goto("/").status == 200
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()

    login(page, user)

    assert urlsplit(page.url).path == "/"
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("link", name=f"Browser {role}")).to_be_visible()
    navigation = page.get_by_role("navigation", name="Main")
    shown, hidden = ROLE_NAVIGATION[role]
    for label in shown:
        expect(navigation.get_by_role("link", name=label, exact=True)).to_be_visible()
    for label in hidden:
        expect(navigation.get_by_role("link", name=label, exact=True)).to_have_count(0)
    assert_accessible(page)

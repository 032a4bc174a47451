"""Security keys and passkeys (WebAuthn) in a real browser, under the site's strict
Content-Security-Policy.

Chromium's virtual authenticator (through the DevTools protocol) stands in for a key: a
platform authenticator that stores credentials on the device (so it can hold passkeys) and
always passes user verification, as if the person had given their PIN or fingerprint.
"""

from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from playwright.sync_api import Page, expect

from cop_site.accounts.models import Role
from tests.browser.axe import check_page, login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ADD_KEY_URL = "/accounts/2fa/webauthn/add/"
KEYS_URL = "/accounts/2fa/webauthn/"
MFA_AUTHENTICATE_URL = "/accounts/2fa/authenticate/"
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def console(page: Page) -> list[str]:
    """Everything the page logs, and any uncaught script error."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"uncaught error: {error}"))
    return messages


@pytest.fixture
def virtual_authenticator(page: Page):
    """A virtual platform authenticator (CTAP2, resident keys, user verification) attached
    to the page; yields the DevTools session and the authenticator's id."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    added = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    yield session, added["authenticatorId"]
    session.send("WebAuthn.disable")


def credentials_on(virtual_authenticator) -> list[dict]:
    session, authenticator_id = virtual_authenticator
    return session.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})[
        "credentials"
    ]


def assert_no_csp_violations(console: list[str]) -> None:
    blocked = [message for message in console if "Content Security Policy" in message]
    assert not blocked, "The Content-Security-Policy blocked something:\n" + "\n".join(blocked)
    errors = [message for message in console if message.startswith("uncaught error")]
    assert not errors, "A script failed:\n" + "\n".join(errors)


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def confirm_password(page: Page) -> None:
    """Answers the "Confirm it is you" page with the password."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()


def age_the_sign_in(page: Page, seconds: int) -> None:
    """Moves the browser session's record of signing in ``seconds`` into the past."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    (key,) = [c["value"] for c in page.context.cookies() if c["name"] == "sessionid"]
    session = SessionStore(session_key=key)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "at": record["at"] - seconds}
        for record in session[AUTHENTICATION_METHODS_SESSION_KEY]
    ]
    session.save()


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def add_key(page: Page, name: str, *, passkey: bool, check_accessibility: bool = False) -> None:
    """Adds a key through the add-key page, confirming the password first."""
    page.goto(ADD_KEY_URL)
    if "/reauthenticate/" in page.url:
        confirm_password(page)
    assert path_of(page) == ADD_KEY_URL
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a security key or passkey")
    if check_accessibility:
        check_page(page)
        page.set_viewport_size(WIDE)
    page.get_by_label("Name (optional)").fill(name)
    if passkey:
        page.get_by_label("Passwordless").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add", exact=True).click()


def test_a_security_key_is_the_second_step_at_sign_in(
    page, make_user, console, virtual_authenticator
):
    # Like the demo educator: password only, until two-factor authentication is set up.
    educator = make_user(
        "educator@example.com", roles=[Role.EDUCATOR], display_name="Dr Helen Price"
    )
    login(page, educator)

    # Without two-factor authentication the admin is closed. (Asked without rendering the
    # admin: this test is about the site's own pages and their policy.)
    closed = page.request.get("/admin/", max_redirects=0)
    assert closed.status == 302
    assert closed.headers["location"] == "/accounts/2fa/"

    add_key(page, "Office key", passkey=False, check_accessibility=True)

    # The first key also brings recovery codes, shown straight away.
    assert path_of(page) == "/accounts/2fa/recovery-codes/"
    key = Authenticator.objects.get(user=educator, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Office key"
    # Not a passkey. (Chromium leaves out whether a non-resident key is one, so allauth
    # records "unspecified" rather than "no".)
    assert not key.wrap().is_passwordless
    assert len(credentials_on(virtual_authenticator)) == 1

    page.goto(KEYS_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Security keys and passkeys")
    card = page.locator(".govuk-summary-card").filter(has_text="Office key")
    expect(card).to_contain_text("Security key")
    expect(card).to_contain_text("Not used yet")
    check_page(page)
    page.set_viewport_size(WIDE)

    # The same key cannot be added twice; the page says so.
    page.goto(ADD_KEY_URL)
    page.get_by_role("button", name="Add", exact=True).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("already added to your account")
    expect(summary).to_be_focused()
    check_page(page)
    page.set_viewport_size(WIDE)
    assert (
        Authenticator.objects.filter(user=educator, type=Authenticator.Type.WEBAUTHN).count() == 1
    )

    # The key counts as two-factor authentication for the admin.
    assert page.request.get("/admin/", max_redirects=0).status == 200

    sign_out(page)

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(educator.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    assert path_of(page) == MFA_AUTHENTICATE_URL
    check_page(page)
    page.set_viewport_size(WIDE)
    with page.expect_navigation():
        page.get_by_role("button", name="Use a security key").click()

    assert path_of(page) == "/"
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("link", name="Dr Helen Price")).to_be_visible()
    key.refresh_from_db()
    assert key.wrap().instance.last_used_at is not None
    assert_no_csp_violations(console)


def test_a_passkey_signs_in_alone(page, make_user, console, virtual_authenticator):
    moderator = make_user("moderator@example.com", roles=[Role.MODERATOR], display_name="Sam Patel")
    login(page, moderator)

    add_key(page, "Laptop", passkey=True)
    assert path_of(page) == "/accounts/2fa/recovery-codes/"
    [credential] = credentials_on(virtual_authenticator)
    assert credential["isResidentCredential"] is True

    # Rename it.
    page.goto(KEYS_URL)
    expect(page.locator(".govuk-summary-card").filter(has_text="Laptop")).to_contain_text(
        "Passkey: signs you in on its own"
    )
    with page.expect_navigation():
        page.get_by_role("link", name="Rename Laptop").click()
    check_page(page)
    page.set_viewport_size(WIDE)
    page.get_by_label("Name").fill("Work laptop")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert path_of(page) == KEYS_URL
    expect(page.get_by_role("heading", name="Work laptop")).to_be_visible()

    sign_out(page)

    # A passkey that cannot confirm who is holding it (no PIN or fingerprint) is refused,
    # and the page says what went wrong.
    session, authenticator_id = virtual_authenticator
    session.send(
        "WebAuthn.setUserVerified", {"authenticatorId": authenticator_id, "isUserVerified": False}
    )
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("did not respond")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    check_page(page)
    page.set_viewport_size(WIDE)

    session.send(
        "WebAuthn.setUserVerified", {"authenticatorId": authenticator_id, "isUserVerified": True}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in with a passkey").click()

    assert path_of(page) == "/"
    expect(page.get_by_role("link", name="Sam Patel")).to_be_visible()
    assert page.request.get("/manage/members/", max_redirects=0).status == 200

    # Some minutes after signing in, removing a key asks the person to confirm it is them:
    # here, with the key.
    age_the_sign_in(page, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
    page.goto(KEYS_URL)
    with page.expect_navigation():
        page.get_by_role("link", name="Remove Work laptop").click()
    assert "/reauthenticate/" in page.url
    with page.expect_navigation():
        # GOV.UK styles the alternatives as buttons, though they are links.
        page.get_by_role("button", name="Use a security key").click()
    check_page(page)
    page.set_viewport_size(WIDE)
    with page.expect_navigation():
        page.get_by_role("button", name="Use a security key").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove a security key")
    check_page(page)
    page.set_viewport_size(WIDE)
    with page.expect_navigation():
        page.get_by_role("button", name="Remove").click()

    assert path_of(page) == KEYS_URL
    expect(page.get_by_text("No security keys have been added.")).to_be_visible()
    assert not Authenticator.objects.filter(
        user=moderator, type=Authenticator.Type.WEBAUTHN
    ).exists()
    assert_no_csp_violations(console)


@pytest.fixture
def page_without_javascript(browser, live_server, django_db_serialized_rollback):
    context = browser.new_context(
        base_url=live_server.url, viewport=WIDE, java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_without_javascript_keys_are_explained_and_passkey_sign_in_is_hidden(
    page_without_javascript, make_user
):
    page = page_without_javascript
    member = make_user("no-script@example.com", roles=[Role.PRACTITIONER])

    page.goto("/accounts/login/")
    expect(page.get_by_role("button", name="Sign in with a passkey")).to_be_hidden()

    login(page, member)
    # Just signed in, so not asked for the password again.
    page.goto(ADD_KEY_URL)
    assert path_of(page) == ADD_KEY_URL
    # (Playwright's text search skips <noscript>, so it is found by its markup.)
    message = page.locator("main noscript p")
    expect(message).to_be_visible()
    expect(message).to_have_text(
        "You need to turn on JavaScript in your browser to use a security key or passkey."
    )

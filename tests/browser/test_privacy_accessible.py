"""The privacy pages in a real browser: "Your data", "Records about you", erasing your own
account and a member's, the download's status pages, the privacy notice and the audit log,
each with zero axe violations (WCAG 2.2 AA), one h1 and no sideways scrolling at 320 px.

Asking for a copy of your data and erasing your account are then done end to end with
JavaScript turned off, as someone whose browser runs none would do them, with axe run on
every page they pass through, error states included.
"""

import json
import re
import zipfile
from datetime import timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from cop_site.accounts.models import Role, SignInRecord, User
from cop_site.privacy import audit, registry, selectors
from cop_site.privacy.models import AuditEntry, DataExport
from cop_site.privacy.views.erasure import ERASED_MESSAGE, MEMBER_ERASED_MESSAGE
from cop_site.privacy.views.exports import READY_MESSAGE
from tests.browser.axe import assert_accessible, assert_one_h1, check_page, login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 900}
# A browser's full identification, long and ending in a word with nowhere to break it: the
# records page must still fit a 320 px screen.
LONG_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro Build/AP2A.240805.005) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/127.0.6533.103 Mobile Safari/537.36 "
    "EdgA/127.0.2651.86;VeryLongVendorTokenWithoutAnySpacesInItToBreakAt=0123456789abcdef"
)
# More than one page of each of the records page's two lists, so its pagination shows.
MANY = 30


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def check_and_widen(page: Page) -> None:
    """`check_page`, then back to the desktop width for the next step."""
    check_page(page)
    page.set_viewport_size(WIDE)


# With JavaScript off, Playwright can still run axe-core in the page, but timers never fire,
# and axe-core waits on zero-delay ones between its steps. This runs those as promise
# callbacks, which still run. The page's own scripts stay off.
ZERO_DELAY_TIMERS = """() => {
  window.setTimeout = (callback, delay, ...args) => {
    if (!delay) Promise.resolve().then(() => callback(...args));
    return 0;
  };
}"""
RAN_SCRIPTS = "document.body.classList.contains('js-enabled')"


def check_without_javascript(page: Page) -> None:
    """`check_page` on a page shown with JavaScript off, then back to the desktop width.
    First makes sure the page ran none of its scripts (the base template's first one marks
    the body `js-enabled`)."""
    assert not page.evaluate(RAN_SCRIPTS), f"{page.url} ran its scripts"
    page.evaluate(ZERO_DELAY_TIMERS)
    check_page(page)
    page.set_viewport_size(WIDE)


@pytest.fixture
def page_without_javascript(browser, live_server, django_db_serialized_rollback):
    """A fresh browser context with JavaScript turned off."""
    context = browser.new_context(
        base_url=live_server.url, viewport=WIDE, java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def member_with_records(practitioner, site_admin) -> User:
    """A practitioner with pages of audit entries and sign-ins (some with a long browser
    name), and one download of each status the hub shows."""
    now = timezone.now()
    for n in range(MANY):
        audit.record(
            "accounts.role_granted" if n % 2 else "accounts.role_revoked",
            actor=site_admin if n % 3 else None,
            subject=practitioner,
            reason=f"Reason number {n} for the change" if n % 4 else "",
            role=Role.EDUCATOR,
        )
        SignInRecord.objects.create(
            user=practitioner,
            at=now - timedelta(hours=n + 1),
            ip_address=f"2001:db8:85a3:0:0:8a2e:370:{n:x}" if n % 2 else None,
            user_agent=LONG_USER_AGENT if n % 3 == 0 else "",
        )
    DataExport.objects.create(
        user=practitioner,
        status=DataExport.Status.READY,
        requested_at=now - timedelta(hours=2),
        ready_at=now - timedelta(hours=2),
        expires_at=now + timedelta(days=6),
        size=48_213,
    )
    DataExport.objects.create(
        user=practitioner, status=DataExport.Status.FAILED, requested_at=now - timedelta(hours=3)
    )
    DataExport.objects.create(user=practitioner, requested_at=now - timedelta(minutes=5))
    return practitioner


# --- The pages, one by one ----------------------------------------------------------------


def test_your_data_and_records_about_you_are_accessible(page, member_with_records):
    login(page, member_with_records)

    assert page.goto("/your-data/").status == 200
    table = page.get_by_role("table", name="Copies you asked for")
    for tag in ["Ready", "Could not be prepared", "Being prepared"]:
        expect(table.get_by_text(tag, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Latest sign-ins")).to_be_visible()
    check_and_widen(page)

    page.get_by_role("link", name="See all records about you and your sign-in history").click()
    assert path_of(page) == "/your-data/records/"
    # The fixture's, and those of the role given at sign-up and of signing in just now.
    records = AuditEntry.objects.filter(subject=member_with_records).count()
    sign_ins = SignInRecord.objects.filter(user=member_with_records).count()
    assert records > MANY and sign_ins > MANY
    expect(page.get_by_role("table", name=f"{records} records")).to_be_visible()
    expect(page.get_by_role("table", name=f"{sign_ins} sign-ins")).to_be_visible()
    check_and_widen(page)

    # The second page of each list.
    page.get_by_role("link", name="Older sign-ins").click()
    expect(page.get_by_role("link", name="Newer sign-ins")).to_be_visible()
    check_and_widen(page)
    assert page.goto("/your-data/records/?page=2").status == 200
    check_page(page)


def test_records_about_a_new_member_are_accessible(page, make_user):
    # Without a role, signing in through the form is their only record: one sign-in.
    newcomer = make_user("newcomer@example.com")
    login(page, newcomer)

    page.goto("/your-data/")
    expect(page.get_by_text("There are no records about your account yet.")).to_be_visible()
    check_and_widen(page)
    page.goto("/your-data/records/")
    expect(page.get_by_role("table", name="1 sign-in")).to_be_visible()
    check_page(page)


@pytest.mark.parametrize(
    ("status", "state", "heading", "code"),
    [
        (DataExport.Status.PENDING, "pending", "Your data is being prepared", 200),
        (DataExport.Status.FAILED, "failed", "Your data could not be prepared", 200),
        (DataExport.Status.READY, "expired", "This download has expired", 410),
    ],
)
def test_download_status_pages_are_accessible(page, practitioner, status, state, heading, code):
    now = timezone.now()
    export = DataExport.objects.create(
        user=practitioner,
        status=status,
        requested_at=now - timedelta(days=8),
        # A ready download past its expiry, not yet deleted by the retention command.
        expires_at=now - timedelta(hours=1) if state == "expired" else None,
    )
    login(page, practitioner)

    response = page.goto(f"/your-data/download/{export.public_id}/")

    assert response.status == code
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    ask_again = page.get_by_role("button", name="Ask for a new copy of your data")
    expect(ask_again).to_have_count(0 if state == "pending" else 1)
    check_page(page)


def test_erase_pages_are_accessible_to_a_site_admin(page, site_admin, make_user):
    member = make_user("leaving@example.com", roles=[Role.STUDENT], display_name="Lee Leaving")
    login(page, site_admin)

    # The only site admin cannot erase their own account yet: the page says why.
    page.goto("/your-data/erase/")
    expect(page.get_by_role("heading", name="You cannot erase your account yet")).to_be_visible()
    expect(page.get_by_role("button", name="Erase my account")).to_have_count(0)
    check_and_widen(page)

    page.goto("/manage/members/")
    page.get_by_role("link", name="Erase account of Lee Leaving").click()
    assert path_of(page) == f"/manage/members/{member.pk}/erase/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase the account of Lee Leaving")
    check_and_widen(page)

    # Sent with a choice but no reason or confirmation: errors, and the choice kept.
    page.get_by_label("Delete it too").check()
    submit(page, "Erase this account")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="Enter the reason for erasing this account")
    ).to_be_visible()
    expect(page.get_by_label("Delete it too")).to_be_checked()
    assert page.title().startswith("Error: ")
    check_and_widen(page)

    page.get_by_label("Reason", exact=True).fill("Asked by email on 3 March; checked by phone.")
    page.get_by_label("I understand that this account will be erased").check()
    submit(page, "Erase this account")
    assert path_of(page) == "/manage/members/"
    expect(page.get_by_text(MEMBER_ERASED_MESSAGE)).to_be_visible()
    assert User.objects.get(pk=member.pk).is_erased
    check_page(page)


@pytest.fixture
def demo_notice(db, monkeypatch) -> str:
    """The demo's privacy notice, loaded as `manage.py load_demo_content` does (the home
    app's pages only, to keep the test quick); returns its URL."""
    for config in apps.get_app_configs():
        if config.label != "home":
            monkeypatch.setattr(config, "demo_loaders", (), raising=False)
    call_command("load_demo_content", "--force", stdout=StringIO())
    return "/privacy/"


def test_privacy_notice_is_accessible(page, demo_notice):
    assert page.goto(demo_notice).status == 200
    # The cards built from the code: every holding of every provider, and every cookie.
    cards = page.locator(".govuk-summary-card")
    expect(cards).to_have_count(len(registry.notice_rows()) + len(registry.cookies()))
    for cookie in registry.cookies():
        expect(page.locator("code", has_text=cookie.name)).to_be_visible()
    check_page(page)


def test_audit_log_in_the_admin_is_accessible(page, member_with_records, site_admin):
    # Wagtail's screens are held to axe at 1280 px only, as the page walk holds the resource
    # edit page: the editor is not built for a 320 px screen. The audit log's columns,
    # filters and inspect view are this project's.
    login(page, site_admin)

    assert page.goto("/admin/audit_log/").status == 200
    assert_one_h1(page)
    assert_accessible(page)

    assert page.goto("/admin/audit_log/?action=accounts.role_granted").status == 200
    granted = AuditEntry.objects.filter(action="accounts.role_granted").count()
    assert MANY // 2 < granted < 50  # one page of the list
    when = re.compile(r"^\d+ \w+ \d{4}, \d\d:\d\d$")
    expect(page.get_by_role("link", name=when)).to_have_count(granted)
    assert_accessible(page)

    entry = AuditEntry.objects.filter(reason__startswith="Reason number").first()
    assert page.goto(f"/admin/audit_log/inspect/{entry.pk}/").status == 200
    expect(page.get_by_text(entry.reason)).to_be_visible()
    assert_one_h1(page)
    assert_accessible(page)


# --- The two flows without JavaScript -------------------------------------------------------


def test_asking_for_and_downloading_a_copy_without_javascript(
    page_without_javascript, practitioner, tmp_path: Path
):
    page = page_without_javascript
    login(page, practitioner)
    page.goto("/your-data/")
    expect(page.get_by_role("table", name="Copies you asked for")).to_have_count(0)
    check_without_javascript(page)

    # Tasks run at once in the tests, so the copy is ready when the page comes back.
    submit(page, "Ask for a copy of your data")
    assert path_of(page) == "/your-data/"
    expect(page.get_by_text(READY_MESSAGE)).to_be_visible()
    table = page.get_by_role("table", name="Copies you asked for")
    expect(table.get_by_text("Ready", exact=True)).to_be_visible()
    check_without_javascript(page)

    with page.expect_download() as info:
        table.get_by_role("link", name=re.compile(r"^Download your data asked for on ")).click()
    download = info.value
    assert re.fullmatch(r"your-data-\d{4}-\d\d-\d\d\.zip", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    with zipfile.ZipFile(saved) as archive:
        names = set(archive.namelist())
        areas = [area.area for area in selectors.areas()]
        assert names == {"summary.html", *(f"{area}.json" for area in areas)}
        account = json.loads(archive.read("account.json"))
        assert practitioner.email in json.dumps(account)
        for area in areas:
            json.loads(archive.read(f"{area}.json"))
    assert DataExport.objects.get(user=practitioner).status == DataExport.Status.READY


def test_erasing_your_own_account_without_javascript(page_without_javascript, practitioner):
    page = page_without_javascript
    login(page, practitioner)
    page.goto("/your-data/")
    page.get_by_role("link", name="Find out more and erase your account").click()
    assert path_of(page) == "/your-data/erase/"
    check_without_javascript(page)

    # Sent without the confirmation: the error is shown, and the choice made is kept.
    page.get_by_label("Delete what I wrote for others too").check()
    submit(page, "Erase my account")
    assert path_of(page) == "/your-data/erase/"
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    confirm_error = "Confirm that you understand your account will be erased for good"
    expect(summary.get_by_role("link", name=confirm_error)).to_be_visible()
    expect(page.get_by_label("Delete what I wrote for others too")).to_be_checked()
    assert not User.objects.get(pk=practitioner.pk).is_erased
    check_without_javascript(page)

    # Some minutes later, so the sign-in no longer counts as proof of who they are.
    with time_machine.travel(timedelta(minutes=6), tick=True):
        page.get_by_label(
            "I understand that my account will be erased and that this cannot be undone"
        ).check()
        submit(page, "Erase my account")
        assert path_of(page) == "/accounts/reauthenticate/"
        expect(page.locator("input[name=password]")).to_be_visible()
        assert not User.objects.get(pk=practitioner.pk).is_erased
        check_without_javascript(page)

        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("input[name=password]").press("Enter")

        assert path_of(page) == "/"
        expect(page.get_by_text(ERASED_MESSAGE)).to_be_visible()
        expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
        assert User.objects.get(pk=practitioner.pk).is_erased
        check_without_javascript(page)

        # The account can never be signed in to again.
        page.goto("/accounts/login/")
        page.locator("input[name=login]").fill("practitioner@example.com")
        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("input[name=password]").press("Enter")
        assert path_of(page) == "/accounts/login/"
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        check_without_javascript(page)
